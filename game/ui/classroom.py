"""Classroom play as data every front end shares: two teams at one screen, and the class vote.

Pure: no screen, no keyboard. The terminal types a tally as a line ("1 12, 2 7");
the window adds a hand per number key and takes one back with Backspace; both
edit the same immutable `Tally`, count it with the engine's rule
(`game.engine.vote`) and say the result in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from game.engine.rules import Option
from game.engine.vote import TIE_RULE, VoteResult, count
from game.i18n import N_, _, local, ngettext
from game.scenario.model import Role

MAX_HANDS = 999  # more than any class; a typo like "1 1200" is refused, not counted

# --- two teams -----------------------------------------------------------------------------

DEFAULT_TEAMS: Mapping[Role, str] = {"negotiator": N_("Negotiator team"), "commander": N_("Commander team")}


@dataclass(frozen=True)
class Teams:
    """The names of the teams at one screen; a role without a given name gets the default one."""

    given: Mapping[Role, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def named(cls, names: Sequence[str] | None) -> Teams:
        """From `--team-names A B` or the settings: the negotiators' name first, then the commanders'."""
        cleaned = [name.strip() for name in names or () if name and name.strip()]
        return cls(MappingProxyType(dict(zip(("negotiator", "commander"), cleaned, strict=False))))

    def name(self, role: Role) -> str:
        """What the screen calls the team: its own name, or 'Commander team'."""
        return self.given.get(role) or _(DEFAULT_TEAMS[role])

    def by(self, role: Role) -> str:
        """What goes into `Decision.by` (and so into saves and the report): the team's name."""
        return self.name(role)

    def called(self, role: Role) -> str:
        """The team with its role when it has a name of its own: '9B Blues (commanders)'."""
        if role not in self.given:
            return self.name(role)
        if role == "negotiator":
            return _("{team} (negotiators)").format(team=self.given[role])
        return _("{team} (commanders)").format(team=self.given[role])


def handover_title(role: Role, teams: Teams) -> str:
    """The heading of the screen that passes the game to the next team."""
    return _("Pass the screen to: {team}").format(team=teams.called(role))


def handover_prompt(role: Role, teams: Teams) -> str:
    """'Commander team, press Enter when the negotiators can't see the screen.'"""
    if role == "commander":
        text = _("{team}, press Enter when the negotiators can't see the screen.")
    else:
        text = _("{team}, press Enter when the commanders can't see the screen.")
    return text.format(team=teams.called(role))


def both_chosen() -> str:
    return _("Both teams have chosen. Everyone may look now: here is what came of it.")


# --- a class vote --------------------------------------------------------------------------


def tie_rule_text() -> str:
    """The engine's tie rule in words, to show before and after every vote."""
    if TIE_RULE == "first-listed":
        return _("On a tie, the tied choice listed first wins.")
    raise AssertionError(f"no words for the tie rule {TIE_RULE!r}")  # pragma: no cover


