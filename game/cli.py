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
from typing import TYPE_CHECKING

from game import __version__
from game.paths import SCENARIOS

if TYPE_CHECKING:
    from game.scenario.problems import Problem

# The roles, as in game.scenario.model.ROLES (a test keeps them equal), and the scenario
# modules imported where they are used: opening the window must not wait for pydantic.
ROLE_CHOICES = ("negotiator", "commander")


def play_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Turkestan Crossroads, 1918-1931. Other commands: validate, schema, report (add --help to each).",
    )
    parser.add_argument("--version", action="version", version=f"Turkestan Crossroads {__version__}")
    parser.add_argument("--text", action="store_true", help="play in the terminal instead of a window")
    parser.add_argument("--scenario", metavar="ID", help="start this scenario (e.g. bukhara-1918)")
    parser.add_argument("--role", choices=ROLE_CHOICES, help="play this role")
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
    window = parser.add_argument_group("the window")
    window.add_argument("--projector", action="store_true", help="large type, high contrast (F5 in the game)")
    window.add_argument("--fullscreen", action="store_true", help="start full screen (F11 in the game)")
    window.add_argument(
        "--size", type=_size, default=(1280, 720), metavar="WxH", help="window size (1280x720)"
    )
    window.add_argument(
        "--autoplay", choices=("historical", "random", "greedy"), help="let a policy play through the window"
    )
    window.add_argument("--screenshot-dir", type=Path, metavar="DIR", help="save a PNG of every screen shown")
    window.add_argument(
        "--exit-after-first-frame", action="store_true", help="draw the title once and exit (start-up timing)"
    )
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 1280x720, got {text!r}") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"{text} is too small for the game window")
    return width, height


def cmd_play(argv: Sequence[str]) -> int:
    args = play_parser().parse_args(argv)
    if args.text or args.load or args.save:  # saves are played in the terminal for now
        from game.scenario.catalog import load_catalog
        from game.ui import text

        catalog = load_catalog([args.scenarios])
        return text.run(
            catalog, args.scenario, args.role, args.seed, load_path=args.load, save_path=args.save
        )
    from game.ui.pygame.app import Options, run

    return run(
        Options(
            scenarios=args.scenarios,
            size=args.size,
            projector=args.projector,
            fullscreen=args.fullscreen,
            scenario_id=args.scenario,
            role=args.role,
            seed=args.seed,
            autoplay=args.autoplay,
            screenshot_dir=args.screenshot_dir,
            exit_after_first_frame=args.exit_after_first_frame,
        )
    )


def cmd_validate(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py validate",
        description="Check scenario files: every error and warning, as file:line:col.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: scenarios/)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")
    args = parser.parse_args(argv)
    from game.scenario.loader import ScenarioError, content_files

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
    from game.scenario.glossary import load_glossary
    from game.scenario.lint import lint
    from game.scenario.loader import GLOSSARY_FILE, TIMELINE_FILE, load_document
    from game.scenario.timeline import load_timeline

    if file.name == GLOSSARY_FILE:
        load_glossary(file)
        return []
    if file.name == TIMELINE_FILE:
        load_timeline(file)
        return []
    scenario, document = load_document(file)
    return lint(scenario, document)


def schema() -> dict[str, object]:
    from game.scenario.model import Scenario

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
