"""The settings: type size, colours, language and the class vote, kept between games.

Each row offers its values as buttons, the one in use marked; a press uses the new
value at once (the window is laid out again in it, in the new language) and saves
it (game/settings.py). Projector mode (F5) is the projector type size, so the key
and this screen always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.i18n import LANGUAGES, N_, _
from game.settings import KEYS, THEMES, TYPE_SIZES, VALUE_NAMES, settings_path
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Pop, Screen, Toggle, Transition
from game.ui.pygame.widgets import Markup, esc

ROWS = ("type_size", "theme", "language", "vote")  # what the window offers (team names: when a game starts)


def values(key: str) -> list[tuple[Any, str]]:
    """A setting's values, each with its name in the player's language."""
    if key == "type_size":
        named = [(size, _(VALUE_NAMES[size])) for size in TYPE_SIZES]
    elif key == "theme":
        named = [(theme, _(VALUE_NAMES[theme])) for theme in THEMES]
    elif key == "language":
        return list(LANGUAGES.items())  # each language named in itself
    else:
        named = [(True, _("on")), (False, _("off"))]
    return [(value, shown[:1].upper() + shown[1:]) for value, shown in named]  # names on buttons


class SettingsScreen(Screen):
    name = "settings"
    hints = N_("Tab or arrows move \u00b7 Enter chooses \u00b7 Esc back")

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.saved_to = settings_path()

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(2)
        width = min(ui.size[0] - 2 * margin, theme.space(60))
        body = pygame.Rect((ui.size[0] - width) // 2, margin, width, ui.size[1] - 2 * margin)
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        top = self.heading(ui, body, _("Kept between games"), _("Settings"), None)
        y = top + theme.space(1.2)
        current = self.context.room.settings
        label_width = max(theme.text_font("h2", "bold").size(_(KEYS[key]))[0] for key in ROWS) + theme.space(
            1.5
        )
        height = widgets.button_height(ui)
        for key in ROWS:
            widgets.label(ui, pygame.Rect(body.x, y, label_width, height), _(KEYS[key]), "#h2")
            x = body.x + label_width
            for value, shown in values(key):
                chosen = getattr(current, key) == value
                button_width = widgets.button_width(ui, shown)
                if x + button_width > body.right:  # a narrow window: the values go on a second line
                    x, y = body.x + label_width, y + height + theme.space(0.4)
                made = widgets.button(
                    ui, pygame.Rect(x, y, button_width, height), shown, "#primary" if chosen else ""
                )
                self.focusable(made, self._setter(key, value))
                x += button_width + theme.space(0.5)
            y += height + theme.space(0.9)
        note = pygame.Rect(body.x, y + theme.space(0.5), body.width, max(0, footer.y - y - theme.space(1)))
        widgets.text_box(ui, note, self._note(ui), "#header")
        rest = self.footer_button(ui, footer, _("Back"), Pop)
        widgets.hint_line(ui, rest, self.hint_text())

    def _note(self, ui: UI) -> str:
        markup = Markup(ui.theme)
        lines = [
            markup.muted(_("Changes apply at once and are saved in {path}.").format(path=self.saved_to)),
            markup.muted(
                _(
                    "Projector mode (F5) is the projector type size. The class vote: the teacher counts the hands."
                )
            ),
        ]
        lines += [markup.font(esc(problem), None, "warn") for problem in self.context.room.take_problems()]
        return "<br>".join(lines)

    def _setter(self, key: str, value: Any) -> Callable[[], Transition | None]:
        def change() -> Transition | None:
            room = self.context.room
            if getattr(room.settings, key) == value:
                return None
            room.change(key, value)
            return Toggle("language" if key == "language" else "settings")  # lay the window out again

        return change

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            return Pop()
        return super().key(event)
