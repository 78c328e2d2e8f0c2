"""A game killed while saving never loses its last good save.

A writer process saves over and over (the autosave, with its previous copy,
and a named slot); it is killed with SIGKILL at random moments, many times.
After every kill the game must still load a save, and it must be the last one
the writer finished or the one it was writing.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from game.engine.branches import Branches
from game.engine.session import Session
from game.saves import Loaded, SaveStore, load, snapshot
from game.scenario.catalog import Catalog, load_catalog
from tests.conftest import DATA

ROUNDS = 80

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def game_number(number: int, catalog: Catalog) -> Branches:
    """The n-th game the writer saves: its seed is n, and its length varies so file sizes do too."""
    session = Session.start(catalog.find("small"), number, ["commander"])
    if number % 2:
        session = session.decide({"commander": "march"})
    return Branches.start(session)


def writer(folder: str, finished) -> None:  # runs in the child process until it is killed
    catalog = load_catalog([DATA])
    store = SaveStore(Path(folder))
    fingerprint = catalog.fingerprint("small")
    number = finished.value
    while True:
        number += 1
        save = snapshot(game_number(number, catalog), fingerprint)
        store.autosave(save)
        store.save_slot("Lesson", save)
        finished.value = number  # both files are complete and renamed into place


def test_the_last_good_save_survives_sigkill_at_any_moment(tmp_path: Path) -> None:
    catalog = load_catalog([DATA])
    store = SaveStore(tmp_path / "saves")
    context = multiprocessing.get_context("fork")
    finished = context.Value("q", 0, lock=False)
    rng = random.Random(1918)
    torn = 0  # kills that landed in the middle of writing a file
    for _ in range(ROUNDS):
        process = context.Process(target=writer, args=(str(store.folder), finished))
        process.start()
        time.sleep(rng.uniform(0.002, 0.06) if finished.value else 0.3)
        os.kill(process.pid, signal.SIGKILL)
        process.join(5)
        assert process.exitcode == -signal.SIGKILL
        confirmed = finished.value
        assert confirmed > 0, "the writer never finished a save"

        resumed, problems = store.resume(catalog)
        assert problems == [], [p.message for p in problems]
        assert resumed is not None
        assert confirmed <= resumed.session.seed <= confirmed + 1
        assert resumed.session.state == game_number(resumed.session.seed, catalog).session.state

        slot = load(store.slot_path("Lesson"), catalog)
        assert isinstance(slot, Loaded), slot
        assert confirmed <= slot.session.seed <= confirmed + 1

        leftovers = [p for p in store.folder.iterdir() if p.name.endswith(".tmp")]
        torn += bool(leftovers)
        for path in leftovers:  # what sweep() does on the next start, once they are old
            path.unlink()

    infos, problems = store.entries()
    assert problems == []
    names = {
        info.path.name for info in infos
    }  # a kill between the autosave's two renames leaves only the previous
    assert names in (
        {"autosave.json", "autosave.previous.json", "lesson.json"},
        {"autosave.previous.json", "lesson.json"},
    )
    assert torn > 0, "no kill landed while a file was being written; the test proved nothing"
