"""The scenario's types: the one definition the loader validates against and the
JSON Schema (`scenarios/schema.json`) is generated from.

Every model is frozen and forbids unknown keys, so a typo in a scenario file is
an error rather than a silently ignored field. Mappings are read-only views.
Expressions are parsed and checked against the scenario's declared variables
while validating (the names arrive through the validation context), so a
scenario object that exists is a scenario the engine can run.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sized
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from game.engine.conditions import (
    MAX_CANDIDATES,
    MAX_COMPARISONS,
    Expr,
    ExpressionError,
    Kind,
    parse,
    suggest,
)
from game.engine.rulebook import TurnRule, compile_rulebook

FORMAT = 1
FIRST_YEAR, LAST_YEAR = 1916, 1931
# A lesson plays 6-15 turns; the benchmarks load 2,000. The caps keep a hostile
# file from making every check and replay (which walk the game turn by turn,
# testing every early ending after each) take minutes: 4,000 turns and 8,000
# endings took validate 1m39s.
MAX_TURNS = 2000
MAX_ENDINGS = 50  # endings are checked after every turn: turns x endings is the cost
ROLES: tuple[Role, ...] = ("negotiator", "commander")

Role = Literal["negotiator", "commander"]

K = TypeVar("K")
V = TypeVar("V")

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        max_length=64,
        description="lower-case letters, digits, '-' and '_', starting with a letter",
    ),
]


class Hints:
    """'Did you mean' hints for one scenario, given through the validation context.

    Each hint compares a name with every known one; a hostile file with
    thousands of misspelt references to thousands of similar names kept the
    loader busy for minutes. So the hints share a budget of comparisons and
    stop when it runs out (the errors themselves are all still reported).
    """

    def __init__(self, budget: int = MAX_COMPARISONS) -> None:
        self.budget = budget

    def __call__(self, name: str, known: Iterable[str]) -> str:
        cost = min(len(known), MAX_CANDIDATES) if isinstance(known, Sized) else MAX_CANDIDATES
        if cost > self.budget:
            return ""
        self.budget -= cost
        return suggest(name, known)


def _hint(info: ValidationInfo) -> Callable[[str, Iterable[str]], str]:
    return (info.context or {}).get("hints") or suggest


def _reference(collection: str, what: str) -> Any:
    """An id that must name one of the scenario's `collection` (checked via the context)."""

    def check(value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get(collection)
        if known is not None and value not in known:
            message = f"unknown {what} {value!r}{_hint(info)(value, known)}"
            raise PydanticCustomError("reference", message.replace("{", "{{").replace("}", "}}"))
        return value

    return Annotated[Id, AfterValidator(check)]


VariableRef = _reference("variables", "variable")
PlaceRef = _reference("places", "place")
SourceRef = _reference("sources", "source")
FactionRef = _reference("factions", "faction")
TargetRef = _reference("targets", "turn or ending")

DEFAULT_LANGUAGE = "en"
_LANGUAGE = re.compile(r"^[a-z]{2}$")


class LocalText(str):
    """A text in the default language that may carry translations.

    It is a `str` (the default language), so code that only needs English
    simply uses it; a front end asks `in_language` for the player's language.
    """

    variants: Mapping[str, str]

    def __new__(cls, text: str, variants: Mapping[str, str] | None = None) -> LocalText:
        made = super().__new__(cls, text)
        made.variants = MappingProxyType(dict(variants or {}))
        return made

    def in_language(self, language: str) -> str:
        return self.variants.get(language) or str(self)


def _local_text(max_length: int) -> Any:
    """Text, or a mapping of language code to text with an 'en' entry; never empty."""

    def check(text: Any) -> str:
        if isinstance(text, bool):
            raise PydanticCustomError(
                "text",
                f"expected text, got {text} (YAML reads yes/no/on/off as true/false: put the text in quotes)",
            )
        if not isinstance(text, str):
            raise PydanticCustomError("text", "expected text, got {got}", {"got": _kind_of(text)})
        text = text.strip()
        if not text:
            raise PydanticCustomError("text", "must not be empty")
        if len(text) > max_length:
            raise PydanticCustomError("text", "too long: at most {limit} characters", {"limit": max_length})
        return text

    def validate(value: Any) -> LocalText:
        if isinstance(value, LocalText):
            return value
        if isinstance(value, dict):
            bad = [key for key in value if not (isinstance(key, str) and _LANGUAGE.match(key))]
            if bad:
                message = (
                    f"expected text, or translations keyed by language code (en, ru, ...); got key {bad[0]!r}"
                )
                raise PydanticCustomError("text", message.replace("{", "{{").replace("}", "}}"))
            if DEFAULT_LANGUAGE not in value:
                raise PydanticCustomError("text", "translations need the English text under 'en'")
            variants = {key: check(text) for key, text in value.items()}
            return LocalText(variants[DEFAULT_LANGUAGE], variants)
        return LocalText(check(value))

    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    return Annotated[
        LocalText,
        PlainValidator(validate),
        WithJsonSchema(
            {
                "anyOf": [
                    schema,
                    {
                        "type": "object",
                        "description": "the text in several languages, keyed by language code",
                        "required": [DEFAULT_LANGUAGE],
                        "patternProperties": {"^[a-z]{2}$": schema},
                        "additionalProperties": False,
                    },
                ]
            }
        ),
    ]


Text = _local_text(5000)
Line = _local_text(300)


def _read_only(value: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(value))


# A scenario crosses to the simulator's worker processes by pickle, and pickle
# cannot rebuild a read-only mapping by itself.
copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


def _empty() -> Mapping[Any, Any]:
    return MappingProxyType({})


def ReadOnly(key: Any, value: Any) -> Any:  # noqa: N802 - used like a type
    """A dict in the file, a read-only mapping in the model."""
    return Annotated[dict[key, value], AfterValidator(_read_only)]


def _expression(kind: Kind | None) -> Any:
    """An expression of the given kind, checked against the scenario's variables."""

    def validate(value: Any, info: ValidationInfo) -> Expr:
        if isinstance(value, Expr):
            return value
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, int | float):
            value = repr(value)
        if not isinstance(value, str):
            raise PydanticCustomError(
                "expression", "expected an expression, got {got}", {"got": _kind_of(value)}
            )
        context = info.context or {}
        variables = context.get("variables")
        # One load parses each distinct text once: scenarios repeat effects like "+1" and
        # conditions like "troops >= 3" many times, and an Expr is immutable, so sharing is safe.
        parsed = context.get("parsed")
        if parsed is not None and (value, kind) in parsed:
            return parsed[(value, kind)]
        try:
            expr = parse(value, variables, kind, _hint(info))
        except ExpressionError as error:
            message = error.message
            if kind == "number" and message.startswith("unknown variable") and value.strip().isidentifier():
                message = f"expected a number, got {value.strip()!r}"
            message = message.replace("{", "{{").replace("}", "}}")
            raise PydanticCustomError("expression", message, {"offset": error.offset}) from None
        if parsed is not None:
            parsed[(value, kind)] = expr
        return expr

    what = {"boolean": "a condition", "number": "a number", None: "a value"}[kind]
    return Annotated[
        Expr,
        PlainValidator(validate),
        WithJsonSchema(
            {
                "anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}],
                "description": f"an expression giving {what}: variable names, numbers, "
                "< <= > >= == !=, and/or/not, + - * /, min(), max(), parentheses",
            }
        ),
    ]


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


