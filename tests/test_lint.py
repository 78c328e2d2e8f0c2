"""The lint warns, with file:line:col, of what a valid scenario gets wrong for players and classes."""

from __future__ import annotations

import pytest

from game.cli import main
from game.paths import SCENARIOS
from game.scenario.lint import lint, reachable
from game.scenario.loader import load_text, validate
from game.scenario.yamlread import read_yaml
from tests.test_loader import SMALL, position


def warnings(text: str) -> list[str]:
    document = read_yaml(text, "s.yaml")
    return [str(problem) for problem in lint(validate(document), document)]


def test_the_small_scenario_lints_clean() -> None:
    assert warnings(SMALL) == []


def test_reachability_follows_every_jump() -> None:
    scenario = load_text(SMALL)
    assert reachable(scenario) >= {"first", "second", "third", "peace"}


CASES = [
    # (edits to the small scenario, where the warning points, the warning)
    (
        [("    title: First\n", "    title: First\n    next: third\n")],
        "- id: |second",
        "warning: turns[1].id: no path reaches turn 'second'",
    ),
    (
        [
            (
                "  - {id: stalemate, title: Stalemate, text: Nothing.}",
                "  - {id: stalemate, title: Stalemate, text: Nothing.}\n  - {id: never, title: Never, text: No.}",
            )
        ],
        "{id: |never",
        "warning: endings[3].id: ending 'never' can never be reached",
    ),
    (
        [("  resolve: {label: Resolve", "  spirit: {label: Spirit, start: 1}\n  resolve: {label: Resolve")],
        "|spirit:",
        "warning: variables.spirit: variable 'spirit' never changes",
    ),
    (
        [
            ("effects: {resolve: -1}", "effects: {resolve: -1, spirit: 1}"),
            ("  resolve: {label: Resolve", "  spirit: {label: Spirit, start: 1}\n  resolve: {label: Resolve"),
        ],
        "|spirit: {label",
        "warning: variables.spirit: variable 'spirit' changes nothing",
    ),
    (
        [("        - {id: refuse, text: Refuse.}\n", "")],
        "negotiator:\n        |- {id: sign",
        "warning: turns[2].choices.negotiator: the negotiator has no real choice here (one option)",
    ),
    (
        [
            ("took: {negotiator: sign}", "took: {negotiator: refuse}"),
            ("took: {commander: attack}", "took: {commander: wait}"),
            ("effects: {resolve: -1}", "effects: {resolve: +1}"),
        ],
        "historical: |true",
        "warning: endings[1].historical: history's choices end in 'stalemate' (seed 0)",
    ),
    (
        [("text: They talked and marched.", "text: Ibrahim Bey talked and marched.")],
        "text: |Ibrahim Bey",
        "warning: turns[0].history.text: write 'Ibrahim Bek', not 'Ibrahim Bey'",
    ),
    (
        [("    situation: Again.", "    situation: " + "word " * 120)],
        "situation: |word",
        "warning: turns[1].situation: 120 words: a situation should fit a projector",
    ),
    (
        [("places:\n", "places:\n  khiva: {name: Khiva, at: {lat: 41.38, lon: 60.36}}\n")],
        "|khiva:",
        "warning: places.khiva: place 'khiva' is never used",
    ),
]


@pytest.mark.parametrize(("edits", "needle", "message"), CASES, ids=[c[2][9:50] for c in CASES])
def test_each_warning_is_located(edits: list[tuple[str, str]], needle: str, message: str) -> None:
    text = SMALL
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    line, column = position(text, needle)
    found = warnings(text)
    matches = [warning for warning in found if message in warning]
    assert matches, found
    assert matches[0].startswith(f"s.yaml:{line}:{column}: "), (matches[0], line, column)


def test_validate_prints_warnings_and_strict_fails_on_them(tmp_path, capsys) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(SMALL.replace("text: They talked and marched.", "text: Ibrahim Bey marched."))
    assert main(["validate", str(path)]) == 0
    assert "write 'Ibrahim Bek', not 'Ibrahim Bey'" in capsys.readouterr().out
    assert main(["validate", "--strict", str(path)]) == 1


def test_the_shipped_scenarios_lint_clean(capsys) -> None:
    assert main(["validate", "--strict"]) == 0, capsys.readouterr().out


def test_the_annotated_tutorial_stays_valid_and_clean(capsys) -> None:
    assert main(["validate", "--strict", str(SCENARIOS / "examples" / "tutorial.yaml")]) == 0, (
        capsys.readouterr().out
    )


def test_the_tutorial_plays_to_each_of_its_endings() -> None:
    from game.engine.session import Session
    from game.paths import SCENARIOS
    from game.scenario.loader import load

    tutorial = load(SCENARIOS / "examples" / "tutorial.yaml")
    reached = set()
    for picks in (
        [{"negotiator": "sign", "commander": "send"}, {"negotiator": "press", "commander": "march"}],
        [{"negotiator": "sign", "commander": "send"}, {"negotiator": "concede", "commander": "talk"}],
        [{"negotiator": "delay", "commander": "wait"}, {"negotiator": "concede", "commander": "march"}],
    ):
        session = Session.start(tutorial, 1, ["negotiator", "commander"])
        for pick in picks:
            if not session.state.finished:
                session = session.decide(pick)
        reached.add(session.state.ending)
    assert reached == {"retreat", "compromise", "collapse"}
