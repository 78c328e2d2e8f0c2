"""The YAML reader's own rules, beyond the hostile corpus: what it accepts, and as what."""

from __future__ import annotations

import codecs

import pytest

from game.scenario.problems import ScenarioError
from game.scenario.yamlread import read_text, read_yaml


def data(text: str) -> object:
    return read_yaml(text, "s.yaml").data


def refusal(text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        read_yaml(text, "s.yaml")
    (problem,) = caught.value.problems
    return str(problem)


def test_anchors_on_lists_and_mappings_can_be_aliased() -> None:
    # The anchor used to be read from the closing event, so only scalars could be aliased.
    assert data("a: &list [1, 2]\nb: *list\nc: &map {x: 1}\nd: *map\n") == {
        "a": [1, 2],
        "b": [1, 2],
        "c": {"x": 1},
        "d": {"x": 1},
    }


@pytest.mark.parametrize("key", ["1", "true", "yes", "~", "null", "1.5", "2020-01-01"])
def test_keys_are_always_text(key: str) -> None:
    assert data(f"{key}: value\n") == {key: "value"}


@pytest.mark.parametrize("value", ["=", "<<", "'<<'"])
def test_plain_values_yaml_gives_special_types_are_text(value: str) -> None:
    assert data(f"a: {value}\n") == {"a": value.strip("'")}


def test_standard_tags_are_fine() -> None:
    assert data('a: !!str 123\nb: !!int "12"\nc: !!float 1\n') == {"a": "123", "b": 12, "c": 1.0}


def test_an_explicit_tag_on_text_that_is_not_its_type_is_located() -> None:
    assert refusal("a: !!bool 3\n") == "s.yaml:1:4: '3' is not true or false"
    assert refusal("a: !!int x\n") == "s.yaml:1:4: 'x' is not a whole number"


def test_control_characters_are_located_on_their_line_whatever_the_line_ends() -> None:
    assert refusal("a: 1\r\nb: x\x07\n").startswith(
        "s.yaml:2:5: the file holds an invisible control character"
    )
    assert refusal("a: 1\rb: x\x07\n").startswith("s.yaml:2:5: ")


def test_utf16_and_utf32_with_a_byte_order_mark_read_like_utf8() -> None:
    text = "format: 1\ntitle: Кокан\n"
    for mark, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        assert read_text(mark + text.encode(codec), "s.yaml") == text


def test_a_utf8_byte_order_mark_does_not_shift_columns() -> None:
    with pytest.raises(ScenarioError, match=r"s.yaml:1:8: not UTF-8"):
        read_text(codecs.BOM_UTF8 + b"title: \xff\n", "s.yaml")