@dataclass(frozen=True)
class Tally:
    """The hands raised for each open choice of one role. Every edit returns a new Tally.

    `numbers` maps the numbers shown on screen to the open choices (a closed
    choice has a number but takes no hands). `presses` remembers the order in
    which hands were added, so Backspace takes back the last one.
    """

    numbers: Mapping[int, str]
    hands: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    presses: tuple[str, ...] = ()

    @classmethod
    def for_options(cls, options: Iterable[Option]) -> Tally:
        return cls(MappingProxyType({o.number: o.choice.id for o in options if o.available}))

    @property
    def order(self) -> tuple[str, ...]:
        """The open choices as listed: the order that breaks a tie."""
        return tuple(self.numbers[number] for number in sorted(self.numbers))

    def choice_for(self, number: int) -> str | None:
        return self.numbers.get(number)

    def count_of(self, choice: str) -> int:
        return self.hands.get(choice, 0)

    @property
    def total(self) -> int:
        return sum(self.hands.values())

    def add(self, choice: str, hands: int = 1) -> Tally:
        if choice not in self.order or hands <= 0:
            return self
        hands = min(hands, MAX_HANDS - self.count_of(choice))
        return self._with(choice, self.count_of(choice) + hands, self.presses + (choice,) * hands)

    def remove(self, choice: str, hands: int = 1) -> Tally:
        """Take hands away from one choice, never below none."""
        taken = min(max(hands, 0), self.count_of(choice))
        presses, left = list(self.presses), taken
        for index in range(len(presses) - 1, -1, -1):  # its most recent presses go first
            if left == 0:
                break
            if presses[index] == choice:
                del presses[index]
                left -= 1
        return self._with(choice, self.count_of(choice) - taken, tuple(presses))

    def set(self, choice: str, hands: int) -> Tally:
        if choice not in self.order:
            return self
        hands = max(0, min(hands, MAX_HANDS))
        kept = tuple(press for press in self.presses if press != choice)
        return self._with(choice, hands, kept + (choice,) * hands)

    def press(self, number: int) -> Tally:
        """A number key: one more hand for that choice (a closed or unknown number changes nothing)."""
        choice = self.choice_for(number)
        return self if choice is None else self.add(choice)

    def backspace(self) -> Tally:
        """Backspace: take back the last hand added."""
        if not self.presses:
            return self
        return self.remove(self.presses[-1])

    def result(self) -> VoteResult | None:
        """The winner by the engine's rule; None while nobody has voted."""
        return count(self.hands, self.order)

    def votes(self) -> dict[str, int]:
        """The tally to store in `Decision.votes`: every open choice, in order, none left out."""
        return {choice: self.count_of(choice) for choice in self.order}

    def _with(self, choice: str, hands: int, presses: tuple[str, ...]) -> Tally:
        changed = dict(self.hands)
        changed[choice] = hands
        return Tally(self.numbers, MappingProxyType(changed), presses)


class TallyError(ValueError):
    """A typed tally that cannot be read; the message is one line for the teacher."""


_TALLY = re.compile(r"^[\d\s,;:=.-]*$")


def parse_tally(text: str, tally: Tally) -> Tally:
    """Read '1 12, 2 7, 3 4' (choice number, hands; also '1:12 2=7') into a fresh tally."""
    if not _TALLY.match(text):
        raise TallyError(_("Type each choice's number and its hands, e.g. 1 12, 2 7."))
    numbers = [int(part) for part in re.findall(r"\d+", text)]
    if not numbers or len(numbers) % 2:
        raise TallyError(_("Type each choice's number and its hands, e.g. 1 12, 2 7."))
    fresh = Tally(tally.numbers)
    given: set[int] = set()
    for number, hands in zip(numbers[::2], numbers[1::2], strict=True):
        choice = tally.choice_for(number)
        if choice is None:
            raise TallyError(_("Choice {number} is not open to a vote.").format(number=number))
        if number in given:
            raise TallyError(_("Choice {number} is given twice.").format(number=number))
        if hands > MAX_HANDS:
            raise TallyError(_("{hands} hands for one choice is more than a class.").format(hands=hands))
        given.add(number)
        fresh = fresh.set(choice, hands)
    return fresh


def hands_text(hands: int) -> str:
    return ngettext("{count} hand", "{count} hands", hands).format(count=hands)


@dataclass(frozen=True)
class VoteLine:
    """One open choice in the vote's summary: its number, text, hands and whether it won."""

    number: int
    text: str
    hands: int
    won: bool


def vote_lines(tally: Tally, options: Sequence[Option]) -> list[VoteLine]:
    result = tally.result()
    winner = result.winner if result else None
    return [
        VoteLine(o.number, local(o.choice.text), tally.count_of(o.choice.id), o.choice.id == winner)
        for o in options
        if o.available
    ]


def vote_result_text(tally: Tally, options: Sequence[Option]) -> str:
    """'The class chose 2. Delay. (11 hands).', with the tie and the rule when there was one."""
    result = tally.result()
    if result is None:
        return _("Nobody has voted yet.")
    by_id = {o.choice.id: o for o in options}
    won = by_id[result.winner]
    chose = _("The class chose {number}. {choice} ({hands}).").format(
        number=won.number, choice=local(won.choice.text), hands=hands_text(result.hands)
    )
    if not result.was_tie:
        return chose
    tied = ", ".join(str(by_id[choice].number) for choice in result.tied)
    tie = _("A tie between {choices}: {hands} each.").format(choices=tied, hands=hands_text(result.hands))
    return f"{tie} {tie_rule_text()} {chose}"
