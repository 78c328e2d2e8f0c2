"""The terminal game from start to end: settings, the first menu, the turns, the debrief."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game import i18n
from game.engine.branches import Branches
from game.engine.session import Session
from game.i18n import _, local
from game.saves import Loaded, SaveStore, load
from game.scenario.catalog import Catalog
from game.scenario.model import Role
from game.settings import Settings, load_settings
from game.ui.classroom import Teams
from game.ui.present import role_name
from game.ui.reference import load_reference
from game.ui.text import menus
from game.ui.text.commands import parse_command, run_command
from game.ui.text.debrief import show_ending
from game.ui.text.state import Classroom, Game, Room
from game.ui.text.terminal import QuitGame, Terminal
from game.ui.text.turn import play_turn


@dataclass(frozen=True)
class Options:
    """How this run plays; each one set overrides the saved settings for this run only."""

    teams: bool = False  # --teams: two teams at one screen
    team_names: Sequence[str] | None = None  # --team-names A B
    vote: bool | None = None  # --vote / --no-vote
    presenter: bool = False  # --presenter: the teacher's notes before every turn
    language: str | None = None  # --lang


def run(
    catalog: Catalog,
    scenario_id: str | None = None,
    role: Role | None = None,
    seed: int | None = None,
    terminal: Terminal | None = None,
    load_path: Path | None = None,
    save_path: Path | None = None,
    store: SaveStore | None = None,
    options: Options | None = None,
    settings: Settings | None = None,
) -> int:
    """Play in the terminal. `settings` defaults to the saved ones; `options` override them for this run."""
    before = i18n.language()
    try:
        return _run(
            catalog,
            scenario_id,
            role,
            seed,
            terminal or Terminal.standard(),
            load_path,
            save_path,
            store or SaveStore.default(),
            options or Options(),
            settings,
        )
    except BrokenPipeError:
        # The reader went away (e.g. piped into `head`): stop quietly, as other commands do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        i18n.set_language(before)  # the language is the run's, not the process's (tests run many)


def _run(
    catalog: Catalog,
    scenario_id: str | None,
    role: Role | None,
    seed: int | None,
    terminal: Terminal,
    load_path: Path | None,
    save_path: Path | None,
    store: SaveStore,
    options: Options,
    settings: Settings | None,
) -> int:
    store.sweep()
    problem = None
    if settings is None:
        loaded_settings = load_settings()
        settings, problem = loaded_settings.settings, loaded_settings.problem
    i18n.set_language(options.language or settings.language)
    room = Room(catalog, store, classroom_for(settings, options), load_reference(catalog), settings)
    try:
        terminal.say(_("TURKESTAN CROSSROADS, 1918\u20131931"))
        terminal.say(_("Central Asia from the Russian revolution to the end of the Basmachi movement."))
        if problem is not None:
            terminal.say(problem.message)
        for message in room.reference.problems:
            terminal.say(message)
        if not catalog.scenarios:
            terminal.say(_("No scenarios could be loaded. Run 'python main.py validate' to see why."))
            return 1
        started = begin(terminal, room, scenario_id, role, seed, load_path, options.teams)
        if isinstance(started, int):
            return started
        branches = started.branches if isinstance(started, Loaded) else Branches.start(started)
        # Nothing is autosaved until the game changes: opening the game and leaving
        # again must not push the last lesson's game out of the autosaves.
        game = Game(branches, room, save_path)
        menus.adopt_teams(game)
        play(terminal, game)
        return 0  # pragma: no cover - play() only leaves by QuitGame
    except QuitGame as stop:
        terminal.say()
        terminal.say(stop.message)
        return 0
    except KeyboardInterrupt:
        terminal.say()
        terminal.say(_("Interrupted. Goodbye."))
        return 130


def classroom_for(settings: Settings, options: Options) -> Classroom:
    """The settings, with this run's flags on top."""
    named_here = bool(options.team_names)
    names = options.team_names if named_here else settings.team_names
    vote = settings.vote if options.vote is None else options.vote
    return Classroom(Teams.named(names), vote, options.presenter, named_here)


def begin(
    terminal: Terminal,
    room: Room,
    scenario_id: str | None,
    role: Role | None,
    seed: int | None,
    load_path: Path | None,
    teams: bool,
) -> Session | Loaded | int:
    """The game to play, from --load, --scenario or the first menu; an exit code on a usage error."""
    catalog = room.catalog
    if load_path is not None:
        result = load(load_path, catalog)
        if isinstance(result, Loaded):
            menus.welcome(terminal, result)
            return result
        terminal.say(result.message)
    if scenario_id is None:
        return menus.first_menu(terminal, room, role, seed, teams)
    scenario = catalog.find(scenario_id)
    if scenario is None:
        known = ", ".join(s.id for s in catalog.scenarios)
        terminal.say(_("There is no scenario {id!r}. Known: {known}.").format(id=scenario_id, known=known))
        return 2
    if role is not None and role not in scenario.roles and not teams:
        terminal.say(
            _("{title} has no {role} role.").format(title=local(scenario.title), role=role_name(role))
        )
        return 2
    terminal.heading(local(scenario.title))
    terminal.say(local(scenario.summary))
    return menus.start_new(terminal, room, scenario, role, seed, teams)


def play(terminal: Terminal, game: Game) -> None:
    """Play turns, and at an ending the debrief, until the player quits."""
    while True:
        if game.session.state.finished:
            show_ending(terminal, game.session, game.branches)
            debrief_menu(terminal, game)
        else:
            play_turn(terminal, game)


def debrief_menu(terminal: Terminal, game: Game) -> None:
    """After the ending: returns once a command has changed the game (what if, undo, load, new)."""
    prompt = _(
        "\nWhat now? w = what if, b = branches, r = report, s = save, u = undo, n = new game, "
        "g = glossary, timeline, q = quit: "
    )
    while True:
        command = parse_command(terminal.ask(prompt))
        if command is None:
            terminal.say(_("Please type one of the letters above."))
        elif run_command(terminal, game, command) == "changed":
            return
