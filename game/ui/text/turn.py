"""One turn at the terminal: the situation, each side's choice (a team's hidden from the other, or
a class vote), what came of it and what really happened."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.engine.conditions import format_number
from game.engine.rules import Impossible, Option, current_turn, options
from game.engine.session import Session
from game.i18n import _, local
from game.scenario.model import Role, Turn
from game.ui.classroom import Tally, both_chosen
from game.ui.present import (
    changes,
    closed_reason,
    move_line,
    outcome_text,
    role_title,
    sources_line,
    turn_date,
    turn_heading,
    verdict_line,
    visible_values,
    vote_key,
)
from game.ui.text import classroom, reference
from game.ui.text.commands import parse_command, run_command, undo, what_if_to
from game.ui.text.state import Game
from game.ui.text.terminal import QuitGame, Terminal, as_number


@dataclass(frozen=True)
class Pick:
    """What a role's people chose, and the show of hands if the class voted."""

    choice: str
    tally: Tally | None = None


def play_turn(terminal: Terminal, game: Game) -> None:
    session = game.session
    turn = current_turn(session.scenario, session.state)
    assert turn is not None
    if game.classroom.presenter:
        classroom.show_teacher_notes(terminal, turn)
    to_choose = session.roles_to_choose()
    private = game.teams and len(to_choose) > 1  # each team's choices hidden from the other
    show_turn(terminal, game, private)
    if not to_choose:
        terminal.say()
        terminal.say(_("You have no decision to take on this turn; events move on without you."))
        terminal.pause()
    picks: dict[Role, str] = {}
    by: dict[Role, str] = {}
    votes: dict[str, int] = {}
    for index, role in enumerate(to_choose):
        redraw = private_view(terminal, game, role) if private else lambda: show_turn(terminal, game, False)
        if private:
            classroom.hand_over(terminal, role, game.classroom.teams, hide_first=index > 0)
            redraw()
        elif game.teams:
            terminal.heading(game.classroom.teams.called(role))
        pick = ask_choice(terminal, game, role, redraw)
        if pick is None:
            return  # a command changed the game: show it afresh
        picks[role] = pick.choice
        if game.teams:
            by[role] = game.classroom.teams.by(role)
        if pick.tally is not None:
            several = len(to_choose) > 1
            votes.update({vote_key(role, c, several): n for c, n in pick.tally.votes().items()})
    if private:
        terminal.clear()
        terminal.say(both_chosen())
    result = session.decide(picks, by=by or None, votes=votes or None)
    if isinstance(result, Impossible):  # the role nobody plays has no open choice
        dead_end(terminal, game, result.reason)  # (returning to play() as before would loop forever)
        return
    game.change(terminal, game.branches.update(result))
    show_result(terminal, game)


def dead_end(terminal: Terminal, game: Game, reason: str) -> None:
    """The scenario leaves no way on (every choice of a role closed): never loop, never crash.

    Returns once the last decision is taken back; otherwise the game ends. (`reason`
    may be the engine's own diagnostic, which is in English.)
    """
    terminal.say()
    terminal.say(
        _(
            "The game cannot go on from here: {reason}. This is a dead end in the scenario; "
            "please tell its author ('python main.py validate' warns of it)."
        ).format(reason=reason)
    )
    if not game.session.can_undo():
        raise QuitGame(_("Goodbye."))
    while True:
        answer = terminal.ask(_("Type u to take back your last decision, or q to leave: "))
        command = parse_command(answer)
        if command is not None and command.name == "quit":
            run_command(terminal, game, command)
        if command is not None and command.name == "undo":
            undo(terminal, game)
            return


def show_turn(terminal: Terminal, game: Game, private: bool) -> None:
    """The turn as everyone in the room may see it; with `private`, each team's own situation waits."""
    session = game.session
    scenario, state = session.scenario, session.state
    turn = current_turn(scenario, state)
    assert turn is not None and state.turn is not None
    show_heading(terminal, game, turn)
    situations = {role: local(turn.situation_for(role)) for role in session.roles}
    shown: list[str] = []
    if len(set(situations.values())) == 1:
        shown = [next(iter(situations.values()))]
        terminal.say(shown[0])
    elif private:
        terminal.say(_("Each team reads its own situation when it has the screen."))
    else:  # one team chooses on this turn: both may read both situations
        shown = [f"{role_title(role)}: {text}" for role, text in situations.items()]
        terminal.say("\n\n".join(shown))
    terminal.say()
    show_values(terminal, session)
    reference.word_notes(terminal, game.reference.glossary, shown, game.room.seen_words)


def show_heading(terminal: Terminal, game: Game, turn: Turn) -> None:
    state = game.session.state
    terminal.say()
    terminal.rule("\u2550")
    terminal.say(turn_heading(game.session.scenario, turn, len(state.log) + 1))
    terminal.say(local(turn.title).upper())
    terminal.rule("\u2550")


def private_view(terminal: Terminal, game: Game, role: Role) -> Callable[[], None]:
    """What one team sees while it has the screen: the turn, its own situation and the values."""

    def show() -> None:
        session = game.session
        turn = current_turn(session.scenario, session.state)
        assert turn is not None
        show_heading(terminal, game, turn)
        situation = local(turn.situation_for(role))
        terminal.say(situation)
        terminal.say()
        show_values(terminal, session)
        reference.word_notes(terminal, game.reference.glossary, [situation], game.room.seen_words)

    return show


