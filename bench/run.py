"""The project's benchmarks: `python -m bench` prints medians, each beside its target.

Loading: each shipped scenario, and generated ones of 500, 1,000 and 2,000
turns (their ratios show whether the cost grows linearly). The engine: turns
resolved per second on one core; simulated playthroughs per second with 1 and
2 processes. The window: time to the first title frame against a bare pygame
start measured in the same run, the turn screen's frame time at 1920x1080, and
the window process's peak memory. Window numbers need the pygame front end;
until it can open (`python main.py --exit-after-first-frame`), they print "not
available yet".

Timings are medians of repeats, and where two numbers are compared they are
measured in the same run, because the machines we share are noisy. Targets
are printed, never asserted: a benchmark is not a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.generate import scenario_yaml
from game.paths import ROOT, SCENARIOS
from game.scenario.lint import lint
from game.scenario.loader import ScenarioError, load, load_document, scenario_files
from game.scenario.model import Role, Scenario
from game.simulate import play_runs, simulate

LENGTHS = (500, 1000, 2000)
BARE_PYGAME = """
import pygame
pygame.init()
screen = pygame.display.set_mode((1280, 720))
screen.fill((24, 24, 24))
pygame.display.flip()
pygame.quit()
"""
FRAME_TIMES = """
import json
from bench.gui import frame_times
print(json.dumps(frame_times(1920, 1080, {frames})))
"""

IDLE = """
import json
from bench.gui import idle
print(json.dumps(idle({seconds})))
"""


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    met: bool | None = None  # None: no target, or not measured

    def __str__(self) -> str:
        verdict = {True: "ok", False: "MISSED", None: ""}[self.met]
        return f"  {self.what:<56} {self.value:>24}  {self.target:<22} {verdict}"


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_cpu_seconds(action: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall and CPU time of this process: on a shared machine the CPU time is what an idle one
    would take, while the wall time also counts the neighbours' turns on our core."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


# --- loading ----------------------------------------------------------------------------------------


def loading(repeats: int) -> list[Row]:
    rows = []
    for file in scenario_files([SCENARIOS]):
        try:
            load(file)
        except ScenarioError:
            continue  # glossary, timeline and work in progress are not scenarios to time
        wall, cpu = median_cpu_seconds(lambda file=file: load(file), repeats * 5)
        shown = f"{milliseconds(wall)} ({cpu * 1000:,.1f} cpu)"
        if file.stem == "bukhara-1918":
            rows.append(Row(f"load {file.name}", shown, "< 20 ms (cpu)", cpu < 0.020))
        else:
            rows.append(Row(f"load {file.name}", shown))
        scenario, document = load_document(file)
        linting = median_seconds(
            lambda scenario=scenario, document=document: lint(scenario, document), repeats * 5
        )
        rows.append(Row("  + its lint (validate's warnings)", milliseconds(linting)))
    with tempfile.TemporaryDirectory() as folder:
        times = {}
        for turns in LENGTHS:
            path = Path(folder) / f"generated-{turns}.yaml"
            path.write_text(scenario_yaml(turns), encoding="utf-8")
            refused = _refusal(path)
            if refused:
                rows.append(Row(f"load a generated {turns:,}-turn scenario", "refused", refused[:60]))
                continue
            wall, times[turns] = median_cpu_seconds(lambda path=path: load(path), repeats)
            target = ("< 1 s (cpu)", times[turns] < 1.0) if turns == 2000 else ("", None)
            shown = f"{milliseconds(wall)} ({times[turns] * 1000:,.0f} cpu)"
            rows.append(Row(f"load a generated {turns:,}-turn scenario", shown, *target))
    for short, long in zip(LENGTHS, LENGTHS[1:], strict=False):
        if short not in times or long not in times:
            continue
        ratio = times[long] / times[short]
        rows.append(Row(f"  {long:,} / {short:,} turns (cpu)", f"{ratio:.2f}x", "2.00x if linear"))
    return rows


def _refusal(path: Path) -> str:
    """Why the loader refuses a file ('' if it loads): the generator must stay within its limits."""
    try:
        load(path)
    except ScenarioError as error:
        return error.problems[0].message
    return ""


# --- the engine ---------------------------------------------------------------------------------------


def turns_per_second(scenario: Scenario, role: Role, seconds: float = 1.0) -> float:
    """Turns the simulator resolves per CPU second: a random player in `role`, history in the other.

    CPU time, not wall time: on a shared machine it is what a core of our own would do.
    """
    gc.collect()  # settle what loading left, so it is not charged to the engine
    turns = done = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        tally = play_runs(scenario, role, "random", 0, done, done + 20)
        turns += sum(tally.visited.values())
        done += 20
    return turns / (time.process_time() - start)


def engine(scenario: Scenario, long: Scenario | None, repeats: int) -> list[Row]:
    rate = statistics.median(turns_per_second(scenario, "negotiator", 0.5) for _ in range(repeats))
    rows = [Row(f"turns/s, one core, cpu ({scenario.id})", f"{rate:,.0f}", ">= 50,000", rate >= 50_000)]
    if long is not None:  # the same engine over 2,000-turn games: is a turn's cost flat?
        # As the commander: the generated scenario's random commander plays ~1,970 turns a game.
        long_rate = statistics.median(turns_per_second(long, "commander", 0.5) for _ in range(repeats))
        what = f"turns/s, one core, cpu ({long.id}, long games)"
        rows.append(Row(what, f"{long_rate:,.0f}", ">= 50,000", long_rate >= 50_000))
    runs = 4000
    rates = {}
    for jobs in (1, 2):
        children = _children_cpu()
        seconds = median_seconds(
            lambda jobs=jobs: simulate(scenario, "negotiator", "random", runs, 0, jobs), repeats
        )
        rates[jobs] = runs / seconds
        # How many cores the workers really got: the neighbours may be using the rest.
        cores = (_children_cpu() - children) / (seconds * repeats) if jobs > 1 else 1.0
        note = f"(workers got {cores:.1f} cores)" if jobs > 1 else ""
        rows.append(Row(f"playthroughs/s, {jobs} job(s) ({scenario.id})", f"{rates[jobs]:,.0f}", note))
    rows.append(Row("  2 jobs / 1 job (wall)", f"{rates[2] / rates[1]:.2f}x", "~2x on 2 free cores"))
    return rows


def _children_cpu() -> float:
    if sys.platform == "win32":
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- the window ------------------------------------------------------------------------------------------


def window_environment() -> tuple[dict[str, str], str]:
    """The environment for window processes; with no display, SDL's dummy driver."""
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1", PYTHONPATH=str(ROOT))
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
        env.setdefault("SDL_AUDIODRIVER", "dummy")
    driver = env.get("SDL_VIDEODRIVER")
    return env, f" ({driver} video driver)" if driver else ""


