"""The terminal front end: a real text adventure, and the way to play with a screen reader.

Choices are read line by line from standard input, so the game can be piped or
scripted. It pauses for Enter only when a person is at a terminal.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.engine.branches import Branches
from game.engine.conditions import format_number
from game.engine.rules import Impossible, Option, current_turn, options, verdict
from game.engine.session import Session
from game.report import write_report
from game.saves import (
    Loaded,
    SaveError,
    SaveProblem,
    SaveStore,
    default_name,
    load,
    reports_dir,
    snapshot,
    write_save,
)
from game.scenario.catalog import Catalog
from game.scenario.model import ROLES, Role, Scenario
from game.ui.present import (
    BranchTable,
    Debrief,
    changes,
    compare_branches,
    debrief,
    ending_verdict,
    matched_sentence,
    move_line,
    outcome_text,
    passed_by_sentence,
    path_lines,
    path_step,
    reached_date,
    scenario_dates,
    session_label,
    sources_line,
    sparkline,
    turn_date,
    turn_heading,
    turn_short_date,
    visible_values,
)


class QuitGame(Exception):
    """The player asked to leave, or the input ended."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Terminal:
    """Where the game reads and writes; swapped out in tests."""

    read: Callable[[str], str]
    out: TextIO
    pauses: bool
    width: int

    @classmethod
    def standard(cls) -> Terminal:
        columns = shutil.get_terminal_size((88, 24)).columns
        return cls(input, sys.stdout, sys.stdin.isatty(), max(40, min(columns, 100)) - 2)

    def say(self, text: str = "", indent: int = 0) -> None:
        if not text:
            print(file=self.out)
            return
        prefix = " " * indent
        for paragraph in text.split("\n"):
            wrapped = textwrap.fill(
                paragraph,
                self.width,
                initial_indent=prefix,
                subsequent_indent=prefix,
                break_on_hyphens=False,
                break_long_words=False,  # a file's path stays whole, to be copied
            )
            print(wrapped, file=self.out)

    def item(self, marker: str, text: str, indent: int = 2) -> None:
        """A numbered or bulleted line whose continuation lines hang under its text."""
        first = " " * indent + marker
        wrapped = textwrap.fill(
            text,
            self.width,
            initial_indent=first,
            subsequent_indent=" " * len(first),
            break_on_hyphens=False,
            break_long_words=False,
        )
        print(wrapped, file=self.out)

    def rule(self, char: str = "\u2500") -> None:
        print(char * self.width, file=self.out)

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"\u2500\u2500 {text} ".ljust(self.width, "\u2500"))

    def ask(self, prompt: str) -> str:
        self.out.flush()
        try:
            answer = self.read(prompt).strip()
        except EOFError:
            raise QuitGame("The input has ended, so the game stops here. Goodbye.") from None
        if not self.pauses:  # scripted input is not echoed by a terminal; show it in the transcript
            print(answer, file=self.out)
        return answer

    def pause(self) -> None:
        if self.pauses:
            self.ask("  [Enter to continue] ")


def choose(terminal: Terminal, prompt: str, count: int) -> int:
    """Ask for a number 1..count; returns the 0-based index."""
    while True:
        answer = terminal.ask(prompt).lower()
        if answer in ("q", "quit", "exit"):
            raise QuitGame("You leave the game. Goodbye.")
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        terminal.say(f"Please type a number from 1 to {count}, or q to quit.")


# --- menus ---------------------------------------------------------------------------------


def pick_scenario(terminal: Terminal, catalog: Catalog) -> Scenario:
    terminal.heading("Scenarios")
    for number, scenario in enumerate(catalog.scenarios, start=1):
        span = scenario_dates(scenario)
        terminal.item(f"{number}. ", f"{scenario.title} ({span})")
    if catalog.errors:
        terminal.say()
        terminal.say(
            f"({len(catalog.errors)} scenario file(s) could not be loaded; "
            "run 'python main.py validate' to see why.)"
        )
    index = choose(terminal, "\nWhich scenario? ", len(catalog.scenarios))
    scenario = catalog.scenarios[index]
    terminal.heading(scenario.title)
    terminal.say(scenario.summary)
    return scenario


