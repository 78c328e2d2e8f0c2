"""Reading YAML into plain data that remembers where every part came from.

Scenario files come from anywhere (e-mail, USB sticks), so this module treats
them as hostile. The bytes are checked before any parsing: a size cap, the
text encoding (UTF-8, or UTF-16/32 with a byte-order mark, as Windows Notepad
saves "Unicode" files), binary files and invisible control characters. The
YAML is then read as a stream of events from the C parser (when present) and
built by our own small composer. That gives every key and value a line and
column, and it is where the structure is bounded: only the standard scalar
tags are accepted and no tag is ever constructed into an object, duplicate
keys are errors, and aliases, nesting, the number of values and numbers
themselves are capped. Every refusal is a Problem with file, line and column.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from game.engine.conditions import MAX_NUMBER
from game.scenario.problems import Path_, Problem, ScenarioError, format_path

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024  # a long scenario is ~100 KB; 2 MB leaves room and bounds the work
MAX_DEPTH = 40  # the format itself nests about 8 deep
MAX_NODES = 100_000  # values, counting what aliases expand to; a long scenario has ~5,000
MAX_ALIASES = 100
MAX_NUMBER_CHARS = 40  # longer number literals are refused before Python converts them
MAX_SHOWN = 40  # characters of the author's text quoted back in a message

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_STR_TAG = "tag:yaml.org,2002:str"
_QUOTES = ("'", '"')
_ScalarEvent = yaml.ScalarEvent  # looked up once: the composer tests every event against these
_MappingEndEvent = yaml.MappingEndEvent
_KIND_NAMES = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "empty"}
_KIND_NAMES["timestamp"] = "a real date"
_MERGE = "merge keys ('<<') are not supported; write the keys out"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

# Characters that have no business in a scenario's text. In the file itself:
# C0/C1 controls (but tab, line feed and carriage return), the Unicode line
# separators that YAML counts as line breaks but editors do not (they would put
# every later line number off), lone surrogates and non-characters.
_BAD_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# In a value, after YAML's escapes ("\e", "\x07", "\0") are decoded: the same,
# and a carriage return too (a line break in a value is a plain "\n").
_BAD_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_CHARACTER_NAMES = {
    "\x00": "a NUL character",
    "\x0b": "a vertical tab, which word processors use for a line break",
    "\x0c": "a form feed (page break)",
    "\x1b": "an escape character, as used to control terminals",
    "\x85": "a 'next line' character",
    "\u2028": "a Unicode line separator",
    "\u2029": "a Unicode paragraph separator",
}


class Mark(NamedTuple):
    """Where a key or value starts. A named tuple, immutable like the frozen dataclass it was:
    a file has one per key and per value, and a tuple is made about four times faster."""

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


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """The author's text as quoted in a message: repr'd (so controls show) and cut short."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def describe_character(char: str) -> str:
    name = _CHARACTER_NAMES.get(char, "an invisible control character")
    return f"{name} (U+{ord(char):04X})"


def _mark(event: Any, quoted: bool = False) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1, quoted)


