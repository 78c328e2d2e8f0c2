"""Every kind of scenario error is reported with its file, line, column and path."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import ScenarioError, load, load_text
from game.scenario.model import Scenario

SMALL = (Path(__file__).parent / "data" / "small.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_text(text, "s.yaml")
    return [str(problem) for problem in caught.value.problems]


def edited(old: str, new: str) -> str:
    assert old in SMALL, old
    return SMALL.replace(old, new, 1)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of needle in text; a '|' in needle marks the exact spot."""
    prefix, _, rest = needle.partition("|") if "|" in needle else ("", "", needle)
    index = text.index(prefix + rest) + len(prefix)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def test_the_small_scenario_loads(small: Scenario) -> None:
    assert small.id == "small"
    assert [turn.id for turn in small.turns] == ["first", "second", "third"]


def test_models_are_frozen(small: Scenario) -> None:
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        small.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        small.variables["troops"] = None  # type: ignore[index]


CASES = [
    # (old, new, needle to locate, expected message)
    (
        "effects: {troops: -100}",
        "effects: {troops: many}",
        "many",
        "turns[0].choices.commander[0].effects.troops: expected a number, got 'many'",
    ),
    (
        "    title: Second",
        "    titel: Second",
        "titel",
        "turns[1].titel: unknown key 'titel' (did you mean 'title'?)",
    ),
    (
        "place: kagan\n    title: First",
        "place: kagn\n    title: First",
        "kagn",
        "turns[0].place: unknown place 'kagn' (did you mean 'kagan'?)",
    ),
    (
        "requires: troops >= 1000",
        "requires: troops => 1000",
        "=> 1000",
        "turns[0].choices.negotiator[1].requires: unexpected character '=' (use '==' to compare)",
    ),
    (
        "requires: troops >= 1000",
        "requires: tropos >= 1000",
        "tropos",
        "turns[0].choices.negotiator[1].requires: unknown variable 'tropos' (did you mean 'troops'?)",
    ),
    (
        "took: {commander: attack}",
        "took: {commander: atack}",
        "atack",
        "turns[1].history.took.commander: 'atack' is not one of this turn's commander choices "
        "(did you mean 'attack'?)",
    ),
    (
        "next: third",
        "next: first",
        "next: |first",
        "turns[0].choices.commander[1].next: 'first' is not a later turn: the story may only move forward",
    ),
    (
        "next: third",
        "next: fourth",
        "fourth",
        "turns[0].choices.commander[1].next: unknown turn or ending 'fourth'",
    ),
    (
        "date: 1918-03-05",
        "date: 1918-02-05",
        "1918-02-05",
        "turns[1].date: 1918-02-05 comes before the previous turn's date (1918-03-01)",
    ),
    (
        "sources: [src]\n      discuss: [Why?]\n  - id: second",
        "sources: [srcs]\n      discuss: [Why?]\n  - id: second",
        "srcs",
        "turns[0].history.sources[0]: unknown source 'srcs' (did you mean 'src'?)",
    ),
    (
        "text: Stay.",
        "text: no",
        "text: |no",
        "turns[0].choices.commander[1].text: expected text, got False (YAML reads yes/no/on/off "
        "as true/false: put the text in quotes)",
    ),
    (
        "resolve: {set: 0}",
        "resolve: {sett: 0}",
        "sett",
        "turns[1].choices.commander[0].effects.resolve.sett: unknown key 'sett' (did you mean 'set'?)",
    ),
    (
        "date: 1918-03-05",
        "date: March 5th",
        "March 5th",
        "turns[1].date: expected a date like 1918-03-13, got 'March 5th'",
    ),
    (
        "commander: {name: Commander, brief: You fight.}",
        "comander: {name: Commander, brief: You fight.}",
        "comander",
        "roles.comander: expected 'negotiator' or 'commander', got 'comander'",
    ),
    (
        "- {text: Fine.}",
        "- {chance: 0.2, text: Fine.}",
        "outcomes:\n            |- {chance: 0.5",
        "turns[0].choices.commander[0].outcomes: the last outcome must have no `chance`: it is what happens otherwise",
    ),
    (
        "troops: {label: Troops, start: 600, min: 0, max: 5000}",
        "troops: {label: Troops, start: 6000, min: 0, max: 5000}",
        "{label: Troops",
        "variables.troops: start (6000) must lie between min and max",
    ),
    (
        "- {id: stalemate, title: Stalemate, text: Nothing.}",
        "- {id: stalemate, title: Stalemate, text: Nothing., when: troops > 0}",
        "- {id: rout",
        "endings: no ending applies for certain when the turns run out: give the last ending no 'when'",
    ),
    (
        "historical: true, when: resolve <= 3}",
        "when: resolve <= 3}",
        "- {id: rout",
        "endings: exactly one ending must be marked 'historical: true'; none is",
    ),
    (
        "    title: Second",
        "    title: Second\n    title: Again",
        "title: Again",
        "duplicate key 'title' (first given at line 48)",
    ),
    (
        "- {id: stalemate,",
        "- {id: rout,",
        "- {id: |rout, title: Stalemate",
        "endings[2].id: id 'rout' is already used by endings[0]",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "message"), CASES, ids=[c[3][:50] for c in CASES])
