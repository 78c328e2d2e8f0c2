"""The commands typed instead of a choice: undo, what if, save, load, report, branches, and the
classroom's own: the teacher's notes, the glossary, the timeline and the settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from game.engine.branches import Branches
from game.engine.rules import current_turn
from game.i18n import N_, _, local
from game.report import write_report
from game.saves import SaveError, default_name, reports_dir, snapshot
from game.ui.present import (
    on_branch,
    path_step,
    reached_date,
    report_failed,
    report_written,
    session_label,
    turn_date,
    what_if_said,
)
from game.ui.text import classroom, menus, reference
from game.ui.text import settings as settings_screen
from game.ui.text.debrief import show_branches
from game.ui.text.state import Game, Outcome
from game.ui.text.terminal import QuitGame, Terminal, as_number, choose, numbered

COMMANDS = {
    "u": "undo",
    "undo": "undo",
    "w": "what-if",
    "what if": "what-if",
    "s": "save",
    "save": "save",
    "l": "load",
    "load": "load",
    "r": "report",
    "report": "report",
    "b": "branches",
    "branches": "branches",
    "t": "teacher",
    "teacher": "teacher",
    "g": "glossary",
    "glossary": "glossary",
    "timeline": "timeline",
    "settings": "settings",
    "m": "menu",
    "menu": "menu",
    "n": "new",
    "new": "new",
    "h": "help",
    "help": "help",
    "?": "help",
    "q": "quit",
    "quit": "quit",
    "exit": "quit",
}

# A teacher whose keyboard is set to Russian types 'г' on the key marked 'u': the keys
# mean the same in either layout.
_RUSSIAN_KEYS = str.maketrans("йцукенгшщзхфывапролджячсмитьб", "qwertyuiop[asdfghjkl;zxcvbnm,")

MENU = (
    ("back", N_("Back to the game")),
    ("undo", N_("Undo the last decision")),
    ("what-if", N_("What if? Go back to an earlier turn and choose again")),
    ("save", N_("Save this game")),
    ("load", N_("Load a saved game")),
    ("report", N_("Write the report of this game (for a handout)")),
    ("branches", N_("Branches: compare them, or switch to another")),
    ("teacher", N_("The teacher's notes for this turn (hide before projecting)")),
    ("glossary", N_("Glossary")),
    ("timeline", N_("Timeline, 1916\u20131931")),
    ("settings", N_("Settings")),
    ("new", N_("New game")),
    ("quit", N_("Quit")),
)


@dataclass(frozen=True)
class Command:
    name: str
    argument: str = ""  # what follows the command's word: 'g Basmachi'


def parse_command(answer: str) -> Command | None:
    """The command typed, if the answer is one ('u', 'g basmachi', 'what if', or 'г' on a Russian keyboard)."""
    text = " ".join(answer.split())
    lowered = text.lower()
    if lowered in COMMANDS:
        return Command(COMMANDS[lowered])
    if len(lowered) == 1 and lowered.translate(_RUSSIAN_KEYS) in COMMANDS:
        return Command(COMMANDS[lowered.translate(_RUSSIAN_KEYS)])
    word, _space, rest = text.partition(" ")
    word = word.lower()
    if len(word) == 1:
        word = word.translate(_RUSSIAN_KEYS)
    if COMMANDS.get(word) in ("glossary", "timeline") and rest:
        return Command(COMMANDS[word], rest)
    return None


def run_command(terminal: Terminal, game: Game, command: Command) -> Outcome:
    """Carry out a command: did it change the game, fill the screen, or neither?"""
    if command.name == "help":
        terminal.say(menus.help_text())
        return "stay"
    if command.name == "quit":
        raise QuitGame(
            _("Your game is kept: choose Continue next time.") + "\n" + _("You leave the game. Goodbye.")
        )
    if command.name == "menu":
        return menu(terminal, game)
    if command.name == "glossary":
        reference.show_glossary(terminal, game.reference.glossary, command.argument)
        return "redraw"
    if command.name == "timeline":
        reference.timeline_screen(terminal, game.catalog, game.reference.timeline)
        return "redraw"
    return ACTIONS[command.name](terminal, game)


def menu(terminal: Terminal, game: Game) -> Outcome:
    terminal.heading(_("Menu"))
    numbered(terminal, [_(label) for _name, label in MENU])
    command = MENU[choose(terminal, _("\nWhich? "), len(MENU))][0]
    return "redraw" if command == "back" else run_command(terminal, game, Command(command))


def undo(terminal: Terminal, game: Game) -> Outcome:
    if not game.session.can_undo():
        terminal.say(_("There is nothing to undo yet."))
        return "stay"
    game.change(terminal, game.branches.update(game.session.undo_choice()))
    terminal.say(_("You take back your last decision."))
    return "changed"


def what_if(terminal: Terminal, game: Game) -> Outcome:
    """Pick a turn on which people chose, and take it again on a new branch."""
    session = game.session
    scenario = session.scenario
    chosen = [(i, record) for i, record in enumerate(session.state.log) if session.decisions[i].picks]
    if not chosen:
        terminal.say(_("There is no earlier choice to go back to yet."))
        return "stay"
    terminal.heading(_("What if? Go back to a turn and choose again"))
    for number, (index, record) in enumerate(chosen, start=1):
        steps = [path_step(scenario, record, m) for m in record.moves if m.role in session.roles]
        turn = scenario.turns[scenario.turn_index(record.turn)]
        chose = " / ".join(f"\u201c{step.chosen}\u201d" for step in steps)
        mark = "=" if all(step.matched for step in steps) else "\u2260"
        line = _("Turn {number}, {date}, {title}: chosen {choices}").format(
            number=index + 1, date=turn_date(turn), title=local(turn.title), choices=chose
        )
        terminal.item(f"{number}. ", f"{mark} {line}")
    count = len(chosen)
    while True:
        answer = terminal.ask(
            _("\nGo back to which? (1-{count}, Enter = {count}, c = cancel) ").format(count=count)
        )
        answer = answer.lower()
        if answer in ("c", "cancel", "с"):
            return "redraw"
        if not answer:
            return what_if_to(terminal, game, chosen[-1][0])
        number = as_number(answer)
        if number is not None and 1 <= number <= count:
            return what_if_to(terminal, game, chosen[number - 1][0])
        terminal.say(_("Please type a number from 1 to {count}, or c to cancel.").format(count=count))


def what_if_to(terminal: Terminal, game: Game, decisions_kept: int) -> Outcome:
    was = game.branches.branch.name
    game.change(terminal, game.branches.what_if(decisions_kept))
    now = game.branches.branch.name
    date = reached_date(game.session.scenario, game.session.state)
    terminal.say()
    said = what_if_said(now, decisions_kept + 1, date)
    if was != now:
        said += " " + _("Branch {branch} is kept as it was; b shows the branches side by side.").format(
            branch=was
        )
    else:
        said += " " + _("b shows the branches side by side.")
    terminal.say(said)
    return "changed"


def save_game(terminal: Terminal, game: Game) -> Outcome:
    default = default_name(game.session)
    name = terminal.ask(_("Name this save (Enter = \u201c{name}\u201d): ").format(name=default)) or default
    path = game.store.slot_path(name)
    existed = path.exists()
    try:
        game.store.save_slot(name, snapshot(game.branches, game.fingerprint, name))
    except SaveError as error:
        terminal.say(str(error))
        return "stay"
    if existed:
        terminal.say(
            _("Saved as \u201c{name}\u201d (replacing the save of that name): {path}").format(
                name=name, path=path
            )
        )
    else:
        terminal.say(_("Saved as \u201c{name}\u201d: {path}").format(name=name, path=path))
    return "stay"


def load_game(terminal: Terminal, game: Game) -> Outcome:
    loaded = menus.pick_save(terminal, game.catalog, game.store)
    if loaded is None:
        return "stay"
    menus.welcome(terminal, loaded)
    game.change(terminal, loaded.branches)
    menus.adopt_teams(game)
    game.room.seen_words.clear()  # another game: its words are new again
    return "changed"


def write_report_file(terminal: Terminal, game: Game) -> Outcome:
    """The handout; in presenter mode also the teacher's edition, with the notes, beside it."""
    session = game.session
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = reports_dir() / f"{session.scenario.id}-{stamp}.html"
    editions = [(path, False)]
    if game.classroom.presenter:
        editions.append((path.with_name(f"{path.stem}-teacher.html"), True))
    for target, teacher in editions:
        try:
            write_report(target, game.branches, teacher=teacher)
        except OSError as error:
            terminal.say(report_failed(target, error))
            return "stay"
        terminal.say(report_written(target, teacher))
    return "stay"


