"""Cards opened over a screen without leaving it: a glossary word's definition (after a
click on the word) and the teacher's notes (while T is held).

They are widgets of the screen below, drawn above its own, so the screen stays as it
was: the class keeps its place in the text, and closing the card is instant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pygame
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from game.i18n import _, local
from game.scenario.glossary import Glossary
from game.scenario.model import Turn
from game.ui.present import teacher_notes, turn_date
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI
from game.ui.pygame.widgets import Markup, esc
from game.ui.reference import glossary_item, kind_name

LAYER = 20  # above every screen's own widgets (cards' buttons sit at 3)


@dataclass
class Popup:
    """A card over the screen: its parts, and its buttons with what each does."""

    kind: Literal["word", "notes"]
    panel: UIPanel
    parts: list[UIElement] = field(default_factory=list)
    actions: dict[UIElement, str] = field(default_factory=dict)

    def contains(self, position: tuple[int, int]) -> bool:
        return bool(self.panel.rect.collidepoint(position))

    def kill(self) -> None:
        for part in (*self.parts, self.panel):
            part.kill()

    @property
    def text(self) -> str:
        """What the card says (for tests and the autoplayer)."""
        return "\n".join(part.html_text for part in self.parts if isinstance(part, UITextBox))


def _card(ui: UI, rect: pygame.Rect, markup: str, kind: Literal["word", "notes"], style: str) -> Popup:
    """A panel with a text box as tall as its text (up to `rect`'s height, then it scrolls)."""
    theme = ui.theme
    pad = theme.space(0.75)
    inner = rect.inflate(-2 * pad, -2 * pad)
    probe = UITextBox(markup, pygame.Rect(0, 0, inner.width, -1), ui.manager, object_id="#popup_text")
    height = min(probe.rect.height, inner.height)
    probe.kill()
    panel_rect = pygame.Rect(rect.x, rect.y, rect.width, height + 2 * pad)
    panel = UIPanel(panel_rect, starting_height=LAYER, manager=ui.manager, object_id=style)
    box = UITextBox(
        markup,
        pygame.Rect(pad, pad, inner.width, height),
        ui.manager,
        container=panel,
        object_id="#popup_text",
    )
    return Popup(kind, panel, [box])


def word_card(ui: UI, glossary: Glossary, key: str, near: tuple[int, int]) -> Popup:
    """A glossary entry (the term, what kind of word it is, the definition and other spellings),
    by the point `near` (where the word was clicked)."""
    theme = ui.theme
    markup = Markup(theme)
    item = glossary_item(glossary, key)
    parts = [
        markup.heading(item.term, "h2", "accent")
        + " "
        + markup.font(esc(kind_name(item.kind)), "small", "muted"),
        esc(item.definition),
    ]
    if item.also_written:
        parts.append(markup.muted(_("Also written: {forms}").format(forms=", ".join(item.also_written))))
    if item.see:
        parts.append(markup.muted(_("See also: {terms}").format(terms=", ".join(item.see))))
    margin = theme.space(1)
    entries = [(_("Open the glossary (G)"), "glossary"), (_("Close (Esc)"), "close")]
    buttons = sum(widgets.button_width(ui, text) for text, _action in entries) + theme.space(2)
    reading = min(round(ui.size[0] * 0.42), theme.space(34))  # a comfortable line for the definition
    width = min(max(reading, buttons), ui.size[0] - 2 * margin)  # but wide enough for the buttons whole
    rect = pygame.Rect(0, 0, width, round(ui.size[1] * 0.6) - widgets.button_height(ui))
    popup = _card(ui, rect, "<br>".join(parts), "word", "#popup")
    _buttons(ui, popup, entries)
    place_near(ui, popup, near, margin)
    return popup


def place_near(ui: UI, popup: Popup, point: tuple[int, int], margin: int) -> None:
    """Put the card just under `point` (the word clicked), else just over it, inside the window."""
    rect = popup.panel.rect.copy()
    rect.midtop = (point[0], point[1] + margin)
    if rect.bottom > ui.size[1] - margin:
        rect.bottom = point[1] - margin
    rect.clamp_ip(ui.rect.inflate(-2 * margin, -2 * margin))
    popup.panel.set_position(rect.topleft)


def _buttons(ui: UI, popup: Popup, entries: list[tuple[str, str]]) -> None:
    """A row of buttons along the card's bottom, the card grown to hold them."""
    theme = ui.theme
    pad = theme.space(0.75)
    height = widgets.button_height(ui)
    panel = popup.panel
    panel.set_dimensions((panel.rect.width, panel.rect.height + height))
    x = panel.rect.width - pad
    for text, action in reversed(entries):
        width = min(widgets.button_width(ui, text), x - pad)
        x -= width
        made = UIButton(
            pygame.Rect(x, panel.rect.height - pad - height, width, height),
            text,
            ui.manager,
            container=panel,
            object_id="#primary" if action == "glossary" else None,
        )
        popup.parts.append(made)
        popup.actions[made] = action
        x -= theme.space(0.5)


def notes_card(ui: UI, turn: Turn) -> Popup:
    """The teacher's notes for a turn, over the lower part of the screen, while T is held."""
    theme = ui.theme
    markup = Markup(theme)
    head = markup.eyebrow(_("For the teacher \u00b7 release T to hide"), "uncertain")
    title = markup.heading(f"{turn_date(turn)} \u00b7 {local(turn.title)}", "h2", "ink")
    notes = teacher_notes(turn)
    if notes:
        body = "<br><br>".join(f"<b>{esc(label)}:</b> {esc(text)}" for label, text in notes)
    else:
        body = markup.muted(_("This turn has no notes for the teacher."))
    margin = theme.space(1.5)
    width = ui.size[0] - 2 * margin
    height = round(ui.size[1] * 0.62)
    rect = pygame.Rect(margin, ui.size[1] - margin - height, width, height)
    popup = _card(ui, rect, f"{head}<br>{title}<br><br>{body}", "notes", "#teacher")
    popup.panel.set_position((margin, ui.size[1] - margin - popup.panel.rect.height))
    return popup
