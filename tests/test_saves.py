"""Saves: round trips, autosave, the changed-scenario replay, and every kind of damaged file."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import saves
from game.engine.branches import Branches
from game.engine.policies import random_choice
from game.engine.session import Session
from game.saves import Loaded, SaveProblem, SaveStore, load, snapshot, write_save
from game.scenario.catalog import Catalog, fingerprint, load_catalog
from game.scenario.model import Scenario
from tests.conftest import DATA

SMALL_TEXT = (DATA / "small.yaml").read_text(encoding="utf-8")
BOTH = ("negotiator", "commander")


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([DATA])


def played(scenario: Scenario, seed: int, choice_seed: int, roles=BOTH, turns: int = 99) -> Session:
    """A session played by chance, with team names and a class vote on every decision."""
    session = Session.start(scenario, seed, roles)
    rng = random.Random(choice_seed)
    while not session.state.finished and len(session.decisions) < turns:
        picks = {
            role: random_choice(scenario, session.state, role, rng) for role in session.roles_to_choose()
        }
        by = {role: f"team {role[0].upper()}" for role in picks}
        votes = {choice: rng.randrange(30) for choice in picks.values()} or None
        session = session.decide(picks, by, votes)
    return session


def save_to(path: Path, branches: Branches, catalog: Catalog) -> None:
    write_save(path, snapshot(branches, catalog.fingerprint(branches.session.scenario.id)))


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("choice_seed", range(8))
def test_a_saved_game_loads_to_the_identical_state(
    catalog: Catalog, tmp_path: Path, choice_seed: int
) -> None:
    small = catalog.find("small")
    session = played(small, 40 + choice_seed, choice_seed)
    path = tmp_path / "game.json"
    save_to(path, Branches.start(session), catalog)

    loaded = load(path, catalog)
    assert isinstance(loaded, Loaded), loaded
    assert loaded.session.states == session.states
    assert loaded.session.decisions == session.decisions  # who took each, and the votes, survive
    assert (loaded.changed, loaded.notes) == (False, ())


def test_the_file_holds_what_the_format_promises(catalog: Catalog, tmp_path: Path) -> None:
    small = catalog.find("small")
    session = played(small, 3, 1, roles=("commander",))
    path = tmp_path / "game.json"
    moment = dt.datetime(2025, 5, 12, 9, 30, tzinfo=dt.timezone.utc)
    write_save(path, snapshot(Branches.start(session), catalog.fingerprint("small"), "Lesson 1", moment))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == saves.FORMAT and data["game"] == "turkestan-crossroads"
    assert data["scenario"] == {
        "id": "small",
        "title": "A Small Test",
        "fingerprint": fingerprint((DATA / "small.yaml").read_bytes()),
    }
    assert data["seed"] == 3 and data["roles"] == ["commander"] and data["name"] == "Lesson 1"
    assert data["saved_at"].startswith("2025-05-12T09:30:00")
    assert [d["turn"] for d in data["decisions"]] == [record.turn for record in session.state.log]
    assert data["decisions"][0]["by"] == {"commander": "team C"}
    assert data["reached"]["ending"] == session.state.ending


def test_branches_survive_a_save(catalog: Catalog, tmp_path: Path) -> None:
    small = catalog.find("small")
    first = played(small, 5, 2)
    branches = Branches.start(first).what_if(0)
    branches = branches.update(branches.session.decide({"negotiator": "talk", "commander": "stay"}))
    branches = branches.switch(0).what_if(1)
    path = tmp_path / "game.json"
    save_to(path, branches, catalog)

    loaded = load(path, catalog)
    assert isinstance(loaded, Loaded)
    got = loaded.branches
    assert got.current == branches.current == 2
    assert [(b.name, b.parent, b.fork) for b in got.branches] == [
        (b.name, b.parent, b.fork) for b in branches.branches
    ]
    assert [b.session.states for b in got.branches] == [b.session.states for b in branches.branches]


def test_undo_works_right_after_loading(catalog: Catalog, tmp_path: Path) -> None:
    small = catalog.find("small")
    session = played(small, 8, 3)
    path = tmp_path / "game.json"
    save_to(path, Branches.start(session), catalog)
    loaded = load(path, catalog)
    assert isinstance(loaded, Loaded)
    assert loaded.session.undo().state == session.states[-2]
    assert loaded.session.rewind(0).state == session.states[0]


# --- the scenario file changed ---------------------------------------------------------------


def scenario_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir(exist_ok=True)
    (folder / "small.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_changed_scenario_that_still_fits_says_so(tmp_path: Path) -> None:
    folder = scenario_folder(tmp_path, SMALL_TEXT)
    before = load_catalog([folder])
    session = played(before.find("small"), 2, 2)
    path = tmp_path / "game.json"
    save_to(path, Branches.start(session), before)

    (folder / "small.yaml").write_text(SMALL_TEXT + "# a comment added by the author\n", encoding="utf-8")
    after = load_catalog([folder])
    assert after.fingerprint("small") != before.fingerprint("small")
    loaded = load(path, after)
    assert isinstance(loaded, Loaded)
    assert loaded.changed
    assert loaded.notes == (
        "The scenario \u201cA Small Test\u201d has changed since this game was saved; every decision still fits.",
    )
    assert loaded.session.states == session.states


def test_a_changed_scenario_replays_as_far_as_it_fits_and_says_where(tmp_path: Path) -> None:
    folder = scenario_folder(tmp_path, SMALL_TEXT)
    before = load_catalog([folder])
    session = Session.start(before.find("small"), 3, BOTH)
    session = session.decide({"negotiator": "talk", "commander": "march"}).decide({"commander": "attack"})
    path = tmp_path / "game.json"
    save_to(path, Branches.start(session), before)

    renamed = SMALL_TEXT.replace("{id: attack, text: Attack.", "{id: assault, text: Attack.")
    scenario_folder(tmp_path, renamed.replace("took: {commander: attack}", "took: {commander: assault}"))
    loaded = load(path, load_catalog([folder]))
    assert isinstance(loaded, Loaded)
    assert len(loaded.session.decisions) == 1
    assert loaded.session.state == session.states[1]
    assert loaded.notes[0].startswith(
        "The scenario \u201cA Small Test\u201d has changed since this game was saved."
    )
    assert loaded.notes[1] == (
        "Its decisions replay only up to turn 2 (5 March 1918): 1 of them still fit, "
        "and the game goes on from there."
    )
    assert path.exists()  # a changed scenario is not damage: the save stays where it is


# --- where saves live, and the autosave --------------------------------------------------------


def test_the_data_folder_follows_the_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert saves.data_dir() == data_dir
    assert SaveStore.default().folder == data_dir / "saves"
    monkeypatch.delenv(saves.ENVIRONMENT)
    assert saves.data_dir().name == "turkestan-crossroads"  # the platform's user data folder


def test_writing_leaves_no_temporary_file(catalog: Catalog, tmp_path: Path) -> None:
    session = played(catalog.find("small"), 1, 1)
    save_to(tmp_path / "a.json", Branches.start(session), catalog)
    save_to(tmp_path / "a.json", Branches.start(session.undo()), catalog)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_autosave_keeps_the_one_before(catalog: Catalog) -> None:
    store = SaveStore.default()
    session = Session.start(catalog.find("small"), 4, ["commander"])
    fp = catalog.fingerprint("small")
    steps = [session, session.decide({"commander": "march"})]
    steps.append(steps[-1].decide({"commander": "wait"}))
    for step in steps:
        store.autosave(snapshot(Branches.start(step), fp))
    newest = load(store.autosave_path, catalog)
    before = load(store.previous_path, catalog)
    assert isinstance(newest, Loaded) and isinstance(before, Loaded)
    assert newest.session.state == steps[2].state
    assert before.session.state == steps[1].state
    assert sorted(p.name for p in store.folder.iterdir()) == ["autosave.json", "autosave.previous.json"]


def test_continue_falls_back_to_the_previous_autosave_when_the_last_is_damaged(catalog: Catalog) -> None:
    store = SaveStore.default()
    session = Session.start(catalog.find("small"), 4, ["commander"]).decide({"commander": "march"})
    store.autosave(snapshot(Branches.start(session), catalog.fingerprint("small")))
    store.autosave(snapshot(Branches.start(session.undo()), catalog.fingerprint("small")))
    store.autosave_path.write_text('{"version": 1, "game": "turkestan-cross', encoding="utf-8")

    resumed, problems = store.resume(catalog)
    assert resumed is not None and resumed.session.state == session.state
    assert len(problems) == 1 and "autosave.json is cut short" in problems[0].message
    assert any(".damaged-" in p.name for p in store.folder.iterdir())


def test_no_autosave_means_nothing_to_continue(catalog: Catalog) -> None:
    assert SaveStore.default().resume(catalog) == (None, [])


def test_named_slots_are_listed_newest_first(catalog: Catalog) -> None:
    store = SaveStore.default()
    small = catalog.find("small")
    fp = catalog.fingerprint("small")
    old = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    new = dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)
    start = Session.start(small, 1, ["commander"])
    store.save_slot("Lesson 1 (9B)", snapshot(Branches.start(start), fp, now=old))
    store.save_slot("Урок 2", snapshot(Branches.start(start.decide({"commander": "stay"})), fp, now=new))
    infos, problems = store.entries()
    assert problems == []
    assert [info.name for info in infos] == ["Урок 2", "Lesson 1 (9B)"]
    assert [info.label for info in infos] == ["A Small Test, 6 March 1918", "A Small Test, 1 March 1918"]
    assert infos[1].path.name == "lesson-1-9b.json"
    assert infos[0].saved.endswith(
        dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc).astimezone().strftime("%H:%M")
    )


def test_slot_names_never_collide_with_the_autosave_or_each_other() -> None:
    assert saves.slot_file_stem("Autosave") != "autosave"
    assert saves.slot_file_stem("Урок 2") != saves.slot_file_stem("Дарс 2")
    assert saves.slot_file_stem("../../etc/passwd") == "etc-passwd"
    assert saves.slot_file_stem("   ") == "save"


def test_a_save_that_cannot_be_written_says_why(catalog: Catalog, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    session = Session.start(catalog.find("small"), 1, ["commander"])
    with pytest.raises(saves.SaveError, match="Could not save to .*not-a-folder"):
        write_save(blocker / "game.json", snapshot(Branches.start(session), ""))
    with pytest.raises(saves.SaveError, match="Could not autosave"):
        SaveStore(blocker / "saves").autosave(snapshot(Branches.start(session), ""))


def test_sweep_removes_only_old_temporary_files(tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    stale, fresh, kept = tmp_path / ".autosave.json.x1.tmp", tmp_path / ".a.json.x2.tmp", tmp_path / "a.json"
    for path in (stale, fresh, kept):
        path.write_text("{}")
    old = dt.datetime.now().timestamp() - 3600
    import os

    os.utime(stale, (old, old))
    assert store.sweep() == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.json.x2.tmp", "a.json"]


# --- damaged and foreign files -----------------------------------------------------------------


def good_save(catalog: Catalog) -> dict:
    session = played(catalog.find("small"), 6, 6)
    return json.loads(saves.encode(snapshot(Branches.start(session), catalog.fingerprint("small"))))


def edit(change):
    def make(catalog: Catalog) -> bytes:
        data = good_save(catalog)
        change(data)
        return json.dumps(data).encode()

    return make


def _set(key, value):
    return edit(lambda d: d.__setitem__(key, value))


def _bad_pick(data: dict) -> None:
    data["decisions"][0]["picks"]["negotiator"] = "surrender"


def _extra_decision(data: dict) -> None:
    data["decisions"].append({"turn": "first", "picks": {"negotiator": "talk", "commander": "march"}})


DAMAGED = {
    "empty": (lambda c: b"", "is empty"),
    "truncated": (lambda c: saves.encode(saves.SaveV1.model_validate(good_save(c)))[:150], "is cut short"),
    "binary": (lambda c: bytes(range(256)) * 4, "is not a save file (it is not text)"),
    "corrupted": (
        lambda c: json.dumps(good_save(c)).replace(":", ";", 3).encode(),
        "is damaged (not valid JSON at line 1",
    ),
    "a list": (lambda c: b"[1, 2, 3]", "is not a Turkestan Crossroads save"),
    "foreign json": (
        lambda c: b'{"name": "my-package", "version": "1.0.0"}',
        "is not a Turkestan Crossroads save",
    ),
    "no version": (edit(lambda d: d.pop("version")), "has no save format version"),
    "version as text": (_set("version", "1"), "has no save format version"),
    "future version": (
        _set("version", 7),
        "was written by a newer version of the game (save format 7; this one reads 1)",
    ),
    "version zero": (_set("version", 0), "has an unknown save format version (0)"),
    "missing seed": (edit(lambda d: d.pop("seed")), "is damaged (seed: field required)"),
    "seed as text": (_set("seed", "forty"), "is damaged (seed: input should be a valid integer"),
    "unknown key": (_set("cheat", True), "is damaged (cheat: extra inputs are not permitted)"),
    "role twice": (
        _set("roles", ["commander", "commander"]),
        "is damaged (value error, a role is listed twice)",
    ),
    "unknown role": (
        _set("roles", ["emir"]),
        "is damaged (roles[0]: input should be 'negotiator' or 'commander')",
    ),
    "huge number": (
        lambda c: b'{"game": "turkestan-crossroads", "version": ' + b"9" * 5000 + b"}",
        "holds values no save has",
    ),
    "deep nesting": (lambda c: b"[" * 100_000 + b"]" * 100_000, "holds values no save has"),
    "unknown scenario": (
        edit(lambda d: d["scenario"].update(id="khiva-1920")),
        "is a game of the scenario 'khiva-1920', which this game does not have",
    ),
    "decision that does not fit": (
        edit(_bad_pick),
        "is damaged (decision 1, on turn 'first', does not fit the scenario)",
    ),
    "one decision too many": (edit(_extra_decision), "does not fit the scenario"),
}


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_damaged_save_is_reported_in_one_line_and_kept_aside(catalog: Catalog, kind: str) -> None:
    make, expected = DAMAGED[kind]
    store = SaveStore.default()
    session = played(catalog.find("small"), 1, 1)
    other = store.save_slot("Good game", snapshot(Branches.start(session), catalog.fingerprint("small")))
    other_bytes, other_time = other.read_bytes(), other.stat().st_mtime_ns
    bad = store.folder / "lesson.json"
    content = make(catalog)
    bad.write_bytes(content)

    result = load(bad, catalog)
    assert isinstance(result, SaveProblem)
    message = result.message
    assert expected in message
    assert message.startswith(f"The save {bad} ")
    assert "\n" not in message and "Traceback" not in message
    assert not bad.exists()
    kept = [p for p in store.folder.iterdir() if p.name.startswith("lesson.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert kept[0].name in message
    assert other.read_bytes() == other_bytes and other.stat().st_mtime_ns == other_time
    assert isinstance(load(other, catalog), Loaded)


def test_a_save_cut_off_anywhere_is_recognised_as_cut_short(catalog: Catalog, tmp_path: Path) -> None:
    raw = saves.encode(saves.SaveV1.model_validate(good_save(catalog)))
    path = tmp_path / "cut.json"
    end = len(raw.rstrip()) - 1
    cuts = {*range(1, 60), *range(60, end - 60, 7), *range(max(end - 60, 1), end)}  # every kind of place
    for length in sorted(cuts):
        path.write_bytes(raw[:length])
        result = saves.read_save(path)
        assert isinstance(result, SaveProblem), length
        assert result.reason.startswith("is cut short"), (length, result.reason)


def test_listing_sets_damaged_saves_aside_and_shows_the_rest(catalog: Catalog) -> None:
    store = SaveStore.default()
    session = played(catalog.find("small"), 1, 1)
    store.save_slot("Good", snapshot(Branches.start(session), catalog.fingerprint("small")))
    (store.folder / "broken.json").write_text("{", encoding="utf-8")
    infos, problems = store.entries()
    assert [info.name for info in infos] == ["Good"]
    assert len(problems) == 1 and "broken.json is cut short" in problems[0].message
    assert store.entries() == (infos, [])  # set aside once, not reported again


def test_a_damaged_file_outside_the_saves_folder_is_reported_but_not_moved(
    catalog: Catalog, tmp_path: Path
) -> None:
    mine = tmp_path / "package.json"
    mine.write_text('{"name": "x"}', encoding="utf-8")
    result = load(mine, catalog)
    assert isinstance(result, SaveProblem) and result.kept_as is None
    assert result.message == f"The save {mine} is not a Turkestan Crossroads save."
    assert mine.exists()


def test_a_missing_file_is_a_message(catalog: Catalog, tmp_path: Path) -> None:
    result = load(tmp_path / "nowhere.json", catalog)
    assert isinstance(result, SaveProblem)
    assert result.message == f"The save {tmp_path / 'nowhere.json'} does not exist."


def test_set_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    moment = dt.datetime(2025, 1, 2, 3, 4, 5)
    names = []
    for content in ("one", "two"):
        path = tmp_path / "x.json"
        path.write_text(content)
        names.append(saves.set_aside(path, moment).name)
    assert names == ["x.damaged-20250102-030405.json", "x.damaged-20250102-030405-2.json"]
    assert (tmp_path / names[0]).read_text() == "one"


def test_a_save_whose_scenario_file_is_broken_is_not_called_damaged(tmp_path: Path) -> None:
    folder = scenario_folder(tmp_path, SMALL_TEXT)
    good = load_catalog([folder])
    store = SaveStore.default()
    store.autosave(snapshot(Branches.start(played(good.find("small"), 1, 1)), good.fingerprint("small")))
    (folder / "small.yaml").write_text(SMALL_TEXT.replace("title: First", "titel: First"), encoding="utf-8")
    broken = load_catalog([folder])
    assert broken.errors

    result = load(store.autosave_path, broken)
    assert isinstance(result, SaveProblem) and result.kept_as is None
    assert result.message == (
        f"The save {store.autosave_path} is a game of the scenario 'small', whose file has errors "
        "(run 'python main.py validate' to see them)."
    )
    assert store.autosave_path.exists()
    scenario_folder(tmp_path, SMALL_TEXT)  # the author fixes the file, and the game loads again
    assert isinstance(load(store.autosave_path, load_catalog([folder])), Loaded)


# --- whatever the file holds, loading answers with a game or a message -------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_give_a_message_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.json"
    path.write_bytes(raw)
    result = saves.read_save(path)
    assert isinstance(result, SaveProblem) and "\n" not in result.message


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_hand_edited_save_loads_or_gives_a_message(tmp_path_factory: pytest.TempPathFactory, data) -> None:
    catalog = load_catalog([DATA])
    save = good_save(catalog)
    target = data.draw(
        st.sampled_from(
            ["version", "seed", "roles", "decisions", "scenario", "branch", "reached", "position"]
        )
    )
    if target == "decisions" and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(save["decisions"]) - 1))
        key = data.draw(st.sampled_from(["turn", "picks", "by", "votes"]))
        save["decisions"][index][key] = data.draw(JSON)
    else:
        save[target] = data.draw(JSON)
    path = tmp_path_factory.mktemp("fuzz") / "x.json"
    path.write_text(json.dumps(save), encoding="utf-8")
    result = load(path, catalog)
    assert isinstance(result, (Loaded, SaveProblem))
    if isinstance(result, SaveProblem):
        assert "\n" not in result.message and result.message.startswith(f"The save {path} ")
