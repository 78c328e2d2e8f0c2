"""Reading YAML into plain data that remembers where every part came from.

The YAML is read as a stream of events from the C parser (when present) and
built by our own small composer. That gives every key and value a line and
column, and it is where untrusted input is bounded: only the standard scalar
tags are accepted, duplicate keys are errors, and aliases, nesting, size and
numbers are capped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.scenario.problems import Path_, Problem, ScenarioError, format_path

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
    if not text.strip():
        raise ScenarioError([Problem(file, 1, 1, "", "the file is empty")])
    try:
        document.data = _Composer(document).compose(iter(yaml.parse(text, Loader=_Loader)))
    except _YamlProblem as problem:
        raise ScenarioError([Problem(file, problem.line, problem.column, "", problem.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _yaml_message(error, text, mark)
        raise ScenarioError([Problem(file, line, column, "", message)]) from None
    except yaml.YAMLError as error:
        raise ScenarioError([Problem(file, 1, 1, "", f"not valid YAML: {error}")]) from None
    return document


def _yaml_message(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "a tab character: indent with spaces, not tabs"
    return "not valid YAML: " + " ".join(part for part in (error.context, error.problem) if part)


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