def pick_role(terminal: Terminal, scenario: Scenario) -> Role:
    roles = [role for role in ROLES if role in scenario.roles]
    if len(roles) == 1:
        return roles[0]
    terminal.heading("Who will you be?")
    for number, role in enumerate(roles, start=1):
        info = scenario.roles[role]
        who = f" ({info.person})" if info.person else ""
        terminal.item(f"{number}. ", f"The {role}: {info.name}{who}")
    return roles[choose(terminal, "\nWhich role? ", len(roles))]


# --- a turn ----------------------------------------------------------------------------------


def show_turn(terminal: Terminal, session: Session) -> None:
    scenario, state = session.scenario, session.state
    turn = current_turn(scenario, state)
    assert turn is not None and state.turn is not None
    terminal.say()
    terminal.rule("\u2550")
    terminal.say(turn_heading(scenario, turn, len(state.log) + 1))
    terminal.say(turn.title.upper())
    terminal.rule("\u2550")
    situations = {role: turn.situation_for(role) for role in session.roles}
    if len(set(situations.values())) == 1:
        terminal.say(next(iter(situations.values())))
    else:  # two teams at one screen, each with its own view
        terminal.say("\n\n".join(f"The {role}: {situation}" for role, situation in situations.items()))
    terminal.say()
    show_values(terminal, session)


def show_values(terminal: Terminal, session: Session) -> None:
    for label, value, low, high in visible_values(session.scenario, session.state):
        filled = round(10 * (value - low) / (high - low))
        bar = "\u2588" * filled + "\u2591" * (10 - filled)
        terminal.say(f"  {label:<32} {bar} {format_number(value)}")


def show_options(terminal: Terminal, offered: Sequence[Option], who: str) -> None:
    terminal.say()
    terminal.say(f"What does the {who} do?" if who else "What do you do?")
    for option in offered:
        if option.available:
            terminal.item(f"{option.number}. ", option.choice.text)
        else:
            terminal.item(f"{option.number}. ", f"[not possible: {option.reason}] {option.choice.text}")


def ask_choice(terminal: Terminal, game: Game, role: Role) -> str | None:
    """The id of the choice taken, or None when a command changed the game (undo, what if, load...)."""
    session = game.session
    offered = options(session.scenario, session.state, role)
    show_options(terminal, offered, role if len(session.roles) > 1 else "")
    while True:
        answer = terminal.ask("\nYour choice (h for help): ").lower()
        if answer.isdigit() and 1 <= int(answer) <= len(offered):
            option = offered[int(answer) - 1]
            if option.available:
                return option.choice.id
            terminal.say(f"That is not possible now: {(option.reason or '').rstrip('.')}.")
            continue
        command = COMMANDS.get(answer)
        if command is None:
            terminal.say(f"Please type a number from 1 to {len(offered)}, or h for help.")
        elif run_command(terminal, game, command):
            return None