Condition = _expression("boolean")
Amount = _expression("number")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --- the pieces ----------------------------------------------------------------


class Dates(Frozen):
    start: dt.date
    end: dt.date
    shown: Line | None = Field(
        None, description="how to show the span when the sources give no exact dates, e.g. '1918-1920'"
    )

    @model_validator(mode="after")
    def _in_order(self) -> Dates:
        if self.end < self.start:
            raise ValueError("the end date comes before the start date")
        return self


class RoleInfo(Frozen):
    name: Line = Field(description="who the player is, e.g. 'Chairman of the Turkestan Sovnarkom'")
    person: Line | None = Field(None, description="the historical person in this role, if any")
    brief: Text = Field(description="the player's brief, in the second person")


class LatLon(Frozen):
    lat: float = Field(ge=25, le=50, description="latitude, degrees north")
    lon: float = Field(ge=45, le=85, description="longitude, degrees east")


class Place(Frozen):
    name: Line
    at: LatLon = Field(description="where it is on the map")
    note: Line | None = None


class Faction(Frozen):
    name: Line
    motives: Text = Field(description="what this side wanted and why, in its own terms")


class Variable(Frozen):
    label: Line = Field(description="what the player sees, e.g. 'Red Guard strength'")
    start: float
    min: float = 0
    max: float = 10
    description: Text | None = None
    faction: FactionRef | None = Field(None, description="the faction this measures, if any")
    hidden: bool = Field(False, description="true to keep it off the player's screen")

    @model_validator(mode="after")
    def _in_range(self) -> Variable:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max:g}) must be above min ({self.min:g})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start:g}) must lie between min and max")
        return self


class SetTo(Frozen):
    set: Amount = Field(description="the value to set the variable to")


Effect = Annotated[
    Amount | SetTo,
    Field(description="a number or expression to add, or {set: value}", union_mode="left_to_right"),
]


class Outcome(Frozen):
    chance: Amount | None = Field(
        None,
        description="probability 0-1 of this outcome; the last outcome has none (it is 'otherwise')",
    )
    text: Text
    effects: ReadOnly(VariableRef, Effect) = Field(default_factory=_empty)
    next: TargetRef | None = Field(None, description="a later turn or an ending to go to")


