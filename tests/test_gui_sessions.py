"""Sessions that last, in the window: save and load from the menu, undo after loading, what if
and the branches, the debrief's report and "how did others fare?", and what happens when
something fails (a full disk, a missing font, an error inside a screen)."""

from __future__ import annotations

import errno
import html.parser
import json
import time
from pathlib import Path

import pygame
import pytest
from guikit import button, click, open_app, overflowing, press, settle, texts

from game import faults, report, saves
from game.engine.branches import Branches
from game.engine.session import Session
from game.scenario.catalog import load_catalog
from game.ui.pygame import theme as theme_module
from game.ui.pygame.app import App
from game.ui.pygame.branch_table import BranchesScreen
from game.ui.pygame.ending import EndingScreen
from game.ui.pygame.history import HistoryScreen
from game.ui.pygame.load_screen import LoadScreen
from game.ui.pygame.menu import MenuScreen
from game.ui.pygame.others import OthersScreen
from game.ui.pygame.outcome import OutcomeScreen
from game.ui.pygame.report_screen import ReportScreen
from game.ui.pygame.save_screen import SaveScreen
from game.ui.pygame.title import TitleScreen
from game.ui.pygame.turn import TurnScreen

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def no_notices() -> object:
    """Each test starts and ends without notices (a fallen-back font, a failed save)."""
    faults.clear_notices()
    yield
    faults.clear_notices()
    faults.forget()


def begin(app: App) -> None:
    """From the title to the first turn: Begin, the scenario, the negotiator."""
    for _ in range(3):
        press(app, pygame.K_RETURN)
    assert isinstance(app.screen, TurnScreen)


def type_text(app: App, text: str) -> None:
    """Typing, as a keyboard delivers it: a key press, then the character it makes."""
    for char in text:
        key = ord(char.lower()) if char.isascii() and char.isalnum() else pygame.K_UNKNOWN
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    settle(app)


def to_the_end(app: App, key: int = pygame.K_1) -> None:
    """Play on (the first choice each turn, or `key`) until the debrief."""
    for _ in range(30):
        if isinstance(app.screen, EndingScreen):
            return
        press(app, key if isinstance(app.screen, TurnScreen) and app.screen.must_choose else pygame.K_RETURN)
    raise AssertionError(f"no ending: stuck on {app.screen.name}")


def test_a_named_save_round_trips_through_the_menu_and_undo_works_after_loading(data_dir: Path) -> None:
    app = open_app()
    begin(app)
    press(app, pygame.K_1)  # talk
    press(app, pygame.K_RETURN)  # to the history
    press(app, pygame.K_RETURN)  # to turn 2, on which the negotiator has no choice
    played = app.context.session
    assert played is not None and len(played.decisions) == 1

    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Save this game"))
    screen = app.screen
    assert isinstance(screen, SaveScreen)
    assert screen.entry.get_text() == "A Small Test, 5 March 1918"  # saves.default_name
    press(app, pygame.K_a, pygame.KMOD_CTRL)  # select the name offered...
    press(app, pygame.K_BACKSPACE)  # ...and type another (Backspace edits: it does not undo here)
    type_text(app, "Lesson 2 prep")  # P typed into the name is a letter, not projector mode
    press(app, pygame.K_RETURN)
    assert not app.theme.projector
    assert isinstance(app.screen, TurnScreen) and app.screen.session is played  # back to the game
    assert any("Saved as \u201cLesson 2 prep\u201d" in text for text in app.toasts.texts())
    assert (data_dir / "saves" / "lesson-2-prep.json").is_file()

    press(app, pygame.K_ESCAPE)  # a new game...
    click(app, button(app, "Back to the title"))
    click(app, button(app, "New game"))
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, TurnScreen) and not app.screen.session.decisions

    press(app, pygame.K_ESCAPE)  # ...then load the slot
    click(app, button(app, "Load a saved game"))
    screen = app.screen
    assert isinstance(screen, LoadScreen)
    assert "AUTOSAVE" in texts(app)  # the autosaves are listed, and marked
    slot = next(i for i, info in enumerate(screen.infos) if info.name == "Lesson 2 prep")
    press(app, pygame.K_1 + slot)
    press(app, pygame.K_RETURN)
    loaded = app.context.session
    assert isinstance(app.screen, TurnScreen) and loaded is not None
    assert (loaded.seed, loaded.roles, loaded.decisions) == (played.seed, played.roles, played.decisions)
    assert loaded.state == played.state
    assert any("Welcome back" in text for text in app.toasts.texts())

    press(app, pygame.K_BACKSPACE)  # undo, after loading
    assert isinstance(app.screen, TurnScreen) and app.screen.turn.id == "first"
    assert not app.screen.session.decisions


