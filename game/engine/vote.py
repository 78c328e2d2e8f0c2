"""A class vote: the show of hands for each open choice, and the rule that picks one.

Pure and deterministic, so a vote replays like any other decision: the tally is
stored in the session and the winner follows from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TIE_RULE = "On a tie, the tied choice listed first wins."


@dataclass(frozen=True, slots=True)
class VoteResult:
    winner: str
    hands: int
    tied: tuple[str, ...]  # every choice that had the most hands (one unless there was a tie)

    @property
    def was_tie(self) -> bool:
        return len(self.tied) > 1


def count(tally: Mapping[str, int], order: Sequence[str]) -> VoteResult | None:
    """The winning choice among `order` (the open choices, as listed); None if nobody voted."""
    hands = {choice: max(0, int(tally.get(choice, 0))) for choice in order}
    most = max(hands.values(), default=0)
    if most == 0:
        return None
    tied = tuple(choice for choice in order if hands[choice] == most)
    return VoteResult(tied[0], most, tied)