def test_each_error_is_located(old: str, new: str, needle: str, message: str) -> None:
    text = edited(old, new)
    line, column = position(text, needle)
    found = problems(text)
    assert any(message in problem for problem in found), found
    (match,) = [problem for problem in found if message in problem]
    assert match.startswith(f"s.yaml:{line}:{column}: "), (match, line, column)


def test_every_problem_is_reported_at_once() -> None:
    text = edited("effects: {troops: -100}", "effects: {troops: many}")
    text = text.replace("    title: Second", "    titel: Second").replace("text: Stay.", "text: no")
    assert len(problems(text)) == 4  # the misspelt key is also a missing one


def test_expression_column_points_into_a_quoted_expression() -> None:
    text = edited('effects: {troops: "-troops / 2"}', 'effects: {troops: "-troops / 0"}')
    line, column = position(text, '/ |0"}')
    (problem,) = problems(text)
    assert (
        problem == f"s.yaml:{line}:{column}: turns[1].choices.commander[1].effects.troops: division by zero"
    )


def test_missing_keys_point_at_their_mapping() -> None:
    text = edited("    title: Second\n", "")
    line, column = position(text, "- |id: second")
    assert problems(text) == [f"s.yaml:{line}:{column}: turns[1]: missing required key 'title'"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "s.yaml:1:1: the file is empty"),
        ("just text", "s.yaml:1:1: a scenario is a mapping of keys"),
        ("a: [1, 2\n", "s.yaml:2:1: not valid YAML"),
        ("a:\n\t- b\n", "s.yaml:2:1: a tab character: indent with spaces, not tabs"),
        (
            "a: !!python/object:os.system x\n",
            "s.yaml:1:4: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        ("a: 1\n---\nb: 2\n", "s.yaml:2:1: a scenario file holds one YAML document"),
        ("a: &x [1]\nb: *y\n", "s.yaml:2:4: alias *y names no anchor"),
        ("a: .inf\n", "s.yaml:1:4: number '.inf' is out of range"),
    ],
)
def test_malformed_yaml_is_located(text: str, message: str) -> None:
    try:
        load_text(text, "s.yaml")
    except ScenarioError as error:
        assert str(error.problems[0]).startswith(message), error.problems
    else:  # pragma: no cover
        pytest.fail("loaded")


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot read the file"):
        load(tmp_path / "missing.yaml")


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ScenarioError, match="binary file"):
        load(tmp_path / "bin.yaml")
    with pytest.raises(ScenarioError, match=r"latin.yaml:1:8: not UTF-8"):
        load(tmp_path / "latin.yaml")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + SMALL.encode())
    assert load(tmp_path / "bom.yaml").id == "small"


def test_text_may_carry_translations() -> None:
    text = edited(
        "    title: First\n",
        "    title: {en: First, ru: Первый}\n    teacher: {background: Kolesov had just won at Kokand., ask: Why wait?}\n",
    )
    scenario = load_text(text)
    title = scenario.turns[0].title
    assert title == "First" and title.in_language("ru") == "Первый" and title.in_language("de") == "First"
    assert scenario.turns[0].teacher.ask == "Why wait?"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("{ru: Первый}", "translations need the English text under 'en'"),
        (
            "{en: First, russian: Первый}",
            "expected text, or translations keyed by language code (en, ru, ...); got key 'russian'",
        ),
        ("{en: ''}", "must not be empty"),
    ],
)
def test_translation_mistakes_are_located(title: str, message: str) -> None:
    text = edited("    title: First\n", f"    title: {title}\n")
    line, column = position(text, f"title: |{title[:3]}")
    assert problems(text) == [f"s.yaml:{line}:{column}: turns[0].title: {message}"]
