"""The command line: play, validate and schema.

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

# The roles, as in game.scenario.model.ROLES (a test keeps them equal): spelled out so that
# opening the window does not first load the scenario model (pydantic), which is slow.
ROLE_CHOICES = ("negotiator", "commander")


def play_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Turkestan Crossroads, 1918-1931. Other commands: validate, schema (add --help to each).",
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
    if args.text:
        from game.scenario.catalog import load_catalog
        from game.ui import text

        return text.run(load_catalog([args.scenarios]), args.scenario, args.role, args.seed)
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
        description="Check scenario files and report every problem as file:line:col.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: scenarios/)")
    args = parser.parse_args(argv)
    from game.scenario.loader import ScenarioError, load, scenario_files

    paths = args.paths or [SCENARIOS]
    missing = [path for path in paths if not path.exists()]
    if missing:
        print(f"validate: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    files = scenario_files(paths)
    if not files:
        print("validate: no scenario files (*.yaml) found", file=sys.stderr)
        return 2
    problems = 0
    for file in files:
        try:
            load(file)
        except ScenarioError as error:
            for problem in error.problems:
                print(problem)
            problems += len(error.problems)
    verdict = "no problems" if not problems else f"{problems} problem(s)"
    print(f"{len(files)} scenario file(s) checked: {verdict}.", file=sys.stderr)
    return 1 if problems else 0


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


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "play": cmd_play,
    "validate": cmd_validate,
    "schema": cmd_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_play(argv)


if __name__ == "__main__":
    sys.exit(main())
