"""What the window keeps beyond one game: the player's settings, how the class plays, and the
glossary and timeline.

The settings are the ones saved between runs (game/settings.py), with this run's
command-line flags on top (`--projector`, `--lang`, `--vote`): a flag lasts for the
run, as in the terminal, until the player changes that setting in the window, which
saves it. Projector mode (F5) is the "projector" type size, so the settings screen
and the key always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game import i18n
from game.scenario.model import Role
from game.settings import Settings, SettingsWriteError, load_settings, save_settings
from game.ui.classroom import Teams
from game.ui.reference import Reference


@dataclass
class Room:
    """The settings in use, the classroom (teams, vote, teacher's notes) and the reference data."""

    kept: Settings = field(default_factory=Settings)  # as saved in the settings file
    flags: dict[str, Any] = field(default_factory=dict)  # this run's overrides, by setting
    teams: Teams = field(default_factory=Teams)
    presenter: bool = False  # --presenter: the teacher's notes in a window of their own
    named_here: bool = False  # the team names came from the command line
    reference: Reference = field(default_factory=Reference)
    problems: list[str] = field(default_factory=list)  # one-line messages not yet shown
    unprojected: str = "normal"  # the type size F5 goes back to

    @classmethod
    def start(
        cls,
        flags: Mapping[str, Any],
        team_names: tuple[str, ...] | None = None,
        presenter: bool = False,
        reference: Reference | None = None,
    ) -> Room:
        """The saved settings (or the defaults, with the reason) and this run's flags."""
        loaded = load_settings()
        named_here = bool(team_names)
        names = team_names if named_here else loaded.settings.team_names
        room = cls(
            loaded.settings,
            {key: value for key, value in flags.items() if value is not None},
            Teams.named(names),
            presenter,
            named_here,
            reference or Reference(),
        )
        if loaded.problem is not None:
            room.problems.append(loaded.problem.message)
        if reference is not None:
            room.problems += reference.problems
        if loaded.settings.type_size != "projector":
            room.unprojected = loaded.settings.type_size
        room.speak()
        return room

    @property
    def settings(self) -> Settings:
        """The settings in use: the saved ones with this run's flags."""
        return self.kept.model_copy(update=self.flags)

    @property
    def vote(self) -> bool:
        return self.settings.vote

    @property
    def type_size(self) -> str:
        return self.settings.type_size

    @property
    def projector(self) -> bool:
        return self.type_size == "projector"

    @property
    def theme(self) -> str:
        return self.settings.theme

    def speak(self) -> None:
        """Use the language of the settings in use."""
        i18n.set_language(self.settings.language)

    def change(self, key: str, value: Any) -> None:
        """Set one setting, use it now and save it for next time (a failure is one line, kept
        in `problems`; the change still holds for this run)."""
        if key == "type_size" and value != "projector":
            self.unprojected = value
        self.flags.pop(key, None)
        self.kept = self.kept.model_copy(update={key: value})
        if key == "language":
            self.speak()
        try:
            save_settings(self.kept)
        except SettingsWriteError as error:
            self.problems.append(str(error))

    def toggle_projector(self) -> None:
        """F5: the projector type size, or back to the size used before it."""
        self.change("type_size", self.unprojected if self.projector else "projector")

    def take_problems(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems

    def team_of(self, role: Role) -> str:
        return self.teams.by(role)
