"""Simulation: reproducible by seed whatever the jobs, faithful to Session, honest JSON, a useful lint."""

from __future__ import annotations

import gc
import json
import pickle
import random
from pathlib import Path
from typing import Any

import pytest

from game import simulate as sim
from game.balance import balance_problems
from game.cli import main
from game.engine.policies import POLICIES
from game.engine.session import Session, turn_rng
from game.scenario.loader import load_document
from game.scenario.model import Scenario
from game.simulate import (
    DistributionCache,
    LazyRandom,
    Report,
    Tally,
    play,
    play_runs,
    report_schema_text,
    run_seeds,
    simulate,
)
from tests.conftest import DATA


def test_the_same_seed_gives_the_same_report_whatever_the_jobs(small: Scenario) -> None:
    one = simulate(small, "commander", "random", runs=400, seed=11, jobs=1)
    two = simulate(small, "commander", "random", runs=400, seed=11, jobs=2)
    assert one == two
    assert one.model_dump_json() == two.model_dump_json()
    assert simulate(small, "commander", "random", runs=400, seed=12) != one


def test_counting_in_any_chunks_gives_the_same_tally(small: Scenario) -> None:
    whole = play_runs(small, "negotiator", "random", 5, 0, 300)
    parts = [play_runs(small, "negotiator", "random", 5, a, b) for a, b in ((200, 300), (0, 7), (7, 200))]
    merged = Tally()
    for part in parts:
        merged.merge(part)
    assert merged == whole


def test_a_run_depends_only_on_the_seed_and_its_number() -> None:
    assert run_seeds(3, 7) == run_seeds(3, 7)
    assert len({run_seeds(3, run) for run in range(1000)}) == 1000
    assert run_seeds(3, 7) != run_seeds(4, 7)


def test_a_lazy_random_draws_the_same_numbers() -> None:
    lazy = LazyRandom(turn_rng, 5, 2)
    real = turn_rng(5, 2)
    assert [lazy.random(), lazy.choice("abcdef"), lazy.randint(1, 9)] == [
        real.random(),
        real.choice("abcdef"),
        real.randint(1, 9),
    ]


@pytest.mark.parametrize("role", ["negotiator", "commander"])
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_a_simulated_run_replays_identically_as_a_session(small: Scenario, role: str, policy: str) -> None:
    for run in range(40):
        game_seed, policy_seed = run_seeds(1, run)
        played = play(small, role, POLICIES[policy], game_seed, random.Random(policy_seed))
        session, stopped = Session.replay(small, game_seed, [role], played.decisions(role))
        assert stopped is None
        assert session.state.ending == played.ending
        assert session.state.values == played.values


@pytest.mark.parametrize("role", ["negotiator", "commander"])
def test_the_historical_policy_always_follows_history(small: Scenario, role: str) -> None:
    result = simulate(small, role, "historical", runs=200, seed=3)
    assert result.followed_history == result.runs
    assert {e.id: e.count for e in result.endings}[small.historical_ending().id] == result.runs
    for turn in result.turns:
        assert turn.matched_history == turn.on_history_path == turn.reached
        assert [c.id for c in turn.choices if c.taken] == [c.id for c in turn.choices if c.historical]


def test_the_report_adds_up(small: Scenario) -> None:
    result = simulate(small, "commander", "random", runs=500, seed=2)
    assert sum(e.count for e in result.endings) + sum(result.dead_ends.values()) == 500
    assert [e.id for e in result.endings if e.historical] == ["peace"]
    first = result.turns[0]
    assert first.reached == 500 and sum(c.taken for c in first.choices) == 500
    troops = next(v for v in result.variables if v.id == "troops")
    assert troops.min <= troops.mean <= troops.max and troops.stdev > 0


def test_games_leave_no_reference_cycles(small: Scenario) -> None:
    """play_runs pauses the cycle collector; that is only sound while games make no cycles."""
    gc.collect()
    gc.disable()
    try:
        for policy in sorted(POLICIES):
            play_runs(small, "commander", policy, 1, 0, 30)
            play_runs(small, "negotiator", policy, 1, 0, 30)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_scenario_survives_the_trip_to_a_worker_process(small: Scenario) -> None:
    assert small.rulebook  # what a game builds and keeps on the scenario: it must cross too
    copy = pickle.loads(pickle.dumps(small))
    assert copy == small
    assert play_runs(copy, "commander", "random", 9, 0, 50) == play_runs(
        small, "commander", "random", 9, 0, 50
    )


# --- the JSON report and its schema ---------------------------------------------------------------------


def test_the_committed_report_schema_is_in_sync() -> None:
    assert sim.SCHEMA_FILE.read_text(encoding="utf-8") == report_schema_text(), (
        "run: python -c 'from game.simulate import *; SCHEMA_FILE.write_text(report_schema_text())'"
    )


