"""The terminal game keeps its games: save, quit, continue, undo after loading, what if, report,
and damaged saves that never stop the game."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from game.saves import SaveStore
from game.scenario.catalog import load_catalog
from game.ui import text
from tests.conftest import DATA
from tests.test_report import parse
from tests.test_text_ui import play_piped, scripted

SMALL = ("--scenarios", str(DATA))


def play_here(lines: list, **options) -> str:
    """Play in this process with a fake keyboard; returns the transcript, prompts included.

    An answer may be a function of the transcript so far, to pick from a menu by its label.
    """
    out = io.StringIO()
    answers = scripted(lines)

    def read(prompt: str) -> str:
        out.write(prompt)
        answer = answers(prompt)
        return answer(out.getvalue()) if callable(answer) else answer

    terminal = text.Terminal(read, out, pauses=False, width=100)
    assert text.run(load_catalog([DATA]), terminal=terminal, **options) == 0
    return out.getvalue()


def flat(out: str) -> str:
    """The transcript with its line wrapping undone, to find a long message whole."""
    return " ".join(out.split())


def menu_number(out: str, label: str) -> str:
    """The number a menu printed in front of `label`."""
    match = re.search(rf"^\s+(\d+)\. .*{re.escape(label)}", out, re.MULTILINE)
    assert match, f"{label!r} is not in the menu:\n{out}"
    return match.group(1)


def test_save_quit_continue_and_undo_right_after_loading(data_dir: Path) -> None:
    first = play_piped(
        ["1", "s", "Lesson one", "q"], *SMALL, "--scenario", "small", "--role", "negotiator", "--seed", "3"
    )
    assert first.returncode == 0, first.stderr
    slot = data_dir / "saves" / "lesson-one.json"
    assert f"Saved as \u201cLesson one\u201d: {slot}" in flat(first.stdout)
    assert "Your game is kept: choose Continue next time." in first.stdout
    assert json.loads(slot.read_text(encoding="utf-8"))["decisions"][0]["picks"] == {"negotiator": "talk"}

    second = play_piped(["1", "u", "1", "q"], *SMALL)
    out = second.stdout
    assert second.returncode == 0 and second.stderr == ""
    assert "  1. Continue A Small Test, 6 March 1918\n  2. New game\n  3. Load a saved game" in out
    assert "Welcome back: A Small Test, 6 March 1918." in out
    after_undo = out.split("You take back your last decision.")[1]
    assert "Turn 1 \u00b7 1 March 1918" in after_undo  # back past the turn that played itself
    assert "Turn 3 \u00b7 6 March 1918" in after_undo.split("Your choice")[1]  # and forward again


def test_load_a_named_save_from_the_first_menu(data_dir: Path) -> None:
    play_piped(
        ["1", "s", "Before the march", "q"],
        *SMALL,
        "--scenario",
        "small",
        "--role",
        "commander",
        "--seed",
        "1",
    )
    listing = play_piped(["3", "q"], *SMALL).stdout
    number = menu_number(listing, "Before the march")
    loaded = play_piped(["3", number, "q"], *SMALL).stdout
    assert "Welcome back: A Small Test, 5 March 1918." in loaded
    assert "Before the march \u2014 A Small Test, 5 March 1918 (saved " in loaded


def test_save_and_load_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "class 9b.json"
    played = play_piped(
        ["1", "1", "q"],
        *SMALL,
        "--scenario",
        "small",
        "--role",
        "negotiator",
        "--seed",
        "3",
        "--save",
        str(path),
    )
    assert played.returncode == 0 and "THE END: PEACE" in played.stdout
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["reached"]["ending"] == "peace" and len(saved["decisions"]) == 3

    again = play_piped(["u", "2", "q"], *SMALL, "--load", str(path))
    out = again.stdout
    assert "Welcome back: A Small Test, ended: Peace." in out
    assert out.index("THE END: PEACE") < out.index("You take back your last decision.")
    assert "Your choice (h for help): 2" in out  # refused to sign this time
    assert path.exists()


def test_what_if_keeps_both_branches_and_the_debrief_sets_them_side_by_side(data_dir: Path) -> None:
    out = play_here(["1", "2", "w", "1", "2", "q"], scenario_id="small", role="commander", seed=3)
    assert "THE END: ROUT" in out and "THE END: PEACE" in out
    assert "What if? Branch B goes back to turn 1, 1 March 1918. Branch A is kept as it was" in out
    table = out.split("What if? The branches side by side")[-1]
    rows = [line.split() for line in table.splitlines()]
    assert ["Turn", "A", "B*"] in rows
    assert ["1.", "1", "Mar", "1918,", "First", "=", "\u2260"] in rows
    assert ["2.", "5", "Mar", "1918,", "Second", "\u2260", "\u2014"] in rows
    assert ("1. 1 March 1918, First\n      History: March.\n    = A: March.\n    \u2260 B*: Stay.\n") in table
    assert "2. 5 March 1918, Second" not in table  # only one branch got there: nothing to compare
    assert "Endings:\n    History: Peace\n    A: Rout\n    B*: Peace" in table

    saved = json.loads((data_dir / "saves" / "autosave.json").read_text(encoding="utf-8"))
    assert saved["branch"]["name"] == "B" and [b["name"] for b in saved["other_branches"]] == ["A"]
    resumed = play_here(["1", "b", "a", "q"])
    assert "Continue A Small Test, ended: Peace" in resumed
    assert "You are on branch A: A Small Test, ended: Rout." in resumed


def test_the_menu_offers_undo_save_and_what_if(data_dir: Path) -> None:
    out = play_here(["1", "m", "2", "m", "4", "", "h", "q"], scenario_id="small", role="commander", seed=3)
    assert "Undo the last decision" in out and "What if? Go back to an earlier turn" in out
    assert "You take back your last decision." in out
    assert "Saved as \u201cA Small Test, 1 March 1918\u201d:" in out
    assert "u = undo the last decision, w = what if" in out


def test_undo_with_nothing_to_undo_says_so(data_dir: Path) -> None:
    out = play_here(["u", "w", "q"], scenario_id="small", role="commander", seed=3)
    assert "There is nothing to undo yet." in out
    assert "There is no earlier choice to go back to yet." in out


def test_the_report_is_written_from_the_terminal(data_dir: Path) -> None:
    out = play_here(["1", "2", "r", "q"], scenario_id="small", role="commander", seed=3)
    match = re.search(r"The report was written to (\S+\.html)", out)
    assert match, out
    written = Path(match.group(1))
    assert written.parent == data_dir / "reports"
    document = written.read_text(encoding="utf-8")
    assert parse(document).errors == [] and "The end: Rout" in document


def test_a_damaged_autosave_is_set_aside_and_the_game_goes_on(data_dir: Path) -> None:
    folder = data_dir / "saves"
    folder.mkdir()
    (folder / "autosave.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "keep.json").write_text("{}", encoding="utf-8")
    result = play_piped(["1", "2", "1", "q"], *SMALL)
    out = result.stdout
    assert result.returncode == 0 and result.stderr == ""
    assert (
        f"The save {folder / 'autosave.json'} is not a save file (it is not text); "
        "it was set aside as autosave.damaged-"
    ) in flat(out)
    assert "keep.json is not a Turkestan Crossroads save" in flat(out)  # found while listing, also kept aside
    assert "Which scenario?" in out and "Turn 1 \u00b7" in out
    names = sorted(p.name.split(".damaged-")[0] for p in folder.iterdir() if ".damaged-" in p.name)
    assert names == ["autosave", "keep"]


def test_a_bad_file_given_with_load_is_reported_and_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"lesson": 3}', encoding="utf-8")
    result = play_piped(["q"], *SMALL, "--load", str(bad))
    assert result.returncode == 0 and result.stderr == ""
    assert f"The save {bad} is not a Turkestan Crossroads save." in flat(result.stdout)
    assert bad.read_text(encoding="utf-8") == '{"lesson": 3}'


def test_a_changed_scenario_is_told_on_continue(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    source = (DATA / "small.yaml").read_text(encoding="utf-8")
    (folder / "small.yaml").write_text(source, encoding="utf-8")
    play_piped(
        ["1", "2", "q"],
        "--scenarios",
        str(folder),
        "--scenario",
        "small",
        "--role",
        "commander",
        "--seed",
        "3",
    )
    changed = source.replace("{id: wait, text: Wait.", "{id: hold, text: Hold.")
    (folder / "small.yaml").write_text(changed, encoding="utf-8")
    out = flat(play_piped(["1", "q"], "--scenarios", str(folder)).stdout)
    assert "The scenario \u201cA Small Test\u201d has changed since this game was saved." in out
    assert "Its decisions replay only up to turn 2 (5 March 1918): 1 of them still fit" in out
    assert "Turn 2 \u00b7 5 March 1918" in out.split("Welcome back")[1]


def test_autosave_after_every_turn_keeps_the_one_before(data_dir: Path) -> None:
    store = SaveStore(data_dir / "saves")
    play_here(["q"], scenario_id="small", role="commander", seed=3)
    assert not store.autosave_path.exists()  # opening a game and leaving writes nothing
    play_here(["1", "2"], scenario_id="small", role="commander", seed=3)
    newest = json.loads(store.autosave_path.read_text(encoding="utf-8"))
    before = json.loads(store.previous_path.read_text(encoding="utf-8"))
    assert len(newest["decisions"]) == 2 and len(before["decisions"]) == 1
    assert newest["reached"]["ending"] == "rout"


def test_load_during_a_game_switches_to_the_saved_one(data_dir: Path) -> None:
    play_here(["1", "s", "After the march", "q"], scenario_id="small", role="commander", seed=3)
    pick = lambda out: menu_number(out.split("Saved games")[-1], "After the march")  # noqa: E731
    out = play_here(["2", "l", "", "l", pick, "q"], scenario_id="small", role="commander", seed=3)
    assert "THE END: PEACE" in out  # the game at hand had ended...
    assert out.count("Which save? (1-3, Enter = cancel)") == 2
    assert "Welcome back: A Small Test, 5 March 1918." in out  # ...and the saved one goes on
    assert "Turn 2 \u00b7 5 March 1918" in out.split("Welcome back")[1]
    assert out.rstrip().endswith("You leave the game. Goodbye.")


def test_two_teams_at_one_screen_each_choose(tmp_path: Path) -> None:
    from game.engine.branches import Branches
    from game.engine.session import Session
    from game.saves import snapshot, write_save

    catalog = load_catalog([DATA])
    path = tmp_path / "hotseat.json"
    session = Session.start(catalog.find("small"), 2, ["negotiator", "commander"])
    write_save(path, snapshot(Branches.start(session), catalog.fingerprint("small")))
    out = play_here(["1", "1", "q"], load_path=path)
    assert "The negotiator: You wait.\n\nThe commander: You command." in out
    assert "What does the negotiator do?" in out and "What does the commander do?" in out
    assert "Verdict for the negotiator: As in history: Talk." in out
