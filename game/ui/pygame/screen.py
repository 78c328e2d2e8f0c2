"""What every screen is: a state object that builds its widgets, handles events and
says which screen comes next.

The app keeps a stack of screens; only the top one has widgets. A screen's
`handle` returns a transition (or None to stay): `Go` replaces the top screen,
`Push` puts one over it (the menu), `Pop` returns to the one below, `Quit` ends
the game. A screen never changes the game's rules: it asks the engine
(`Session`, `rules.options`, `rules.verdict`) and shows the answer.

Every screen also knows the classroom's keys: G opens the glossary, a glossary
word clicked in a text opens its definition over the screen, and T shows the
teacher's notes for the turn on screen only while it is held (the class sees the
projected screen; the notes are for a glance by the teacher).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.i18n import N_, _
from game.ui.pygame.theme import Theme

if TYPE_CHECKING:
    from pygame_gui import UIManager
    from pygame_gui.core import UIElement

    from game.engine.branches import Branches
    from game.engine.session import Session
    from game.scenario.catalog import Catalog
    from game.scenario.model import Role, Scenario, Turn
    from game.ui.pygame.popup import Popup
    from game.ui.pygame.room import Room
    from game.ui.pygame.saving import Keeper


# --- transitions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Go:
    """Replace the top screen; with `reset`, replace the whole stack (leaving the menu)."""

    screen: Screen
    reset: bool = False


@dataclass(frozen=True)
class Push:
    screen: Screen


@dataclass(frozen=True)
class Pop:
    pass


@dataclass(frozen=True)
class Quit:
    code: int = 0


@dataclass(frozen=True)
class Toggle:
    """Switch an app-wide setting: "projector" mode or "fullscreen"."""

    what: str


Transition = Go | Push | Pop | Quit | Toggle


# --- what the screens share --------------------------------------------------------------


@dataclass
class Options:
    """How the window was asked for on the command line."""

    scenarios: Path
    size: tuple[int, int] = (1280, 720)
    projector: bool = False
    fullscreen: bool = False
    scenario_id: str | None = None
    role: str | None = None
    seed: int | None = None
    autoplay: str | None = None
    screenshot_dir: Path | None = None
    exit_after_first_frame: bool = False
    load_path: Path | None = None  # --load: continue the game saved in this file
    save_path: Path | None = None  # --save: also keep the game in this file, after every turn
    # the classroom (each overrides the saved settings for this run only)
    teams: bool = False  # start with two teams (the role screen offers them anyway)
    team_names: tuple[str, ...] | None = None  # the negotiators' name, then the commanders'
    vote: bool | None = None  # --vote / --no-vote
    presenter: bool = False  # the teacher's notes in a window of their own
    language: str | None = None  # --lang


@dataclass
class Context:
    """The game in progress, shared by all screens.

    The game is its `branches` (every "what if" path, and the one being played);
    `session` is the branch being played. Every change goes through `play` or
    `adopt`, which keep the autosave and tell the crash reporter (game.faults).
    """

    options: Options
    catalog: Catalog
    scenario: Scenario | None = None
    role: Role | None = None
    branches: Branches | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # app-level toggles shown in the menu
    keeper: Keeper | None = None  # autosaves; None when nothing should be saved (autoplay)
    notes: tuple[str, ...] = ()  # what loading the game said (its scenario changed...): for the report
    messages: list[str] = field(default_factory=list)  # one-line messages the window shows, then drops
    room: Room = field(default_factory=lambda: _room())  # settings, classroom, glossary and timeline

    @property
    def session(self) -> Session | None:
        return self.branches.session if self.branches is not None else None

    @session.setter
    def session(self, session: Session | None) -> None:
        """`None` leaves the game; a session of the same game moves the branch being played."""
        from game.engine.branches import Branches  # here: the engine loads after the first frame

        if session is None:
            self.branches, self.notes = None, ()
        elif self.branches is None or not _same_game(self.branches.session, session):
            self.branches = Branches.start(session)
        else:
            self.branches = self.branches.update(session)
        self._track()

    def play(self, session: Session, fresh: bool = False) -> None:
        """Make `session` the game in progress (a decision, an undo, a new start) and keep it."""
        from game.engine.branches import Branches

        if fresh:
            self.branches, self.notes = Branches.start(session), ()
            self._track()
        else:
            self.session = session
        self._keep()

    def adopt(self, branches: Branches, notes: tuple[str, ...] | None = None) -> None:
        """Play `branches` from now on: a loaded game, a new "what if" branch, a switch of branch."""
        self.branches = branches
        if notes is not None:
            self.notes = notes
        self.scenario = branches.session.scenario
        if self.role not in branches.session.roles:
            self.role = branches.session.roles[0]
        self._track()
        self._keep()

    def say(self, message: str) -> None:
        """Show a one-line message over whatever screen is up (saved, written, could not...)."""
        self.messages.append(message)

    def _keep(self) -> None:
        if self.keeper is not None and self.branches is not None:
            self.keeper.keep(self.branches)

    def _track(self) -> None:
        """The crash reporter must know the game on screen, to write a report that replays it."""
        from game import faults

        session = self.session
        if session is None:
            faults.track(None, front_end="window")
            return
        faults.track(session, scenario_file=self.catalog.files.get(session.scenario.id), front_end="window")


def _same_game(one: Session, other: Session) -> bool:
    return (one.scenario.id, one.seed, one.roles) == (other.scenario.id, other.seed, other.roles)


def _room() -> Room:
    from game.ui.pygame.room import Room  # here: it loads the settings' and scenarios' modules

    return Room()


@dataclass
class UI:
    """Where a screen builds: the UI manager, the theme and the window's size."""

    manager: UIManager
    theme: Theme
    size: tuple[int, int]

    @property
    def rect(self) -> pygame.Rect:
        return pygame.Rect((0, 0), self.size)


