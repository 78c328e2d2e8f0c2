"""Thousands of seeded playthroughs on the headless engine, and what they add up to.

A policy plays one role; the other role follows history, exactly as in a
`Session` with one player. Run `i` of a simulation seeded with `S` draws its
game seed and its policy's random stream from `(S, i)` alone, so a run's result
does not depend on which process played it. Runs are counted into a `Tally`
(only whole-number counts, and each variable's final values counted by value),
which merges exactly in any order: the same seed gives the same report
whatever the number of jobs.

`simulate` is the entry point; `report` turns a tally into the `Report` that
`python main.py simulate` prints and `--json` emits (its JSON Schema is
`game/simulate_schema.json`, generated from the model below);
`ending_distribution` and `cached_ending_distribution` serve the debrief's
"How did others fare?" chart.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field

from game import __version__
from game.engine.policies import POLICIES, Policy, historical
from game.engine.rulebook import is_open
from game.engine.rules import Impossible, resolve_turn_unrecorded
from game.engine.session import Decision, turn_rng
from game.engine.state import initial_state
from game.scenario.loader import paused_gc
from game.scenario.model import Role, Scenario

SIMULATION_VERSION = 1  # bump when a change to the simulator changes its results (invalidates caches)
SCHEMA_FILE = Path(__file__).with_name("simulate_schema.json")

Progress = Callable[[int, int], None]  # (runs done, runs in all)
T = TypeVar("T")


# --- one playthrough ------------------------------------------------------------------------


def run_seeds(seed: int, run: int) -> tuple[int, int]:
    """The game seed and the policy's seed of run `run` of a simulation seeded `seed`."""
    # A hash: stable across processes, platforms and Python versions, and well spread.
    digest = hashlib.sha256(f"simulate:{seed}:{run}".encode()).digest()
    return int.from_bytes(digest[:4], "big"), int.from_bytes(digest[4:12], "big")


class LazyRandom:
    """A `random.Random` made on first use.

    Seeding a Mersenne Twister costs more than resolving a turn, and most turns
    draw nothing (no chance outcomes; history's policy never draws), so the
    simulator only seeds the streams it uses. The numbers are the same.
    """

    __slots__ = ("_make", "_args", "_rng")

    def __init__(self, make: Callable[..., random.Random], *args: int) -> None:
        self._make = make
        self._args = args
        self._rng: random.Random | None = None

    def _real(self) -> random.Random:
        if self._rng is None:
            self._rng = self._make(*self._args)
        return self._rng

    # The draws the engine and the policies make, without the __getattr__ detour.
    def random(self) -> float:
        return self._real().random()

    def choice(self, items: Sequence[T]) -> T:
        return self._real().choice(items)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real(), name)


class Step(NamedTuple):  # a named tuple: one per turn played, and cheaper to make than a dataclass
    """The played role's part in one turn: what was open, what it took."""

    turn: str
    choice: str
    open: tuple[str, ...]  # the ids of the choices that were open
    historical: bool  # the choice history took


@dataclass(frozen=True, slots=True)
class Playthrough:
    seed: int  # the game seed
    ending: str | None  # None if the game got stuck: no open choice on `turns[-1]`
    turns: tuple[str, ...]  # every turn played, in order
    steps: tuple[Step, ...]  # only the turns on which the played role chose
    values: Mapping[str, float]  # at the end

    def decisions(self, role: Role) -> tuple[Decision, ...]:
        """The run as a one-player Session's decisions: `Session.replay(scenario, seed, [role], ...)`."""
        picks = {step.turn: step.choice for step in self.steps}
        return tuple(Decision(turn, {role: picks[turn]} if turn in picks else {}) for turn in self.turns)


def play(scenario: Scenario, role: Role, policy: Policy, seed: int, policy_rng: random.Random) -> Playthrough:
    """One game: `policy` plays `role`, the other role follows history; luck as in a Session."""
    state = initial_state(scenario)
    turns: list[str] = []
    steps: list[Step] = []
    rulebook = scenario.rulebook
    while state.turn is not None:
        turn = rulebook[state.turn]
        # A Session draws each turn's luck from (seed, turn number); so do we.
        rng = cast(random.Random, LazyRandom(turn_rng, seed, len(turns)))
        turns.append(turn.id)
        picks: dict[Role, str] = {}
        for who, choices, took in turn.roles:
            if who == role:
                pick = picks[who] = policy(scenario, state, who, policy_rng)
                opened = tuple([c.id for c in choices if is_open(c, state.values)])
                steps.append(Step(turn.id, pick, opened, took == pick))
            else:
                picks[who] = historical(scenario, state, who, rng)
        result = resolve_turn_unrecorded(scenario, state, picks, rng)
        if isinstance(result, Impossible):  # every choice of a role was closed: a dead end
            break
        state = result
    return Playthrough(seed, state.ending, tuple(turns), tuple(steps), state.values)


