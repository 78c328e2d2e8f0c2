"""The pieces screens are built from, on top of pygame_gui: text markup, rectangle
arithmetic, cards (multi-line buttons), labelled bars, the key-hint line and the map.

pygame_gui buttons hold one line of text, but choices and scenario titles need
several; a `Card` is a text box with a transparent button laid over it, so it
wraps like text and clicks, hovers, focuses and shows tooltips like a button.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pygame
from pygame_gui.core import IContainerLikeInterface, UIElement
from pygame_gui.elements import (
    UIButton,
    UIImage,
    UILabel,
    UIPanel,
    UIScrollingContainer,
    UIStatusBar,
    UITextBox,
)

from game.scenario.glossary import Glossary
from game.ui.pygame import mapview
from game.ui.pygame.screen import UI
from game.ui.pygame.theme import Theme
from game.ui.reference import segments

Container = IContainerLikeInterface | None


# --- text markup (pygame_gui's HTML subset) ----------------------------------------------


def esc(text: str) -> str:
    """Scenario text as markup: special characters escaped, line breaks kept."""
    return _escaped(text.strip())


def _escaped(text: str) -> str:
    return html.escape(text, quote=False).replace("\n\n", "<br><br>").replace("\n", "<br>")


def linked(text: str, glossary: Glossary | None, seen: set[str] | None = None) -> str:
    """Scenario text as markup with its glossary words as links (each entry's first mention,
    and none already in `seen`, to which the linked ones are added: once a screen is enough).

    A click on one opens its definition over the screen (see Screen.show_word).
    """
    if glossary is None:
        return esc(text)
    seen = set() if seen is None else seen
    parts = []
    for piece, key in segments(glossary, text.strip()):
        shown = _escaped(piece)
        if key is None or key in seen:
            parts.append(shown)
        else:
            seen.add(key)
            parts.append(f"<a href='{key}'>{shown}</a>")
    return "".join(parts)


class Markup:
    """Markup in the theme's named sizes and colours, so screens never hard-code a look."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme

    def font(self, text: str, size: str | None = None, colour: str | None = None) -> str:
        attributes = ""
        if size is not None:
            attributes += f" pixel_size={self.theme.px(size)}"
        if colour is not None:
            attributes += f" color={self.theme.hex(colour)}"
        return f"<font{attributes}>{text}</font>"

    def heading(self, text: str, size: str = "h2", colour: str = "accent") -> str:
        return self.font(f"<b>{esc(text)}</b>", size, colour)

    def eyebrow(self, text: str, colour: str = "muted") -> str:
        """A small capitalised line over a section, like a label on a file."""
        return self.font(f"<b>{esc(text.upper())}</b>", "small", colour)

    def muted(self, text: str) -> str:
        return self.font(esc(text), None, "muted")


# --- rectangles ----------------------------------------------------------------------------