def test_saving_over_a_slot_warns_first(data_dir: Path) -> None:
    app = open_app()
    begin(app)
    for _ in range(2):
        press(app, pygame.K_ESCAPE)
        click(app, button(app, "Save this game"))
        press(app, pygame.K_RETURN)
    screen = app.screen
    assert isinstance(screen, SaveScreen), "the second save over the same name must ask first"
    assert "There is already a save called" in texts(app)
    click(app, button(app, "Replace it"))
    assert isinstance(app.screen, TurnScreen)
    assert any("replacing the save of that name" in text for text in app.toasts.texts())


def test_a_full_disk_gives_one_line_and_the_game_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saves, "write_atomic", full)
    monkeypatch.setattr(report, "write_atomic", full)
    app = open_app()
    begin(app)
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Save this game"))
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, SaveScreen)  # still there, saying why
    assert "No space left on device" in texts(app) and "The game goes on." in texts(app)
    press(app, pygame.K_ESCAPE)  # the field has the focus: Esc still leaves
    assert isinstance(app.screen, TurnScreen)
    press(app, pygame.K_1)
    assert isinstance(app.screen, OutcomeScreen)  # the game went on
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Write the report"))
    assert isinstance(app.screen, ReportScreen)  # reports are written the same way: also refused
    assert "Could not write the report" in texts(app)


def test_a_damaged_save_is_set_aside_and_said_in_one_line(data_dir: Path) -> None:
    folder = data_dir / "saves"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    app = open_app()
    click(app, button(app, "Load a saved game"))  # offered on the title once a save is there
    assert isinstance(app.screen, LoadScreen)
    assert "set aside" in texts(app) and "There are no saved games yet" in texts(app)
    assert not (folder / "broken.json").exists() and list(folder.glob("broken.damaged-*.json"))
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, TitleScreen)


def test_a_two_team_save_loads_and_its_teams_keep_their_names(data_dir: Path) -> None:
    catalog = load_catalog([DATA])
    session = Session.start(catalog.find("small"), 3, ["negotiator", "commander"])  # type: ignore[arg-type]
    played = session.decide(
        {"negotiator": "talk", "commander": "march"}, by={"negotiator": "Reds", "commander": "Blues"}
    )
    assert isinstance(played, Session)
    store = saves.SaveStore(data_dir / "saves")
    store.save_slot("Teams", saves.snapshot(Branches.start(played), catalog.fingerprint("small"), "Teams"))
    app = open_app()
    click(app, button(app, "Load a saved game"))
    assert "cannot play" not in texts(app)
    press(app, pygame.K_RETURN)
    screen = app.screen
    assert isinstance(screen, TurnScreen) and screen.session.roles == ("negotiator", "commander")
    assert screen.role == "commander"  # the second turn is the commanders' alone
    assert "BLUES (COMMANDERS), WHAT DO YOU CHOOSE?" in texts(app)  # the teams keep their names


def test_the_menu_undoes_and_goes_back_on_a_new_branch() -> None:
    app = open_app()
    begin(app)
    press(app, pygame.K_1)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MenuScreen)
    click(app, button(app, "Undo the last decision"))
    assert isinstance(app.screen, TurnScreen) and not app.screen.session.decisions
    assert len(app.stack) == 1  # the menu is gone too


