"""Expressions and rules cannot be made to crash: no overflow, no NaN, no division by zero.

A scenario cannot write a huge number (literals are capped), cannot raise to a
power (there is no such operator), and cannot divide by a zero the loader can
see. What only shows at run time (a variable at 0, a product that overflows,
infinity minus infinity) gives a safe value, and the rules keep every
variable a real number within its range.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.conditions import MAX_NUMBER, MAX_STEPS, ExpressionError, format_number, parse
from game.engine.rules import Success, clamp, resolve_turn
from game.engine.state import initial_state
from game.scenario.loader import ScenarioError, load_text
from game.ui.present import explain
from tests.test_loader import SMALL

NAMES = ["troops", "resolve"]
BIG = "*".join(["1000000000"] * 18)  # 1e162: fine alone, infinite when squared


def error_of(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text, NAMES)
    return caught.value


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("troops / (2 - 2)", "division by zero: the divisor always works out to 0", 10),
        ("troops / min(0, 5)", "division by zero: the divisor always works out to 0", 9),
        ("troops / -0", "division by zero: the divisor always works out to 0", 9),
        ("troops / 0.0", "division by zero", 9),
        ("troops / (1 / 1 - 1)", "division by zero: the divisor always works out to 0", 10),
        ("troops > 1000000001", "number too large: at most 1,000,000,000", 9),
        ("troops ** 2", "expected a value, found '*'", 8),
        ("troops ^ 2", "unexpected character '^'", 7),
        (BIG + "*" + BIG + " > troops", "this works out to a number too large to use", 0),
        ("troops > " + "+".join(["1"] * (MAX_STEPS + 1)), "too many operations one after another", 0),
        ("tro\u043eps > 1", "unexpected character '\u043e' (U+043E: names use Latin letters only", 3),
    ],
)
def test_what_the_loader_can_see_is_refused(text: str, message: str, offset: int) -> None:
    error = error_of(text)
    assert message in error.message
    assert error.offset == offset


def test_numbers_are_floats_so_arithmetic_overflows_to_infinity_instead_of_raising() -> None:
    product = parse(f"troops * {BIG} * troops * {BIG}", NAMES)
    assert product({"troops": 1e9, "resolve": 0}) == math.inf
    assert math.isnan(parse(f"troops * {BIG} * troops * {BIG} * 0", NAMES)({"troops": 1e9, "resolve": 0}))
    assert parse("troops / resolve", NAMES)({"troops": 5, "resolve": 0}) == 0  # a zero met at run time
    assert parse("1000000000", NAMES)({}) == MAX_NUMBER


def test_non_numbers_are_shown_not_crashed_on() -> None:
    assert format_number(math.inf) == "\u221e"
    assert format_number(-math.inf) == "-\u221e"
    assert format_number(math.nan) == "?"


def test_clamp_keeps_values_real_numbers_in_range() -> None:
    assert clamp(math.inf, 0, 10, 5) == 10
    assert clamp(-math.inf, 0, 10, 5) == 0
    assert clamp(math.nan, 0, 10, 5) == 5
    assert clamp(3, 0, 10, 5) == 3


def scenario_with(old: str, new: str):
    assert old in SMALL, old
    return load_text(SMALL.replace(old, new, 1), "s.yaml")


def test_an_effect_that_overflows_is_clamped_and_one_that_is_nan_is_dropped() -> None:
    overflowing = f'"troops * {BIG} * troops * {BIG}"'
    nan = f'"troops * {BIG} * troops * {BIG} * 0"'
    scenario = scenario_with("effects: {troops: -100}", f"effects: {{troops: {overflowing}, resolve: {nan}}}")
    state = initial_state(scenario)
    result = resolve_turn(scenario, state, {"negotiator": "talk", "commander": "march"}, random.Random(1))
    assert isinstance(result, Success)
    after = result.record.after
    assert after["troops"] in (5000, 4800)  # clamped to max, then the outcome's -200 perhaps
    assert after["resolve"] == 3  # talk's -1 applied; the NaN effect left the value alone


def test_a_nan_chance_counts_as_no_chance() -> None:
    nan = f'"troops * {BIG} * troops * {BIG} * 0"'
    scenario = scenario_with("{chance: 0.5, text: Lost men.", f"{{chance: {nan}, text: Lost men.")
    for seed in range(20):
        state = initial_state(scenario)
        result = resolve_turn(
            scenario, state, {"negotiator": "talk", "commander": "march"}, random.Random(seed)
        )
        assert isinstance(result, Success)
        assert result.record.move("commander").outcome == 1  # never the NaN-chance outcome


def test_a_constant_zero_divisor_is_a_located_load_error() -> None:
    with pytest.raises(ScenarioError) as caught:
        scenario_with('"-troops / 2"', '"-troops / (3 - 3)"')
    (problem,) = caught.value.problems
    assert "division by zero: the divisor always works out to 0" in str(problem)
    assert str(problem).startswith("s.yaml:53:65: turns[1].choices.commander[1].effects.troops: ")


# --- random expressions, random values --------------------------------------------------------

TOKENS = ["troops", "resolve", "1", "0", "0.5", "1000000000", "(", ")", "+", "-", "*", "/", "<", "<=", ">"]
TOKENS += ["==", "!=", "and", "or", "not", "min(", "max(", ",", "true", "false", "**", "=", "x"]
VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1e308, -1e308, 5e-324])
)


@settings(max_examples=300, deadline=2000)
@given(
    tokens=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40),
    troops=VALUES,
    resolve=VALUES,
)
def test_any_expression_either_fails_to_parse_or_evaluates_without_raising(
    tokens: list[str], troops: float, resolve: float
) -> None:
    try:
        expr = parse(" ".join(tokens), NAMES)
    except ExpressionError as error:
        assert 0 <= error.offset <= len(" ".join(tokens))
        return
    values = {"troops": troops, "resolve": resolve}
    result = expr(values)
    assert isinstance(result, bool | int | float)
    if expr.kind == "boolean" and not result:
        assert explain(expr, values, {"troops": "Troops"})


# --- dead ends: every choice closed ---------------------------------------------------------


def dead_end_scenario(first_turn: bool = False) -> str:
    """The commander's choices on the second turn (or the first) can never be taken."""
    never = "requires: troops > 100000"
    if first_turn:
        text = SMALL.replace("          text: March.\n", f"          text: March.\n          {never}\n")
        return text.replace("          text: Stay.\n", f"          text: Stay.\n          {never}\n")
    text = SMALL.replace("- {id: attack, text: Attack.,", f"- {{id: attack, text: Attack., {never},")
    return text.replace("- {id: wait, text: Wait.,", f"- {{id: wait, text: Wait., {never},")


