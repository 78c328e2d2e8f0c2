"""Measure the game window: start-up against bare pygame, frame time, idle frames and CPU.

    SDL_VIDEODRIVER=dummy python bench/gui.py [--runs N]

Prints medians. Start-up is wall time of a whole process, from launch to exit: the
game drawing its title's first frame (`main.py --exit-after-first-frame`) against a
script that only does `pygame.init()`, `set_mode` and `flip`, run alternately in
the same conditions. Frame time is one full redraw of the turn screen at 1920x1080
(UI update, our drawing, pygame_gui's drawing, flip). Idle: the frames the window
draws while nothing happens (none: it redraws only on change) and the share of one
core it uses meanwhile. A measurement, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

BARE = "import pygame; pygame.init(); pygame.display.set_mode((1280, 720)); pygame.display.flip()"


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def startup(runs: int) -> tuple[float, float]:
    game = [sys.executable, str(ROOT / "main.py"), "--exit-after-first-frame"]
    bare = [sys.executable, "-c", BARE]
    wall(game), wall(bare)  # warm the file cache
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(wall(game))
        theirs.append(wall(bare))
    return statistics.median(ours), statistics.median(theirs)


def turn_screen(size: tuple[int, int], projector: bool):  # noqa: ANN201 - returns an App
    import pygame

    from game.paths import SCENARIOS
    from game.ui.pygame.app import App, open_window
    from game.ui.pygame.screen import Options

    # a fresh saves folder each time: the bench must not offer, or replace, a player's autosave
    os.environ["TURKESTAN_DATA_DIR"] = tempfile.mkdtemp(prefix="turkestan-bench-")
    options = Options(scenarios=SCENARIOS, size=size, projector=projector, seed=1, scenario_id="bukhara-1918")
    app = App(open_window(options), options)
    for _ in range(3):  # title -> scenario -> role -> the first turn, by the keyboard
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
        )
        app.step()
    assert app.screen.name == "turn-1", app.screen.name
    return app


class Uncapped:
    def tick(self, *_: object) -> int:
        return 16


def frame_times(width: int, height: int, frames: int, projector: bool = False) -> list[float]:
    """Seconds for each of `frames` full redraws of the turn screen in a window of that size.

    What `python -m bench` times (bench/run.py imports this): UI update, our drawing,
    pygame_gui's drawing and the flip, with no wait for the next 60th of a second.
    """
    app = turn_screen((width, height), projector)
    app.clock = Uncapped()  # type: ignore[assignment] - time the work, not the wait for the next 60th
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        app.frame()
        times.append(time.perf_counter() - start)
    return times


def idle(seconds: float) -> tuple[float, int]:
    """The share of one core the window uses while nothing happens, and the frames it draws meanwhile.

    The frames are the window's own measure: it should draw none. The CPU share includes
    SDL's wait for events, which under the dummy video driver polls (a real display blocks).
    """
    import pygame

    app = turn_screen((1280, 720), False)
    for _ in range(80):  # let the moment after the last key press pass
        app.step()
        time.sleep(0.01)
    drawn = 0
    draw = app.frame

    def counted() -> None:
        nonlocal drawn
        drawn += 1
        draw()

    app.frame = counted  # type: ignore[method-assign]
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    cpu, start = time.process_time(), time.perf_counter()
    while app.exit_code is None:
        app.step(block=True)
    return (time.process_time() - cpu) / (time.perf_counter() - start), drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="start-up runs of each (default 9)")
    parser.add_argument("--frames", type=int, default=200, help="frames to time (default 200)")
    args = parser.parse_args()
    ours, bare = startup(args.runs)
    print(f"start-up to the title's first frame: {ours * 1000:.0f} ms (median of {args.runs})")
    print(f"bare pygame init + set_mode + flip:  {bare * 1000:.0f} ms  -> ratio {ours / bare:.2f}x")
    normal = statistics.median(frame_times(1920, 1080, args.frames))
    projector = statistics.median(frame_times(1920, 1080, args.frames, projector=True))
    print(f"turn screen frame at 1920x1080:      {normal * 1000:.2f} ms (median)")
    print(f"  the same in projector mode:        {projector * 1000:.2f} ms (median)")
    share, drawn = idle(3.0)
    print(f"idle on the turn screen, 3 s:        {share * 100:.1f}% of one core, {drawn} frames drawn")


if __name__ == "__main__":
    main()