def test_what_if_on_the_history_panel_keeps_both_branches_for_the_debrief(data_dir: Path) -> None:
    app = open_app()
    begin(app)
    press(app, pygame.K_1)  # talk, as history did
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, HistoryScreen)
    click(app, button(app, "What if?"))
    screen = app.screen
    assert isinstance(screen, TurnScreen) and screen.turn.id == "first" and not screen.session.decisions
    branches = app.context.branches
    assert (
        branches is not None and [b.name for b in branches.branches] == ["A", "B"] and branches.current == 1
    )
    assert "What if? Branch B goes back to turn 1" in (screen.note or "")

    kept = saves.load(data_dir / "saves" / "autosave.json", app.context.catalog)  # autosave keeps both
    assert isinstance(kept, saves.Loaded) and len(kept.branches.branches) == 2

    to_the_end(app)
    shown = texts(app)
    assert "Branch A: not finished" in shown and "Branch B (being played)" in shown
    click(app, button(app, "Branches side by side (2)"))
    assert isinstance(app.screen, BranchesScreen)
    shown = texts(app)
    assert "Play branch A" in shown and "Branch B (played)" in shown and "Talk." in shown
    click(app, button(app, "Play branch A"))
    assert isinstance(app.screen, TurnScreen) and app.context.branches.current == 0  # type: ignore[union-attr]
    assert app.screen.turn.id == "second" and "You are on branch A" in (app.screen.note or "")


class Tags(html.parser.HTMLParser):
    """Checks that every element opened is closed, in order (void elements aside)."""

    VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr", "source"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def test_the_report_button_writes_a_valid_html_file_and_the_teachers_edition(data_dir: Path) -> None:
    app = open_app()
    begin(app)
    to_the_end(app)
    click(app, button(app, "Write the report"))
    assert isinstance(app.screen, ReportScreen)
    written = list((data_dir / "reports").glob("small-*.html"))
    assert len(written) == 1 and str(written[0]) in texts(app)
    page = written[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "A Small Test" in page
    parser = Tags()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    click(app, button(app, "Also the teacher"))
    teacher = list((data_dir / "reports").glob("small-*-teacher.html"))
    assert len(teacher) == 1 and "teacher's edition was written" in texts(app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, EndingScreen)


def test_how_others_fared_draws_the_endings_with_yours_and_historys_marked() -> None:
    app = open_app()
    begin(app)
    to_the_end(app, pygame.K_1)
    ending = app.context.session.state.ending  # type: ignore[union-attr]
    click(app, button(app, "How did others fare?"))
    screen = app.screen
    assert isinstance(screen, OthersScreen)
    deadline = time.monotonic() + 30
    while screen.chart is None and time.monotonic() < deadline:  # the count runs in a thread
        time.sleep(0.02)
        settle(app, 1)
        screen = app.screen  # type: ignore[assignment]
    assert isinstance(screen, OthersScreen) and screen.chart is not None and screen.bars is not None
    assert sum(bar.count for bar in screen.bars) == 1000
    assert [bar.id for bar in screen.bars if bar.yours] == [ending]
    assert [bar.id for bar in screen.bars if bar.historical] == ["peace"]
    assert "of them ended as you did" in texts(app)
    accent = app.theme.colour("accent")  # your ending's bar is drawn in the accent colour
    width, height = screen.chart.get_size()
    assert any(
        screen.chart.get_at((x, y))[:3] == accent[:3] for x in range(0, width, 3) for y in range(0, height, 3)
    )


def test_a_missing_font_falls_back_to_pygames_own_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real = theme_module._read

    def missing_bold(mode: str) -> dict[str, object]:
        data = json.loads(json.dumps(real(mode)))
        data["game"]["fonts"]["bold"] = "fonts/missing-bold.ttf"
        return data

    monkeypatch.setattr(theme_module, "_read", missing_bold)
    app = open_app()
    note = "Could not load the font missing-bold.ttf"
    assert any(note in line for line in faults.notices())
    assert note in texts(app)  # on the title, quietly
    begin(app)  # the bold type (headings, buttons) is pygame's own, and the game plays
    press(app, pygame.K_1)
    assert isinstance(app.screen, OutcomeScreen)


def test_an_error_inside_a_screen_writes_a_crash_report_and_shows_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    def broken(self: object, ui: object) -> None:
        raise RuntimeError("a bug in the outcome screen")

    monkeypatch.setattr(OutcomeScreen, "layout", broken)
    app = open_app()
    begin(app)
    capsys.readouterr()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1", scancode=0))
    app.step()
    assert app.crash is not None and isinstance(app.failure, RuntimeError)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unexpected error (RuntimeError)" in err and "crash report was saved" in err
    reports = list((data_dir / "crashes").glob("crash-*.json"))
    assert len(reports) == 1
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    assert report["seed"] == 7 and report["scenario"] == "small" and report["front_end"] == "window"
    assert report["decisions"] == [
        {"turn": "first", "picks": {"negotiator": "talk"}, "by": {}, "votes": None}
    ]
    app.frame()  # the notice draws over the window

    monkeypatch.undo()
    app.failure = None
    press(app, pygame.K_RETURN)  # back to the title, where Continue takes up the autosave
    assert app.crash is None and isinstance(app.screen, TitleScreen)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, TurnScreen) and len(app.screen.session.decisions) == 1


