"""The command line: play, validate, schema and report.

`python main.py` with no command plays; every other command is a word first:
`python main.py validate scenarios/`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from game import __version__
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
        description="Turkestan Crossroads, 1918-1931. Other commands: validate, schema, report (add --help to each).",
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
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_play(argv)


if __name__ == "__main__":
    sys.exit(main())