def branches_view(terminal: Terminal, game: Game) -> Outcome:
    branches = game.branches
    if len(branches.branches) == 1:
        terminal.say(_("There is one branch so far; w (what if) goes back to a turn and starts another."))
        return "stay"
    show_branches(terminal, branches)
    names = [branch.name.lower() for branch in branches.branches]
    while True:
        answer = terminal.ask(
            _("\nSwitch to which branch? (letter, Enter = stay on {branch}) ").format(
                branch=branches.branch.name
            )
        ).lower()
        if not answer or answer == names[branches.current]:
            return "redraw"
        if answer in names:
            return switch_to(terminal, game, branches, names.index(answer))
        terminal.say(
            _("Please type one of {names}, or Enter to stay.").format(
                names=", ".join(n.upper() for n in names)
            )
        )


def switch_to(terminal: Terminal, game: Game, branches: Branches, index: int) -> Outcome:
    game.change(terminal, branches.switch(index))
    terminal.say(on_branch(game.branches.branch.name, session_label(game.session)))
    return "changed"


def teacher(terminal: Terminal, game: Game) -> Outcome:
    turn = current_turn(game.session.scenario, game.session.state)
    return classroom.teacher_notes_on_request(terminal, turn)


def new_game(terminal: Terminal, game: Game) -> Outcome:
    session = menus.start_new(terminal, game.room, None)
    game.change(terminal, Branches.start(session))
    game.room.seen_words.clear()
    return "changed"


def change_settings(terminal: Terminal, game: Game) -> Outcome:
    settings_screen.settings_screen(terminal, game.room)
    return "changed"  # the turn is shown afresh: the language or the vote may have changed


ACTIONS: dict[str, Callable[[Terminal, Game], Outcome]] = {
    "undo": undo,
    "what-if": what_if,
    "save": save_game,
    "load": load_game,
    "report": write_report_file,
    "branches": branches_view,
    "teacher": teacher,
    "new": new_game,
    "settings": change_settings,
}
