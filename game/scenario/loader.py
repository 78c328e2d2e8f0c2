"""From a YAML file to a validated, frozen Scenario, or every problem at once.

`yamlread` turns the file into plain data that knows where each part came
from; the data is validated against `game.scenario.model` (which knows the
scenario's own names through the validation context); finally the
whole-scenario rules that no single field can see are checked.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.scenario.model import FIRST_YEAR, LAST_YEAR, Hints, Scenario, suggest
from game.scenario.problems import Path_, Problem, ScenarioError, format_path
from game.scenario.yamlread import Document, read_bytes, read_text, read_yaml, shorten

__all__ = ["Problem", "ScenarioError", "load", "load_document", "load_text", "scenario_files", "validate"]


# --- validating -----------------------------------------------------------------


def load(path: str | Path, *, display: str | None = None) -> Scenario:
    """Load and validate one scenario file, or raise ScenarioError with every problem."""
    return load_document(path, display=display)[0]


def load_document(path: str | Path, *, display: str | None = None) -> tuple[Scenario, Document]:
    """Like `load`, also returning where each part of the file stands (for lint warnings)."""
    with paused_gc():
        document = read_document(path, display=display)
        return validate(document), document


def read_document(path: str | Path, *, display: str | None = None) -> Document:
    """Any of the game's YAML content files as located data, or a ScenarioError."""
    path = Path(path)
    file = display or str(path)
    try:
        raw = read_bytes(path, file)  # bounded: never a FIFO, a device or gigabytes
    except OSError as error:
        raise ScenarioError([Problem(file, 1, 1, "", f"cannot read the file: {error.strerror}")]) from None
    return read_yaml(read_text(raw, file), file)


def load_text(text: str, file: str = "<scenario>") -> Scenario:
    with paused_gc():
        return validate(read_yaml(text, file))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a file becomes objects.

    Loading makes one small object per value of the file and keeps them all,
    and none is garbage; the collector still walks the growing heap again and
    again, which made a 2,000-turn scenario load about three times slower, and
    the slowdown grows faster than the file. Reference counting still frees
    everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(document: Document) -> Scenario:
    data = document.data
    if not isinstance(data, dict):
        raise ScenarioError(
            [document.problem((), "a scenario is a mapping of keys like 'id:', 'title:', 'turns:'")]
        )
    scenario = validate_as(Scenario, document, _names(data))
    problems = list(check_references(scenario, document))
    if problems:
        raise ScenarioError(_at_most(problems))
    return scenario


M = TypeVar("M", bound=BaseModel)


def validate_as(model: type[M], document: Document, context: dict[str, Any] | None = None) -> M:
    """Validate a document's data as `model`, turning every error into a located Problem."""
    try:
        return model.model_validate(document.data, context=context)
    except ValidationError as error:
        raise ScenarioError(_at_most(list(_translate(error, document, model)))) from None


MAX_PROBLEMS = 100


def _at_most(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a note of how many more: thousands of
    lines help nobody, and a broken or hostile file can make that many."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    problems = sorted(problems)
    first, rest = problems[:MAX_PROBLEMS], problems[MAX_PROBLEMS:]
    more = rest[0]
    note = f"... and {len(rest)} more problem(s) from here on; fix the ones above first"
    return [*first, Problem(more.file, more.line, more.column, "", note)]


def _names(data: dict[str, Any]) -> dict[str, Any]:
    """The scenario's own names, read defensively from raw data, for reference checks.

    Kept as dicts (ordered, and quick to look a name up in) so a file with
    thousands of names and references is still checked in linear time.
    """

    def keys(section: str) -> dict[str, None]:
        value = data.get(section)
        return dict.fromkeys(str(key) for key in value) if isinstance(value, dict) else {}

    def ids(section: str) -> dict[str, None]:
        value = data.get(section)
        items = value if isinstance(value, list) else []
        return dict.fromkeys(str(item["id"]) for item in items if isinstance(item, dict) and "id" in item)

    return {
        "variables": keys("variables").keys(),
        "places": keys("places").keys(),
        "sources": keys("sources").keys(),
        "factions": keys("factions").keys(),
        "targets": (ids("turns") | ids("endings")).keys(),
        "hints": Hints(),
        "parsed": {},  # expressions already parsed in this load, by (text, kind)
    }


# --- turning pydantic's errors into ours -----------------------------------------------------


def _translate(error: ValidationError, document: Document, model: type[BaseModel]) -> Iterator[Problem]:
    errors = error.errors(include_url=False)
    seen: set[tuple[Path_, str]] = set()
    for item in _pick_union_members(errors, document.data):
        path, is_key = _data_path(item["loc"], document.data)
        message = _message(item, path, model)
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


def _message(item: dict[str, Any], path: Path_, model: type[BaseModel]) -> str:
    kind, loc, ctx = item["type"], item["loc"], item.get("ctx") or {}
    value = item.get("input")
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        return f"unknown key {shorten(str(loc[-1]))}{suggest(str(loc[-1]), allowed)}"
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
    if kind == "too_long":
        return f"too many: at most {ctx.get('max_length')}"
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


def _allowed_keys(root: type[BaseModel], loc: Sequence[Any]) -> list[str]:
    """The field names of the model at `loc`, for 'did you mean' hints."""
    model: Any = root
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


# Content files that live beside the scenarios but are not scenarios.
GLOSSARY_FILE = "glossary.yaml"
TIMELINE_FILE = "timeline.yaml"


def content_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every YAML file among `paths`; folders are searched (not recursively)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.glob("*.yaml") if p.is_file())
        else:
            files.append(path)
    return files


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """The scenario files among `paths` (a folder's glossary and timeline are not scenarios)."""
    return [path for path in content_files(paths) if path.name not in (GLOSSARY_FILE, TIMELINE_FILE)]