def test_lint_warns_of_a_dead_end_instead_of_crashing() -> None:
    from game.scenario.lint import lint
    from game.scenario.yamlread import read_yaml

    document = read_yaml(dead_end_scenario(), "s.yaml")
    scenario = load_text(dead_end_scenario(), "s.yaml")
    warnings = [str(problem) for problem in lint(scenario, document)]
    assert any("every choice of the commander here has a 'requires'" in warning for warning in warnings)
    assert any("on history's path no choice is open here" in warning for warning in warnings)


@pytest.mark.parametrize(
    ("role", "lines", "expected"),
    [
        # The commander marches into the dead end, takes it back, and stays instead (to turn 3).
        ("commander", ["1", "1", "u", "2", "q"], "THE END"),
        # The negotiator cannot act for the history-played commander: q leaves.
        ("negotiator", ["1", "x", "q"], "You leave the game. Goodbye."),
        # A dead end on the first turn: nothing to take back, so the game ends at once.
        ("commander", [], "none of the commander's choices is possible now"),
        ("negotiator", ["1"], "'march' is not possible now"),
    ],
)
def test_the_terminal_game_never_loops_in_a_dead_end(
    role: str, lines: list[str], expected: str, tmp_path: Path
) -> None:
    import io
    import threading

    from game.saves import SaveStore
    from game.scenario.catalog import Catalog
    from game.ui import text

    scenario = load_text(dead_end_scenario(first_turn=len(lines) < 2), "s.yaml")
    answers = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    terminal = text.Terminal(read, out, pauses=False, width=80)
    codes: list[int] = []
    catalog = Catalog((scenario,), (), {})

    def play() -> None:
        codes.append(text.run(catalog, "small", role, 3, terminal, store=SaveStore(tmp_path)))

    worker = threading.Thread(target=play, daemon=True)  # a loop that asks nothing would hang here
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), out.getvalue()[-2000:]
    assert codes == [0]
    said = " ".join(out.getvalue().split())  # as read, not as wrapped
    assert expected in said
    assert "The game cannot go on from here" in said
    if len(lines) < 2:
        assert out.getvalue().rstrip().endswith("Goodbye.")