def show_values(terminal: Terminal, session: Session) -> None:
    rows = list(visible_values(session.scenario, session.state))
    width = max((len(label) for label, *_rest in rows), default=0)
    for label, value, low, high in rows:
        filled = round(10 * (value - low) / (high - low))
        bar = "\u2588" * filled + "\u2591" * (10 - filled)
        terminal.say(f"  {label:<{max(width, 32)}} {bar} {format_number(value)}")


def show_options(terminal: Terminal, game: Game, offered: Sequence[Option], role: Role) -> None:
    terminal.say()
    if game.classroom.vote:
        terminal.say(_("What does the class choose?"))
    elif game.teams:
        terminal.say(_("{team}, what do you choose?").format(team=game.classroom.teams.called(role)))
    else:
        terminal.say(_("What do you do?"))
    scenario = game.session.scenario
    for option in offered:
        text = local(option.choice.text)
        if option.available:
            terminal.item(f"{option.number}. ", text)
        else:
            reason = closed_reason(scenario, option)
            terminal.item(
                f"{option.number}. ",
                _("[not possible: {reason}] {choice}").format(reason=reason, choice=text),
            )
    if game.classroom.vote:
        classroom.vote_intro(terminal)


def ask_choice(terminal: Terminal, game: Game, role: Role, redraw: Callable[[], None]) -> Pick | None:
    """The choice taken, or None when a command changed the game (undo, what if, load...)."""
    session = game.session
    offered = options(session.scenario, session.state, role)
    show_options(terminal, game, offered, role)
    if not any(option.available for option in offered):
        if role == "negotiator":
            dead_end(terminal, game, _("none of the negotiator's choices is possible now"))
        else:
            dead_end(terminal, game, _("none of the commander's choices is possible now"))
        return None  # the last decision was taken back
    vote = game.classroom.vote
    prompt = (
        _("\nHands (e.g. 1 12, 2 7; Enter = one by one; h = help): ")
        if vote
        else _("\nYour choice (h for help): ")
    )
    while True:
        answer = terminal.ask(prompt)
        command = parse_command(answer)
        if command is not None:
            outcome = run_command(terminal, game, command)
            if outcome == "changed":
                return None
            if outcome == "redraw":
                redraw()
                show_options(terminal, game, offered, role)
            continue
        if vote:
            tally = classroom.take_vote(terminal, offered, answer)
            if tally is not None:
                result = tally.result()
                assert result is not None
                return Pick(result.winner, tally)
            continue
        number = as_number(answer)
        if number is not None and 1 <= number <= len(offered):
            option = offered[number - 1]
            if option.available:
                return Pick(option.choice.id)
            reason = closed_reason(session.scenario, option).rstrip(".")
            terminal.say(_("That is not possible now: {reason}.").format(reason=reason))
            continue
        terminal.say(_("Please type a number from 1 to {count}, or h for help.").format(count=len(offered)))


def show_result(terminal: Terminal, game: Game) -> None:
    """What came of the turn, then what really happened; at a screen, "what if?" can take it again."""
    session = game.session
    scenario = session.scenario
    record = session.state.log[-1]
    turn = scenario.turns[scenario.turn_index(record.turn)]
    single = len(session.roles) == 1
    terminal.heading(_("What came of it"))
    for move in record.moves:
        if move.role in session.roles:
            continue  # the people's own choices are shown below, with what came of them
        terminal.say(move_line(scenario, turn, move))
        terminal.say()
    outcomes = []
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
            outcomes.append(text)
    moved = changes(scenario, record.before, record.after)
    if moved:
        terminal.say()
        for change in moved:
            terminal.item("\u2022 ", str(change))
    terminal.pause()
    show_history(terminal, game, turn, outcomes, single)
    if not terminal.pauses:
        return
    if not session.decisions[-1].picks:  # nobody chose on this turn: there is nothing to take again
        terminal.pause()
        return
    answer = terminal.ask(_("  [Enter to continue, w = what if: take this turn again] ")).lower()
    if answer in ("w", "what if", "ц"):
        what_if_to(terminal, game, len(session.decisions) - 1)


def show_history(terminal: Terminal, game: Game, turn: Turn, outcomes: list[str], single: bool) -> None:
    session = game.session
    scenario = session.scenario
    record = session.state.log[-1]
    history = turn.history
    terminal.heading(_("What really happened \u00b7 {date}").format(date=turn_date(turn)))
    texts = [local(history.text)]
    terminal.say(texts[0])
    if history.why:
        texts.append(local(history.why))
        terminal.say()
        terminal.say(_("Why: {text}").format(text=texts[-1]))
    if history.uncertain:
        texts.append(local(history.uncertain))
        terminal.say()
        terminal.say(_("Uncertain: {text}").format(text=texts[-1]))
    terminal.say()
    for role in session.roles:
        if record.move(role) is not None:
            terminal.say(verdict_line(scenario, record, role, single))
    terminal.say(_("Source: {sources}").format(sources=sources_line(scenario, turn)))
    terminal.say()
    for question in history.discuss:
        terminal.item("? ", _("For discussion: {question}").format(question=local(question)))
    reference.word_notes(terminal, game.reference.glossary, [*outcomes, *texts], game.room.seen_words)