def show_result(terminal: Terminal, game: Game) -> bool:
    """What came of the turn, then what really happened. True if the player asked "what if?" here."""
    session = game.session
    scenario = session.scenario
    record = session.state.log[-1]
    turn = scenario.turns[scenario.turn_index(record.turn)]
    single = len(session.roles) == 1
    terminal.heading("What came of it")
    for move in record.moves:
        if move.role in session.roles:
            continue  # the people's own choices are shown below, with what came of them
        terminal.say(move_line(scenario, turn, move))
        terminal.say()
    for role in session.roles:
        move = record.move(role)
        if move is None:
            continue
        if not single:  # two teams at one screen: say which team's choice each outcome follows
            terminal.say(move_line(scenario, turn, move))
        # Outcome texts speak to the role that chose, so the other side's is not shown.
        text = outcome_text(scenario, record, role)
        if text:
            terminal.say(text)
    moved = changes(scenario, record.before, record.after)
    if moved:
        terminal.say()
        for change in moved:
            terminal.item("\u2022 ", str(change))
    terminal.pause()

    history = turn.history
    terminal.heading(f"What really happened \u00b7 {turn_date(turn)}")
    terminal.say(history.text)
    if history.why:
        terminal.say()
        terminal.say(f"Why: {history.why}")
    if history.uncertain:
        terminal.say()
        terminal.say(f"Uncertain: {history.uncertain}")
    terminal.say()
    for role in session.roles:
        if record.move(role) is not None:
            whose = "" if single else f" for the {role}"
            terminal.say(f"Verdict{whose}: {verdict(scenario, record, role)}")
    terminal.say(f"Source: {sources_line(scenario, turn)}")
    terminal.say()
    for question in history.discuss:
        terminal.item("? ", f"For discussion: {question}")
    if not terminal.pauses:
        return False
    if not session.decisions[-1].picks:  # nobody chose on this turn: there is nothing to take again
        terminal.pause()
        return False
    answer = terminal.ask("  [Enter to continue, w = what if: take this turn again] ").lower()
    if answer in ("w", "what if"):
        return what_if_to(terminal, game, len(session.decisions) - 1)
    return False


def show_ending(terminal: Terminal, game: Game) -> None:
    session = game.session
    scenario = session.scenario
    report = debrief(session)
    assert report.ending is not None
    terminal.say()
    terminal.rule("\u2550")
    terminal.say(f"THE END: {report.ending.title.upper()}")
    terminal.rule("\u2550")
    terminal.say(report.ending.text)
    terminal.say()
    terminal.say(ending_verdict(report) or "")
    terminal.heading("Your path against history")
    for line in path_lines(report):
        terminal.item(f"{line.mark} ", line.text)
        if line.history:
            terminal.say(line.history, indent=6)
    passed = passed_by_sentence(report)
    if passed:
        terminal.say(passed, indent=2)
    terminal.say()
    terminal.say(matched_sentence(report))
    show_series(terminal, report)
    if len(game.branches.branches) > 1:
        show_branches(terminal, game.branches)
    terminal.say()
    terminal.say("Sources:")
    for source in scenario.sources.values():
        terminal.item("\u2022 ", f"{source.title}: {source.note}")


def show_series(terminal: Terminal, report: Debrief) -> None:
    terminal.heading("How things moved, turn by turn")
    width = max((len(series.label) for series in report.series), default=0)
    for series in report.series:
        spark = sparkline(series.values, series.low, series.high)
        first, last = format_number(series.values[0]), format_number(series.values[-1])
        terminal.say(f"  {series.label:<{width}}  {spark}  {first} \u2192 {last}")


def show_branches(terminal: Terminal, branches: Branches) -> None:
    """A grid of every branch against history, then the choices in full where the branches part."""
    table = compare_branches(branches)
    names = [f"{name}*" if i == table.current else name for i, name in enumerate(table.names)]
    terminal.heading("What if? The branches side by side")
    for line in branch_grid(table, names, terminal.width):
        print(line, file=terminal.out)
    terminal.say("(= as history chose, \u2260 another way, \u2014 not reached; * the branch being played)")
    for number, row in enumerate(table.rows, start=1):
        if not row.parted:
            continue
        terminal.say()
        terminal.say(f"{number}. {turn_date(row.turn)}, {row.turn.title}")
        terminal.item("  History: ", " / ".join(row.history), indent=4)
        for choice in row.choices():
            who = ", ".join(names[i] for i in choice.branches)
            mark = "=" if choice.matched else "\u2260"
            terminal.item(f"{mark} {who}: ", " / ".join(choice.texts), indent=4)
    terminal.say()
    terminal.say("Endings:")
    terminal.item("History: ", table.historical_ending.title, indent=4)
    for name, ending in zip(names, table.endings, strict=True):
        terminal.item(f"{name}: ", ending.title if ending else "not reached yet", indent=4)


