"""Before a turn: the first menu (continue, new, load), the scenario, who plays, and the saves list."""

from __future__ import annotations

import random
from types import MappingProxyType

from game.engine.session import Session
from game.i18n import _, local
from game.saves import Loaded, SaveProblem, SaveStore, load
from game.scenario.catalog import Catalog
from game.scenario.model import ROLES, Role, Scenario
from game.ui.classroom import Teams, tie_rule_text
from game.ui.present import role_title, save_title, scenario_dates, session_label, team_names, welcome_back
from game.ui.text import reference
from game.ui.text import settings as settings_screen
from game.ui.text.state import Game, Room
from game.ui.text.terminal import QUIT_WORDS, QuitGame, Terminal, as_number, choose, numbered


def help_text() -> str:
    return _(
        "Type the number of a choice. Other commands: u = undo the last decision, "
        "w = what if (go back to an earlier turn and choose again), s = save, l = load, "
        "r = write the report, b = branches, t = the teacher's notes, g = the glossary, "
        "timeline = the timeline, settings = the settings, m = menu, h = help, q = quit."
    )


def pick_scenario(terminal: Terminal, room: Room) -> Scenario:
    """The scenario to play; the timeline, glossary and settings can be opened from here too."""
    catalog = room.catalog
    while True:
        terminal.heading(_("Scenarios"))
        numbered(terminal, [f"{local(s.title)} ({scenario_dates(s)})" for s in catalog.scenarios])
        if catalog.errors:
            terminal.say()
            terminal.say(
                _(
                    "({count} scenario file(s) could not be loaded; run 'python main.py validate' to see why.)"
                ).format(count=len(catalog.errors))
            )
        count = len(catalog.scenarios)
        prompt = _("\nWhich scenario? (1-{count}; timeline, g = glossary, settings) ").format(count=count)
        while True:
            answer = terminal.ask(prompt).lower()
            number = as_number(answer)
            if number is not None and 1 <= number <= count:
                scenario = catalog.scenarios[number - 1]
                terminal.heading(local(scenario.title))
                terminal.say(local(scenario.summary))
                return scenario
            if answer in QUIT_WORDS:
                raise QuitGame(_("You leave the game. Goodbye."))
            if answer == "timeline":
                reference.timeline_screen(terminal, catalog, room.reference.timeline)
                break
            if answer.split(" ")[0] in ("g", "glossary"):
                reference.show_glossary(terminal, room.reference.glossary, answer.partition(" ")[2])
                break
            if answer == "settings":
                settings_screen.settings_screen(terminal, room)
                break
            terminal.say(_("Please type a number from 1 to {count}, or q to quit.").format(count=count))


def pick_players(terminal: Terminal, scenario: Scenario) -> tuple[Role, ...]:
    """One role, or both for two teams at one screen."""
    roles = [role for role in ROLES if role in scenario.roles]
    if len(roles) == 1:
        return (roles[0],)
    terminal.heading(_("Who will you be?"))
    labels = []
    for role in roles:
        info = scenario.roles[role]
        who = f" ({local(info.person)})" if info.person else ""
        labels.append(f"{role_title(role)}: {local(info.name)}{who}")
    labels.append(_("Two teams at one screen: one team negotiates, the other commands"))
    numbered(terminal, labels)
    picked = choose(terminal, _("\nWhich? "), len(labels))
    return tuple(roles) if picked == len(roles) else (roles[picked],)


def ask_team_names(terminal: Terminal, teams: Teams) -> Teams:
    """Let the class name its teams (Enter keeps the name shown)."""
    given = dict(teams.given)
    for role in ROLES:
        shown = teams.name(role)
        if role == "negotiator":
            prompt = _("Name the negotiator team (Enter = \u201c{name}\u201d): ").format(name=shown)
        else:
            prompt = _("Name the commander team (Enter = \u201c{name}\u201d): ").format(name=shown)
        typed = terminal.ask(prompt)[:40].strip()
        if typed:
            given[role] = typed
    return Teams(MappingProxyType(given))


