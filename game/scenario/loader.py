"""From a YAML file to a validated, frozen Scenario, or every problem at once.

The YAML is read as a stream of events from the C parser (when present) and
built into plain data by our own small composer, which records where every
key and value came from. That gives each problem a `file:line:col`, and it is
where untrusted input is bounded: only the standard scalar tags are accepted,
duplicate keys are errors, and aliases and nesting are capped.

The data is then validated against `game.scenario.model` (which knows the
scenario's own names through the validation context), and finally the
whole-scenario rules that no single field can see are checked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from game.scenario.model import FIRST_YEAR, LAST_YEAR, Scenario, suggest

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 500_000
MAX_ALIASES = 100
MAX_NUMBER = 1e9

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Path_ = tuple[str | int, ...]


# --- problems -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a scenario file, located in it."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.path + ': ' if self.path else ''}{self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` holds every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


def format_path(path: Path_) -> str:
    """('turns', 3, 'choices') -> 'turns[3].choices'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- reading YAML with locations --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based
    quoted: bool = False  # the value starts one column after the mark


@dataclass
class Document:
    """Plain data from a YAML file and where each part of it stands."""

    file: str
    data: Any
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """The mark of `path`, or of its nearest located ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Mark(1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        mark = self.mark(path, key=key)
        return Problem(self.file, mark.line, mark.column, format_path(path), message, severity)


class _YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _mark(event: Any, quoted: bool = False) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1, quoted)


class _Composer:
    """Builds plain data from parser events, recording marks and enforcing limits."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliases = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def compose(self, events: Iterator[Any]) -> Any:
        event = next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            return None
        data = self.node(next(events), events, (), 0)
        event = next(events)  # DocumentEnd
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise _YamlProblem(*_position(event), "a scenario file holds one YAML document; remove the '---'")
        return data

    def node(self, event: Any, events: Iterator[Any], path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _YamlProblem(*_position(event), f"nested deeper than {MAX_DEPTH} levels")
        before = self.nodes
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _YamlProblem(*_position(event), f"more than {MAX_NODES} values in one file")
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, path)
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event)
            self.document.values[path] = _mark(event, event.style in ("'", '"'))
        elif isinstance(event, yaml.SequenceStartEvent):
            self.check_tag(event, tag, _SEQ_TAG)
            self.document.values[path] = _mark(event)
            value = []
            while not isinstance(event := next(events), yaml.SequenceEndEvent):
                value.append(self.node(event, events, (*path, len(value)), depth + 1))
        elif isinstance(event, yaml.MappingStartEvent):
            self.check_tag(event, tag, _MAP_TAG)
            self.document.values[path] = _mark(event)
            value = self.mapping(events, path, depth)
        else:  # pragma: no cover - the parser guarantees one of the above
            raise _YamlProblem(*_position(event), "unexpected YAML structure")
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = (value, self.nodes - before)
        return value

    def mapping(self, events: Iterator[Any], path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        while not isinstance(event := next(events), yaml.MappingEndEvent):
            if not isinstance(event, yaml.ScalarEvent):
                raise _YamlProblem(*_position(event), "a key must be a plain name, not a list or mapping")
            if event.value == "<<" and event.style is None:
                raise _YamlProblem(
                    *_position(event), "merge keys ('<<') are not supported; write the keys out"
                )
            key, key_mark = event.value, _mark(event)
            if key in first_seen:
                first = first_seen[key]
                raise _YamlProblem(
                    key_mark.line,
                    key_mark.column,
                    f"duplicate key {key!r} (first given at line {first.line}); "
                    "YAML would silently keep only the last one",
                )
            first_seen[key] = key_mark
            self.document.keys[(*path, key)] = key_mark
            result[key] = self.node(next(events), events, (*path, key), depth + 1)
        return result

    def alias(self, event: Any, path: Path_) -> Any:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _YamlProblem(*_position(event), f"more than {MAX_ALIASES} aliases ('*name') in one file")
        if event.anchor not in self.anchors:
            raise _YamlProblem(*_position(event), f"alias *{event.anchor} names no anchor defined before it")
        value, size = self.anchors[event.anchor]
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _YamlProblem(*_position(event), "aliases expand to too much data (an 'alias bomb')")
        self.document.values[path] = _mark(event)
        return value

    def check_tag(self, event: Any, tag: str | None, expected: str) -> None:
        if tag not in (None, "!", expected):
            raise _YamlProblem(*_position(event), f"tag {tag!r} is not allowed in a scenario")

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            raise _YamlProblem(*_position(event), f"tag {tag!r} is not allowed in a scenario")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            raise _YamlProblem(*_position(event), f"cannot read {event.value!r}: {error}") from None
        if isinstance(value, float) and not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            raise _YamlProblem(*_position(event), f"number {event.value!r} is out of range")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise _YamlProblem(*_position(event), f"number {event.value!r} is out of range")
        return value


def _position(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def read_yaml(text: str, file: str) -> Document:
    """Parse YAML text into a located Document; raise ScenarioError if it is not valid YAML."""
    document = Document(file, None)
    try:
        document.data = _Composer(document).compose(iter(yaml.parse(text, Loader=_Loader)))
    except _YamlProblem as problem:
        raise ScenarioError([Problem(file, problem.line, problem.column, "", problem.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _yaml_message(error)
        raise ScenarioError([Problem(file, line, column, "", message)]) from None
    except yaml.YAMLError as error:
        raise ScenarioError([Problem(file, 1, 1, "", f"not valid YAML: {error}")]) from None
    return document


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    text = " ".join(part for part in (error.context, error.problem) if part)
    if "found character '\\t'" in text or "found character '\t'" in text:
        return "a tab character: indent with spaces, not tabs"
    return f"not valid YAML: {text}"


def read_text(raw: bytes, file: str) -> str:
    """Decode a scenario file's bytes, refusing what cannot be a text scenario."""
    if len(raw) > MAX_BYTES:
        raise ScenarioError([Problem(file, 1, 1, "", f"file is larger than {MAX_BYTES // 1024 // 1024} MB")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        raise ScenarioError([Problem(file, 1, 1, "", "this is a binary file, not a YAML scenario")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ScenarioError(
            [Problem(file, line, column, "", "not UTF-8 text; save the file as UTF-8")]
        ) from None
    if not text.strip():
        raise ScenarioError([Problem(file, 1, 1, "", "the file is empty")])
    return text


# --- validating -----------------------------------------------------------------


def load(path: str | Path, *, display: str | None = None) -> Scenario:
    """Load and validate one scenario file, or raise ScenarioError with every problem."""
    path = Path(path)
    file = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ScenarioError([Problem(file, 1, 1, "", f"cannot read the file: {error.strerror}")]) from None
    return load_text(read_text(raw, file), file)


def load_text(text: str, file: str = "<scenario>") -> Scenario:
    document = read_yaml(text, file)
    return validate(document)


def validate(document: Document) -> Scenario:
    data = document.data
    if not isinstance(data, dict):
        raise ScenarioError(
            [document.problem((), "a scenario is a mapping of keys like 'id:', 'title:', 'turns:'")]
        )
    try:
        scenario = Scenario.model_validate(data, context=_names(data))
    except ValidationError as error:
        raise ScenarioError(list(_translate(error, document))) from None
    problems = list(check_references(scenario, document))
    if problems:
        raise ScenarioError(problems)
    return scenario


def _names(data: dict[str, Any]) -> dict[str, list[str]]:
    """The scenario's own names, read defensively from raw data, for reference checks."""

    def keys(section: str) -> list[str]:
        value = data.get(section)
        return [str(key) for key in value] if isinstance(value, dict) else []

    def ids(section: str) -> list[str]:
        value = data.get(section)
        items = value if isinstance(value, list) else []
        return [str(item["id"]) for item in items if isinstance(item, dict) and "id" in item]

    return {
        "variables": keys("variables"),
        "places": keys("places"),
        "sources": keys("sources"),
        "factions": keys("factions"),
        "targets": ids("turns") + ids("endings"),
    }


# --- turning pydantic's errors into ours -----------------------------------------------------


def _translate(error: ValidationError, document: Document) -> Iterator[Problem]:
    errors = error.errors(include_url=False)
    seen: set[tuple[Path_, str]] = set()
    for item in _pick_union_members(errors, document.data):
        path, is_key = _data_path(item["loc"], document.data)
        message = _message(item, path, document)
        if item["type"] == "missing":
            path = path[:-1] if path and path[-1] == item["loc"][-1] else path
        if (path, message) in seen:
            continue
        seen.add((path, message))
        problem = document.problem(path, message, key=is_key or item["type"] == "extra_forbidden")
        offset = (item.get("ctx") or {}).get("offset")
        if isinstance(offset, int) and path in document.values:
            mark = document.values[path]
            column = mark.column + offset + (1 if mark.quoted else 0)
            problem = Problem(problem.file, problem.line, column, problem.path, message)
        yield problem


def _pick_union_members(errors: list[dict[str, Any]], data: Any) -> list[dict[str, Any]]:
    """Keep the errors an author needs to read.

    Pydantic reports a failed union once per member; the author only wants to
    hear about the shape they wrote (a mapping, or a single value). And a list
    whose items failed is also reported as too short; the items say it better.
    """
    kept = []
    for item in errors:
        node, keep = data, True
        for part in item["loc"]:
            if _is_member_tag(part, node):
                keep = keep and (_is_mapping_member(part) == isinstance(node, dict))
            elif isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
        if keep:
            kept.append(item)
    kept = kept or errors
    failed_inside = {tuple(item["loc"][:-1]) for item in kept}
    return [
        item
        for item in kept
        if not (
            item["type"] == "too_short"
            and any(loc[: len(item["loc"])] == tuple(item["loc"]) for loc in failed_inside)
        )
    ]


_PLAIN_TYPES = {"str", "int", "float", "bool", "dict", "list", "tuple", "none"}


def _is_member_tag(part: Any, node: Any) -> bool:
    """Is this part of a pydantic loc the name of a union member, not a key?"""
    if not isinstance(part, str) or part == "[key]":
        return False
    if isinstance(node, dict) and part in node:
        return False
    return part[:1].isupper() or not part.isidentifier() or part in _PLAIN_TYPES


def _is_mapping_member(tag: str) -> bool:
    return tag[:1].isupper() or tag.startswith("dict[")


def _data_path(loc: Sequence[Any], data: Any) -> tuple[Path_, bool]:
    """Follow pydantic's loc through the data, dropping union member names."""
    path: list[str | int] = []
    node, is_key = data, False
    for part in loc:
        if part == "[key]":
            is_key = True
            break
        if _is_member_tag(part, node):
            continue
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path), is_key


_KINDS = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date like 1918-03-13",
    "date_parsing": "a date like 1918-03-13",
    "date_from_datetime_parsing": "a date like 1918-03-13",
    "date_from_datetime_inexact": "a date like 1918-03-13 (no time of day)",
    "dict_type": "a mapping of keys and values",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
    "list_type": "a list",
    "tuple_type": "a list",
}


def _message(item: dict[str, Any], path: Path_, document: Document) -> str:
    kind, loc, ctx = item["type"], item["loc"], item.get("ctx") or {}
    value = item.get("input")
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        return f"unknown key {loc[-1]!r}{suggest(str(loc[-1]), allowed)}"
    if kind in _KINDS:
        return f"expected {_KINDS[kind]}, got {_show(value)}{_yaml_hint(value, kind)}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected', 'one of the allowed values')}, got {_show(value)}"
    if kind == "string_pattern_mismatch":
        return f"{_show(value)} is not a valid id: use lower-case letters, digits, '-' and '_', starting with a letter"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"too long: at most {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{_show(value)} is out of range: {item['msg'].lower().replace('input ', '')}"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    return item["msg"]


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _yaml_hint(value: Any, kind: str) -> str:
    if isinstance(value, bool) and kind == "string_type":
        return " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
    return ""


def _allowed_keys(loc: Sequence[Any]) -> list[str]:
    """The field names of the model at `loc`, for 'did you mean' hints."""
    model: Any = Scenario
    for part in loc:
        model = _field_model(model, part)
        if model is None:
            return []
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _field_model(model: Any, part: Any) -> Any:
    import typing

    if isinstance(model, type) and issubclass(model, BaseModel):
        info = model.model_fields.get(part) if isinstance(part, str) else None
        return _unwrap(info.annotation) if info else None
    origin = typing.get_origin(model)
    args = typing.get_args(model)
    if origin is tuple and args:
        return _unwrap(args[0])
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    return None


def _unwrap(annotation: Any) -> Any:
    import types
    import typing

    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            models = [arg for arg in members if isinstance(arg, type) and issubclass(arg, BaseModel)]
            annotation = models[0] if models else members[0]
        else:
            return annotation


# --- whole-scenario rules -----------------------------------------------------------------


def check_references(scenario: Scenario, document: Document) -> Iterable[Problem]:
    """The rules that span the scenario: unique ids, history's choices, forward jumps, dates."""
    yield from _check_unique_ids(scenario, document)
    yield from _check_turns(scenario, document)
    yield from _check_endings(scenario, document)
    yield from _check_dates(scenario, document)


def _check_unique_ids(scenario: Scenario, document: Document) -> Iterator[Problem]:
    seen: dict[str, Path_] = {}
    items = [(("turns", i), turn.id) for i, turn in enumerate(scenario.turns)]
    items += [(("endings", i), ending.id) for i, ending in enumerate(scenario.endings)]
    for path, ident in items:
        if ident in seen:
            first = format_path(seen[ident])
            yield document.problem((*path, "id"), f"id {ident!r} is already used by {first}")
        else:
            seen[ident] = path


def _check_turns(scenario: Scenario, document: Document) -> Iterator[Problem]:
    positions = {turn.id: index for index, turn in enumerate(scenario.turns)}
    for index, turn in enumerate(scenario.turns):
        base: Path_ = ("turns", index)
        for role, choices in turn.choices.items():
            if role not in scenario.roles:
                yield document.problem(
                    (*base, "choices", role), f"role {role!r} is not declared under 'roles'", key=True
                )
            if not choices:
                yield document.problem((*base, "choices", role), "needs at least one choice")
            seen: set[str] = set()
            for number, choice in enumerate(choices):
                if choice.id in seen:
                    yield document.problem(
                        (*base, "choices", role, number, "id"),
                        f"choice id {choice.id!r} is used twice in this turn",
                    )
                seen.add(choice.id)
        if not turn.choices:
            yield document.problem((*base, "choices"), "a turn needs choices for at least one role")
        yield from _check_took(turn, base, document)
        yield from _check_jumps(turn, index, positions, base, document)


def _check_took(turn: Any, base: Path_, document: Document) -> Iterator[Problem]:
    took_path = (*base, "history", "took")
    for role in turn.choices:
        if role not in turn.history.took:
            yield document.problem(took_path, f"missing the choice history took for the {role}")
    for role, choice_id in turn.history.took.items():
        ids = [choice.id for choice in turn.choices.get(role, ())]
        if role not in turn.choices:
            yield document.problem((*took_path, role), f"this turn has no choices for the {role}", key=True)
        elif choice_id not in ids:
            yield document.problem(
                (*took_path, role),
                f"{choice_id!r} is not one of this turn's {role} choices{suggest(choice_id, ids)}",
            )


def _check_jumps(
    turn: Any, index: int, positions: dict[str, int], base: Path_, document: Document
) -> Iterator[Problem]:
    jumps: list[tuple[Path_, str | None]] = [((*base, "next"), turn.next)]
    for role, choices in turn.choices.items():
        for number, choice in enumerate(choices):
            choice_path = (*base, "choices", role, number)
            jumps.append(((*choice_path, "next"), choice.next))
            jumps += [
                ((*choice_path, "outcomes", k, "next"), outcome.next)
                for k, outcome in enumerate(choice.outcomes)
            ]
    for path, target in jumps:
        if target is not None and target in positions and positions[target] <= index:
            yield document.problem(path, f"{target!r} is not a later turn: the story may only move forward")


def _check_endings(scenario: Scenario, document: Document) -> Iterator[Problem]:
    historical = [i for i, ending in enumerate(scenario.endings) if ending.historical]
    if len(historical) != 1:
        found = "none is" if not historical else f"{len(historical)} are"
        yield document.problem(("endings",), f"exactly one ending must be marked 'historical: true'; {found}")
    if all(ending.when is not None for ending in scenario.endings):
        yield document.problem(
            ("endings",),
            "no ending applies for certain when the turns run out: give the last ending no 'when'",
        )
    for index, ending in enumerate(scenario.endings):
        if ending.early and ending.when is None:
            yield document.problem(("endings", index, "early"), "an early ending needs a 'when'")


def _check_dates(scenario: Scenario, document: Document) -> Iterator[Problem]:
    start, end = scenario.dates.start, scenario.dates.end
    for key, day in (("start", start), ("end", end)):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            yield document.problem(
                ("dates", key), f"{day} is outside the game's years, {FIRST_YEAR}-{LAST_YEAR}"
            )
    previous = None
    for index, turn in enumerate(scenario.turns):
        path = ("turns", index, "date")
        if not start <= turn.date <= end:
            yield document.problem(path, f"{turn.date} is outside the scenario's dates ({start} to {end})")
        if previous is not None and turn.date < previous.date:
            yield document.problem(
                path, f"{turn.date} comes before the previous turn's date ({previous.date})"
            )
        previous = turn


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.glob("*.yaml") if p.is_file())
        else:
            files.append(path)
    return files