def cut_top(rect: pygame.Rect, height: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    top = pygame.Rect(rect.x, rect.y, rect.width, min(height, rect.height))
    rest = pygame.Rect(rect.x, top.bottom + gap, rect.width, max(0, rect.height - top.height - gap))
    return top, rest


def cut_bottom(rect: pygame.Rect, height: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    height = min(height, rect.height)
    bottom = pygame.Rect(rect.x, rect.bottom - height, rect.width, height)
    rest = pygame.Rect(rect.x, rect.y, rect.width, max(0, rect.height - height - gap))
    return bottom, rest


def cut_left(rect: pygame.Rect, width: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    left = pygame.Rect(rect.x, rect.y, min(width, rect.width), rect.height)
    rest = pygame.Rect(left.right + gap, rect.y, max(0, rect.width - left.width - gap), rect.height)
    return left, rest


def cut_right(rect: pygame.Rect, width: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    width = min(width, rect.width)
    right = pygame.Rect(rect.right - width, rect.y, width, rect.height)
    rest = pygame.Rect(rect.x, rect.y, max(0, rect.width - width - gap), rect.height)
    return right, rest


def line_height(theme: Theme, size: str) -> int:
    """The height of one line of a label in the named size, with its breathing room."""
    return round(theme.text_font(size).get_linesize() * 1.15)


def header(ui: UI, rect: pygame.Rect, eyebrow: str | None, title: str, subtitle: str | None = None) -> int:
    """A screen's heading: a small line over a big one, and an optional second line.

    A text box (not labels) so that a long title wraps instead of running off. Returns its bottom.
    """
    markup = Markup(ui.theme)
    text = (markup.eyebrow(eyebrow) + "<br>" if eyebrow else "") + markup.heading(title, "h1", "ink")
    one_line = f"{title} \u2014 {subtitle}"
    if subtitle and ui.theme.projector and ui.theme.text_font("h1", "bold").size(one_line)[0] < rect.width:
        # big type: the title on the date's line when it fits, to leave the room to the text
        text += " " + markup.heading(f"\u2014 {subtitle}", "h1", "accent")
    elif subtitle:
        text += "<br>" + markup.heading(subtitle, "h2", "accent")
    box = UITextBox(text, pygame.Rect(rect.x, rect.y, rect.width, -1), ui.manager, object_id="#header")
    return int(box.rect.bottom)


# --- simple widgets ------------------------------------------------------------------------


def label(ui: UI, rect: pygame.Rect, text: str, object_id: str = "", container: Container = None) -> UILabel:
    return UILabel(rect, text, ui.manager, container=container, object_id=object_id or None)


def text_box(
    ui: UI, rect: pygame.Rect, markup: str, object_id: str = "", container: Container = None
) -> UITextBox:
    """Text that wraps, and scrolls when it is longer than its box."""
    return UITextBox(markup, rect, ui.manager, container=container, object_id=object_id or None)


def button(
    ui: UI,
    rect: pygame.Rect,
    text: str,
    object_id: str = "",
    tooltip: str | None = None,
    container: Container = None,
) -> UIButton:
    return UIButton(
        rect, text, ui.manager, container=container, object_id=object_id or None, tool_tip_text=tooltip
    )


def button_width(ui: UI, text: str) -> int:
    """Wide enough for the text in the bold button type, with padding."""
    return ui.theme.text_font("body", "bold").size(text)[0] + ui.theme.space(2.5)


def button_height(ui: UI) -> int:
    return round(ui.theme.text_font("body").get_linesize() * (1.55 if ui.theme.projector else 1.9))


def panel(ui: UI, rect: pygame.Rect, object_id: str = "") -> UIPanel:
    return UIPanel(rect, manager=ui.manager, object_id=object_id or None)


def map_image(ui: UI, rect: pygame.Rect, view: mapview.Extent, pins: Sequence[mapview.Pin]) -> UIImage:
    """The map, drawn for exactly this rectangle (never stretched)."""
    surface = mapview.render(ui.theme, rect.size, view, pins)
    return UIImage(rect, surface, ui.manager)


# --- cards: multi-line buttons -------------------------------------------------------------


@dataclass
class Card:
    """A panel, a text box and a transparent button over both: a button whose text wraps."""

    backing: UIPanel
    text: UITextBox
    hit: UIButton
    key: UILabel | None

    @property
    def rect(self) -> pygame.Rect:
        return self.hit.relative_rect

    def stretch(self, height: int) -> None:
        """Make the card taller (to line up with its neighbours in a row)."""
        if height > self.rect.height:
            for part in (self.backing, self.hit, self.text):
                part.set_dimensions((part.relative_rect.width, height))


def card(
    ui: UI,
    x: int,
    y: int,
    width: int,
    markup: str,
    *,
    key: str | None = None,
    closed: bool = False,
    tooltip: str | None = None,
    container: Container = None,
) -> Card:
    """A card at (x, y), as tall as its text needs. `key` is shown as a key cap on the left."""
    style = "_closed" if closed else ""
    # created first so it is drawn first; its height is set once the text has been laid out
    backing = UIPanel(
        pygame.Rect(x, y, width, 10), manager=ui.manager, container=container, object_id=f"#card{style}"
    )
    key_size, inset, text_x = _card_geometry(ui, x, key)
    box = UITextBox(
        markup,
        pygame.Rect(text_x, y, width - (text_x - x), -1),
        ui.manager,
        container=container,
        object_id=f"#card_text{style}",
    )
    height = max(box.rect.height, key_size + 2 * inset)
    backing.set_dimensions((width, height))
    cap = None
    if key:
        cap = UILabel(
            pygame.Rect(x + inset, y + inset, key_size, key_size),
            key,
            ui.manager,
            container=container,
            object_id=f"#key{style}",
        )
    hit = UIButton(
        pygame.Rect(x, y, width, height),
        "",
        ui.manager,
        container=container,
        object_id="#overlay",
        tool_tip_text=tooltip,
        starting_height=3,
    )
    return Card(backing, box, hit, cap)


def _card_geometry(ui: UI, x: int, key: str | None) -> tuple[int, int, int]:
    """The key cap's size, the inset around it, and where a card's text starts."""
    key_size = round(ui.theme.text_font("body", "bold").get_linesize() * 1.15) if key else 0
    inset = ui.theme.space(0.6)
    return key_size, inset, x + (key_size + inset if key else 0)


@dataclass(frozen=True)
class CardSpec:
    markup: str
    key: str | None = None
    closed: bool = False
    tooltip: str | None = None


SCROLL_BAR = 20  # pygame_gui's scroll bar width, fixed in pixels


def card_list_height(ui: UI, width: int, specs: Sequence[CardSpec]) -> int:
    """How tall `card_list` would make these cards in one column of `width`, without making them.

    Only the texts are laid out (a card's button and panel cost more to draw than its text).
    """
    gap = ui.theme.space(0.5)
    heights = []
    for spec in specs:
        key_size, inset, text_x = _card_geometry(ui, 0, spec.key)
        probe = UITextBox(
            spec.markup,
            pygame.Rect(0, 0, width - text_x, -1),
            ui.manager,
            object_id="#card_text_closed" if spec.closed else "#card_text",
        )
        heights.append(max(probe.rect.height, key_size + 2 * inset))
        probe.kill()
    return sum(heights) + gap * max(0, len(heights) - 1)


def card_list(
    ui: UI, rect: pygame.Rect, specs: Sequence[CardSpec], columns: int = 1
) -> tuple[UIScrollingContainer, list[Card], int]:
    """Cards in rows of `columns`, in a box that scrolls when they do not all fit.

    Cards in a row are made as tall as the row's tallest. Returns the box, the cards and
    the height they take.
    """
    gap = ui.theme.space(0.5)
    for reserve in (0, SCROLL_BAR + gap):
        container = UIScrollingContainer(rect, ui.manager, allow_scroll_x=False)
        width = (rect.width - reserve - gap * (columns - 1)) // columns
        cards: list[Card] = []
        y = 0
        for start in range(0, len(specs), columns):
            row = [
                card(
                    ui,
                    column * (width + gap),
                    y,
                    width,
                    spec.markup,
                    key=spec.key,
                    closed=spec.closed,
                    tooltip=spec.tooltip,
                    container=container,
                )
                for column, spec in enumerate(specs[start : start + columns])
            ]
            height = max(made.rect.height for made in row)
            for made in row:
                made.stretch(height)
            cards += row
            y += height + gap
        total = max(0, y - gap)
        if total <= rect.height or reserve:
            container.set_scrollable_area_dimensions((rect.width - reserve, max(total, 1)))
            return container, cards, total
        container.kill()  # too tall: lay out again, narrower, leaving room for the scroll bar
    raise AssertionError("unreachable")


# --- variables as labelled bars --------------------------------------------------------------


def bar_thickness(theme: Theme) -> int:
    return max(6, round(theme.space(0.55)))


def bar(
    ui: UI,
    rect: pygame.Rect,
    caption: str,
    value: str,
    fraction: float,
    container: Container = None,
    tooltip: str | None = None,
) -> int:
    """A variable: its label and value on one line, a bar under it. Returns the height used."""
    theme = ui.theme
    line = line_height(theme, "small")
    value_width = theme.text_font("small", "bold").size(value)[0] + theme.space(0.5)
    caption_rect = pygame.Rect(rect.x, rect.y, rect.width - value_width, line)
    caption_label = UILabel(caption_rect, caption, ui.manager, container=container, object_id="#muted")
    if tooltip:
        caption_label.set_tooltip(tooltip)
    value_rect = pygame.Rect(rect.right - value_width, rect.y, value_width, line)
    UILabel(value_rect, value, ui.manager, container=container, object_id="#bar_value")
    thickness = bar_thickness(theme)
    status = UIStatusBar(
        pygame.Rect(rect.x, rect.y + line, rect.width, thickness), ui.manager, container=container
    )
    status.percent_full = max(0.0, min(fraction, 1.0))
    return line + thickness


# --- keys ------------------------------------------------------------------------------------

_DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)
}


def number_key(event: pygame.event.Event) -> int | None:
    """The digit 1-9 of a key press, on the top row or the keypad; None for other keys."""
    return _DIGITS.get(event.key)


# --- the key-hint line -----------------------------------------------------------------------


def hint_line(ui: UI, rect: pygame.Rect, text: str) -> UILabel:
    """The keys that work here, as many as fit: the last hints give way first in a narrow window."""
    font = ui.theme.text_font("small")
    parts = text.split(" \u00b7 ")
    while len(parts) > 1 and font.size(" \u00b7 ".join(parts))[0] > rect.width:
        parts.pop()
    shown = " \u00b7 ".join(parts) if font.size(parts[0])[0] <= rect.width else ""
    return UILabel(rect, shown, ui.manager, object_id="#muted")


def scrolling(ui: UI, rect: pygame.Rect) -> UIScrollingContainer:
    """A box whose contents scroll up and down (never sideways)."""
    return UIScrollingContainer(rect, ui.manager, allow_scroll_x=False)


def scroll_into_view(container: UIScrollingContainer, element: UIElement) -> None:
    """Scroll a container so that the focused card shows (keyboard play in a long list)."""
    bar = container.vert_scroll_bar
    if bar is None:
        return
    inner = container.get_container()
    total = inner.get_rect().height
    if total <= 0:
        return
    top = element.get_relative_rect().top
    bottom = element.get_relative_rect().bottom
    view_top = bar.start_percentage * total
    view_height = container.get_container().get_rect().height * bar.visible_percentage
    if top < view_top:
        bar.set_scroll_from_start_percentage(top / total)
    elif bottom > view_top + view_height:
        bar.set_scroll_from_start_percentage((bottom - view_height) / total)