def test_the_json_output_matches_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["simulate", "--scenario", str(DATA / "small.yaml"), "--role", "negotiator"]
    assert main([*args, "--runs", "60", "--seed", "4", "--jobs", "1", "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    schema = json.loads(sim.SCHEMA_FILE.read_text(encoding="utf-8"))
    assert list(schema_errors(output, schema, schema)) == []
    assert Report.model_validate(output).runs == 60
    broken = {**output, "runs": "many", "extra": 1}
    assert len(list(schema_errors(broken, schema, schema))) == 2


def schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "$") -> Any:
    """A tiny JSON Schema check: the keywords pydantic emits for the report, no more."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        if all(list(schema_errors(value, option, root, at)) for option in schema["anyOf"]):
            yield f"{at}: matches no option"
        return
    types = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float)}
    kind = schema.get("type")
    if kind == "boolean":
        if not isinstance(value, bool):
            yield f"{at}: not a boolean"
        return
    if kind in types and (not isinstance(value, types[kind]) or isinstance(value, bool)):
        yield f"{at}: not {kind}"
        return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{at}: not one of {schema['enum']}"
    if "const" in schema and value != schema["const"]:
        yield f"{at}: not {schema['const']}"
    if "minimum" in schema and value < schema["minimum"]:
        yield f"{at}: below {schema['minimum']}"
    if "maximum" in schema and value > schema["maximum"]:
        yield f"{at}: above {schema['maximum']}"
    if kind == "array":
        for index, item in enumerate(value):
            yield from schema_errors(item, schema.get("items", {}), root, f"{at}[{index}]")
    if kind == "object":
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                yield f"{at}: missing {key}"
        for key, item in value.items():
            if key in properties:
                yield from schema_errors(item, properties[key], root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                yield f"{at}: unexpected {key}"
            elif isinstance(schema.get("additionalProperties"), dict):
                yield from schema_errors(item, schema["additionalProperties"], root, f"{at}.{key}")


def test_the_text_report_marks_the_historical_ending(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["simulate", "--scenario", str(DATA / "small.yaml"), "--role", "commander", "--runs", "50"]
    assert main([*args, "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "peace" in out.split("<- history")[0].splitlines()[-1]
    assert "Choices by turn" in out and "Variables at the end" in out


def test_simulate_refuses_what_it_cannot_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--scenario", "no-such-scenario", "--role", "commander"]) == 2
    assert "no scenario 'no-such-scenario'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["simulate", "--scenario", str(DATA / "small.yaml"), "--role", "commander", "--runs", "0"])


# --- the debrief's chart and its cache ------------------------------------------------------------------


def test_the_ending_distribution_is_cached_in_memory_and_on_disk(
    small: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DistributionCache(tmp_path)
    first = cache.get(small, "commander", runs=100, seed=1)
    assert [share.id for share in first] == [ending.id for ending in small.endings]
    assert sum(share.count for share in first) == 100
    assert len(list(tmp_path.glob("*.json"))) == 1

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("recomputed a cached distribution")

    monkeypatch.setattr(sim, "ending_distribution", no_work)
    assert cache.get(small, "commander", runs=100, seed=1) == first  # memory
    assert DistributionCache(tmp_path).get(small, "commander", runs=100, seed=1) == first  # disk


def test_a_damaged_cache_file_is_computed_again(small: Scenario, tmp_path: Path) -> None:
    first = DistributionCache(tmp_path).get(small, "negotiator", runs=50, seed=1)
    for file in tmp_path.glob("*.json"):
        file.write_text("{not json", encoding="utf-8")
    assert DistributionCache(tmp_path).get(small, "negotiator", runs=50, seed=1) == first


def test_the_cache_key_follows_the_scenario_content(small: Scenario) -> None:
    changed = small.model_copy(update={"title": "Another title"})
    assert sim.cache_key(small, "commander", 100, 1) == sim.cache_key(small, "commander", 100, 1)
    assert sim.cache_key(changed, "commander", 100, 1) != sim.cache_key(small, "commander", 100, 1)
    assert sim.cache_key(small, "negotiator", 100, 1) != sim.cache_key(small, "commander", 100, 1)


# --- the balance lint -------------------------------------------------------------------------------------


def test_the_balance_lint_finds_the_planted_problems() -> None:
    scenario, document = load_document(DATA / "unbalanced.yaml")
    found = [str(problem) for problem in balance_problems(scenario, document, runs=1000)]
    file = str(DATA / "unbalanced.yaml")
    assert any(
        line.startswith(f"{file}:55:5: warning: endings[1]: ending 'ruin' was never reached")
        for line in found
    ), found
    assert any(
        line.startswith(
            f"{file}:25:11: warning: turns[0].choices.negotiator[2]: choice 'bribe' was never open"
        )
        for line in found
    ), found
    assert any(
        "turns[0].choices.commander[1]: choice 'storm' decides the ending alone" in line for line in found
    ), found
    assert len(found) == 3, found  # a role's last say settling the ending is no warning


def test_validate_simulate_warns_but_keeps_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["validate", "--simulate", "--runs", "500", "--jobs", "1"]
    assert main([*args, str(DATA / "unbalanced.yaml"), str(DATA / "small.yaml")]) == 0
    captured = capsys.readouterr()
    assert "warning: endings[1]: ending 'ruin'" in captured.out
    assert "warning(s)" in captured.err
    assert main(["validate", str(DATA / "unbalanced.yaml")]) == 0
    out = capsys.readouterr().out
    assert "random playthroughs" not in out  # the balance lint only plays with --simulate


def test_the_balance_lint_does_not_repeat_the_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "unbalanced.yaml").read_text(encoding="utf-8")
    after_the_last = text.replace(
        "  - {id: gloom, title: Gloom, text: Gave up.}\n",
        "  - {id: gloom, title: Gloom, text: Gave up.}\n  - {id: never, title: Never, text: Never.}\n",
    )
    file = tmp_path / "unbalanced.yaml"
    file.write_text(after_the_last, encoding="utf-8")
    assert main(["validate", "--simulate", "--runs", "300", "--jobs", "1", str(file)]) == 0
    about_never = [line for line in capsys.readouterr().out.splitlines() if "'never'" in line]
    assert len(about_never) == 1 and "can never be reached" in about_never[0]  # the lint's, not sampling's
