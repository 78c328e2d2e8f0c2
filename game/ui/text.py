"""The terminal front end: a real text adventure, and the way to play with a screen reader.

Choices are read line by line from standard input, so the game can be piped or
scripted. It pauses for Enter only when a person is at a terminal.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from game import faults
from game.engine.conditions import format_number
from game.engine.rules import Impossible, Option, current_turn, options, verdict
from game.engine.session import Session
from game.scenario.catalog import Catalog
from game.scenario.model import ROLES, Role, Scenario
from game.ui.present import (
    changes,
    format_span,
    outcome_text,
    path_against_history,
    turn_date,
    visible_values,
)

HELP = "Type the number of a choice. Other commands: u = undo the last turn, h = help, q = quit."


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
                paragraph, self.width, initial_indent=prefix, subsequent_indent=prefix, break_on_hyphens=False
            )
            print(wrapped, file=self.out)

    def item(self, marker: str, text: str, indent: int = 2) -> None:
        """A numbered or bulleted line whose continuation lines hang under its text."""
        first = " " * indent + marker
        wrapped = textwrap.fill(
            text, self.width, initial_indent=first, subsequent_indent=" " * len(first), break_on_hyphens=False
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
        except UnicodeDecodeError:  # bytes that are not text on a stdin we could not reconfigure
            raise QuitGame("The input is not readable text, so the game stops here. Goodbye.") from None
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
        number = as_number(answer)
        if number is not None and 1 <= number <= count:
            return number - 1
        terminal.say(f"Please type a number from 1 to {count}, or q to quit.")


def as_number(answer: str) -> int | None:
    """A typed choice number, or None. Only ASCII digits, and few of them: str.isdigit()
    accepts '²', which int() refuses, and int() of thousands of digits is refused too."""
    if answer.isascii() and answer.isdigit() and len(answer) <= 6:
        return int(answer)
    return None


# --- menus ---------------------------------------------------------------------------------


def pick_scenario(terminal: Terminal, catalog: Catalog) -> Scenario:
    terminal.heading("Scenarios")
    for number, scenario in enumerate(catalog.scenarios, start=1):
        span = format_span(scenario.dates.start, scenario.dates.end)
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


def show_turn(terminal: Terminal, session: Session, role: Role) -> None:
    scenario, state = session.scenario, session.state
    turn = current_turn(scenario, state)
    assert turn is not None and state.turn is not None
    place = scenario.places[turn.place].name
    terminal.say()
    terminal.rule("\u2550")
    terminal.say(f"Turn {len(state.log) + 1} \u00b7 {turn_date(turn)} \u00b7 {place}")
    terminal.say(turn.title.upper())
    terminal.rule("\u2550")
    terminal.say(turn.situation_for(role))
    terminal.say()
    show_values(terminal, session)


def show_values(terminal: Terminal, session: Session) -> None:
    for label, value, low, high in visible_values(session.scenario, session.state):
        filled = round(10 * (value - low) / (high - low))
        bar = "\u2588" * filled + "\u2591" * (10 - filled)
        terminal.say(f"  {label:<32} {bar} {format_number(value)}")


def show_options(terminal: Terminal, offered: Sequence[Option]) -> None:
    terminal.say()
    terminal.say("What do you do?")
    for option in offered:
        if option.available:
            terminal.item(f"{option.number}. ", option.choice.text)
        else:
            terminal.item(f"{option.number}. ", f"[not possible: {option.reason}] {option.choice.text}")


def ask_choice(terminal: Terminal, session: Session, role: Role) -> str | None:
    """The id of the choice taken, or None to undo."""
    offered = options(session.scenario, session.state, role)
    show_options(terminal, offered)
    if not any(option.available for option in offered):
        dead_end(terminal, session, f"none of the {role}'s choices is possible now")
        return None  # the player chose to take back the last decision
    while True:
        answer = terminal.ask("\nYour choice (h for help): ").lower()
        if answer in ("q", "quit", "exit"):
            raise QuitGame("You leave the game. Goodbye.")
        if answer in ("u", "undo"):
            return None
        if answer in ("h", "help", "?"):
            terminal.say(HELP)
            continue
        number = as_number(answer)
        if number is not None and 1 <= number <= len(offered):
            option = offered[number - 1]
            if option.available:
                return option.choice.id
            terminal.say(f"That is not possible now: {(option.reason or '').rstrip('.')}.")
            continue
        terminal.say(f"Please type a number from 1 to {len(offered)}, or h for help.")


def show_result(terminal: Terminal, session: Session, role: Role) -> None:
    scenario = session.scenario
    record = session.state.log[-1]
    turn = scenario.turns[scenario.turn_index(record.turn)]
    terminal.heading("What came of it")
    for move in record.moves:
        if move.role != role:
            # Outcome texts speak to the role that chose, so the other side's is not shown.
            choice = scenario.choice(turn.id, move.role, move.choice)
            who = scenario.roles[move.role].name
            terminal.say(f"The {move.role}, {who}, {_following(move.by)}: {choice.text}")
            terminal.say()
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
    if record.move(role) is not None:
        terminal.say(f"Verdict: {verdict(scenario, record, role)}")
    sources = "; ".join(scenario.sources[source].title for source in history.sources)
    terminal.say(f"Source: {sources}")
    terminal.say()
    for question in history.discuss:
        terminal.item("? ", f"For discussion: {question}")
    terminal.pause()


def _following(by: str) -> str:
    return "following history, chose" if by == "history" else "chose"


def show_ending(terminal: Terminal, session: Session, role: Role) -> None:
    scenario = session.scenario
    ending = scenario.ending(session.state.ending or "")
    terminal.say()
    terminal.rule("\u2550")
    terminal.say(f"THE END: {ending.title.upper()}")
    terminal.rule("\u2550")
    terminal.say(ending.text)
    historical = scenario.historical_ending()
    terminal.say()
    if ending.id == historical.id:
        terminal.say("Your game ended as history did.")
    else:
        terminal.say(f"History ended differently: {historical.title}.")
    terminal.heading("Your path against history")
    steps = [step for step in path_against_history(scenario, session.state.log) if step.role == role]
    for step in steps:
        mark = "=" if step.matched else "\u2260"
        terminal.item(f"{mark} ", f"{step.shown_date}, {step.title}: you chose \u201c{step.chosen}\u201d")
        if not step.matched:
            terminal.say(f"History: \u201c{step.historical}\u201d", indent=6)
    matched = sum(step.matched for step in steps)
    terminal.say()
    terminal.say(f"You matched history on {matched} of {len(steps)} turns.")
    terminal.say()
    terminal.say("Sources:")
    for source in scenario.sources.values():
        terminal.item("\u2022 ", f"{source.title}: {source.note}")


# --- the game loop ---------------------------------------------------------------------------


def dead_end(terminal: Terminal, session: Session, reason: str) -> None:
    """The scenario leaves no way on (every choice closed): never loop, never crash.

    Returns when the player takes back the last decision; otherwise the game ends.
    """
    terminal.say()
    terminal.say(
        f"The game cannot go on from here: {reason}. This is a dead end in the scenario; "
        "please tell its author ('python main.py validate' warns of it)."
    )
    if not session.decisions:
        raise QuitGame("Goodbye.")
    while True:
        answer = terminal.ask("Type u to take back your last decision, or q to leave: ").lower()
        if answer in ("q", "quit", "exit"):
            raise QuitGame("You leave the game. Goodbye.")
        if answer in ("u", "undo"):
            return


def play_session(terminal: Terminal, session: Session) -> Session:
    """Play until an ending; returns the finished session.

    Every change of the session is told to the crash reporter (faults.track),
    so a crash report holds the decisions taken up to the failure.
    """
    (role,) = session.roles
    faults.track(session)
    while not session.state.finished:
        show_turn(terminal, session, role)
        if role not in session.roles_to_choose():
            terminal.say()
            terminal.say(f"You have no decision to take on this turn; events move on without the {role}.")
            terminal.pause()
            result = session.decide({})
        else:
            picked = ask_choice(terminal, session, role)
            if picked is None:
                if not session.decisions:
                    terminal.say("There is nothing to undo yet.")
                    continue
                session = session.undo()
                faults.track(session)
                terminal.say("You take back your last decision.")
                continue
            result = session.decide({role: picked})
        if isinstance(result, Impossible):  # the role nobody plays has no open choice
            dead_end(terminal, session, result.reason)
            session = session.undo()
            faults.track(session)
            terminal.say("You take back your last decision.")
            continue
        session = result
        faults.track(session)
        show_result(terminal, session, role)
    show_ending(terminal, session, role)
    return session


def run(
    catalog: Catalog,
    scenario_id: str | None = None,
    role: Role | None = None,
    seed: int | None = None,
    terminal: Terminal | None = None,
) -> int:
    terminal = terminal or Terminal.standard()
    try:
        terminal.say("TURKESTAN CROSSROADS, 1918\u20131931")
        terminal.say("Central Asia from the Russian revolution to the end of the Basmachi movement.")
        if not catalog.scenarios:
            terminal.say("No scenarios could be loaded. Run 'python main.py validate' to see why.")
            return 1
        if scenario_id is not None:
            scenario = catalog.find(scenario_id)
            if scenario is None:
                known = ", ".join(s.id for s in catalog.scenarios)
                terminal.say(f"There is no scenario {scenario_id!r}. Known: {known}.")
                return 2
        else:
            scenario = pick_scenario(terminal, catalog)
        if role is not None and role not in scenario.roles:
            terminal.say(f"{scenario.title} has no {role} role.")
            return 2
        role = role or pick_role(terminal, scenario)
        seed = random.SystemRandom().randrange(1, 1_000_000) if seed is None else seed
        info = scenario.roles[role]
        terminal.heading(f"You are the {role}: {info.name}")
        terminal.say(info.brief)
        terminal.say()
        terminal.say(f"(Game seed {seed}. {HELP})")
        terminal.pause()
        session = Session.start(scenario, seed, [role])
        faults.track(session, scenario_file=catalog.files.get(scenario.id), front_end="text")
        play_session(terminal, session)
        return 0
    except QuitGame as stop:
        terminal.say()
        terminal.say(stop.message)
        return 0
    except KeyboardInterrupt:
        terminal.say()
        terminal.say("Interrupted. Goodbye.")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. piped into `head`): stop quietly, as other commands do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