def branch_grid(table: BranchTable, names: Sequence[str], width: int) -> list[str]:
    """One row per turn and one narrow column per branch, marking each choice against history's."""
    columns = [max(len(name), 1) + 3 for name in names]
    labels = [
        f"{number}. {turn_short_date(row.turn)}, {row.turn.title}" for number, row in enumerate(table.rows, 1)
    ]
    first = max(12, min(width - sum(columns), max(map(len, labels), default=0) + 3))

    def fit(text: str) -> str:
        return text if len(text) < first else text[: first - 2] + "\u2026"

    lines = [
        fit("Turn").ljust(first) + "".join(n.ljust(w) for n, w in zip(names, columns, strict=True)).rstrip()
    ]
    for label, row in zip(labels, table.rows, strict=True):
        marks = []
        for steps in row.cells:
            if steps is None:
                marks.append("\u2014")
            else:
                marks.append("=" if all(step.matched for step in steps) else "\u2260")
        lines.append(
            fit(label).ljust(first)
            + "".join(m.ljust(w) for m, w in zip(marks, columns, strict=True)).rstrip()
        )
    return lines


# --- commands: undo, what if, save, load, report, branches ---------------------------------


HELP = (
    "Type the number of a choice. Other commands: u = undo the last decision, "
    "w = what if (go back to an earlier turn and choose again), s = save, l = load, "
    "r = write the report, b = branches, m = menu, h = help, q = quit."
)

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

MENU = (
    ("back", "Back to the game"),
    ("undo", "Undo the last decision"),
    ("what-if", "What if? Go back to an earlier turn and choose again"),
    ("save", "Save this game"),
    ("load", "Load a saved game"),
    ("report", "Write the report of this game (for a handout)"),
    ("branches", "Branches: compare them, or switch to another"),
    ("new", "New game"),
    ("quit", "Quit"),
)


@dataclass
class Game:
    """The game at the terminal: its branches, the scenarios it came from, and where it is kept."""

    branches: Branches
    catalog: Catalog
    store: SaveStore
    save_to: Path | None = None  # --save PATH: also kept there after every change
    complained: bool = False  # a failing autosave is told once, not every turn

    @property
    def session(self) -> Session:
        return self.branches.session

    def change(self, terminal: Terminal, branches: Branches) -> None:
        self.branches = branches
        self.keep(terminal)

    def keep(self, terminal: Terminal) -> None:
        """Autosave after every change of the game (and to --save PATH); a failure never stops play."""
        save = snapshot(self.branches, self.fingerprint, "Autosave")
        self._try(terminal, lambda: self.store.autosave(save))
        if self.save_to is not None:
            named = save.model_copy(update={"name": default_name(self.session)})
            self._try(terminal, lambda: write_save(self.save_to, named))

    def _try(self, terminal: Terminal, write: Callable[[], None]) -> None:
        try:
            write()
        except SaveError as error:
            if not self.complained:
                terminal.say(f"({error} The game goes on.)")
            self.complained = True

    @property
    def fingerprint(self) -> str:
        return self.catalog.fingerprint(self.session.scenario.id)


def run_command(terminal: Terminal, game: Game, command: str) -> bool:
    """Carry out a command; True if it changed the game, so the turn must be shown afresh."""
    if command == "help":
        terminal.say(HELP)
        return False
    if command == "quit":
        raise QuitGame("Your game is kept: choose Continue next time.\nYou leave the game. Goodbye.")
    if command == "menu":
        return menu(terminal, game)
    action = ACTIONS[command]
    return action(terminal, game)


def menu(terminal: Terminal, game: Game) -> bool:
    terminal.heading("Menu")
    for number, (_, label) in enumerate(MENU, start=1):
        terminal.item(f"{number}. ", label)
    command = MENU[choose(terminal, "\nWhich? ", len(MENU))][0]
    return False if command == "back" else run_command(terminal, game, command)


def undo(terminal: Terminal, game: Game) -> bool:
    if not game.session.can_undo():
        terminal.say("There is nothing to undo yet.")
        return False
    game.change(terminal, game.branches.update(game.session.undo_choice()))
    terminal.say("You take back your last decision.")
    return True


