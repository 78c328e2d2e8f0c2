"""The settings screen: see and change what is kept between games, and save it at once."""

from __future__ import annotations

from game import i18n
from game.i18n import _
from game.settings import (
    KEYS,
    SettingError,
    Settings,
    SettingsWriteError,
    changed,
    choices,
    save_settings,
    shown_value,
)
from game.ui.classroom import Teams
from game.ui.text.state import Room
from game.ui.text.terminal import Terminal, as_number, numbered

# Which settings the terminal itself uses; the others are the window's.
WINDOW_ONLY = ("type_size", "theme")


def show_settings(terminal: Terminal, settings: Settings) -> None:
    terminal.heading(_("Settings"))
    lines = []
    for key, label in KEYS.items():
        line = f"{_(label)}: {shown_value(settings, key)}"
        if key in WINDOW_ONLY:
            line += " " + _("(the window's; the terminal keeps its own font and colours)")
        lines.append(line)
    numbered(terminal, lines)


def settings_screen(terminal: Terminal, room: Room) -> None:
    """Show the settings; change one at a time until Enter. Each change is saved and used at once."""
    while True:
        show_settings(terminal, room.settings)
        keys = list(KEYS)
        answer = terminal.ask(_("\nChange which? (1-{count}, Enter = back) ").format(count=len(keys)))
        if not answer:
            return
        number = as_number(answer)
        if number is None or not 1 <= number <= len(keys):
            terminal.say(
                _("Please type a number from 1 to {count}, or Enter to go back.").format(count=len(keys))
            )
            continue
        updated = ask_value(terminal, room.settings, keys[number - 1])
        if updated is not None:
            apply(terminal, room, updated)


def ask_value(terminal: Terminal, settings: Settings, key: str) -> Settings | None:
    """The settings with a new value for `key`, as the player types it; None to leave it."""
    if key == "team_names":
        answer = terminal.ask(
            _(
                "The two team names, separated by a comma (Enter = keep, \u201cdefault\u201d = the usual names): "
            )
        )
        if not answer:
            return None
        names = ["default"] if answer.strip().lower() == "default" else [n.strip() for n in answer.split(",")]
        return _changed(terminal, settings, key, names)
    values = choices(key)
    labels = [shown_value(settings.model_copy(update={key: _typed(key, value)}), key) for value in values]
    numbered(terminal, labels)
    answer = terminal.ask(_("\nWhich? (1-{count}, Enter = keep) ").format(count=len(values)))
    number = as_number(answer)
    if number is None or not 1 <= number <= len(values):
        return None
    return _changed(terminal, settings, key, [values[number - 1]])


def _typed(key: str, value: str) -> object:
    return value == "on" if key == "vote" else value


def _changed(terminal: Terminal, settings: Settings, key: str, values: list[str]) -> Settings | None:
    try:
        return changed(settings, key, values)
    except SettingError as error:
        terminal.say(str(error))
        return None


def apply(terminal: Terminal, room: Room, settings: Settings) -> None:
    """Use the new settings now, and keep them for next time (a failure to save is one line)."""
    room.settings = settings
    i18n.set_language(settings.language)
    room.classroom.vote = settings.vote
    if not room.classroom.named_here:
        room.classroom.teams = Teams.named(settings.team_names)
    try:
        path = save_settings(settings)
    except SettingsWriteError as error:
        terminal.say(str(error))
        return
    terminal.say(_("Saved in {path}.").format(path=path))