def _position(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Composer:
    """Builds plain data from parser events, recording marks and enforcing limits."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliases = 0
        self.resolver = yaml.resolver.Resolver()
        # The characters an implicitly typed plain scalar (number, bool, null, date...) can start with.
        self.implicit_starts = frozenset(key for key in self.resolver.yaml_implicit_resolvers if key)
        self.constructor = yaml.constructor.SafeConstructor()

    def compose(self, events: Iterator[Any]) -> Any:
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            raise _YamlProblem(
                1, 1, "the file holds only comments or blank lines: there is no scenario in it"
            )
        data = self.node(next(events), events, (), 0)
        next(events)  # DocumentEnd
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
        # Scalars first: they are most of a file.
        if isinstance(event, _ScalarEvent):
            value = self.scalar(event)
            start = event.start_mark
            self.document.values[path] = Mark(start.line + 1, start.column + 1, event.style in _QUOTES)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
            return value
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, path)
        # Remember the anchor now: `event` is the collection's start, and the
        # loops below move on to later events.
        anchor = event.anchor
        if isinstance(event, yaml.SequenceStartEvent):
            self.check_tag(event, _SEQ_TAG)
            self.document.values[path] = _mark(event)
            value = []
            while not isinstance(item := next(events), yaml.SequenceEndEvent):
                value.append(self.node(item, events, (*path, len(value)), depth + 1))
        elif isinstance(event, yaml.MappingStartEvent):
            self.check_tag(event, _MAP_TAG)
            self.document.values[path] = _mark(event)
            value = self.mapping(events, path, depth)
        else:  # pragma: no cover - the parser guarantees one of the above
            raise _YamlProblem(*_position(event), "unexpected YAML structure")
        if anchor:
            self.anchors[anchor] = (value, self.nodes - before)
        return value

    def mapping(self, events: Iterator[Any], path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys = self.document.keys
        while not isinstance(event := next(events), _MappingEndEvent):
            if type(event) is _ScalarEvent and event.tag is None and not event.anchor and not event.style:
                # A plain key, as nearly all are: nothing in it for `key` to refuse but a merge key.
                key, start = event.value, event.start_mark
                if key == "<<":
                    raise _YamlProblem(*_position(event), _MERGE)
                key_mark = Mark(start.line + 1, start.column + 1)
            else:
                key, key_mark = self.key(event)
            key_path = (*path, key)
            if key in result:
                first = keys[key_path]
                raise _YamlProblem(
                    key_mark.line,
                    key_mark.column,
                    f"duplicate key {shorten(key)} (first given at line {first.line}); "
                    "YAML would silently keep only the last one",
                )
            keys[key_path] = key_mark
            result[key] = self.node(next(events), events, key_path, depth + 1)
        return result

    def key(self, event: Any) -> tuple[str, Mark]:
        """A mapping key: always plain text, whatever YAML would make of it."""
        if isinstance(event, yaml.AliasEvent):
            raise _YamlProblem(*_position(event), "a key must be a plain name, not an alias ('*name')")
        if event.tag not in (None, "!", _STR_TAG):
            raise _YamlProblem(*_position(event), _tag_message(event.tag))
        if not isinstance(event, yaml.ScalarEvent):
            raise _YamlProblem(*_position(event), "a key must be a plain name, not a list or mapping")
        if event.anchor:
            raise _YamlProblem(*_position(event), "a key cannot carry an anchor ('&name')")
        # A plain scalar's style is None from PyYAML's parser but '' from libyaml's.
        if event.value == "<<" and not event.style:
            raise _YamlProblem(*_position(event), _MERGE)
        self.check_text(event)
        start = event.start_mark
        return event.value, Mark(start.line + 1, start.column + 1)

    def alias(self, event: Any, path: Path_) -> Any:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _YamlProblem(*_position(event), f"more than {MAX_ALIASES} aliases ('*name') in one file")
        if event.anchor not in self.anchors:
            raise _YamlProblem(
                *_position(event),
                f"alias *{shorten(event.anchor)[1:-1]} names no anchor ('&name') defined before it",
            )
        value, size = self.anchors[event.anchor]
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _YamlProblem(
                *_position(event),
                f"aliases expand to more than {MAX_NODES} values (an 'alias bomb'); write the data out",
            )
        self.document.values[path] = _mark(event)
        return value

    def check_tag(self, event: Any, expected: str) -> None:
        if event.tag not in (None, "!", expected):
            raise _YamlProblem(*_position(event), _tag_message(event.tag))

    def check_text(self, event: Any) -> None:
        # The file itself was searched for control characters before parsing; only a
        # double-quoted scalar's escapes ("\e", "\x07", "\0") can make new ones.
        if event.style != '"':
            return
        bad = _BAD_IN_VALUE.search(event.value)
        if bad:
            raise _YamlProblem(
                *_position(event),
                f"the text holds {describe_character(bad.group())}; remove it "
                "(escapes like \\e or \\x07 in quotes count too)",
            )

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            value = event.value
            if not event.implicit[0] or (value and value[0] not in self.implicit_starts):
                # Quoted, or plain text that no implicit type (number, bool, date...) can start
                # with: the resolver would say text too, after more work.
                tag = _STR_TAG
            else:
                tag = self.resolver.resolve(yaml.ScalarNode, value, event.implicit)
            if tag not in _SCALAR_TAGS:
                # A plain '=' or '<<' resolves to YAML's 'value' and 'merge' types,
                # which mean nothing here: it is just text.
                tag = _STR_TAG
        elif tag not in _SCALAR_TAGS:
            # An explicit tag (!!python/..., !!binary, !local) is refused and never constructed.
            raise _YamlProblem(*_position(event), _tag_message(tag))
        if tag == _STR_TAG:
            self.check_text(event)
            return event.value  # text needs no constructing, and it is most of a file
        if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
            # Python's int() of a huge literal is slow (and a sexagesimal one quadratic).
            raise _YamlProblem(*_position(event), _out_of_range(event.value))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node)
        except Exception as error:  # noqa: BLE001 - PyYAML's constructors raise KeyError, ValueError, ...
            # An explicit standard tag on text that is no such thing ("!!bool 3"):
            # whatever the constructor raised, the value cannot be read.
            kind = tag.rsplit(":", 1)[-1]
            message = f"{shorten(event.value)} is not {_KIND_NAMES.get(kind, 'readable as ' + kind)}"
            if kind == "timestamp":  # say what is wrong with it: "day is out of range for month"
                message += f": {shorten(str(error), 80)[1:-1]}"
            raise _YamlProblem(*_position(event), message) from None
        if isinstance(value, float) and not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            raise _YamlProblem(*_position(event), _out_of_range(event.value))
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise _YamlProblem(*_position(event), _out_of_range(event.value))
        return value


def _tag_message(tag: str) -> str:
    short = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
    return (
        f"the tag {shorten(short, 60)} is not allowed in a scenario "
        "(tags can turn text into program objects); remove it"
    )


def _out_of_range(text: str) -> str:
    return f"number {shorten(text)} is out of range: use numbers between -{MAX_NUMBER:,.0f} and {MAX_NUMBER:,.0f}"


# --- from text to data ---------------------------------------------------------------


def read_yaml(text: str, file: str) -> Document:
    """Parse YAML text into a located Document; raise ScenarioError if it is not valid YAML."""
    document = Document(file, None)
    if not text.strip():
        raise ScenarioError([Problem(file, 1, 1, "", "the file is empty")])
    _check_characters(text, file)
    try:
        parser = _Loader(text)
        try:
            # Events straight from the parser: yaml.parse() would add a Python generator step to each.
            document.data = _Composer(document).compose(iter(parser.get_event, None))
        finally:
            parser.dispose()
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


def _check_characters(text: str, file: str) -> None:
    """Refuse control characters before YAML sees them, so the message can say where they are."""
    bad = _BAD_IN_FILE.search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        message = f"the file holds {describe_character(bad.group())}; delete it (it may be invisible in your editor)"
        raise ScenarioError([Problem(file, line, column, "", message)])


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a 0-based index, counting line breaks as YAML does."""
    before = text[:index]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, index - line_start + 1


def _yaml_message(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "a tab character: indent with spaces, not tabs"
    problem = error.problem or ""
    if "maximum nesting depth" in problem:
        return f"nested deeper than {MAX_DEPTH} levels"
    if "incompatible YAML document" in problem:
        return "only YAML version 1.1 or 1.2 can be read; remove the '%YAML' line"
    return "not valid YAML: " + " ".join(part for part in (error.context, error.problem) if part)


# --- from bytes to text ------------------------------------------------------------------

_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def read_bytes(path: Path, file: str) -> bytes:
    """A scenario file's bytes, read only if it is an ordinary file of a sane size.

    A FIFO, a device (a link to /dev/zero) or a folder would hang or exhaust the
    game, so they are refused before reading. Raises OSError if it cannot be read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ScenarioError(
                [Problem(file, 1, 1, "", "this is not an ordinary file; a scenario is a .yaml file")]
            )
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ScenarioError([Problem(file, 1, 1, "", _too_big())])
    return raw


_BINARY = "this is a binary file, not a YAML scenario (or text in an unknown encoding; save it as UTF-8)"


def _too_big() -> str:
    return f"the file is larger than {MAX_BYTES // 1024 // 1024} MB, too large to be a scenario"


def read_text(raw: bytes, file: str) -> str:
    """Decode a scenario file's bytes, refusing what cannot be a text scenario."""
    if len(raw) > MAX_BYTES:
        raise ScenarioError([Problem(file, 1, 1, "", _too_big())])
    codec, name = "utf-8", "UTF-8"
    if raw.startswith(codecs.BOM_UTF8):  # harmless, and some editors on Windows add it
        raw = raw[len(codecs.BOM_UTF8) :]
    for mark, mark_codec, mark_name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            codec, name = mark_codec, mark_name
            break
    if codec == "utf-8" and b"\x00" in raw:
        message = _BINARY
        if _looks_like_utf16(raw):
            message = "the file is saved as UTF-16 without a byte-order mark; save it as UTF-8"
        raise ScenarioError([Problem(file, 1, 1, "", message)])
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as error:
        if codec != "utf-8":  # a UTF-16/32 mark on bytes that are not: most likely not text at all
            raise ScenarioError([Problem(file, 1, 1, "", _BINARY)]) from None
        line, column = _byte_position(raw, error.start)
        raise ScenarioError(
            [Problem(file, line, column, "", f"not {name} text; save the file as UTF-8")]
        ) from None
    if codec != "utf-8" and not _plausible_text(text):
        raise ScenarioError([Problem(file, 1, 1, "", _BINARY)])
    if not text.strip():
        raise ScenarioError([Problem(file, 1, 1, "", "the file is empty")])
    return text


def _plausible_text(text: str) -> bool:
    """Bytes behind a UTF-16/32 mark decode to something whatever they are; a YAML
    scenario always has plenty of ASCII (keys, spaces, punctuation), binary data has not."""
    sample = text[:2000]
    if "\x00" in sample or ":" not in sample:  # every scenario has a 'key:' near the top
        return False
    return sum(char < "\x80" for char in sample) >= 0.1 * len(sample)


def _looks_like_utf16(raw: bytes) -> bool:
    """Text saved as UTF-16 has a zero byte in every other place, ASCII text in the others."""
    sample = raw[:1000]
    if len(sample) < 8:
        return False
    half = len(sample) // 2
    for zeros, chars in ((sample[1::2], sample[0::2]), (sample[0::2], sample[1::2])):
        text = sum(char in b"\t\n\r" or 32 <= char < 127 for char in chars)
        if zeros.count(0) > 0.7 * half and text > 0.7 * half:
            return True
    return False


def _byte_position(raw: bytes, index: int) -> tuple[int, int]:
    """Line and column of the first undecodable byte, counting characters decoded before it."""
    before = raw[:index].decode("utf-8", errors="replace")
    line_start = before.rfind("\n") + 1
    return before.count("\n") + 1, len(before) - line_start + 1
