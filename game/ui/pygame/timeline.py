"""The timeline, 1916-1931: the period's events and the game's scenarios, placed by their dates.

Along the top, a picture: the events as numbered markers over the years (a dot for
a day, a band for a month or a year known no better), the scenarios as spans under
them. Below, every entry in date order, and the one in focus read in full, with
what the sources leave uncertain. A click on a marker, a span or an entry of the
list selects it; Up and Down move through them.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UITextBox

from game.i18n import N_, _
from game.ui.pygame import timeline_strip, widgets
from game.ui.pygame.screen import UI, Context, Pop, Screen, Transition
from game.ui.pygame.widgets import Markup, esc
from game.ui.reference import TimelineEntry, entry_kind_name, timeline_layout


class TimelineScreen(Screen):
    name = "timeline"
    hints = N_("Up/Down or a click reads an entry \u00b7 Esc or Backspace back")

    def __init__(self, context: Context, selected: str | None = None) -> None:
        """`selected`: the id of the entry to open at (a scenario chosen on the list, say)."""
        super().__init__(context)
        self.layout_data = timeline_layout(context.room.reference.timeline, context.catalog.scenarios)
        self.entries: tuple[TimelineEntry, ...] = self.layout_data.entries
        ids = [entry.id for entry in self.entries]
        self.selected = ids.index(selected) if selected in ids else 0
        self.list: UITextBox | None = None
        self.detail: UITextBox | None = None
        self.picture: UIImage | None = None
        self.hits: list[timeline_strip.Hit] = []

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(1.5)
        body = ui.rect.inflate(-2 * margin, -2 * margin)
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        first, last = self.layout_data.first_year, self.layout_data.last_year
        subtitle = _(
            "Events over the years (a band where the sources give only a month or a year), scenarios under them"
        )
        title = _("Timeline, {first}\u2013{last}").format(first=first, last=last)
        top = self.heading(ui, body, _("Reference"), title, None if theme.projector else subtitle)
        body = pygame.Rect(body.x, top + theme.space(0.75), body.width, body.bottom - top - theme.space(0.75))
        picture_height = self._picture_height(ui, body.width)
        most = 0.6  # on a small screen in big type the picture is drawn smaller, rather than cut
        picture, body = widgets.cut_top(body, min(picture_height, round(body.height * most)), theme.space(1))
        self.picture_rect = picture
        self.picture = UIImage(picture, pygame.Surface(picture.size, pygame.SRCALPHA), ui.manager)
        if (
            theme.projector
        ):  # big type: the entry in focus is read across the screen; the picture numbers them
            self.list, right = None, body
        else:
            left, right = widgets.cut_left(body, round(body.width * 0.42), theme.space(1.5))
            self.list = widgets.text_box(ui, left, self._list_markup(), "#glossary_list")
        self.detail = self.readable(widgets.text_box(ui, right, self._text(), "#sheet"))
        rest = self.footer_button(ui, footer, _("Back"), Pop, "#primary")
        widgets.hint_line(ui, rest, self.hint_text())
        self._draw()
        self._scroll_to_selected()

    def _picture_height(self, ui: UI, width: int) -> int:
        return timeline_strip.picture_height(
            ui.theme, width, self.layout_data, True, len(str(len(self.entries)))
        )

    # --- what is shown ---

    def _list_markup(self) -> str:
        """Every entry, numbered as on the picture; the one in focus marked (and not a link)."""
        markup = Markup(self.theme)
        lines = []
        for number, entry in enumerate(self.entries, start=1):
            kind = markup.font(
                esc(entry_kind_name(entry)), "small", "accent" if entry.kind == "scenario" else "muted"
            )
            line = f"<b>{number}.</b> {esc(entry.label)} \u00b7 {esc(entry.title)} {kind}"
            if number - 1 == self.selected:
                lines.append(
                    markup.font(
                        f"<b>\u00bb {number}. {esc(entry.label)} \u00b7 {esc(entry.title)}</b>",
                        None,
                        "accent",
                    )
                )
            else:
                lines.append(f"<a href='{number - 1}'>{line}</a>")
        return "<br>".join(lines) or markup.muted(
            _("The timeline's events could not be loaded, and there are no scenarios.")
        )

    def _text(self) -> str:
        markup = Markup(self.theme)
        if not self.entries:
            return markup.muted(_("The timeline's events could not be loaded, and there are no scenarios."))
        entry = self.entries[self.selected]
        glossary = self.context.room.reference.glossary
        seen: set[str] = set()
        number = f"{self.selected + 1}. " if self.list is None else ""  # the list is not shown: its number
        parts = [
            markup.eyebrow(f"{number}{entry_kind_name(entry)} \u00b7 {entry.label}", "accent")
            + "<br>"
            + markup.heading(entry.title, "h2", "ink"),
            widgets.linked(entry.text, glossary, seen),
        ]
        if entry.uncertain:
            parts.append(
                markup.eyebrow(_("Uncertain or disputed"), "uncertain")
                + "<br>"
                + widgets.linked(entry.uncertain, glossary, seen)
            )
        if self.context.room.reference.timeline is None:
            parts.append(
                markup.muted(_("The timeline's events could not be loaded; the scenarios are shown alone."))
            )
        return "<br><br>".join(parts)

    def _draw(self) -> None:
        if self.picture is None or self.ui is None:
            return
        numbers = {entry.id: number for number, entry in enumerate(self.entries, start=1)}
        selected = self.entries[self.selected].id if self.entries else None
        image, self.hits = timeline_strip.draw(
            self.ui.theme,
            self.picture_rect.size,
            self.layout_data,
            timeline_strip.Labels(numbers),
            selected,
            events=True,
        )
        self.picture.set_image(image)

    def _scroll_to_selected(self) -> None:
        bar = getattr(self.list, "scroll_bar", None)
        if bar is None or not self.entries:
            return
        share = self.selected / len(self.entries)
        if not bar.start_percentage <= share <= bar.start_percentage + bar.visible_percentage * 0.9:
            bar.set_scroll_from_start_percentage(
                min(max(share - bar.visible_percentage / 2, 0.0), 1.0 - bar.visible_percentage)
            )

    # --- what the player does ---

    def select(self, index: int) -> None:
        """Read the entry at `index`, and mark it on the picture and in the list."""
        if not self.entries:
            return
        self.selected = min(max(index, 0), len(self.entries) - 1)
        if self.list is not None:
            self.list.set_text(self._list_markup())
            self._scroll_to_selected()
        if self.detail is not None:
            self.detail.set_text(self._text())
        self._draw()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and event.ui_element is self.list:
            self.select(int(event.link_target))
            return None
        at = timeline_strip.click_in(event, self.picture_rect) if self.picture is not None else None
        if at is not None:
            entry = timeline_strip.hit_at(self.hits, at)
            if entry is not None:
                self.select(self.entries.index(entry))
            return None
        return super().handle(event)

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            return Pop()
        if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT):
            self.select(self.selected + (-1 if event.key in (pygame.K_UP, pygame.K_LEFT) else 1))
            return None
        return super().key(event)