# --- counting runs ------------------------------------------------------------------------------


@dataclass
class Tally:
    """Whole-number counts over many playthroughs; `merge` is exact and order-free."""

    runs: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    visited: Counter[str] = field(default_factory=Counter)  # turn -> runs that played it
    reached: Counter[str] = field(default_factory=Counter)  # turn -> runs where the role chose on it
    taken: Counter[tuple[str, str]] = field(default_factory=Counter)  # (turn, choice)
    opened: Counter[tuple[str, str]] = field(default_factory=Counter)  # (turn, choice) open when reached
    matched: Counter[str] = field(default_factory=Counter)  # turn -> runs that took history's choice
    on_path: Counter[str] = field(default_factory=Counter)  # turn -> runs matching history up to here
    whole_path: int = 0  # runs that took history's choice on every turn they chose
    stuck: Counter[str] = field(default_factory=Counter)  # turn -> runs with no open choice there
    # (turn, choice, ending) -> runs that took the choice and reached the ending (None: stuck)
    endings_after: Counter[tuple[str, str, str | None]] = field(default_factory=Counter)
    # (turn, choice) -> runs in which it was not the role's last say: a real decision (two or more
    # open choices) came later, or the game ended before the role's last turn in the scenario.
    not_last: Counter[tuple[str, str]] = field(default_factory=Counter)
    values: dict[str, Counter[float]] = field(default_factory=dict)  # variable -> final value -> runs

    def add(
        self, scenario: Scenario, role: Role, playthrough: Playthrough, last_turn: int | None = None
    ) -> None:
        """Count one run; `last_turn` is `last_turn_of(scenario, role)`, if the caller has it at hand."""
        self.runs += 1
        if playthrough.ending is None:
            self.stuck[playthrough.turns[-1]] += 1
        else:
            self.endings[playthrough.ending] += 1
        self.visited.update(playthrough.turns)
        steps = playthrough.steps
        if last_turn is None:
            last_turn = last_turn_of(scenario, role)
        last_say = _last_say(scenario, playthrough, last_turn)
        still_on_path = True
        ending = playthrough.ending
        reached, taken, endings_after, opened = self.reached, self.taken, self.endings_after, self.opened
        for number, (turn, choice, open_ids, as_history) in enumerate(steps):
            key = (turn, choice)
            if number < last_say:
                self.not_last[key] += 1
            reached[turn] += 1
            taken[key] += 1
            endings_after[(turn, choice, ending)] += 1
            for open_id in open_ids:
                opened[(turn, open_id)] += 1
            if as_history:
                self.matched[turn] += 1
            else:
                still_on_path = False
            if still_on_path:
                self.on_path[turn] += 1
        self.whole_path += still_on_path
        for name, value in playthrough.values.items():
            # float(): 600 and 600.0 are one key, and the key's type must not depend on which run came first.
            self.values.setdefault(name, Counter())[float(value)] += 1

    def merge(self, other: Tally) -> Tally:
        self.runs += other.runs
        self.whole_path += other.whole_path
        for mine, theirs in (
            (self.endings, other.endings),
            (self.visited, other.visited),
            (self.reached, other.reached),
            (self.taken, other.taken),
            (self.opened, other.opened),
            (self.matched, other.matched),
            (self.on_path, other.on_path),
            (self.endings_after, other.endings_after),
            (self.not_last, other.not_last),
            (self.stuck, other.stuck),
        ):
            mine.update(theirs)
        for name, counts in other.values.items():
            self.values.setdefault(name, Counter()).update(counts)
        return self


def _last_say(scenario: Scenario, playthrough: Playthrough, last_turn: int) -> int:
    """The index of the role's last real decision (2+ open choices); past the end if the game was cut short."""
    steps = playthrough.steps
    if scenario.turn_positions[playthrough.turns[-1]] < last_turn:
        return len(steps)
    return max((i for i, step in enumerate(steps) if len(step.open) > 1), default=0)


def last_turn_of(scenario: Scenario, role: Role) -> int:
    """The index of the last turn on which the role has choices."""
    return max((i for i, turn in enumerate(scenario.turns) if turn.choices.get(role)), default=-1)


