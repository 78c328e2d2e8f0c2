"""Mutated scenarios and random input: a clear error or a working game, never a crash.

Hypothesis takes valid scenarios (tests/data/small.yaml and every shipped one)
and breaks them: bytes deleted, duplicated, replaced and shuffled; keys
deleted; values retyped; lists duplicated and scrambled. Every result must be
either a Scenario the engine can play to an ending, or a ScenarioError whose
every problem has a line and column of at least 1. Anything else is a bug.
"""

from __future__ import annotations

import copy
import io
import math
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.policies import random_choice
from game.engine.rules import Impossible
from game.engine.session import Session
from game.saves import SaveStore
from game.scenario.catalog import load_catalog
from game.scenario.loader import ScenarioError, validate
from game.scenario.model import ROLES, Scenario
from game.scenario.yamlread import read_text, read_yaml
from game.ui import text
from tests.conftest import DATA, SHIPPED

SOURCES = [DATA / "small.yaml", *SHIPPED]
ORIGINALS = {path.name: path.read_bytes() for path in SOURCES}
SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # as the game reads (the pure parser differs)
FUZZ = settings(
    max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def outcome_of(raw: bytes) -> Scenario | ScenarioError:
    """Load bytes as `python main.py validate` would; any exception but ScenarioError escapes."""
    try:
        return validate(read_yaml(read_text(raw, "fuzz.yaml"), "fuzz.yaml"))
    except ScenarioError as error:
        return error


def assert_sound(raw: bytes) -> None:
    result = outcome_of(raw)
    if isinstance(result, ScenarioError):
        assert result.problems
        for problem in result.problems:
            assert problem.line >= 1 and problem.column >= 1, problem
            assert str(problem).startswith(f"fuzz.yaml:{problem.line}:{problem.column}: ")
        return
    play_to_the_end(result)


def play_to_the_end(scenario: Scenario) -> None:
    """A scenario the loader accepts is one the engine can play, with every value a real number."""
    rng = random.Random(0)
    session = Session.start(scenario, 1, [role for role in ROLES if role in scenario.roles] or ["negotiator"])
    for _ in range(len(scenario.turns) + 1):
        if session.state.finished:
            break
        picks = {
            role: random_choice(scenario, session.state, role, rng) for role in session.roles_to_choose()
        }
        result = session.decide(picks)
        assert not isinstance(result, Impossible), result
        session = result
    assert session.state.finished
    assert all(math.isfinite(value) for value in session.state.values.values())


# --- byte-level mutations ------------------------------------------------------------------------


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    raw = bytearray(ORIGINALS[draw(st.sampled_from(sorted(ORIGINALS)))])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "replace", "insert", "swap-lines", "truncate"]))
        start = draw(st.integers(0, len(raw)))
        end = min(len(raw), start + draw(st.integers(0, 64)))
        if kind == "delete":
            del raw[start:end]
        elif kind == "duplicate":
            raw[start:start] = raw[start:end]
        elif kind == "replace":
            raw[start:end] = draw(st.binary(max_size=16))
        elif kind == "insert":
            raw[start:start] = draw(st.sampled_from(INSERTS))
        elif kind == "swap-lines":
            lines = raw.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            raw = bytearray(b"\n".join(lines))
        else:
            del raw[start:]
    return bytes(raw)


INSERTS = [
    b"\t",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"&a ",
    b"*a ",
    b"!!python/object/apply:os.system ",
    b"!foo ",
    b"<<: ",
    b"? ",
    b"- ",
    b"[",
    b"{",
    b"]",
    b"}",
    b"'",
    b'"',
    b"#",
    b"---\n",
    b"%YAML 1.1\n",
    b"\r",
    b"\x1b",
    b"\xe2\x80\xa8",
    b" / 0",
    b" * 1000000000",
    b"(",
    b"99999999999999999999",
    b".nan",
    b"\n  extra: 1\n",
]


@FUZZ
@given(raw=mutated_bytes())
def test_mutated_bytes_give_a_scenario_or_located_problems(raw: bytes) -> None:
    assert_sound(raw)


# --- structural mutations ----------------------------------------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the data: mapping keys and list positions."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


RETYPED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "x" * 6000, "troops / 0", "min(", "not", "1918-13-45", "kagan", "first", "src"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def mutated_data(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = copy.deepcopy(yaml.load(ORIGINALS[name].decode("utf-8-sig"), Loader=SAFE))  # our own files
    for _ in range(draw(st.integers(1, 3))):
        paths = [path for path in _paths(data) if path]
        path = draw(st.sampled_from(paths))
        parent, last = _parent(data, path), path[-1]
        kind = draw(st.sampled_from(["delete", "retype", "duplicate", "scramble", "rename"]))
        if kind == "delete":
            del parent[last]
        elif kind == "retype":
            parent[last] = draw(RETYPED)
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif kind == "scramble" and isinstance(parent[last], list):
            draw(st.randoms(use_true_random=False)).shuffle(parent[last])
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = parent.pop(last)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@FUZZ
@given(raw=mutated_data())
def test_mutated_structure_gives_a_scenario_or_located_problems(raw: bytes) -> None:
    assert_sound(raw)


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_the_originals_are_valid(name: str) -> None:
    assert isinstance(outcome_of(ORIGINALS[name]), Scenario)


# --- the terminal game under random input ----------------------------------------------------------

CATALOG = load_catalog([DATA])
ANSWERS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["1", "2", "3", "0", "-1", "", " 1 ", "\u00b2", "\u0663", "9" * 5000, "../x", "CON"]),
    st.sampled_from(["u", "w", "s", "l", "r", "b", "m", "n", "h", "?", "c", "what if"]),  # every command
)


@settings(max_examples=100, deadline=2000)
@given(
    lines=st.lists(ANSWERS, max_size=80),
    choose_scenario=st.booleans(),
    role=st.sampled_from([None, *ROLES]),
    seed=st.integers(0, 10**6),
)
def test_the_terminal_game_survives_random_input(
    lines: list[str], choose_scenario: bool, role: str | None, seed: int
) -> None:
    answers = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    terminal = text.Terminal(read, out, pauses=bool(seed % 2), width=60)
    scenario_id = None if choose_scenario else "small"
    with tempfile.TemporaryDirectory() as folder:  # each example its own saves: none sees another's
        assert text.run(CATALOG, scenario_id, role, seed, terminal, store=SaveStore(Path(folder))) == 0
    assert "Goodbye" in out.getvalue() or "THE END" in out.getvalue()


def test_a_long_string_of_digits_is_not_a_choice() -> None:
    assert text.as_number("9" * 5000) is None
    assert text.as_number("\u00b2") is None  # str.isdigit() says yes; int() says no
    assert text.as_number("12") == 12


def test_sources_exist() -> None:
    assert all(Path(path).is_file() for path in SOURCES)
