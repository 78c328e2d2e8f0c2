"""The classroom at the terminal: passing the screen between teams, the class vote, the teacher's notes."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.rules import Option
from game.i18n import _, local
from game.scenario.model import Role, Turn
from game.ui.classroom import (
    Tally,
    TallyError,
    Teams,
    handover_prompt,
    handover_title,
    hands_text,
    parse_tally,
    tie_rule_text,
    vote_lines,
    vote_result_text,
)
from game.ui.present import teacher_notes
from game.ui.text.state import Outcome
from game.ui.text.terminal import QUIT_WORDS, QuitGame, Terminal, as_number

# --- two teams -----------------------------------------------------------------------------


def hand_over(terminal: Terminal, role: Role, teams: Teams, hide_first: bool) -> None:
    """Pass the screen to the team that chooses next: nobody sees the other team's choices.

    `hide_first` clears what is on the screen before the handover (the previous
    team's choices); the turn everyone may see is left up until this team has the
    screen. Once the team has pressed Enter, the screen is cleared for its own view.
    """
    if hide_first:
        terminal.clear()
    terminal.heading(handover_title(role, teams))
    if terminal.pauses:
        terminal.ask(handover_prompt(role, teams) + " ")
    else:
        terminal.say(handover_prompt(role, teams))
    if terminal.screen:
        terminal.clear()


# --- the class vote ------------------------------------------------------------------------


def vote_intro(terminal: Terminal) -> None:
    terminal.say()
    terminal.say(
        _(
            "Class vote: count the hands for each open choice and type them as choice and hands, "
            "e.g. 1 12, 2 7 (or press Enter to be asked for each). {rule}"
        ).format(rule=tie_rule_text())
    )


def take_vote(terminal: Terminal, offered: Sequence[Option], answer: str) -> Tally | None:
    """Read the show of hands, show the count and the winner, and let the teacher confirm or correct.

    `answer` is what was typed at the choice prompt: a tally line, or nothing to be
    asked choice by choice. Returns the accepted tally, or None to go back to the prompt.
    """
    empty = Tally.for_options(offered)
    while True:
        if answer:
            try:
                tally = parse_tally(answer, empty)
            except TallyError as error:
                terminal.say(str(error))
                return None
        else:
            tally = ask_each(terminal, offered, empty)
        show_vote(terminal, tally, offered)
        if tally.result() is None:
            terminal.say(_("Nobody voted, so there is no choice yet: type the hands again."))
            return None
        answer = terminal.ask(_("Enter = go with the vote, or type the hands again: "))
        if not answer:
            return tally


def ask_each(terminal: Terminal, offered: Sequence[Option], tally: Tally) -> Tally:
    """Ask for the hands raised for each open choice in turn (Enter = none)."""
    for option in offered:
        if not option.available:
            continue
        while True:
            answer = terminal.ask(
                _("  {number}. {choice} \u2014 hands: ").format(number=option.number, choice=_short(option))
            )
            if answer.lower() in QUIT_WORDS:
                raise QuitGame(_("You leave the game. Goodbye."))
            hands = 0 if not answer else as_number(answer)
            if hands is not None and hands <= 999:
                tally = tally.set(option.choice.id, hands)
                break
            terminal.say(_("Please type the number of hands (Enter = none)."))
    return tally


def _short(option: Option) -> str:
    text = local(option.choice.text)
    return text if len(text) <= 60 else text[:57].rstrip() + "\u2026"


def show_vote(terminal: Terminal, tally: Tally, offered: Sequence[Option]) -> None:
    """Each open choice with its hands as a bar, then the winner (and the tie rule, on a tie)."""
    lines = vote_lines(tally, offered)
    most = max((line.hands for line in lines), default=0) or 1
    terminal.say()
    for line in lines:
        bar = "\u2588" * round(20 * line.hands / most) if line.hands else ""
        mark = "\u25b6 " if line.won else "  "
        terminal.item(f"{mark}{line.number}. ", f"{hands_text(line.hands)} {bar}  {line.text}")
    terminal.say()
    terminal.say(vote_result_text(tally, offered))


# --- the teacher's notes -------------------------------------------------------------------


def show_teacher_notes(terminal: Terminal, turn: Turn | None) -> None:
    terminal.heading(_("Teacher's notes \u2014 hide before projecting"))
    notes = teacher_notes(turn) if turn is not None else ()
    if not notes:
        terminal.say(_("This turn has no notes for the teacher."))
    for label, text in notes:
        terminal.item(f"{label}: ", text)


def teacher_notes_on_request(terminal: Terminal, turn: Turn | None) -> Outcome:
    """The `t` command: the notes, then (at a screen) Enter hides them before the class looks again."""
    show_teacher_notes(terminal, turn)
    if not terminal.screen:
        return "stay"
    terminal.ask(_("  [Enter to hide the notes] "))
    terminal.clear()
    return "redraw"