@dataclass
class Finished:
    seconds: float
    returncode: int
    output: str


def run_process(command: Sequence[str], env: dict[str, str], timeout: float = 60) -> Finished:
    """Run to the end: the wall time, exit code and output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        return Finished(time.perf_counter() - start, -1, output + "\n(timed out)")
    return Finished(time.perf_counter() - start, process.returncode, output)


# Runs main.py in this process, then writes the high-water mark of its own memory. VmHWM
# belongs to the process's address space since exec, unlike ru_maxrss, which on Linux also
# carries the memory of the parent the child was forked from.
PEAK_WRAPPER = """
import runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
status = open("/proc/self/status").read()
kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
sys.__stderr__.write("PEAK " + kb + "\\n")
"""


def peak_memory(command: Sequence[str], env: dict[str, str]) -> float | None:
    """The peak resident memory (MB) of one run of the window, as its own process sees it."""
    if not Path("/proc/self/status").exists():
        return None
    wrapped = [sys.executable, "-c", PEAK_WRAPPER, *command[1:]]
    result = subprocess.run(wrapped, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    peaks = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("PEAK ")]
    return int(peaks[-1]) * 1024 / 1e6 if peaks else None


def window(repeats: int, frames: int) -> list[Row]:
    env, driver = window_environment()
    game = [sys.executable, str(ROOT / "main.py"), "--exit-after-first-frame"]
    if not (ROOT / "game" / "ui" / "pygame").is_dir():
        return _not_yet("the window module (game/ui/pygame) is not here")
    trial = run_process(game, env, timeout=20)  # a game that ignores the flag would never exit
    if trial.returncode != 0:
        last = (trial.output.strip().splitlines() or ["no output"])[-1]
        return _not_yet(f"`main.py --exit-after-first-frame` failed: {last[:70]}")
    bare = median_seconds(lambda: run_process([sys.executable, "-c", BARE_PYGAME], env), repeats)
    first = median_seconds(lambda: run_process(game, env), repeats)
    rows = [
        Row(f"bare pygame start{driver}", milliseconds(bare)),
        Row(f"start to the first title frame{driver}", milliseconds(first)),
        Row("  first frame / bare pygame", f"{first / bare:.2f}x", "<= 2x", first / bare <= 2),
    ]
    rows.append(_frame_time(env, driver, frames))
    rows += _idle(env, driver, seconds=3.0)
    # The peak at the first frame, and over a whole game through the window (the target's measure).
    playing = [*game[:2], "--autoplay", "historical", "--scenario", "bukhara-1918", "--role", "negotiator"]
    first_peak, game_peak = peak_memory(game, env), peak_memory(playing, env)
    if first_peak is None or game_peak is None:
        return [*rows, Row("window process peak memory", "not measurable here")]
    rows.append(Row("window process peak memory, first frame", f"{first_peak:,.0f} MB"))
    rows.append(
        Row("window process peak memory, a whole game", f"{game_peak:,.0f} MB", "< 120 MB", game_peak < 120)
    )
    return rows


def _frame_time(env: dict[str, str], driver: str, frames: int) -> Row:
    """The turn screen's median frame time, from bench/gui.py's frame_times(width, height, frames)."""
    what = f"turn screen frame at 1920x1080{driver}"
    if not (ROOT / "bench" / "gui.py").is_file():
        return Row(what, "not available yet", "< 8 ms")
    result = run_process([sys.executable, "-c", FRAME_TIMES.format(frames=frames)], env, timeout=120)
    if result.returncode != 0:
        return Row(what, "failed", "< 8 ms")
    import json

    times = json.loads(result.output.strip().splitlines()[-1])
    frame = statistics.median(times)
    return Row(what, milliseconds(frame), "< 8 ms", frame < 0.008)


def _idle(env: dict[str, str], driver: str, seconds: float) -> list[Row]:
    """The turn screen left alone: the frames it draws (none, redrawing only on change) and its CPU."""
    result = run_process([sys.executable, "-c", IDLE.format(seconds=seconds)], env, timeout=60)
    if result.returncode != 0:
        return [Row(f"idle turn screen{driver}", "failed", "no frames")]
    import json

    share, drawn = json.loads(result.output.strip().splitlines()[-1])
    return [
        Row(f"frames drawn while idle {seconds:.0f} s, turn screen", str(drawn), "0", drawn == 0),
        Row("  CPU meanwhile (SDL's wait for events included)", f"{share * 100:.1f}% of a core"),
    ]


def _not_yet(reason: str) -> list[Row]:
    return [
        Row("start to the first title frame", "not available yet", "<= 2x bare pygame"),
        Row("turn screen frame at 1920x1080", "not available yet", "< 8 ms"),
        Row("window process peak memory", "not available yet", "< 120 MB"),
        Row(f"  ({reason})", ""),
    ]


# --- the command --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a rough look in a few seconds")
    parser.add_argument("--no-window", action="store_true", help="skip the window's numbers")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else 5
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores{_load_average()}; "
        f"medians of {repeats}+ runs"
    )
    sections: list[tuple[str, Callable[[], list[Row]]]] = [("Loading", lambda: loading(repeats))]
    scenario = _engine_scenario()
    long = _long_scenario()
    sections.append(("Engine", lambda: engine(scenario, long, repeats)))
    if not args.no_window:
        sections.append(("Window", lambda: window(repeats, 60 if args.quick else 300)))
    missed = 0
    for title, measure in sections:
        print(f"\n{title}")
        for row in measure():
            print(row, flush=True)
            missed += row.met is False
    print(f"\n{missed} target(s) missed." if missed else "\nAll measured targets met.")
    return 0


def _long_scenario() -> Scenario | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated-2000.yaml"
        path.write_text(scenario_yaml(2000), encoding="utf-8")
        return None if _refusal(path) else load(path)


def _load_average() -> str:
    # Other people's work on a shared machine slows wall times and eats the second core.
    return f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""


def _engine_scenario() -> Scenario:
    """bukhara-1918 if it is here, else the test scenario (the engine numbers need some scenario)."""
    shipped = SCENARIOS / "bukhara-1918.yaml"
    return load(shipped if shipped.is_file() else ROOT / "tests" / "data" / "small.yaml")


if __name__ == "__main__":
    sys.exit(main())