# --- the base class ----------------------------------------------------------------------


class Screen:
    """A screen of the game. Subclasses build widgets and react to the player."""

    name = "screen"  # used for screenshot files: 03-role-select.png
    lists_notices = False  # shows game.faults.notices() itself (the title), so they need no message
    hints = N_("Tab or arrows move \u00b7 Enter chooses \u00b7 Esc menu")  # translated when shown

    def __init__(self, context: Context) -> None:
        self.context = context
        self.ui: UI | None = None
        self.focus_index = 0  # kept across rebuilds (resizing, projector mode)
        self._actions: dict[UIElement, Callable[[], Transition | None]] = {}
        self._ring: list[UIElement] = []
        self._ring_focus: dict[UIElement, Callable[[], None]] = {}
        self.was_focused = False  # whether the element being pressed already had the focus
        self.eyebrow: str | None = None  # the small line over the heading (turn, role, scenario)
        self.reading: list[Any] = []  # text boxes in reading order, paged by PageUp/PageDown
        self.word: str | None = None  # the glossary entry open over the screen (kept across rebuilds)
        self.popup: Popup | None = None  # the word's definition, or the teacher's notes, over the screen
        self.linked_words: set[str] = set()  # glossary words already linked on this screen
        self.pointer = (0, 0)  # where the mouse last clicked: a word's definition opens there

    # --- building ---

    def build(self, ui: UI) -> None:
        """Create this screen's widgets for the window's current size."""
        self.ui = ui
        self._actions.clear()
        self._ring.clear()
        self._ring_focus.clear()
        self.reading.clear()
        self.popup = None
        self.linked_words.clear()
        self.layout(ui)
        if self._ring:
            self.focus(min(self.focus_index, len(self._ring) - 1), notify=True)
        if self.word is not None:
            self.show_word(self.word)

    def layout(self, ui: UI) -> None:
        raise NotImplementedError

    def heading(self, ui: UI, rect: pygame.Rect, eyebrow: str, title: str, subtitle: str | None) -> int:
        """The screen's heading; returns its bottom.

        On a projector the small line over it moves down to the footer, in place of the key
        hints (the teacher knows the keys; the class wants the big type to have the room).
        """
        from game.ui.pygame import widgets

        self.eyebrow = eyebrow
        return widgets.header(ui, rect, None if ui.theme.projector else eyebrow, title, subtitle)

    def footer_text(self) -> str:
        if self.ui is not None and self.ui.theme.projector and self.eyebrow:
            return self.eyebrow
        return self.hint_text()

    def hint_text(self) -> str:
        """The keys that work here, in the player's language."""
        return _(self.hints)

    def linked(self, text: str) -> str:
        """Scenario text (in the player's language) as markup, its glossary words linked to
        their definitions, each once on the screen."""
        from game.i18n import local
        from game.ui.pygame.widgets import linked

        return linked(local(text), self.context.room.reference.glossary, self.linked_words)

    def teacher_turn(self) -> Turn | None:
        """The turn whose notes for the teacher belong to this screen (T), if any."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget, under the widgets (by default, the plain background)."""
        assert self.ui is not None
        surface.fill(self.ui.theme.colour("background"))

    @property
    def theme(self) -> Theme:
        assert self.ui is not None
        return self.ui.theme

    # --- actions and keyboard focus ---

    def on_press(self, element: UIElement, action: Callable[[], Transition | None]) -> None:
        """Run `action` when `element` is clicked (not part of the keyboard ring)."""
        self._actions[element] = action

    def focusable(
        self,
        element: UIElement,
        action: Callable[[], Transition | None],
        on_focus: Callable[[], None] | None = None,
    ) -> int:
        """Add a button to the keyboard ring (Tab, arrows, Enter) and to the clickable ones."""
        self._actions[element] = action
        self._ring.append(element)
        if on_focus is not None:
            self._ring_focus[element] = on_focus
        return len(self._ring) - 1

    def footer_button(
        self,
        ui: UI,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], Transition | None],
        object_id: str = "",
    ) -> pygame.Rect:
        """A button at the right end of a footer row, in the keyboard ring; returns the row left of it."""
        from game.ui.pygame import widgets  # widgets imports this module

        spot, rest = widgets.cut_right(rect, widgets.button_width(ui, text), ui.theme.space(1))
        self.focusable(widgets.button(ui, spot, text, object_id), action)
        return rest

    def readable(self, box: Any) -> Any:
        """Add a text box to those PageUp and PageDown scroll, in reading order; returns it."""
        self.reading.append(box)
        return box

    def page(self, direction: int) -> None:
        """Scroll the first box not yet read to its end down a page (or the last one up).

        So the keyboard reaches every word, however many boxes had to scroll.
        """
        boxes = self.reading if direction > 0 else list(reversed(self.reading))
        for box in boxes:
            bar = getattr(box, "scroll_bar", None) or getattr(
                box, "vert_scroll_bar", None
            )  # box or container
            if bar is None:
                continue
            at_end = bar.start_percentage + bar.visible_percentage >= 0.999
            at_start = bar.start_percentage <= 0.001
            if (direction > 0 and not at_end) or (direction < 0 and not at_start):
                step = bar.visible_percentage * 0.9 * direction
                start = min(max(bar.start_percentage + step, 0.0), 1.0 - bar.visible_percentage)
                bar.set_scroll_from_start_percentage(start)
                return

    def focused(self) -> UIElement | None:
        return self._ring[self.focus_index] if self._ring else None

    def typing(self) -> bool:
        """Is the player typing into a text field? Then letter keys are text, not commands."""
        return False

    def focus(self, index: int, notify: bool = True) -> None:
        if not self._ring:
            return
        old = self.focused()
        self.focus_index = index % len(self._ring)
        new = self._ring[self.focus_index]
        if old is not None and old is not new and old.alive():
            old.unselect()
        new.select()
        if notify and new in self._ring_focus:
            self._ring_focus[new]()

    # --- events ---

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """React to one event; the default knows buttons, focus keys and Esc."""
        import pygame_gui  # already loaded by the app; local so this module stays light

        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.pointer = event.pos
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.show_word(str(event.link_target))
            return None
        if self.popup is not None and self.popup_event(event):
            return self.popup_action(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self.press(event.ui_element)
        if event.type == pygame.KEYUP and event.key == pygame.K_t:
            self.hide_notes()
            return None
        if event.type == pygame.KEYDOWN:
            if not self.typing() and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                if event.key == pygame.K_t:
                    self.show_notes()
                    return None
                if event.key == pygame.K_g:
                    return self.glossary()
            return self.key(event)
        return None

    # --- what opens over the screen: a glossary word, the teacher's notes ---

    def show_word(self, key: str) -> None:
        """A glossary word's definition, in a card over the screen, until Esc or a click elsewhere."""
        from game.ui.pygame import popup

        glossary = self.context.room.reference.glossary
        if self.ui is None or glossary is None or key not in glossary.entries:
            return
        self.close_popup()
        self.word = key
        self.popup = popup.word_card(self.ui, glossary, key, self.pointer)

    def show_notes(self) -> None:
        """The teacher's notes for this screen's turn, while T is held."""
        from game.ui.pygame import popup

        turn = self.teacher_turn()
        if self.ui is None or turn is None or (self.popup is not None and self.popup.kind == "notes"):
            return
        self.close_popup()
        self.popup = popup.notes_card(self.ui, turn)

    def hide_notes(self) -> None:
        if self.popup is not None and self.popup.kind == "notes":
            self.close_popup()

    def close_popup(self) -> None:
        if self.popup is not None:
            self.popup.kill()
        self.popup = None
        self.word = None

    def popup_event(self, event: pygame.event.Event) -> bool:
        """Does this event belong to the card open over the screen (and not to the screen)?"""
        import pygame_gui

        assert self.popup is not None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return event.ui_element in self.popup.actions
        if event.type == pygame.MOUSEBUTTONDOWN:
            if not self.popup.contains(event.pos):
                self.close_popup()  # a click elsewhere closes the card, and does what it does
            return False
        if event.type == pygame.KEYDOWN and self.popup.kind == "word":
            return event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
        return False

    def popup_action(self, event: pygame.event.Event) -> Transition | None:
        import pygame_gui

        assert self.popup is not None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.popup.actions[event.ui_element]
            word = self.word
            self.close_popup()
            return self.glossary(word) if action == "glossary" else None
        self.close_popup()
        return None

    def glossary(self, word: str | None = None) -> Transition | None:
        """The glossary screen over this one (G), open at `word` if given."""
        from game.ui.pygame.glossary import GlossaryScreen

        if self.context.room.reference.glossary is None:
            return None
        return Push(GlossaryScreen(self.context, word))

    def press(self, element: UIElement) -> Transition | None:
        action = self._actions.get(element)
        if action is None:
            return None
        self.was_focused = element is self.focused()
        if element in self._ring:
            self.focus(self._ring.index(element))
        return action()

    def key(self, event: pygame.event.Event) -> Transition | None:
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_ESCAPE:
            return self.menu()
        if event.key in (pygame.K_TAB,):
            self.focus(self.focus_index + (-1 if shift else 1))
        elif event.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.focus(self.focus_index + 1)
        elif event.key in (pygame.K_UP, pygame.K_LEFT):
            self.focus(self.focus_index - 1)
        elif event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.page(1 if event.key == pygame.K_PAGEDOWN else -1)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            element = self.focused()
            if element is not None:
                return self.press(element)
        return None

    def menu(self) -> Transition | None:
        from game.ui.pygame.menu import MenuScreen

        return Push(MenuScreen(self.context, self))


class PickScreen(Screen):
    """A screen that picks one of a list of cards (scenarios, roles).

    Number keys and arrows move the selection; a first click selects a card (and
    shows what it is), a second click or Enter chooses it; Backspace goes back.
    """

    cards: list[Any]

    def choose(self) -> Transition | None:
        raise NotImplementedError

    def back(self) -> Transition | None:
        raise NotImplementedError

    def choose_focused(self) -> Transition | None:
        return self.choose() if self.was_focused else None

    def key(self, event: pygame.event.Event) -> Transition | None:
        from game.ui.pygame.widgets import number_key

        number = number_key(event)
        if number is not None and number <= len(self.cards):
            self.focus(number - 1)
            return None
        if event.key == pygame.K_BACKSPACE:
            return self.back()
        return super().key(event)