def play_runs(scenario: Scenario, role: Role, policy_name: str, seed: int, start: int, stop: int) -> Tally:
    """Runs `start` to `stop - 1` of a simulation, counted."""
    policy = POLICIES[policy_name]
    tally = Tally()
    last_turn = last_turn_of(scenario, role)
    # A game makes no reference cycles (the tests check), so the cycle collector would only walk
    # the scenario's objects again and again: up to a third of a long game's time.
    with paused_gc():
        for run in range(start, stop):
            game_seed, policy_seed = run_seeds(seed, run)
            policy_rng = cast(random.Random, LazyRandom(random.Random, policy_seed))
            tally.add(scenario, role, play(scenario, role, policy, game_seed, policy_rng), last_turn)
    return tally


# --- running many, in parallel -------------------------------------------------------------------

_worker_scenario: Scenario | None = None  # set once per worker process by _start_worker


def _start_worker(scenario: Scenario) -> None:
    global _worker_scenario
    _worker_scenario = scenario


def _worker_runs(role: Role, policy_name: str, seed: int, start: int, stop: int) -> Tally:
    assert _worker_scenario is not None
    return play_runs(_worker_scenario, role, policy_name, seed, start, stop)


def chunks(runs: int, jobs: int) -> list[tuple[int, int]]:
    """Split runs 0..runs-1 into ranges: several per job, so the jobs finish together."""
    size = max(25, min(2000, runs // max(1, jobs * 8)))
    return [(start, min(start + size, runs)) for start in range(0, runs, size)]


def tally_runs(
    scenario: Scenario,
    role: Role,
    policy: str = "random",
    runs: int = 1000,
    seed: int = 0,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Tally:
    """Play `runs` games in `jobs` processes (1: in this one) and count them."""
    check_arguments(scenario, role, policy, runs, jobs)
    total = Tally()
    done = 0
    if jobs == 1 or runs <= 25:
        for start, stop in chunks(runs, 1):
            total.merge(play_runs(scenario, role, policy, seed, start, stop))
            done += stop - start
            if progress:
                progress(done, runs)
        return total
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(scenario,)) as pool:
        futures = {
            pool.submit(_worker_runs, role, policy, seed, start, stop): stop - start
            for start, stop in chunks(runs, jobs)
        }
        for future in as_completed(futures):
            total.merge(future.result())
            done += futures[future]
            if progress:
                progress(done, runs)
    return total


def check_arguments(scenario: Scenario, role: str, policy: str, runs: int, jobs: int) -> None:
    if role not in scenario.roles:
        raise ValueError(f"{scenario.id} has no {role} role (it has: {', '.join(scenario.roles)})")
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r} (known: {', '.join(POLICIES)})")
    if runs < 1 or jobs < 1:
        raise ValueError("runs and jobs must be at least 1")


def simulate(
    scenario: Scenario,
    role: Role,
    policy: str = "random",
    runs: int = 1000,
    seed: int = 0,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Play `runs` seeded games and report what happened; the same seed gives the same report."""
    tally = tally_runs(scenario, role, policy, runs, seed, jobs, progress)
    return report(scenario, role, policy, seed, tally)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# --- the report ---------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EndingShare(_Model):
    id: str
    title: str
    historical: bool = Field(description="the ending history reached")
    count: int = Field(ge=0, description="runs that ended here")
    share: float = Field(ge=0, le=1, description="count / runs")


class ChoiceShare(_Model):
    id: str
    text: str
    historical: bool = Field(description="the choice history took")
    taken: int = Field(ge=0, description="runs that took it")
    share: float = Field(ge=0, le=1, description="taken / the runs that reached the turn")
    open: int = Field(ge=0, description="runs in which it was open when the turn was reached")


class TurnShare(_Model):
    id: str
    title: str
    date: str = Field(description="ISO date")
    reached: int = Field(ge=0, description="runs in which the role chose on this turn")
    matched_history: int = Field(ge=0, description="runs that took history's choice here")
    on_history_path: int = Field(
        ge=0, description="runs that took history's choice here and on every turn before it"
    )
    choices: list[ChoiceShare] = Field(description="the role's choices in the scenario's order")


class VariableSpread(_Model):
    id: str
    label: str
    hidden: bool
    start: float
    mean: float
    stdev: float = Field(ge=0, description="population standard deviation over the runs")
    min: float
    max: float


class Report(_Model):
    """What `python main.py simulate --json` prints."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    scenario: str = Field(description="the scenario's id")
    title: str
    role: Role = Field(description="the role the policy played; the other followed history")
    policy: str
    runs: int = Field(ge=1)
    seed: int
    endings: list[EndingShare] = Field(description="every ending, in the scenario's order")
    turns: list[TurnShare] = Field(description="every turn where the role has choices, in order")
    followed_history: int = Field(ge=0, description="runs that took history's choice on every turn")
    dead_ends: dict[str, int] = Field(
        description="turn id -> runs that stopped there because a role had no open choice (a scenario bug)"
    )
    variables: list[VariableSpread] = Field(description="the variables' values at the end")


def report(scenario: Scenario, role: Role, policy: str, seed: int, tally: Tally) -> Report:
    runs = tally.runs
    historical_ending = next((e.id for e in scenario.endings if e.historical), None)
    endings = [
        EndingShare(
            id=ending.id,
            title=ending.title,
            historical=ending.id == historical_ending,
            count=tally.endings[ending.id],
            share=tally.endings[ending.id] / runs,
        )
        for ending in scenario.endings
    ]
    turns = [_turn_share(scenario, role, turn_index, tally) for turn_index in _role_turns(scenario, role)]
    variables = [
        _spread(name, variable.label, variable.hidden, variable.start, tally.values.get(name, Counter()))
        for name, variable in scenario.variables.items()
    ]
    return Report(
        scenario=scenario.id,
        title=scenario.title,
        role=role,
        policy=policy,
        runs=runs,
        seed=seed,
        endings=endings,
        turns=turns,
        followed_history=tally.whole_path,
        dead_ends={turn: tally.stuck[turn] for turn in sorted(tally.stuck)},
        variables=variables,
    )


def _role_turns(scenario: Scenario, role: Role) -> Iterator[int]:
    return (index for index, turn in enumerate(scenario.turns) if turn.choices.get(role))


def _turn_share(scenario: Scenario, role: Role, index: int, tally: Tally) -> TurnShare:
    turn = scenario.turns[index]
    reached = tally.reached[turn.id]
    took = turn.history.took.get(role)
    choices = [
        ChoiceShare(
            id=choice.id,
            text=choice.text,
            historical=choice.id == took,
            taken=tally.taken[(turn.id, choice.id)],
            share=tally.taken[(turn.id, choice.id)] / reached if reached else 0.0,
            open=tally.opened[(turn.id, choice.id)],
        )
        for choice in turn.choices[role]
    ]
    return TurnShare(
        id=turn.id,
        title=turn.title,
        date=turn.date.isoformat(),
        reached=reached,
        matched_history=tally.matched[turn.id],
        on_history_path=tally.on_path[turn.id],
        choices=choices,
    )


def _spread(name: str, label: str, hidden: bool, start: float, counts: Counter[float]) -> VariableSpread:
    """Mean and spread from values counted by value; summed in sorted order, so it is reproducible."""
    n = sum(counts.values())
    if not n:
        return VariableSpread(
            id=name, label=label, hidden=hidden, start=start, mean=start, stdev=0, min=start, max=start
        )
    ordered = sorted(counts.items())
    mean = math.fsum(value * count for value, count in ordered) / n
    variance = math.fsum(count * (value - mean) ** 2 for value, count in ordered) / n
    return VariableSpread(
        id=name,
        label=label,
        hidden=hidden,
        start=start,
        mean=mean,
        stdev=math.sqrt(variance),
        min=ordered[0][0],
        max=ordered[-1][0],
    )


def report_schema() -> dict[str, object]:
    document = Report.model_json_schema()
    document["title"] = "Turkestan Crossroads simulation report"
    return document


def report_schema_text() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


# --- the debrief's chart, and its cache ------------------------------------------------------------


def ending_distribution(
    scenario: Scenario, role: Role, runs: int = 1000, seed: int = 0, policy: str = "random"
) -> list[EndingShare]:
    """How `runs` random players of `role` ended, for every ending in order (pure; ~0.1 s for 1,000)."""
    return simulate(scenario, role, policy, runs, seed).endings


def fingerprint(scenario: Scenario) -> str:
    """A digest of the scenario's content: the same file loads to the same fingerprint."""
    # The repr of the frozen model spells out every field (expressions by their source text).
    return hashlib.sha256(repr(scenario).encode("utf-8")).hexdigest()


def cache_key(scenario: Scenario, role: Role, runs: int, seed: int, policy: str = "random") -> str:
    parts = (fingerprint(scenario), role, runs, seed, policy, SIMULATION_VERSION, __version__)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def default_cache_dir() -> Path:
    """The user's cache folder; under $TURKESTAN_DATA_DIR when that is set (tests, a moved game),
    so a run that must not touch the user's folders does not."""
    from game.paths import DATA_DIR_VARIABLE

    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override) / "cache" / "simulations"
    import platformdirs

    return Path(platformdirs.user_cache_dir("turkestan-crossroads", appauthor=False)) / "simulations"


class DistributionCache:
    """Ending distributions kept in memory and on disk, keyed by scenario content and arguments.

    Safe to call from a background thread: the work is pure, and files are
    replaced atomically, so a reader sees a whole file or none.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.memory: dict[str, list[EndingShare]] = {}

    def get(
        self, scenario: Scenario, role: Role, runs: int = 1000, seed: int = 0, policy: str = "random"
    ) -> list[EndingShare]:
        key = cache_key(scenario, role, runs, seed, policy)
        if key in self.memory:
            return self.memory[key]
        shares = self._read(key)
        if shares is None:
            shares = ending_distribution(scenario, role, runs, seed, policy)
            self._write(key, shares)
        self.memory[key] = shares
        return shares

    def _file(self, key: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{key}.json"

    def _read(self, key: str) -> list[EndingShare] | None:
        file = self._file(key)
        if file is None:
            return None
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            return [EndingShare.model_validate(item) for item in data]
        except (OSError, ValueError):  # missing, unreadable or damaged: compute it again
            return None

    def _write(self, key: str, shares: list[EndingShare]) -> None:
        file = self._file(key)
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            temporary = file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps([share.model_dump() for share in shares]), encoding="utf-8")
            os.replace(temporary, file)
        except OSError:  # a read-only or full disk only costs the next start the work again
            pass


_default_cache: DistributionCache | None = None


def cached_ending_distribution(
    scenario: Scenario, role: Role, runs: int = 1000, seed: int = 0, policy: str = "random"
) -> list[EndingShare]:
    """`ending_distribution`, remembered in memory and in the user's cache folder."""
    global _default_cache
    if _default_cache is None:
        _default_cache = DistributionCache(default_cache_dir())
    return _default_cache.get(scenario, role, runs, seed, policy)


# --- for people: the report as text, and a progress bar ----------------------------------------------


def format_report(result: Report) -> str:
    """The report as a terminal prints it."""
    lines = [
        f"{result.title} ({result.scenario}): {result.runs:,} runs as the {result.role}, "
        f"{result.policy} policy, seed {result.seed}; the other role follows history.",
        "",
        "Endings",
    ]
    width = max(len(ending.id) for ending in result.endings)
    for ending in result.endings:
        mark = "  <- history" if ending.historical else ""
        lines.append(
            f"  {ending.id:<{width}}  {ending.count:>7,}  {ending.share:6.1%}  {_bar(ending.share):<30}{mark}"
        )
    for turn_id, count in result.dead_ends.items():
        lines.append(f"  stuck at {turn_id}: {count:,} runs (a role had no open choice)")
    whole = result.followed_history
    lines += ["", f"Took history's choice on every turn: {whole:,} runs ({whole / result.runs:.1%})", ""]
    lines.append("Choices by turn (* history's choice; 'open': share of the runs in which it could be taken)")
    for turn in result.turns:
        reached = turn.reached or 1
        lines.append(
            f"  {turn.date}  {turn.id}: {turn.title}  reached {turn.reached:,}; "
            f"as history {turn.matched_history / reached:.1%}, "
            f"on history's path so far {turn.on_history_path / reached:.1%}"
        )
        choice_width = max(len(choice.id) for choice in turn.choices)
        for choice in turn.choices:
            star = "*" if choice.historical else " "
            lines.append(
                f"    {star} {choice.id:<{choice_width}}  {choice.share:6.1%}  {_bar(choice.share, 20):<20}"
                f"  open {choice.open / reached:6.1%}"
            )
    lines += ["", "Variables at the end"]
    name_width = max(len(variable.id) for variable in result.variables)
    lines.append(f"  {'':<{name_width}}  {'start':>9}  {'mean':>9}  {'stdev':>9}  {'min':>9}  {'max':>9}")
    for variable in result.variables:
        numbers = (variable.start, variable.mean, variable.stdev, variable.min, variable.max)
        hidden = "  (hidden)" if variable.hidden else ""
        lines.append(f"  {variable.id:<{name_width}}  " + "  ".join(f"{n:>9.4g}" for n in numbers) + hidden)
    return "\n".join(lines) + "\n"


def _bar(share: float, width: int = 30) -> str:
    return "#" * round(share * width)


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not one (logs stay clean)."""

    def __init__(self, stream: IO[str], label: str = "runs") -> None:
        self.stream = stream
        self.label = label
        self.active = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.active:
            return
        filled = round(30 * done / total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} {self.label}")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")  # clear the line, so the report starts clean
            self.stream.flush()
