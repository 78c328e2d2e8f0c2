"""The desktop window: opening it, the event loop, and the stack of screens.

Start-up is ordered for speed: open the window and draw the title's first frame
with plain pygame, and only then import pygame_gui, load the scenarios and build
the title's buttons.

The loop redraws only when something changed: one frame after a key press or a
click; after the mouse moves, up to 60 frames a second for a moment, so hover
colours follow it and tooltips can appear. Otherwise it blocks on the event
queue, using no CPU until the player does something.

Nothing that goes wrong reaches the player as a traceback: an unexpected error in a
screen writes a crash report (game.faults) and shows one line over the window, from
where the player can go back to the title (and Continue the autosaved game) or quit.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import unicodedata
import warnings
import weakref
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402 - after the environment variable that silences its banner

from game import faults  # noqa: E402
from game.i18n import N_, _  # noqa: E402
from game.ui.pygame import backdrop, notices  # noqa: E402
from game.ui.pygame.screen import UI, Context, Go, Options, Pop, Push, Quit, Screen, Toggle, Transition  # noqa: E402
from game.ui.pygame.theme import Theme, ui_scale  # noqa: E402

if TYPE_CHECKING:
    from pathlib import Path

    from pygame_gui import UIManager

    from game.scenario.catalog import Catalog
    from game.ui.pygame.autoplay import Autoplayer
    from game.ui.pygame.presenter import Presenter
    from game.ui.pygame.room import Room

FPS = 60
AWAKE_SECONDS = 0.7  # how long to keep drawing after the mouse last moved (tooltips wait 0.3-0.4 s)
MOVING = (pygame.MOUSEMOTION, pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
MIN_SIZE = (800, 450)
MAX_CRASHES = 3  # errors in one run before the window gives up and closes
NO_DISPLAY = N_(
    "turkestan: there is no display to open the game window on ({reason}); "
    "play in the terminal with: python main.py --text"
)


class NoDisplay(Exception):
    pass


def printable(text: str) -> bool:
    """Does typed text have something to show (not only control, format or combining characters)?"""
    return any(unicodedata.category(char)[0] not in "CMZ" or char == " " for char in text)


def _no_desktop_session() -> bool:
    """On Linux and BSD, a desktop is an X or Wayland session; without either there is no screen."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")) or os.environ.get("SDL_VIDEODRIVER"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_window(options: Options) -> pygame.Surface:
    """The game window, or NoDisplay when this machine cannot show one."""
    if _no_desktop_session():
        # Asking SDL would also print its own complaints about the missing session; say it once.
        raise NoDisplay("no screen found")
    try:
        pygame.display.init()
    except pygame.error as error:
        raise NoDisplay(str(error) or "no video driver") from None
    driver = pygame.display.get_driver()
    if driver in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
        # SDL falls back to an invisible window when it finds no screen; a player would see nothing.
        raise NoDisplay("no screen found")
    pygame.font.init()
    pygame.display.set_caption(_("Turkestan Crossroads, 1918\u20131931"))
    pygame.display.set_icon(backdrop.icon())
    try:
        if options.fullscreen:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surface = pygame.display.set_mode(options.size, pygame.RESIZABLE)
    except pygame.error as error:
        raise NoDisplay(str(error)) from None
    with contextlib.suppress(AttributeError, pygame.error), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the Window API is new; this use is supported
        pygame.Window.from_display_module().minimum_size = MIN_SIZE
    return surface


def run(options: Options) -> int:
    """Play in the window until the player quits. Returns the process's exit code."""
    try:
        surface = open_window(options)
    except NoDisplay as error:
        print(_(NO_DISPLAY).format(reason=error), file=sys.stderr)
        return 2
    try:
        mode, palette = first_look(options)
        backdrop.first_frame(surface, Theme.load(mode, surface.get_size(), palette))
        pygame.display.flip()
        if options.exit_after_first_frame:
            return 0
        return App(surface, options).run()
    except KeyboardInterrupt:
        return faults.EXIT_INTERRUPTED
    except ModuleNotFoundError:  # a library missing: faults.guard says how to install it
        raise
    except Exception as error:  # noqa: BLE001 - the player must never see a traceback
        # One line, and a crash report (with the game's seed and decisions) to replay it.
        print(faults.report_crash(error), file=sys.stderr)
        return faults.EXIT_CRASH
    finally:
        pygame.quit()


def first_look(options: Options) -> tuple[str, str]:
    """The type size and palette of the first frame: the saved settings', unless --projector."""
    from game.palettes import first_look as saved  # light: pydantic waits until after the first frame

    size, theme = saved()
    return ("projector" if options.projector else size), theme


class App:
    """The window's loop and its stack of screens."""

    def __init__(self, surface: pygame.Surface, options: Options) -> None:
        import pygame_gui  # noqa: F401 - loaded here, after the first frame, on purpose

        from game.scenario.catalog import load_catalog

        # pygame_gui warns (on stderr) about fonts and theme details; a player should not see that.
        warnings.filterwarnings("ignore", module="pygame_gui")
        self.surface = surface
        self.options = options
        self.clock = pygame.time.Clock()
        self.windowed_size = options.size
        catalog = load_catalog([options.scenarios])
        self.context = Context(options, catalog, room=room_for(options, catalog))
        # What is loaded so far (modules, scenarios) lasts as long as the window: kept out of the
        # collector's sight, so the collection on each change of screen (see rebuild) is quick.
        # Unfrozen first, so that what an earlier window froze can go now (tests open many).
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        pygame.display.set_caption(_("Turkestan Crossroads, 1918\u20131931"))
        self.theme = Theme.load(self.mode, surface.get_size(), self.context.room.theme)
        self.manager: UIManager = self.theme.manager(surface.get_size())
        faults.track(None, front_end="window")  # a crash report says which front end, even before a game
        if not options.autoplay:  # a scripted run must not replace the player's autosave
            from game.saves import SaveStore
            from game.ui.pygame.saving import Keeper

            self.context.keeper = Keeper(SaveStore.default(), self.context.catalog, save_to=options.save_path)
        self.context.settings.update(fullscreen=options.fullscreen)
        self.stack: list[Screen] = [self.first_screen(options.load_path)]
        self.exit_code: int | None = None
        wanted = options.scenario_id
        if wanted is not None and self.context.catalog.find(wanted) is None:
            known = ", ".join(s.id for s in self.context.catalog.scenarios) or "none"
            print(f"turkestan: there is no scenario {wanted!r}. Known: {known}.", file=sys.stderr)
            self.exit_code = 2
        self.awake_until = 0.0
        self.dirty = True
        self.shots = 0
        # Screens already announced to the autoplayer; weak, so a finished screen (and the
        # surfaces it holds) is freed as in a player's game.
        self.shown: weakref.WeakSet[Screen] = weakref.WeakSet()
        self.autoplayer: Autoplayer | None = None
        if options.autoplay:
            from game.ui.pygame.autoplay import Autoplayer

            self.autoplayer = Autoplayer(options.autoplay, options)
        self.presenter: Presenter | None = None
        if options.presenter:
            from game.ui.pygame.presenter import Presenter

            self.presenter = Presenter.open()
        self.toasts = notices.Toasts()  # one-line messages over the screen: saved, could not...
        self.crash: notices.Crash | None = None  # set when a screen failed: its one line is shown
        self.crashes = 0
        self.failure: Exception | None = None  # the last error caught, for tests to re-raise
        self.rebuild()

    def first_screen(self, load_path: Path | None) -> Screen:
        """The title; or, with --load, the game saved in that file where it stood (a file that
        cannot be loaded is said on the title, and the game goes on)."""
        from game.ui.pygame.title import TitleScreen

        if load_path is None:
            return TitleScreen(self.context)
        from game.saves import SaveProblem, load
        from game.ui.pygame.saving import resume_screen

        loaded = load(load_path, self.context.catalog)
        if isinstance(loaded, SaveProblem):
            self.context.say(loaded.message)
            return TitleScreen(self.context)
        return resume_screen(self.context, loaded)

    @property
    def mode(self) -> str:
        """The type size in use (normal, large or projector): the theme's mode."""
        return self.context.room.type_size

    @property
    def screen(self) -> Screen:
        return self.stack[-1]

    # --- building -----------------------------------------------------------------------

    def rebuild(self) -> None:
        """Lay the top screen out afresh for the window's size and the theme's mode."""
        size = self.surface.get_size()
        palette = self.context.room.theme
        if (
            self.theme.mode != self.mode
            or self.theme.palette != palette
            or self.theme.scale != ui_scale(size)
        ):
            self.theme = Theme.load(self.mode, size, palette)
            self.manager = self.theme.manager(size)
        else:
            self.manager.set_window_resolution(size)
            self.manager.clear_and_reset()
        # pygame_gui's elements sit in reference cycles, so the widgets just removed (and their
        # surfaces, megabytes a screen) would wait for a rare full collection: without this, a
        # whole game's peak memory was ~190 MB rather than ~115 MB. ~25 ms, on a change of screen.
        gc.collect()
        self.screen.build(UI(self.manager, self.theme, size))
        if self.presenter is not None:
            self.presenter.show(self.screen.teacher_turn())
        self.dirty = True

    # --- the loop -----------------------------------------------------------------------

    def run(self) -> int:
        while self.exit_code is None:
            self.step(block=True)
        return self.exit_code

    def step(self, block: bool = False) -> None:
        """Handle waiting events and draw a frame if anything changed.

        With `block`, wait for an event when nothing is moving (the idle state).
        An unexpected error in a screen is caught here: see `crashed`.
        """
        try:
            self._step(block)
        except ModuleNotFoundError:  # a library missing: faults.guard says how to install it
            raise
        except Exception as error:  # noqa: BLE001 - a crash report and one line, never a traceback
            self.crashed(error)

    def _step(self, block: bool) -> None:
        now = pygame.time.get_ticks() / 1000
        if block and not self.dirty and now >= self.awake_until:
            events = [pygame.event.wait()]
            events += pygame.event.get()
        else:
            events = pygame.event.get()
        for event in events:
            if self.crash is not None:
                self.crash_event(event)
            else:
                self.dispatch(event)
            if self.exit_code is not None:
                return
        self.dirty |= self.toasts.update(self.context.messages, self.screen.lists_notices)
        if self.dirty or pygame.time.get_ticks() / 1000 < self.awake_until:
            self.frame()
            if self.crash is None:
                self.after_frame()

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.NOEVENT:
            return
        self.dirty = True
        if event.type == notices.TOAST_TIMER:
            return  # only to wake the loop, so a message that has had its time goes away
        if event.type in MOVING:
            self.awake_until = pygame.time.get_ticks() / 1000 + AWAKE_SECONDS
        if self.presenter is not None and self.presenter.owns(event):
            if self.presenter.handle(event):  # the teacher closed the notes' window
                self.presenter = None
            return
        if event.type in (pygame.QUIT, pygame.WINDOWCLOSE):  # two windows: closing this one quits
            self.exit_code = 0
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.size)
            return
        if event.type == pygame.KEYDOWN and self.global_key(event):
            return
        if event.type == pygame.TEXTINPUT and not printable(event.text):
            return  # a control or zero-width character alone: pygame_gui's text fields cannot lay it out
        self.manager.process_events(event)
        self.apply(self.screen.handle(event))

    def global_key(self, event: pygame.event.Event) -> bool:
        """Keys that work on every screen: full screen and projector mode (P, unless typing)."""
        if event.key == pygame.K_F11:
            self.apply(Toggle("fullscreen"))
            return True
        keys = (pygame.K_F5,) if self.screen.typing() else (pygame.K_F5, pygame.K_p)
        if event.key in keys and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.apply(Toggle("projector"))
            return True
        return False

    def apply(self, transition: Transition | None) -> None:
        if transition is None:
            return
        if isinstance(transition, Quit):
            self.exit_code = transition.code
            return
        if isinstance(transition, Toggle):
            self.toggle(transition.what)
            return
        if isinstance(transition, Go) and transition.reset:
            self.stack = [transition.screen]
        elif isinstance(transition, Go):
            self.stack[-1] = transition.screen
        elif isinstance(transition, Push):
            self.stack.append(transition.screen)
        elif isinstance(transition, Pop) and len(self.stack) > 1:
            self.stack.pop()
        self.rebuild()

    def toggle(self, what: str) -> None:
        settings = self.context.settings
        if what == "projector":
            self.context.room.toggle_projector()
        elif what == "language":
            pygame.display.set_caption(_("Turkestan Crossroads, 1918\u20131931"))
        elif what == "fullscreen":
            settings["fullscreen"] = not settings.get("fullscreen")
            if settings["fullscreen"]:
                self.windowed_size = self.surface.get_size()
                self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.rebuild()

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != size:
            # A real window has already been resized by the system; this is for drivers that
            # do not (the dummy driver in tests) and for sizes below the minimum.
            surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.surface = surface
        if not self.context.settings.get("fullscreen"):
            self.windowed_size = size
        self.rebuild()

    # --- drawing ------------------------------------------------------------------------

    def frame(self) -> None:
        delta = self.clock.tick(FPS) / 1000
        if self.crash is not None:
            self.crash.draw(self.surface, self.theme)
        else:
            self.manager.update(delta)
            self.screen.draw(self.surface)
            self.manager.draw_ui(self.surface)
            self.toasts.draw(self.surface, self.theme)
        pygame.display.flip()
        self.dirty = False

    def after_frame(self) -> None:
        """Tell the autoplayer about a screen it has not seen yet (once it has been drawn)."""
        if self.autoplayer is None or self.screen in self.shown:
            return
        self.shown.add(self.screen)
        self.shots += 1
        self.autoplayer.shown(self.screen, self.surface, self.shots)
        self.apply(self.autoplayer.act(self.screen))

    # --- when a screen fails --------------------------------------------------------------

    def crashed(self, error: Exception) -> None:
        """Write the crash report and show its one line; after repeated failures, stop."""
        self.crashes += 1
        self.failure = error
        path = faults.write_crash_report(error)
        self.crash = notices.Crash(type(error).__name__, path, self.snapshot())
        print(self.crash.line, file=sys.stderr)
        self.dirty = True
        if self.crashes >= MAX_CRASHES:  # the title fails too: nothing left to offer but to stop
            self.exit_code = faults.EXIT_CRASH

    def snapshot(self) -> pygame.Surface | None:
        with contextlib.suppress(pygame.error):
            return self.surface.copy()
        return None

    def crash_event(self, event: pygame.event.Event) -> None:
        """On the crash notice: Enter goes back to the title, Esc or closing the window quits."""
        self.dirty = True
        if event.type == pygame.QUIT:
            self.exit_code = faults.EXIT_CRASH
        elif event.type == pygame.VIDEORESIZE:
            self.surface = pygame.display.get_surface() or self.surface
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_q):
            self.exit_code = faults.EXIT_CRASH
        elif event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
        ):
            self.back_to_title()
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.crash is not None:
            action = self.crash.hit(event.pos)
            if action == "title":
                self.back_to_title()
            elif action == "quit":
                self.exit_code = faults.EXIT_CRASH

    def back_to_title(self) -> None:
        """A fresh title (and a fresh UI manager): "Continue" takes up the autosave from before the error."""
        from game.ui.pygame.title import TitleScreen

        self.crash = None
        self.context.session = None
        self.theme = Theme.load(self.mode, self.surface.get_size(), self.context.room.theme)
        self.manager = self.theme.manager(self.surface.get_size())
        self.stack = [TitleScreen(self.context)]
        self.rebuild()


def room_for(options: Options, catalog: Catalog) -> Room:
    """The saved settings with this run's flags, the classroom and the glossary and timeline."""
    from game.ui.pygame.room import Room
    from game.ui.reference import load_reference

    flags = {
        "type_size": "projector" if options.projector else None,
        "vote": options.vote,
        "language": options.language,
    }
    return Room.start(flags, options.team_names, options.presenter, load_reference(catalog))
