"""The glossary: every word and name a student meets in the game, sorted, searchable by typing.

Typing goes straight into the search (names that begin with it first, then those
that contain it, then definitions that mention it); Up and Down move through what
is found, and the entry in focus is read on the right with the other spellings a
student meets in books, and its related entries (a click on one reads it).
Opened with G on any screen, from the menu, or from a word's definition.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox, UITextEntryLine

from game.i18n import N_, _, ngettext
from game.scenario.glossary import Glossary
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Pop, Screen, Transition
from game.ui.pygame.widgets import Markup, esc
from game.ui.reference import GlossaryItem, glossary_item, glossary_items, kind_name, search


class GlossaryScreen(Screen):
    name = "glossary"
    hints = N_("Type to search \u00b7 Up/Down move \u00b7 click a word to read it \u00b7 Esc back")

    def __init__(self, context: Context, word: str | None = None) -> None:
        """`word`: the key of the entry to open at."""
        super().__init__(context)
        glossary = context.room.reference.glossary
        assert glossary is not None
        self.book: Glossary = glossary
        self.query = ""
        self.found: list[GlossaryItem] = glossary_items(glossary)
        self.current = word if word in glossary.entries else (self.found[0].key if self.found else None)
        self.field: UITextEntryLine | None = None
        self.list: UITextBox | None = None
        self.detail: UITextBox | None = None

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(1.5)
        body = ui.rect.inflate(-2 * margin, -2 * margin)
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        count = len(self.book.entries)
        subtitle = ngettext(
            "{count} word or name met in the game", "{count} words and names met in the game", count
        ).format(count=count)
        top = self.heading(ui, body, _("Reference"), _("Glossary"), None if theme.projector else subtitle)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        left, right = widgets.cut_left(body, round(body.width * 0.36), theme.space(1.5))
        caption, left = widgets.cut_top(left, widgets.line_height(theme, "small"), theme.space(0.3))
        widgets.label(ui, caption, _("TYPE TO SEARCH"), "#eyebrow")
        field_rect, list_rect = widgets.cut_top(left, widgets.button_height(ui), theme.space(0.6))
        self.field = UITextEntryLine(
            field_rect, ui.manager, object_id="#name", placeholder_text=_("Type to search\u2026")
        )
        self.field.set_text(self.query)
        self.field.focus()
        self.list = widgets.text_box(ui, list_rect, self._list_markup(), "#glossary_list")
        self.detail = self.readable(widgets.text_box(ui, right, self._detail_markup(), "#sheet"))
        rest = self.footer_button(ui, footer, _("Back"), Pop, "#primary")
        widgets.hint_line(ui, rest, self.hint_text())

    # --- what is shown ---

    def _list_markup(self) -> str:
        markup = Markup(self.theme)
        if not self.found:
            return markup.muted(
                _("Nothing in the glossary matches \u201c{text}\u201d.").format(text=self.query)
            )
        lines = []
        for item in self.found:
            if item.key == self.current:  # the entry in focus: marked, and not a link (it is open already)
                lines.append(markup.font(f"<b>\u00bb {esc(item.term)}</b>", None, "accent"))
            else:
                lines.append(f"<a href='{item.key}'>{esc(item.term)}</a>")
        return "<br>".join(lines)

    def _detail_markup(self) -> str:
        markup = Markup(self.theme)
        if self.current is None:
            return markup.muted(_("The glossary is empty."))
        item = glossary_item(self.book, self.current)
        parts = [
            markup.heading(item.term, "h1", "ink") + "<br>" + markup.eyebrow(kind_name(item.kind), "accent"),
            esc(item.definition),
        ]
        if item.also_written:
            parts.append(markup.eyebrow(_("Also written")) + "<br>" + esc(", ".join(item.also_written)))
        entry = self.book.entries[self.current]
        see = [key for key in entry.see if key in self.book.entries]
        if see:
            links = ", ".join(f"<a href='{key}'>{esc(glossary_item(self.book, key).term)}</a>" for key in see)
            parts.append(markup.eyebrow(_("See also")) + "<br>" + links)
        return "<br><br>".join(parts)

    def refresh(self) -> None:
        """Show the list and the entry in focus again (after typing, a move or a click)."""
        if self.list is not None:
            self.list.set_text(self._list_markup())
            self._scroll_to_selected()
        if self.detail is not None:
            self.detail.set_text(self._detail_markup())

    def _scroll_to_selected(self) -> None:
        bar = getattr(self.list, "scroll_bar", None)
        keys = [item.key for item in self.found]
        if bar is None or self.current not in keys:
            return
        share = keys.index(self.current) / max(len(keys), 1)
        if not bar.start_percentage <= share <= bar.start_percentage + bar.visible_percentage * 0.9:
            start = min(max(share - bar.visible_percentage / 2, 0.0), 1.0 - bar.visible_percentage)
            bar.set_scroll_from_start_percentage(start)

    # --- what the player does ---

    def typing(self) -> bool:
        return self.field is not None and self.field.is_focused

    def select(self, key: str) -> None:
        self.current = key
        self.refresh()

    def move(self, step: int) -> None:
        keys = [item.key for item in self.found]
        if not keys:
            return
        index = keys.index(self.current) + step if self.current in keys else 0
        self.select(keys[min(max(index, 0), len(keys) - 1)])

    def filter(self, text: str) -> None:
        self.query = text
        self.found = search(self.book, text)
        if self.found:
            self.current = self.found[0].key  # the best match is read at once
        self.refresh()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.select(str(event.link_target))
            return None
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.field:
            self.filter(event.text)
            return None
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.move(-1 if event.key == pygame.K_UP else 1)
                return None
            if event.key == pygame.K_ESCAPE:
                return Pop()
            if self.typing():
                return None  # letters, Backspace and Enter belong to the search field
        return super().handle(event)

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_BACKSPACE:
            return Pop()
        return super().key(event)

    def glossary(self, word: str | None = None) -> Transition | None:
        if word is not None:
            self.select(word)
        return None  # already here
