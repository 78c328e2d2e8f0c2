"""The command line: play, validate, schema, report and replay (a crash report).

`python main.py` with no command plays; every other command is a word first:
`python main.py validate scenarios/`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from game import __version__, faults
from game.paths import SCENARIOS
from game.scenario.glossary import load_glossary
from game.scenario.lint import lint
from game.scenario.loader import GLOSSARY_FILE, TIMELINE_FILE, ScenarioError, content_files, load_document
from game.scenario.model import ROLES, Scenario
from game.scenario.problems import Problem
from game.scenario.timeline import load_timeline


def play_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Turkestan Crossroads, 1918-1931. "
        "Other commands: validate, schema, report, replay (add --help to each).",
    )
    parser.add_argument("--version", action="version", version=f"Turkestan Crossroads {__version__}")
    parser.add_argument("--text", action="store_true", help="play in the terminal instead of a window")
    parser.add_argument("--scenario", metavar="ID", help="start this scenario (e.g. bukhara-1918)")
    parser.add_argument("--role", choices=ROLES, help="play this role")
    parser.add_argument(
        "--seed", type=int, metavar="N", help="the game's random seed, to replay a game exactly"
    )
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help="where to find scenarios"
    )
    parser.add_argument("--load", metavar="PATH", type=Path, help="continue the game saved in this file")
    parser.add_argument(
        "--save", metavar="PATH", type=Path, help="also keep the game in this file, after every turn"
    )
    return parser


def cmd_play(argv: Sequence[str]) -> int:
    args = play_parser().parse_args(argv)
    from game.scenario.catalog import load_catalog
    from game.ui import text

    catalog = load_catalog([args.scenarios])
    return text.run(catalog, args.scenario, args.role, args.seed, load_path=args.load, save_path=args.save)


def cmd_validate(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py validate",
        description="Check scenario files: every error and warning, as file:line:col.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: scenarios/)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")
    args = parser.parse_args(argv)
    paths = args.paths or [SCENARIOS]
    missing = [path for path in paths if not path.exists()]
    if missing:
        print(f"validate: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    files = content_files(paths)
    if not files:
        print("validate: no scenario files (*.yaml) found", file=sys.stderr)
        return 2
    errors = warnings = 0
    for file in files:
        try:
            found = check_file(file)
        except ScenarioError as error:
            found, errors = list(error.problems), errors + len(error.problems)
        for problem in found:
            print(problem)
        warnings += sum(problem.severity == "warning" for problem in found)
    print(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s).", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def check_file(file: Path) -> list[Problem]:
    """Load one content file by its kind; return its warnings or raise ScenarioError."""
    if file.name == GLOSSARY_FILE:
        load_glossary(file)
        return []
    if file.name == TIMELINE_FILE:
        load_timeline(file)
        return []
    scenario, document = load_document(file)
    return lint(scenario, document)


def schema() -> dict[str, object]:
    document = Scenario.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Turkestan Crossroads scenario"
    return document


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def cmd_schema(argv: Sequence[str]) -> int:
    argparse.ArgumentParser(
        prog="python main.py schema", description="Print the scenario format's JSON Schema."
    ).parse_args(argv)
    sys.stdout.write(schema_text())
    return 0


def cmd_replay(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py replay",
        description="Replay the game a crash report describes, up to the failure, and say how to reach it.",
    )
    parser.add_argument("report", type=Path, help="a crash report (crash-*.json from the data folder)")
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help="where to find scenarios"
    )
    args = parser.parse_args(argv)
    try:
        report = faults.read_report(args.report)
        session, stopped = faults.replay_report(report, [args.scenarios])
    except (OSError, ValueError, KeyError, TypeError, LookupError) as error:
        print(f"replay: cannot replay {args.report}: {error}", file=sys.stderr)
        return 2
    print(f"{report.get('error')} ({report.get('version')}, {report.get('platform')})")
    replayed = len(session.decisions) if stopped is None else stopped
    print(f"Replayed {replayed} of {len(report.get('decisions', []))} decision(s) of {session.scenario.id}.")
    if stopped is not None:
        print(f"Decision {stopped + 1} no longer fits: the scenario has changed since the crash.")
    if len(session.roles) == 1:
        command = (
            f"python main.py --text --scenario {session.scenario.id} --role {session.roles[0]} "
            f"--seed {session.seed}"
        )
        lines = " ".join(faults.text_game_input(session))
        print(f"To reach the failure in the terminal game: {command}, then type: {lines}")
    return 0


def cmd_report(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py report",
        description="Write the report of a saved game for a handout: HTML or Markdown, by the extension.",
    )
    parser.add_argument("save", type=Path, help="a save file (e.g. from the saves folder, or --save)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="FILE.html or FILE.md (default: Markdown to the screen)",
    )
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help="where to find scenarios"
    )
    parser.add_argument("--teacher", action="store_true", help="add the scenario's notes for the teacher")
    args = parser.parse_args(argv)
    from game import report, saves
    from game.scenario.catalog import load_catalog

    if args.output is not None and report.report_format(args.output) is None:
        print(f"report: {args.output} must end in .html or .md", file=sys.stderr)
        return 2
    loaded = saves.load(args.save, load_catalog([args.scenarios]))
    if isinstance(loaded, saves.SaveProblem):
        print(f"report: {loaded.message}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(
            report.render(report.build(loaded.branches, loaded.notes, teacher=args.teacher), "md")
        )
        return 0
    try:
        report.write_report(args.output, loaded.branches, loaded.notes, teacher=args.teacher)
    except OSError as error:
        print(f"report: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"The report was written to {args.output}", file=sys.stderr)
    return 0


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "play": cmd_play,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "report": cmd_report,
    "replay": cmd_replay,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. No traceback ever reaches the player: an unexpected error
    is one line on stderr and a crash report in the data folder (game.faults)."""
    _forgiving_streams()
    return faults.guard(lambda: _dispatch(list(sys.argv[1:] if argv is None else argv)))


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_play(argv)


def _forgiving_streams() -> None:
    """Text that the console cannot show is escaped, and input that is not UTF-8 is
    replaced, instead of a UnicodeError: a Windows console in cp1252 meeting a
    Cyrillic name, a file name that is not UTF-8, or stray bytes piped in."""
    for stream, errors in (
        (sys.stdout, "backslashreplace"),
        (sys.stderr, "backslashreplace"),
        (sys.stdin, "replace"),
    ):
        # A stand-in without reconfigure (in tests), or a closed stream, is left as it is.
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