class Choice(Frozen):
    id: Id
    text: Line = Field(description="the choice as the player sees it")
    requires: Condition | None = Field(None, description="when the choice is possible")
    why_not: Line | None = Field(None, description="the reason shown when `requires` fails")
    effects: ReadOnly(VariableRef, Effect) = Field(default_factory=_empty)
    outcomes: tuple[Outcome, ...] = ()
    next: TargetRef | None = Field(None, description="a later turn or an ending to go to")

    @field_validator("outcomes")
    @classmethod
    def _otherwise_last(cls, outcomes: tuple[Outcome, ...]) -> tuple[Outcome, ...]:
        for index, outcome in enumerate(outcomes):
            last = index == len(outcomes) - 1
            if last and outcome.chance is not None:
                raise ValueError("the last outcome must have no `chance`: it is what happens otherwise")
            if not last and outcome.chance is None:
                raise ValueError(f"outcome {index + 1} needs a `chance` (only the last has none)")
        return outcomes

    @model_validator(mode="after")
    def _why_not_explains_requires(self) -> Choice:
        if self.why_not is not None and self.requires is None:
            raise ValueError("`why_not` explains a `requires`, but this choice has none")
        return self


class TeacherNotes(Frozen):
    """Notes for the teacher's eyes only: the presenter view and the teacher's report."""

    background: Text | None = Field(None, description="what the teacher should know before the turn")
    pitfalls: Text | None = Field(None, description="misunderstandings students often fall into")
    ask: Line | None = Field(None, description="the question to ask the class")


class History(Frozen):
    took: ReadOnly(Role, Id) = Field(description="the choice history took, for each role")
    text: Text = Field(description="what really happened, in the past tense")
    why: Text | None = Field(None, description="why the historical actors chose as they did")
    uncertain: Text | None = Field(
        None, description="what in this account is uncertain or disputed in the sources"
    )
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    discuss: tuple[Line, ...] = Field(min_length=1, description="questions for the class")


class Turn(Frozen):
    id: Id
    date: dt.date = Field(description="the turn's day; it orders the story")
    shown_date: Line | None = Field(
        None,
        description="how to show the date when the sources give no exact day, e.g. 'early March 1918'",
    )
    place: PlaceRef
    title: Line
    situation: Text | ReadOnly(
        Role, Text
    ) = Field(description="the situation, or one per role", union_mode="left_to_right")
    choices: ReadOnly(Role, tuple[Choice, ...])
    history: History
    teacher: TeacherNotes | None = Field(None, description="notes shown only to the teacher")
    next: TargetRef | None = Field(
        None, description="a later turn or an ending that follows (default: the next turn in the list)"
    )

    def situation_for(self, role: Role) -> str:
        if isinstance(self.situation, str):
            return self.situation
        return self.situation.get(role) or next(iter(self.situation.values()))


class Ending(Frozen):
    id: Id
    title: Line
    text: Text
    when: Condition | None = Field(
        None, description="when this ending applies; none means always (put such an ending last)"
    )
    early: bool = Field(False, description="true to check `when` after every turn, not only at the end")
    historical: bool = Field(False, description="true for the ending history reached (exactly one)")


class Source(Frozen):
    title: Line
    note: Text = Field(description="what the source is and what it covers")
    url: Line | None = None


class Scenario(Frozen):
    format: Literal[1] = Field(description="the scenario format version")
    id: Id
    title: Line
    subtitle: Line | None = None
    dates: Dates
    summary: Text
    roles: ReadOnly(Role, RoleInfo)
    places: ReadOnly(Id, Place)
    factions: ReadOnly(Id, Faction) = Field(default_factory=_empty)
    variables: ReadOnly(Id, Variable)
    turns: tuple[Turn, ...] = Field(min_length=1, max_length=MAX_TURNS)
    endings: tuple[Ending, ...] = Field(min_length=1, max_length=MAX_ENDINGS)
    sources: ReadOnly(Id, Source) = Field(min_length=1)

    # --- lookups used by the engine and front ends ---

    @cached_property
    def turn_positions(self) -> Mapping[str, int]:
        return MappingProxyType({turn.id: index for index, turn in enumerate(self.turns)})

    def turn_index(self, turn_id: str) -> int:
        return self.turn_positions[turn_id]

    def ending(self, ending_id: str) -> Ending:
        return next(ending for ending in self.endings if ending.id == ending_id)

    def historical_ending(self) -> Ending:
        return next(ending for ending in self.endings if ending.historical)

    def choice(self, turn_id: str, role: Role, choice_id: str) -> Choice:
        turn = self.turns[self.turn_index(turn_id)]
        return next(choice for choice in turn.choices[role] if choice.id == choice_id)

    @cached_property
    def rulebook(self) -> tuple[TurnRule, ...]:
        """Each turn's rules packed for the engine's inner loop (see game.engine.rulebook)."""
        return compile_rulebook(self, ROLES)

    @cached_property
    def bounds(self) -> Mapping[str, tuple[float, float]]:
        """Each variable's (min, max), for clamping in the engine's inner loop."""
        return MappingProxyType({name: (v.min, v.max) for name, v in self.variables.items()})

    @cached_property
    def labels(self) -> Mapping[str, str]:
        return MappingProxyType({name: variable.label for name, variable in self.variables.items()})
