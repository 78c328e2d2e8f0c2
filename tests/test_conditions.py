from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.conditions import ExpressionError, explain, format_number, parse

NAMES = ["troops", "resolve", "support"]
VALUES = {"troops": 600, "resolve": 4, "support": 0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("troops >= 600", True),
        ("troops > 600", False),
        ("resolve + 1 == 5", True),
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("-resolve", -4),
        ("min(troops, 100, resolve * 10)", 40),
        ("max(troops / 2, 1)", 300),
        ("not resolve > 3 or troops < 10", False),
        ("resolve > 3 and troops >= 600 and not false", True),
        ("0.3 + 0.05 * resolve", pytest.approx(0.5)),
        ("troops / support", 0),  # a zero divisor met at run time gives 0, not a crash
        (".5 * 2", 1),
    ],
)
def test_evaluates(text: str, expected: object) -> None:
    assert parse(text, NAMES)(VALUES) == expected


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("troops >", "expected a value, found the end of the expression", 8),
        ("troops = 3", "unexpected character '=' (use '==' to compare)", 7),
        ("troops && resolve", "unexpected character '&'", 7),
        ("sqrt(troops)", "unknown function 'sqrt'", 0),
        ("1 < troops < 3", "comparisons cannot be chained", 11),
        ("tropos > 1", "unknown variable 'tropos' (did you mean 'troops'?)", 0),
        ("troops / 0", "division by zero", 9),
        ("not troops", "'not' needs a condition", 4),
        ("troops and resolve", "'and' joins conditions, not numbers", 0),
        ("(troops > 1", "expected ')'", 11),
        ("min(troops)", "min() needs at least two values", 0),
        ("troops ** 2", "expected a value, found '*'", 8),
        ("", "empty expression", 0),
    ],
)
def test_errors_are_located(text: str, message: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text, NAMES)
    assert message in caught.value.message
    assert caught.value.offset == offset


def test_kind_is_checked() -> None:
    with pytest.raises(ExpressionError, match="expected a condition"):
        parse("troops + 1", NAMES, "boolean")
    with pytest.raises(ExpressionError, match="expected a number"):
        parse("troops > 1", NAMES, "number")


def test_depth_and_length_are_capped() -> None:
    with pytest.raises(ExpressionError, match="nested deeper"):
        parse("(" * 100 + "1" + ")" * 100)
    with pytest.raises(ExpressionError, match="longer than"):
        parse("1 + " * 200 + "1")


def test_names_lists_the_variables_used() -> None:
    assert parse("min(troops, resolve) > 2 or support == 1", NAMES).names() == set(NAMES)


def test_explain_names_the_failing_parts_with_labels() -> None:
    expr = parse("troops >= 1000 and resolve < 5", NAMES)
    text = explain(expr, VALUES, {"troops": "Red Guard strength"})
    assert text == "needs Red Guard strength at least 1000 (now 600)"


def test_format_number() -> None:
    assert format_number(600.0) == "600"
    assert format_number(0.5) == "0.5"
    assert format_number(1 / 3) == "0.33"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="troopsesv0123456789 .()<>=!+-*/,andornotminax", max_size=60))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        expr = parse(text, NAMES)
    except ExpressionError as error:
        assert 0 <= error.offset <= len(text)
    else:
        expr(VALUES)  # a parsed expression always evaluates