def test_an_error_that_escapes_the_loop_still_gives_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.ui.pygame import app as app_module
    from game.ui.pygame.screen import Options

    def broken(self: object) -> int:
        raise KeyError("nowhere")

    monkeypatch.setattr(app_module.App, "run", broken)
    code = app_module.run(Options(scenarios=DATA, seed=7))
    err = capsys.readouterr().err
    assert code == faults.EXIT_CRASH
    assert err.count("\n") == 1 and "Traceback" not in err and "KeyError" in err


@pytest.mark.parametrize(
    ("size", "projector"),
    [((800, 450), False), ((800, 450), True), ((1280, 720), True), ((1920, 1080), False)],
    ids=["800x450", "800x450-projector", "1280x720-projector", "1920x1080"],
)
def test_the_session_screens_fit_the_window(size: tuple[int, int], projector: bool) -> None:
    """Every new screen, at the smallest window and in big type: nothing sticks out or is cut."""
    app = open_app(size, projector=projector)
    begin(app)
    press(app, pygame.K_1)
    for _ in range(5):  # on to the history (after the discussion screen, in projector type)
        if isinstance(app.screen, HistoryScreen):
            break
        press(app, pygame.K_RETURN)
    seen = []

    def check() -> None:
        assert not overflowing(app), f"{app.screen.name}: {overflowing(app)}"
        seen.append(app.screen.name)

    check()
    click(app, button(app, "What if?"))
    to_the_end(app)
    check()
    for label in ("What if?\u2026", "Branches side by side", "How did others fare?", "Write the report"):
        click(app, button(app, label))
        check()
        press(app, pygame.K_ESCAPE)
    if projector:
        click(app, button(app, "How things moved"))
        check()
        press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    check()  # the menu
    click(app, button(app, "Save this game"))
    check()
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Save this game"))
    press(app, pygame.K_RETURN)  # the warning before replacing
    check()
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Load a saved game"))
    check()
    assert {"ending", "what-if", "branches", "others", "report", "menu", "save", "load"} <= set(seen)


def test_load_and_save_on_the_command_line_work_in_the_window(data_dir: Path, tmp_path: Path) -> None:
    catalog = load_catalog([DATA])
    session = Session.start(catalog.find("small"), 3, ["negotiator"]).decide({"negotiator": "talk"})  # type: ignore[arg-type]
    assert isinstance(session, Session)
    saved = tmp_path / "lesson.json"
    saves.write_save(saved, saves.snapshot(Branches.start(session), catalog.fingerprint("small"), "Lesson"))
    kept = tmp_path / "kept.json"
    app = open_app(load_path=saved, save_path=kept)
    screen = app.screen
    assert isinstance(screen, TurnScreen) and screen.session.decisions == session.decisions  # where it stood
    press(app, pygame.K_1)
    again = saves.load(kept, catalog)
    assert isinstance(again, saves.Loaded) and len(again.session.decisions) == 2  # --save kept the new turn

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    app = open_app(load_path=broken)
    assert isinstance(app.screen, TitleScreen)  # the game goes on, and says why in one line
    assert any("broken.json" in text for text in app.toasts.texts())
    assert broken.exists()  # a file outside the saves folder is never moved