def what_if(terminal: Terminal, game: Game) -> bool:
    """Pick a turn on which people chose, and take it again on a new branch."""
    session = game.session
    scenario = session.scenario
    chosen = [(i, record) for i, record in enumerate(session.state.log) if session.decisions[i].picks]
    if not chosen:
        terminal.say("There is no earlier choice to go back to yet.")
        return False
    terminal.heading("What if? Go back to a turn and choose again")
    for number, (index, record) in enumerate(chosen, start=1):
        steps = [path_step(scenario, record, m) for m in record.moves if m.role in session.roles]
        turn = scenario.turns[scenario.turn_index(record.turn)]
        chose = " / ".join(f"\u201c{step.chosen}\u201d" for step in steps)
        mark = "=" if all(step.matched for step in steps) else "\u2260"
        terminal.item(
            f"{number}. ", f"{mark} Turn {index + 1}, {turn_date(turn)}, {turn.title}: chosen {chose}"
        )
    count = len(chosen)
    while True:
        answer = terminal.ask(f"\nGo back to which? (1-{count}, Enter = {count}, c = cancel) ").lower()
        if answer in ("c", "cancel"):
            return False
        if not answer:
            return what_if_to(terminal, game, chosen[-1][0])
        if answer.isdigit() and 1 <= int(answer) <= count:
            return what_if_to(terminal, game, chosen[int(answer) - 1][0])
        terminal.say(f"Please type a number from 1 to {count}, or c to cancel.")


def what_if_to(terminal: Terminal, game: Game, decisions_kept: int) -> bool:
    was = game.branches.branch.name
    game.change(terminal, game.branches.what_if(decisions_kept))
    now = game.branches.branch.name
    date = reached_date(game.session.scenario, game.session.state)
    terminal.say()
    terminal.say(
        f"What if? Branch {now} goes back to turn {decisions_kept + 1}, {date}. "
        + (f"Branch {was} is kept as it was; " if was != now else "")
        + "b shows the branches side by side."
    )
    return True


def save_game(terminal: Terminal, game: Game) -> bool:
    default = default_name(game.session)
    name = terminal.ask(f"Name this save (Enter = \u201c{default}\u201d): ") or default
    path = game.store.slot_path(name)
    existed = path.exists()
    try:
        game.store.save_slot(name, snapshot(game.branches, game.fingerprint, name))
    except SaveError as error:
        terminal.say(str(error))
        return False
    replaced = " (replacing the save of that name)" if existed else ""
    terminal.say(f"Saved as \u201c{name}\u201d{replaced}: {path}")
    return False


def load_game(terminal: Terminal, game: Game) -> bool:
    loaded = pick_save(terminal, game.catalog, game.store)
    if loaded is None:
        return False
    welcome(terminal, loaded)
    game.change(terminal, loaded.branches)
    return True


def write_report_file(terminal: Terminal, game: Game) -> bool:
    session = game.session
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = reports_dir() / f"{session.scenario.id}-{stamp}.html"
    try:
        write_report(path, game.branches)
    except OSError as error:
        terminal.say(f"Could not write the report to {path}: {error.strerror or error}.")
        return False
    terminal.say(f"The report was written to {path}")
    return False


def branches_view(terminal: Terminal, game: Game) -> bool:
    branches = game.branches
    if len(branches.branches) == 1:
        terminal.say("There is one branch so far; w (what if) goes back to a turn and starts another.")
        return False
    show_branches(terminal, branches)
    names = [branch.name.lower() for branch in branches.branches]
    while True:
        answer = terminal.ask(
            f"\nSwitch to which branch? (letter, Enter = stay on {branches.branch.name}) "
        ).lower()
        if not answer or answer == names[branches.current]:
            return False
        if answer in names:
            game.change(terminal, branches.switch(names.index(answer)))
            terminal.say(f"You are on branch {game.branches.branch.name}: {session_label(game.session)}.")
            return True
        terminal.say(f"Please type one of {', '.join(n.upper() for n in names)}, or Enter to stay.")


def new_game(terminal: Terminal, game: Game) -> bool:
    session = start_new(terminal, game.catalog, None, None, None)
    game.change(terminal, Branches.start(session))
    return True


