"""The command line: play, validate, schema, report, simulate, replay (a crash report), timeline,
glossary and settings.

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
from typing import TYPE_CHECKING

from game import __version__, faults, i18n
from game.i18n import LANGUAGES, _
from game.paths import SCENARIOS
from game.storage import saved_language

if TYPE_CHECKING:
    from game.scenario.model import Scenario
    from game.scenario.problems import Problem
    from game.scenario.yamlread import Document

# The roles, as in game.scenario.model.ROLES (a test keeps them equal). The scenario modules
# are imported where they are used: opening the window must not wait for pydantic.
ROLE_CHOICES = ("negotiator", "commander")


def play_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=_(
            "Turkestan Crossroads, 1918-1931. Other commands: validate, schema, report, simulate, replay, "
            "timeline, glossary, settings (add --help to each)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"Turkestan Crossroads {__version__}")
    parser.add_argument("--text", action="store_true", help=_("play in the terminal instead of a window"))
    parser.add_argument("--scenario", metavar="ID", help=_("start this scenario (e.g. bukhara-1918)"))
    parser.add_argument("--role", choices=ROLE_CHOICES, help=_("play this role"))
    parser.add_argument(
        "--seed", type=int, metavar="N", help=_("the game's random seed, to replay a game exactly")
    )
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help=_("where to find scenarios")
    )
    parser.add_argument("--load", metavar="PATH", type=Path, help=_("continue the game saved in this file"))
    parser.add_argument(
        "--save", metavar="PATH", type=Path, help=_("also keep the game in this file, after every turn")
    )
    classroom = parser.add_argument_group(_("classroom"))
    classroom.add_argument(
        "--teams", action="store_true", help=_("two teams at one screen: one negotiates, the other commands")
    )
    classroom.add_argument(
        "--team-names",
        nargs=2,
        metavar=("NEGOTIATORS", "COMMANDERS"),
        help=_('the two teams\' names, e.g. --team-names "9B Reds" "9B Blues"'),
    )
    vote = classroom.add_mutually_exclusive_group()
    vote.add_argument(
        "--vote",
        action="store_true",
        default=None,
        help=_("the class votes on every decision; you type the hands"),
    )
    vote.add_argument("--no-vote", dest="vote", action="store_false", help=_("no class vote this time"))
    classroom.add_argument(
        "--presenter",
        action="store_true",
        help=_(
            "the teacher's notes in a window of their own (in the terminal: before every turn), "
            "for the teacher's own screen"
        ),
    )
    classroom.add_argument("--lang", choices=list(LANGUAGES), help=_("the language of the interface"))
    window = parser.add_argument_group(_("the window"))
    window.add_argument(
        "--projector", action="store_true", help=_("large type, high contrast (F5 in the game)")
    )
    window.add_argument("--fullscreen", action="store_true", help=_("start full screen (F11 in the game)"))
    window.add_argument(
        "--size", type=_size, default=(1280, 720), metavar="WxH", help=_("window size (1280x720)")
    )
    window.add_argument(
        "--autoplay",
        choices=("historical", "random", "greedy"),
        help=_("let a policy play through the window"),
    )
    window.add_argument(
        "--screenshot-dir", type=Path, metavar="DIR", help=_("save a PNG of every screen shown")
    )
    window.add_argument(
        "--exit-after-first-frame",
        action="store_true",
        help=_("draw the title once and exit (start-up timing)"),
    )
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a size like 1280x720, got {text!r}").format(text=text)
        ) from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(_("{text} is too small for the game window").format(text=text))
    return width, height


def cmd_play(argv: Sequence[str]) -> int:
    args = play_parser().parse_args(argv)
    if args.text:
        return _play_in_terminal(args)
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
            load_path=args.load,
            save_path=args.save,
            teams=args.teams or bool(args.team_names),
            team_names=tuple(args.team_names) if args.team_names else None,
            vote=args.vote,
            presenter=args.presenter,
            language=args.lang,
        )
    )


def _play_in_terminal(args: argparse.Namespace) -> int:
    from game.scenario.catalog import load_catalog
    from game.ui import text

    catalog = load_catalog([args.scenarios])
    options = text.Options(
        teams=args.teams or bool(args.team_names),
        team_names=args.team_names,
        vote=args.vote,
        presenter=args.presenter,
        language=args.lang,
    )
    return text.run(
        catalog,
        args.scenario,
        args.role,
        args.seed,
        load_path=args.load,
        save_path=args.save,
        options=options,
    )


def cmd_validate(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py validate",
        description=_("Check scenario files: every error and warning, as file:line:col."),
    )
    parser.add_argument("paths", nargs="*", type=Path, help=_("files or folders (default: scenarios/)"))
    parser.add_argument("--strict", action="store_true", help=_("treat warnings as problems (exit 1)"))
    parser.add_argument(
        "--simulate",
        action="store_true",
        help=_(
            "also play 10,000 random games per role; warn of endings never reached, choices never "
            "open and choices that decide the ending alone"
        ),
    )
    parser.add_argument(
        "--runs", type=int, default=10_000, metavar="N", help=_("games per role (--simulate)")
    )
    parser.add_argument(
        "--jobs", type=int, default=None, metavar="J", help=_("processes (default: all cores)")
    )
    args = parser.parse_args(argv)
    from game.scenario.loader import ScenarioError, content_files

    paths = args.paths or [SCENARIOS]
    missing = [path for path in paths if not path.exists()]
    if missing:
        print("validate: " + _("no such file or folder: {path}").format(path=missing[0]), file=sys.stderr)
        return 2
    files = content_files(paths)
    if not files:
        print("validate: " + _("no scenario files (*.yaml) found"), file=sys.stderr)
        return 2
    errors = warnings = 0
    for file in files:
        try:
            found = check_file(file, args.runs if args.simulate else 0, args.jobs)
        except ScenarioError as error:
            found, errors = list(error.problems), errors + len(error.problems)
        for problem in found:
            print(problem)
        warnings += sum(problem.severity == "warning" for problem in found)
    print(
        _("{files} file(s) checked: {errors} error(s), {warnings} warning(s).").format(
            files=len(files), errors=errors, warnings=warnings
        ),
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def check_file(file: Path, simulate_runs: int = 0, jobs: int | None = None) -> list[Problem]:
    """Load one content file by its kind; return its warnings or raise ScenarioError.

    With `simulate_runs`, a scenario is also played that many times per role for the balance lint.
    """
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
    found = lint(scenario, document)
    if simulate_runs:
        # What the lint already proved about a turn or an ending, sampling need not say again.
        flagged = {problem.path for problem in found}
        sampled = _balance(scenario, document, simulate_runs, jobs)
        found = sorted(found + [problem for problem in sampled if not _covered(problem.path, flagged)])
    return found


def _covered(path: str, flagged: set[str]) -> bool:
    """Is `path` (e.g. 'endings[4]') or a part of it ('endings[4].id') already warned about?"""
    return any(other == path or other.startswith((path + ".", path + "[")) for other in flagged)


def _balance(scenario: Scenario, document: Document, runs: int, jobs: int | None) -> list[Problem]:
    from game.balance import balance_problems
    from game.simulate import ProgressBar, default_jobs

    bars: list[ProgressBar] = []

    def progress(role: str) -> ProgressBar:
        bars.append(ProgressBar(sys.stderr, f"{scenario.id} as the {role}"))
        return bars[-1]

    try:
        return balance_problems(scenario, document, runs, 0, jobs or default_jobs(), progress)
    finally:
        for bar in bars:
            bar.close()


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
        prog="python main.py schema", description=_("Print the scenario format's JSON Schema.")
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
        description=_("Write the report of a saved game for a handout: HTML or Markdown, by the extension."),
    )
    parser.add_argument("save", type=Path, help=_("a save file (e.g. from the saves folder, or --save)"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("FILE.html or FILE.md (default: Markdown to the screen)"),
    )
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help=_("where to find scenarios")
    )
    parser.add_argument("--teacher", action="store_true", help=_("add the scenario's notes for the teacher"))
    parser.add_argument("--lang", choices=list(LANGUAGES), help=_("the language of the interface"))
    args = parser.parse_args(argv)  # --lang was read before the parser, in _dispatch
    from game import report, saves
    from game.scenario.catalog import load_catalog

    if args.output is not None and report.report_format(args.output) is None:
        print("report: " + _("{path} must end in .html or .md").format(path=args.output), file=sys.stderr)
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
        print(
            "report: "
            + _("cannot write {path}: {reason}").format(path=args.output, reason=error.strerror or error),
            file=sys.stderr,
        )
        return 1
    print(_("The report was written to {path}").format(path=args.output), file=sys.stderr)
    return 0


def cmd_simulate(argv: Sequence[str]) -> int:
    from game.engine.policies import POLICIES
    from game.simulate import ProgressBar, default_jobs, format_report, simulate

    parser = argparse.ArgumentParser(
        prog="python main.py simulate",
        description="Play many seeded games with an automatic player and show how they end. "
        "--json prints the report for machines (its JSON Schema: game/simulate_schema.json).",
    )
    parser.add_argument("--scenario", required=True, metavar="ID", help="a scenario id, or a .yaml file")
    parser.add_argument("--role", required=True, choices=ROLE_CHOICES, help="the role the policy plays")
    parser.add_argument("--policy", default="random", choices=sorted(POLICIES), help="default: random")
    parser.add_argument("--runs", type=int, default=1000, metavar="N", help="games to play (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="the same seed, the same report")
    parser.add_argument("--jobs", type=int, default=None, metavar="J", help="processes (default: all cores)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help="where to find scenarios"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or (args.jobs is not None and args.jobs < 1):
        parser.error("--runs and --jobs must be at least 1")
    scenario = _find_scenario(args.scenario, args.scenarios)
    if isinstance(scenario, str):
        print(f"simulate: {scenario}", file=sys.stderr)
        return 1 if "\n" in scenario else 2
    if args.role not in scenario.roles:
        parser.error(f"{scenario.id} has no {args.role} role")
    bar = ProgressBar(sys.stderr)
    try:
        jobs = args.jobs or default_jobs()
        result = simulate(scenario, args.role, args.policy, args.runs, args.seed, jobs, bar)
    finally:
        bar.close()
    sys.stdout.write(result.model_dump_json(indent=2) + "\n" if args.json else format_report(result))
    return 0


def _find_scenario(name: str, folder: Path) -> Scenario | str:
    """The scenario `name` (an id in `folder`, or a file), or what went wrong."""
    from game.scenario.loader import ScenarioError, load_document

    path = Path(name)
    if path.suffix not in (".yaml", ".yml"):
        path = folder / f"{name}.yaml"
    if not path.is_file():
        return f"no scenario {name!r} (looked for {path})"
    try:
        return load_document(path)[0]
    except ScenarioError as error:
        return str(error) + "\n"


def cmd_timeline(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py timeline",
        description=_("Print the timeline, 1916-1931: the events and the scenarios placed by their dates."),
    )
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help=_("where to find scenarios")
    )
    parser.add_argument("--lang", choices=list(LANGUAGES), help=_("the language of the interface"))
    args = parser.parse_args(argv)  # --lang was read before the parser, in _dispatch
    from game.scenario.catalog import load_catalog
    from game.ui.reference import load_reference
    from game.ui.text import Terminal
    from game.ui.text.reference import show_timeline, timeline_of

    catalog = load_catalog([args.scenarios])
    reference = load_reference(catalog)
    for problem in reference.problems:
        print(problem, file=sys.stderr)
    terminal = Terminal.standard()
    show_timeline(terminal, timeline_of(catalog, reference.timeline), full=True)
    return 0


def cmd_glossary(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python main.py glossary",
        description=_("Print the glossary, or the entries for one word."),
    )
    parser.add_argument("word", nargs="*", help=_("a word to look up (default: every entry)"))
    parser.add_argument(
        "--scenarios", metavar="DIR", type=Path, default=SCENARIOS, help=_("where to find scenarios")
    )
    parser.add_argument("--lang", choices=list(LANGUAGES), help=_("the language of the interface"))
    args = parser.parse_args(argv)  # --lang was read before the parser, in _dispatch
    from game.scenario.catalog import load_catalog
    from game.ui.reference import load_reference
    from game.ui.text import Terminal
    from game.ui.text.reference import show_glossary

    reference = load_reference(load_catalog([args.scenarios]))
    for problem in reference.problems:
        print(problem, file=sys.stderr)
    show_glossary(Terminal.standard(), reference.glossary, " ".join(args.word))
    return 0 if reference.glossary is not None else 1


def cmd_settings(argv: Sequence[str]) -> int:
    from game import settings as kept

    parser = argparse.ArgumentParser(
        prog="python main.py settings",
        description=_(
            "Show the settings, or change one: settings language ru, settings vote on, "
            'settings team_names "9B Reds" "9B Blues", settings reset.'
        ),
    )
    parser.add_argument("key", nargs="?", help=", ".join([*kept.KEYS, "reset"]))
    parser.add_argument("values", nargs="*", help=_("the new value"))
    args = parser.parse_args(argv)
    loaded = kept.load_settings()
    i18n.set_language(loaded.settings.language)
    if loaded.problem is not None:
        print(loaded.problem.message, file=sys.stderr)
    current = loaded.settings
    if args.key is not None:
        try:
            current = kept.Settings() if args.key == "reset" else kept.changed(current, args.key, args.values)
            path = kept.save_settings(current)
        except (kept.SettingError, kept.SettingsWriteError) as error:
            print(f"settings: {error}", file=sys.stderr)
            return 2
        i18n.set_language(current.language)  # a new language speaks at once
        print(_("Saved in {path}.").format(path=path), file=sys.stderr)
    for key, label in kept.KEYS.items():
        print(f"{key} = {kept.shown_value(current, key)}    ({_(label)})")
    return 0


def early_language(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line, read before the parser (whose help it translates)."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return None


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "play": cmd_play,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "report": cmd_report,
    "simulate": cmd_simulate,
    "replay": cmd_replay,
    "timeline": cmd_timeline,
    "glossary": cmd_glossary,
    "settings": cmd_settings,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. No traceback ever reaches the player: an unexpected error
    is one line on stderr and a crash report in the data folder (game.faults)."""
    _forgiving_streams()
    return faults.guard(lambda: _dispatch(list(sys.argv[1:] if argv is None else argv)))


def _dispatch(argv: list[str]) -> int:
    # Before the parsers are built, so --help speaks it too.
    i18n.set_language(early_language(argv) or saved_language(LANGUAGES) or i18n.DEFAULT)
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
