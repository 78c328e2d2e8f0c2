"""When something goes wrong that is not the player's fault.

Three tools, for every front end:

- `guard(run)` runs a whole command. An unexpected exception becomes ONE plain
  line on stderr and a crash report (JSON) in the data folder, never a
  traceback in front of a class; the exit code is 70. `game.cli.main` uses it.
- `track(session)` tells the crash reporter which game is being played, so a
  report holds the scenario, seed, roles and decisions: enough to replay the
  game to the failure (`replay_report`). Call it whenever the session changes.
- `fallback(load, default, what)` loads something optional (a font, an image,
  a sound); if that fails it returns `default` and says so in one line, kept
  in `notices()` for the window to show.
- `attempt(action, what)` does something the game can live without, like
  writing a save: a read-only or full folder gives one line, and play goes on.

For the window (game/ui/pygame/), once it lands:

- wrap its main loop in `guard` (or call `report_crash(error)` from its own
  handler and show the line it returns in a dialog before closing);
- call `track(session)` after every decision, undo and rewind;
- write saves and autosaves through `attempt(lambda: ..., "save the game")`;
- load every font and image through `fallback(...)`, e.g.
  `font = fallback(lambda: pygame.font.Font(path, 28), lambda: pygame.font.Font(None, 28), "the title font")`,
  and show `notices()` somewhere quiet (a status line).

Writing a report never deletes or replaces a file: each goes to a new file
in `<data folder>/crashes/` (the system's temporary folder if that cannot be
written), so the autosave from before a crash is still there to load. If no
folder can be written at all, the game still stops with its one line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO, TypeVar

from game import __version__
from game.paths import data_dir

T = TypeVar("T")

EXIT_CRASH = 70  # EX_SOFTWARE: "an internal software error has been detected"
EXIT_INTERRUPTED = 130

# The one piece of global state: what the game on screen is, for the crash report.
_playing: dict[str, Any] = {}
_notices: list[str] = []


# --- what is being played ------------------------------------------------------------


def track(session: Any, *, scenario_file: str | Path | None = None, front_end: str | None = None) -> None:
    """Remember the session on screen (a game.engine.session.Session) for a crash report."""
    _playing["session"] = session
    if scenario_file is not None:
        _playing["scenario_file"] = Path(scenario_file).absolute()  # replayable from any folder
    if front_end is not None:
        _playing["front_end"] = front_end


def forget() -> None:
    """No game is being played any more (or a test is over)."""
    _playing.clear()


def _describe_session() -> dict[str, Any]:
    session = _playing.get("session")
    if session is None:
        return {"scenario": None}
    state = session.state
    current = session.scenario.turns[state.turn].id if state.turn is not None else None
    described: dict[str, Any] = {
        "scenario": session.scenario.id,
        "seed": session.seed,
        "roles": list(session.roles),
        "decisions": [decision_to_json(decision) for decision in session.decisions],
        "turn": current,
        "ending": state.ending,
        "values": dict(state.values),
    }
    file = _playing.get("scenario_file")
    if file is not None:
        described["scenario_file"] = str(file)
        described["scenario_sha256"] = _fingerprint(file)
    return described


def decision_to_json(decision: Any) -> dict[str, Any]:
    return {
        "turn": decision.turn,
        "picks": dict(decision.picks),
        "by": dict(decision.by),
        "votes": None if decision.votes is None else dict(decision.votes),
    }


def _fingerprint(file: Path) -> str | None:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return None


# --- crash reports --------------------------------------------------------------------------


def crash_report(error: BaseException) -> dict[str, Any]:
    """Everything needed to understand and replay a crash, as JSON-ready data."""
    report: dict[str, Any] = {
        "kind": "turkestan-crossroads crash report",
        "version": __version__,
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "argv": sys.argv[1:],
        "front_end": _playing.get("front_end"),
        "error": f"{type(error).__name__}: {error}",
        "traceback": traceback.format_exception(type(error), error, error.__traceback__),
    }
    try:
        report.update(_describe_session())
    except Exception as problem:  # noqa: BLE001 - the report must be written whatever the session holds
        report["session_error"] = repr(problem)
    return report


def crash_folders() -> list[Path]:
    """Where reports go, in order of preference."""
    folders = []
    with contextlib.suppress(Exception):  # a broken platform lookup must not stop the report
        folders.append(data_dir() / "crashes")
    folders.append(Path(tempfile.gettempdir()) / "turkestan-crossroads-crashes")
    return folders


def write_crash_report(error: BaseException) -> Path | None:
    """Write a crash report to a new file; its path, or None if nowhere could be written."""
    try:
        text = json.dumps(crash_report(error), indent=2, ensure_ascii=False, default=repr)
    except Exception:  # noqa: BLE001 - fall back to the bare traceback
        text = json.dumps({"version": __version__, "traceback": traceback.format_exc()})
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in crash_folders():
        path = _write_new(folder, f"crash-{stamp}-{os.getpid()}", text)
        if path is not None:
            return path
    return None


def _write_new(folder: Path, stem: str, text: str) -> Path | None:
    """Write `text` to a file in `folder` that did not exist before (never overwriting one)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    data = text.encode("utf-8")
    for number in range(100):
        path = folder / (f"{stem}.json" if number == 0 else f"{stem}-{number}.json")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            continue
        except OSError:
            return None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError:  # the disk is full: remove our own half-written file, nothing else
            _remove_quietly(path)
            return None
        return path
    return None


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def report_crash(error: BaseException) -> str:
    """Write a crash report and return the one line to show the player."""
    path = write_crash_report(error)
    what = type(error).__name__
    if path is None:
        return (
            f"Sorry: the game met an unexpected error ({what}) and has to stop. "
            "No crash report could be saved (the data folder cannot be written). "
            "Your saved games are untouched."
        )
    return (
        f"Sorry: the game met an unexpected error ({what}) and has to stop. "
        f"A crash report was saved to {path}; please send it to the game's makers. "
        "Your saved games are untouched."
    )