ACTIONS: dict[str, Callable[[Terminal, Game], bool]] = {
    "undo": undo,
    "what-if": what_if,
    "save": save_game,
    "load": load_game,
    "report": write_report_file,
    "branches": branches_view,
    "new": new_game,
}


# --- starting: continue, new game, load ------------------------------------------------------


def pick_save(terminal: Terminal, catalog: Catalog, store: SaveStore) -> Loaded | None:
    infos, problems = store.entries()
    for problem in problems:
        terminal.say(problem.message)
    if not infos:
        terminal.say("There are no saved games yet.")
        return None
    terminal.heading("Saved games")
    for number, info in enumerate(infos, start=1):
        name = info.name
        if info.autosave:
            name = "Autosave" if info.path == store.autosave_path else "The autosave before it"
        label = "" if name == info.label else f" \u2014 {info.label}"
        terminal.item(f"{number}. ", f"{name}{label} (saved {info.saved})")
    while True:
        answer = terminal.ask(f"\nWhich save? (1-{len(infos)}, Enter = cancel) ").lower()
        if not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(infos):
            break
        terminal.say(f"Please type a number from 1 to {len(infos)}, or Enter to cancel.")
    result = load(infos[int(answer) - 1].path, catalog)
    if isinstance(result, SaveProblem):
        terminal.say(result.message)
        return None
    return result


def welcome(terminal: Terminal, loaded: Loaded) -> None:
    terminal.say()
    branch = f" (branch {loaded.branches.branch.name})" if len(loaded.branches.branches) > 1 else ""
    terminal.say(f"Welcome back: {session_label(loaded.session)}{branch}.")
    for note in loaded.notes:
        terminal.say(note)


def start_new(
    terminal: Terminal, catalog: Catalog, scenario: Scenario | None, role: Role | None, seed: int | None
) -> Session:
    scenario = scenario or pick_scenario(terminal, catalog)
    role = role if role in scenario.roles else pick_role(terminal, scenario)
    seed = random.SystemRandom().randrange(1, 1_000_000) if seed is None else seed
    info = scenario.roles[role]
    terminal.heading(f"You are the {role}: {info.name}")
    terminal.say(info.brief)
    terminal.say()
    terminal.say(f"(Game seed {seed}. {HELP})")
    terminal.pause()
    return Session.start(scenario, seed, [role])


def first_menu(
    terminal: Terminal, catalog: Catalog, store: SaveStore, role: Role | None, seed: int | None
) -> Session | Loaded:
    """Continue the autosaved game, start a new one, or load a save; skipped when there is nothing saved."""
    resumable, problems = store.resume(catalog)
    for problem in problems:
        terminal.say(problem.message)
    while True:
        infos, damaged = store.entries()
        for problem in damaged:
            terminal.say(problem.message)
        has_saves = bool(infos)
        entries: list[tuple[str, str]] = []
        if resumable is not None:
            entries.append(("continue", f"Continue {session_label(resumable.session)}"))
        entries.append(("new", "New game"))
        if has_saves:
            entries.append(("load", "Load a saved game"))
        if len(entries) == 1:
            return start_new(terminal, catalog, None, role, seed)
        terminal.heading("Welcome")
        for number, (_, label) in enumerate(entries, start=1):
            terminal.item(f"{number}. ", label)
        picked = entries[choose(terminal, "\nWhich? ", len(entries))][0]
        if picked == "continue" and resumable is not None:
            welcome(terminal, resumable)
            return resumable
        if picked == "new":
            return start_new(terminal, catalog, None, role, seed)
        loaded = pick_save(terminal, catalog, store)
        if loaded is not None:
            welcome(terminal, loaded)
            return loaded


# --- the game loop ---------------------------------------------------------------------------


def play(terminal: Terminal, game: Game) -> None:
    """Play turns, and at an ending the debrief, until the player quits."""
    while True:
        if game.session.state.finished:
            show_ending(terminal, game)
            debrief_menu(terminal, game)
        else:
            play_turn(terminal, game)


