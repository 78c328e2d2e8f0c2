"""The player's settings, kept between games: type size, theme, language, the class vote, team names.

Stored as JSON in the user's config folder (`$TURKESTAN_DATA_DIR` when set, so
tests never touch the real one), written atomically like the saves, and
validated on read: a damaged file, or one bad value in it, gives one line and
the defaults for what could not be read; the game never stops over it.
Command-line flags override a setting for one run without changing the file.

The palettes are data here so that the window draws the map and the charts
in the chosen theme, and the report or any other front end can do the same.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.i18n import DEFAULT, LANGUAGES, N_, _
from game.palettes import (  # noqa: F401 - the palettes are the settings' too: re-exported
    PALETTES,
    THEMES,
    TYPE_SCALE,
    TYPE_SIZES,
    Palette,
    ThemeName,
    TypeSize,
)
from game.storage import SETTINGS_FILE, config_dir, write_atomic

FILE = SETTINGS_FILE
MAX_BYTES = 64 * 1024  # a settings file is a few hundred bytes; anything far larger is not one

TeamName = Annotated[str, Field(min_length=1, max_length=40)]


class Settings(BaseModel):
    """What the player chose. Unknown keys are ignored, so a newer game's file still loads."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    language: str = DEFAULT
    type_size: TypeSize = "normal"
    theme: ThemeName = "default"
    vote: bool = Field(False, description="take each decision by a class vote")
    team_names: tuple[TeamName, TeamName] | None = Field(
        None, description="the negotiator team's name, then the commander team's"
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        return value


def palette(settings: Settings) -> Palette:
    return PALETTES[settings.theme]


# --- what each setting is called and which values it takes ---------------------------------

KEYS: Mapping[str, str] = {
    "language": N_("Language"),
    "type_size": N_("Type size"),
    "theme": N_("Theme"),
    "vote": N_("Class vote"),
    "team_names": N_("Team names"),
}

VALUE_NAMES: Mapping[str, str] = {
    "normal": N_("normal"),
    "large": N_("large"),
    "projector": N_("projector"),
    "default": N_("default"),
    "high-contrast": N_("high contrast"),
    "colour-blind": N_("colour-blind safe"),
}


def choices(key: str) -> tuple[str, ...]:
    """The values a setting takes, as typed on the command line."""
    return {
        "language": tuple(LANGUAGES),
        "type_size": TYPE_SIZES,
        "theme": THEMES,
        "vote": ("on", "off"),
    }.get(key, ())


def shown_value(settings: Settings, key: str) -> str:
    """A setting's value as the settings screen shows it, in the player's language."""
    value = getattr(settings, key)
    if key == "language":
        return LANGUAGES[value]
    if key == "vote":
        return _("on") if value else _("off")
    if key == "team_names":
        return " / ".join(value) if value else _("the default names")
    return _(VALUE_NAMES.get(value, value))


class SettingError(ValueError):
    """A value typed for a setting that it cannot take; the message is one line."""


def changed(settings: Settings, key: str, values: list[str]) -> Settings:
    """The settings with `key` set from typed words ('language ru', 'vote on', 'team_names A B')."""
    key = key.replace("-", "_")
    if key == "size":
        key = "type_size"
    if key not in KEYS:
        raise SettingError(
            _("There is no setting {key!r}. Settings: {keys}.").format(key=key, keys=", ".join(KEYS))
        )
    if key == "team_names":
        if len(values) == 0 or values == ["default"]:
            return settings.model_copy(update={"team_names": None})
        if len(values) != 2:
            raise SettingError(_("Give two team names: the negotiators' first, then the commanders'."))
        value: Any = tuple(values)
    elif len(values) != 1 or values[0] not in choices(key):
        raise SettingError(_("{key} takes one of: {values}.").format(key=key, values=", ".join(choices(key))))
    else:
        value = values[0] == "on" if key == "vote" else values[0]
    try:
        return Settings.model_validate({**settings.model_dump(), key: value})
    except ValidationError:
        raise SettingError(_("A team name has 1 to 40 characters.")) from None


# --- reading and writing -------------------------------------------------------------------


def settings_path() -> Path:
    return config_dir() / FILE


@dataclass(frozen=True)
class SettingsProblem:
    """Why (part of) the settings file could not be used. Said in the language in use when shown."""

    path: Path
    reason: Literal["unreadable", "damaged", "values"]
    detail: str = ""

    @property
    def message(self) -> str:
        if self.reason == "values":
            return _(
                "The settings file {path} has values this game cannot use ({keys}); it uses the defaults for them."
            ).format(path=self.path, keys=self.detail)
        if self.reason == "unreadable":
            return _(
                "The settings file {path} cannot be read ({detail}); the game uses the default settings."
            ).format(path=self.path, detail=self.detail)
        return _("The settings file {path} is damaged; the game uses the default settings.").format(
            path=self.path
        )


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problem: SettingsProblem | None = None


def load_settings(path: Path | None = None) -> LoadedSettings:
    """The saved settings, or the defaults (with the problem) for whatever cannot be read. Never raises."""
    path = path or settings_path()
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as error:
        return LoadedSettings(Settings(), SettingsProblem(path, "unreadable", str(error.strerror or error)))
    try:
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_BYTES else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        return LoadedSettings(Settings(), SettingsProblem(path, "damaged"))
    return _validated(path, data)


def _validated(path: Path, data: dict[str, Any]) -> LoadedSettings:
    """Keep every value that is good; a bad one falls back to its default on its own."""
    good: dict[str, Any] = {}
    bad: list[str] = []
    for key in Settings.model_fields:
        if key not in data:
            continue
        try:
            Settings.model_validate({key: data[key]})
        except ValidationError:
            bad.append(key)
        else:
            good[key] = data[key]
    settings = Settings.model_validate(good)
    return LoadedSettings(settings, SettingsProblem(path, "values", ", ".join(bad)) if bad else None)


class SettingsWriteError(Exception):
    """The settings could not be written; the message is one line for the player."""


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    data = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(path, data.encode("utf-8"))
    except OSError as error:
        raise SettingsWriteError(
            _("Could not save the settings to {path}: {reason}.").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    return path
