"""Saving the game under a name (from the menu): a text field with a sensible name filled in,
the saves already made (a click takes a name, to save over it), and a warning before
a save is replaced. A folder that cannot be written gives one line; the game goes on."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.i18n import _
from game.saves import (
    MAX_NAME,
    SaveError,
    SaveInfo,
    SaveProblem,
    default_name,
    format_time,
    read_save,
    snapshot,
)
from game.ui.pygame import widgets
from game.ui.pygame.overlay import Overlay
from game.ui.pygame.saving import store_of
from game.ui.pygame.screen import UI, Context, Go, Pop, Transition
from game.ui.pygame.widgets import Markup, esc

MOST_LISTED = 6  # named saves offered to save over; the load screen lists them all
UNTYPABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, invisible marks, unassigned


class NameField(UITextEntryLine):
    """A text field that takes only characters it can draw.

    pygame_gui fails on a character of no width (a direction mark, a zero-width
    space, a control character) when it places the cursor after it; a name has no
    use for them, so they are dropped as they are typed.
    """

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            kept = "".join(char for char in event.text if self.typable(char))
            if not kept:
                return False
            event = pygame.event.Event(pygame.TEXTINPUT, text=kept)
        return bool(super().process_event(event))

    def typable(self, char: str) -> bool:
        if unicodedata.category(char) in UNTYPABLE:
            return False
        try:
            return bool(self.font is not None and self.font.size(char)[0] > 0)
        except pygame.error:  # "Text has zero width": a mark with nothing to sit on
            return False


class SaveScreen(Overlay):
    name = "save"

    def __init__(self, context: Context, snapshot_: pygame.Surface | None) -> None:
        super().__init__(context, snapshot_)
        assert context.session is not None
        self.store = store_of(context)
        self.default = default_name(context.session)
        self.typed = self.default  # kept across rebuilds (resizing, projector mode)
        self.replacing: str | None = None  # the name the player was warned about, once
        self.message: str | None = None  # markup under the field: a warning or a failure
        infos, _problems = self.store.entries()
        self.slots: list[SaveInfo] = [info for info in infos if not info.autosave][:MOST_LISTED]

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _("Type a name \u00b7 Enter saves \u00b7 Tab moves \u00b7 Esc back")

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        width = theme.space(38)
        line = widgets.line_height(theme, "body")
        small = widgets.line_height(theme, "small")
        button_h = widgets.button_height(ui)
        gap = theme.space(0.6)
        entry_h = round(line * 1.6)
        cards = self._slot_specs()
        list_h = widgets.card_list_height(ui, width, cards) if cards else 0
        note_h = self._note_height(ui, width) if self.message else 0
        height = widgets.line_height(theme, "h1") + small + gap + small + entry_h + gap + note_h + gap
        if cards:
            height += small + list_h + gap
        inside = self.box(ui, width, height + button_h)
        top, rest = widgets.cut_top(inside, widgets.line_height(theme, "h1"))
        widgets.label(ui, top, _("Save this game"), "#h1")
        where, rest = widgets.cut_top(rest, small, gap)
        assert self.context.session is not None
        widgets.label(ui, where, _("Saves go to {folder}").format(folder=self.store.folder), "#muted")
        caption, rest = widgets.cut_top(rest, small)
        widgets.label(ui, caption, _("NAME OF THE SAVE"), "#eyebrow")
        field, rest = widgets.cut_top(rest, entry_h, gap)
        self.entry = NameField(field, ui.manager, initial_text=self.typed)
        self.entry.set_text_length_limit(MAX_NAME)
        ui.manager.set_focus_set(self.entry)  # type the name at once...
        self.entry.select_range = [0, len(self.typed)]  # ...over the one offered, as a save dialog does
        self.entry.edit_position = len(self.typed)
        buttons, rest = widgets.cut_bottom(rest, button_h, gap)
        if self.message:
            note, rest = widgets.cut_bottom(rest, note_h, gap)
            widgets.text_box(ui, note, self.message, "#note")
        if cards:
            caption, rest = widgets.cut_top(rest, small)
            widgets.label(ui, caption, _("SAVES ALREADY MADE: CHOOSE ONE TO SAVE OVER IT"), "#eyebrow")
            self.list, made, _used = widgets.card_list(ui, rest, cards)
            for info, card in zip(self.slots, made, strict=True):
                self.focusable(card.hit, self._take_name(info))
        self._buttons(ui, buttons)

    def _note_height(self, ui: UI, width: int) -> int:
        probe = widgets.text_box(ui, pygame.Rect(0, 0, width, -1), self.message or "", "#note")
        height = int(probe.rect.height)
        probe.kill()
        return height

    def _slot_specs(self) -> list[widgets.CardSpec]:
        assert self.ui is not None
        markup = Markup(self.ui.theme)
        specs = []
        for info in self.slots:
            about = info.saved if info.label == info.name else f"{info.label} \u00b7 {info.saved}"
            specs.append(widgets.CardSpec(f"<b>{esc(info.name)}</b>  " + markup.muted(about)))
        return specs

    def _buttons(self, ui: UI, row: pygame.Rect) -> None:
        save = _("Replace it") if self.replacing else _("Save")
        right, rest = widgets.cut_right(row, widgets.button_width(ui, _("Replace it")), ui.theme.space(1))
        self.save_button = widgets.button(ui, right, save, "#primary")
        self.focusable(self.save_button, self.save)
        cancel = _("Cancel")
        left, _rest = widgets.cut_right(rest, widgets.button_width(ui, cancel), ui.theme.space(1))
        self.focusable(widgets.button(ui, left, cancel), self.back)
        self.focus_index = len(self._ring) - 2  # Save, when the field gives the focus up (Tab)

    # --- what the player does ---

    def typing(self) -> bool:
        entry = getattr(self, "entry", None)
        return bool(entry is not None and entry.alive() and entry.is_focused)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            return self.save()
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.entry:
            self.typed = self.entry.get_text()
            if self.replacing is not None and self.typed.strip() != self.replacing:
                self.replacing = None  # another name: Save saves (the warning stays until then)
                self.save_button.set_text(_("Save"))
            return None
        if event.type == pygame.KEYDOWN and self.typing():
            if event.key == pygame.K_ESCAPE:
                return self.back()
            if event.key == pygame.K_TAB:
                self.entry.unfocus()
                self.focus(self.focus_index)
            return None  # the field takes every other key (Enter comes as UI_TEXT_ENTRY_FINISHED)
        return super().handle(event)

    def _take_name(self, info: SaveInfo) -> Callable[[], Transition | None]:
        def take() -> Transition | None:
            self.typed = info.name
            return self.save()  # the warning comes first: nothing is replaced on one click

        return take

    def _warn(self, name: str | None, markup: str | None = None) -> Transition:
        """Show a warning or a failure under the field (laid out again, to make room for it)."""
        self.replacing = name
        self.message = markup
        return Go(self)

    def save(self) -> Transition | None:
        name = (self.typed.strip() or self.default)[:MAX_NAME]
        path = self.store.slot_path(name)
        if path.exists() and self.replacing != name:
            return self._warn(name, self._replace_warning(name, path))
        branches = self.context.branches
        assert branches is not None
        fingerprint = self.context.catalog.fingerprint(branches.session.scenario.id)
        try:
            written = self.store.save_slot(name, snapshot(branches, fingerprint, name))
        except SaveError as error:  # a read-only or full folder: say so, and play on
            return self._warn(None, f"<b>{esc(str(error))}</b> " + esc(_("The game goes on.")))
        if self.replacing:
            said = _("Saved as \u201c{name}\u201d (replacing the save of that name): {path}")
        else:
            said = _("Saved as \u201c{name}\u201d: {path}")
        self.context.say(said.format(name=name, path=written))
        return Pop()

    def _replace_warning(self, name: str, path: object) -> str:
        found = read_save(path)  # type: ignore[arg-type]
        if isinstance(found, SaveProblem):
            said = _("A file for the save \u201c{name}\u201d is already there. Save again to replace it.")
            return esc(said.format(name=name))
        said = _(
            "There is already a save called \u201c{name}\u201d (saved {when}). Save again to replace it."
        )
        return esc(said.format(name=name, when=format_time(found.saved_at)))