def start_new(
    terminal: Terminal,
    room: Room,
    scenario: Scenario | None,
    role: Role | None = None,
    seed: int | None = None,
    teams: bool = False,
) -> Session:
    """A new game: the scenario, who plays, and each side's brief."""
    scenario = scenario or pick_scenario(terminal, room)
    roles = players(terminal, scenario, role, teams)
    if len(roles) > 1 and terminal.pauses and not room.classroom.named_here:
        room.classroom.teams = ask_team_names(terminal, room.classroom.teams)
    seed = random.SystemRandom().randrange(1, 1_000_000) if seed is None else seed
    for played in roles:
        info = scenario.roles[played]
        team = room.classroom.teams.called(played)
        if len(roles) > 1 and played == "negotiator":
            title = _("{team}: you are the negotiator, {name}").format(team=team, name=local(info.name))
        elif len(roles) > 1:
            title = _("{team}: you are the commander, {name}").format(team=team, name=local(info.name))
        elif played == "negotiator":
            title = _("You are the negotiator: {name}").format(name=local(info.name))
        else:
            title = _("You are the commander: {name}").format(name=local(info.name))
        terminal.heading(title)
        terminal.say(local(info.brief))
    terminal.say()
    terminal.say(_("(Game seed {seed}. {help})").format(seed=seed, help=help_text()))
    if room.classroom.vote:
        terminal.say(
            _("The class votes on every decision: the teacher types the show of hands. {rule}").format(
                rule=tie_rule_text()
            )
        )
    terminal.pause()
    return Session.start(scenario, seed, roles)


def players(terminal: Terminal, scenario: Scenario, role: Role | None, teams: bool) -> tuple[Role, ...]:
    """The roles people play: from --teams or --role when they fit the scenario, else asked."""
    available = tuple(r for r in ROLES if r in scenario.roles)
    if teams:
        if len(available) > 1:
            return available
        terminal.say(
            _("{title} has only one role, so one team plays it.").format(title=local(scenario.title))
        )
        return available
    if role in scenario.roles:
        return (role,)
    return pick_players(terminal, scenario)


def adopt_teams(game: Game) -> None:
    """A loaded two-team game keeps the names its teams played under (unless given on the command line)."""
    classroom = game.classroom
    if not game.teams or classroom.named_here:
        return
    recorded = team_names(game.session)
    if recorded:
        names = [recorded.get(role) or classroom.teams.name(role) for role in ROLES]
        classroom.teams = Teams.named(names)


def pick_save(terminal: Terminal, catalog: Catalog, store: SaveStore) -> Loaded | None:
    infos, problems = store.entries()
    for problem in problems:
        terminal.say(problem.message)
    if not infos:
        terminal.say(_("There are no saved games yet."))
        return None
    terminal.heading(_("Saved games"))
    for number, info in enumerate(infos, start=1):
        name = save_title(info.name, info.autosave, info.path == store.autosave_path)
        label = "" if name == info.label else f" \u2014 {info.label}"
        terminal.item(
            f"{number}. ", _("{name}{label} (saved {when})").format(name=name, label=label, when=info.saved)
        )
    while True:
        answer = terminal.ask(
            _("\nWhich save? (1-{count}, Enter = cancel) ").format(count=len(infos))
        ).lower()
        if not answer:
            return None
        number = as_number(answer)
        if number is not None and 1 <= number <= len(infos):
            break
        terminal.say(
            _("Please type a number from 1 to {count}, or Enter to cancel.").format(count=len(infos))
        )
    result = load(infos[number - 1].path, catalog)
    if isinstance(result, SaveProblem):
        terminal.say(result.message)
        return None
    return result


def welcome(terminal: Terminal, loaded: Loaded) -> None:
    terminal.say()
    several = len(loaded.branches.branches) > 1
    terminal.say(
        welcome_back(session_label(loaded.session), loaded.branches.branch.name if several else None)
    )
    for note in loaded.notes:
        terminal.say(note)


def first_menu(
    terminal: Terminal, room: Room, role: Role | None, seed: int | None, teams: bool
) -> Session | Loaded:
    """Continue the autosaved game, start a new one, or load a save; skipped when there is nothing saved."""
    catalog, store = room.catalog, room.store
    resumable, problems = store.resume(catalog)
    for problem in problems:
        terminal.say(problem.message)
    while True:
        infos, damaged = store.entries()
        for problem in damaged:
            terminal.say(problem.message)
        entries: list[tuple[str, str]] = []
        if resumable is not None:
            entries.append(("continue", _("Continue {label}").format(label=session_label(resumable.session))))
        entries.append(("new", _("New game")))
        if infos:
            entries.append(("load", _("Load a saved game")))
        if len(entries) == 1:
            return start_new(terminal, room, None, role, seed, teams)
        terminal.heading(_("Welcome"))
        numbered(terminal, [label for _key, label in entries])
        picked = entries[choose(terminal, _("\nWhich? "), len(entries))][0]
        if picked == "continue" and resumable is not None:
            welcome(terminal, resumable)
            return resumable
        if picked == "new":
            return start_new(terminal, room, None, role, seed, teams)
        loaded = pick_save(terminal, catalog, store)
        if loaded is not None:
            welcome(terminal, loaded)
            return loaded