def play_turn(terminal: Terminal, game: Game) -> None:
    session = game.session
    show_turn(terminal, session)
    to_choose = session.roles_to_choose()
    if not to_choose:
        who = session.roles[0] if len(session.roles) == 1 else "players"
        terminal.say()
        terminal.say(f"You have no decision to take on this turn; events move on without the {who}.")
        terminal.pause()
    picks: dict[Role, str] = {}
    for role in to_choose:
        picked = ask_choice(terminal, game, role)
        if picked is None:
            return  # a command changed the game: show it afresh
        picks[role] = picked
    result = session.decide(picks)
    if isinstance(result, Impossible):  # pragma: no cover - options() already filtered
        terminal.say(f"That cannot be done: {result.reason}.")
        return
    game.change(terminal, game.branches.update(result))
    show_result(terminal, game)


def debrief_menu(terminal: Terminal, game: Game) -> None:
    """After the ending: returns once a command has changed the game (what if, undo, load, new)."""
    prompt = "\nWhat now? w = what if, b = branches, r = report, s = save, u = undo, n = new game, q = quit: "
    while True:
        answer = terminal.ask(prompt).lower()
        command = COMMANDS.get(answer)
        if command is None:
            terminal.say("Please type one of the letters above.")
        elif run_command(terminal, game, command):
            return


def run(
    catalog: Catalog,
    scenario_id: str | None = None,
    role: Role | None = None,
    seed: int | None = None,
    terminal: Terminal | None = None,
    load_path: Path | None = None,
    save_path: Path | None = None,
    store: SaveStore | None = None,
) -> int:
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
        )
    except BrokenPipeError:
        # The reader went away (e.g. piped into `head`): stop quietly, as other commands do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(
    catalog: Catalog,
    scenario_id: str | None,
    role: Role | None,
    seed: int | None,
    terminal: Terminal,
    load_path: Path | None,
    save_path: Path | None,
    store: SaveStore,
) -> int:
    store.sweep()
    try:
        terminal.say("TURKESTAN CROSSROADS, 1918\u20131931")
        terminal.say("Central Asia from the Russian revolution to the end of the Basmachi movement.")
        if not catalog.scenarios:
            terminal.say("No scenarios could be loaded. Run 'python main.py validate' to see why.")
            return 1
        started = begin(terminal, catalog, store, scenario_id, role, seed, load_path)
        if isinstance(started, int):
            return started
        branches = started.branches if isinstance(started, Loaded) else Branches.start(started)
        # Nothing is autosaved until the game changes: opening the game and leaving
        # again must not push the last lesson's game out of the autosaves.
        play(terminal, Game(branches, catalog, store, save_path))
        return 0  # pragma: no cover - play() only leaves by QuitGame
    except QuitGame as stop:
        terminal.say()
        terminal.say(stop.message)
        return 0
    except KeyboardInterrupt:
        terminal.say()
        terminal.say("Interrupted. Goodbye.")
        return 130


def begin(
    terminal: Terminal,
    catalog: Catalog,
    store: SaveStore,
    scenario_id: str | None,
    role: Role | None,
    seed: int | None,
    load_path: Path | None,
) -> Session | Loaded | int:
    """The game to play, from --load, --scenario or the first menu; an exit code on a usage error."""
    if load_path is not None:
        result = load(load_path, catalog)
        if isinstance(result, Loaded):
            welcome(terminal, result)
            return result
        terminal.say(result.message)
    if scenario_id is None:
        return first_menu(terminal, catalog, store, role, seed)
    scenario = catalog.find(scenario_id)
    if scenario is None:
        known = ", ".join(s.id for s in catalog.scenarios)
        terminal.say(f"There is no scenario {scenario_id!r}. Known: {known}.")
        return 2
    if role is not None and role not in scenario.roles:
        terminal.say(f"{scenario.title} has no {role} role.")
        return 2
    terminal.heading(scenario.title)
    terminal.say(scenario.summary)
    return start_new(terminal, catalog, scenario, role, seed)