EXIT_MISSING_LIBRARY = 1


def guard(run: Callable[[], int], stderr: TextIO | None = None) -> int:
    """Run a command; turn any unexpected exception into one line and a crash report."""
    try:
        return run()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _say("Interrupted.", stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `python main.py validate | head`: the reader left, nothing to say
        _silence_stdout()
        return 1
    except ModuleNotFoundError as error:  # a library installed badly or not at all: say how to fix it
        _say(
            f"Turkestan Crossroads cannot start: {error}. Install what it needs with: pip install -e .",
            stderr,
        )
        return EXIT_MISSING_LIBRARY
    except BaseException as error:  # noqa: BLE001 - this is the last line of defence
        try:
            line = report_crash(error)
        except BaseException:  # noqa: BLE001 - even the report failed (no memory?): still one line
            line = f"Sorry: the game met an unexpected error ({type(error).__name__}) and has to stop."
        _say(line, stderr)
        return EXIT_CRASH


def _say(line: str, stderr: TextIO | None) -> None:
    with contextlib.suppress(Exception):  # stderr itself is gone: nothing more can be done
        print(line, file=stderr or sys.stderr, flush=True)


def _silence_stdout() -> None:
    # As the Python docs advise, point stdout at devnull so the interpreter's
    # final flush does not fail again on the closed pipe.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# --- optional things that may fail to load ------------------------------------------------


def fallback(load: Callable[[], T], default: T | Callable[[], T], what: str) -> T:
    """`load()`, or `default` (called, if it is a function) when loading fails; says which.

    For fonts, images and sounds: a missing or broken one must never stop a
    lesson. The notice ("Could not load the title font (No such file...); using
    a plain one instead.") goes to stderr and to `notices()`.
    """
    try:
        return load()
    except Exception as error:  # noqa: BLE001 - pygame.error, OSError, ValueError...: all mean "not loaded"
        notice(f"Could not load {what} ({_reason(error)}); using a plain one instead.")
        return default() if callable(default) else default


def attempt(action: Callable[[], object], what: str) -> bool:
    """Do something the game can live without (write a save, an autosave, a handout).

    If the disk says no (a read-only or full folder, a missing drive), say so
    in one line and go on: True if it worked. Errors that are not the disk's
    are bugs, and are left to `guard`.
    """
    try:
        action()
    except OSError as error:
        notice(f"Could not {what} ({_reason(error)}); the game goes on without it.")
        return False
    return True


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 100 else text[:97] + "..."


def notice(line: str) -> None:
    """Something went wrong but the game goes on: tell the player, once, in one line."""
    if line not in _notices:
        _notices.append(line)
        _say(line, None)


def notices() -> list[str]:
    """The notices so far, for the window to show."""
    return list(_notices)


def clear_notices() -> None:
    """Forget the notices (once the window has shown them, or between tests)."""
    _notices.clear()


# --- replaying a crash --------------------------------------------------------------------------


def read_report(path: str | Path) -> dict[str, Any]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a crash report")
    return data


def replay_report(report: dict[str, Any], scenario_folders: Iterable[str | Path]) -> tuple[Any, int | None]:
    """Rebuild the session a crash report describes, up to the failure.

    Returns (session, None) when every decision replayed, or the index of the
    first decision that no longer fits (the scenario changed since).
    Raises LookupError if the scenario cannot be found.
    """
    from game.engine.session import Decision, Session
    from game.scenario.catalog import load_catalog

    folders = list(scenario_folders)
    if report.get("scenario_file"):
        folders.insert(0, report["scenario_file"])
    catalog = load_catalog([folder for folder in folders if Path(folder).exists()])
    scenario = catalog.find(report.get("scenario") or "")
    if scenario is None:
        raise LookupError(f"scenario {report.get('scenario')!r} not found")
    decisions = [
        Decision(item["turn"], item["picks"], item.get("by") or {}, item.get("votes"))
        for item in report.get("decisions", [])
    ]
    return Session.replay(scenario, int(report["seed"]), report["roles"], decisions)


def text_game_input(session: Any) -> list[str]:
    """The lines to type into `python main.py --text` to take the session's decisions again.

    The terminal game asks the one player's role for a choice number on each
    turn where it has one; on the other turns it moves on by itself.
    """
    from game.engine.rules import options

    lines = []
    for index, decision in enumerate(session.decisions):
        state = session.states[index]
        for role, choice_id in decision.picks.items():
            offered = options(session.scenario, state, role)
            lines += [str(option.number) for option in offered if option.choice.id == choice_id]
    return lines
