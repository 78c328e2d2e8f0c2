"""Save files: atomic, versioned, validated on read.

A game is its scenario, seed, roles and decisions, so that is what a save
holds (with a fingerprint of the scenario file, to notice when it changed,
and the "what if" branches). Loading replays the decisions; nothing else of
the state is trusted from the file.

Saves live in the user's data folder (or `$TURKESTAN_DATA_DIR`, so tests never
touch the real one). Every write goes through `game.storage.write_atomic`: a
temporary file in the same folder, flushed to disk and then renamed over the
old file, so a crash or a power cut leaves either the old save or the new one,
never half of each. A file that
cannot be read as a save is renamed aside (`name.damaged-<time>.json`), never
deleted, and reported in one line; no other save is touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator

from game import paths
from game.engine.branches import Branch, Branches
from game.engine.session import Decision, Session
from game.i18n import _, local
from game.scenario.catalog import Catalog
from game.scenario.model import Role, Scenario
from game.storage import write_atomic  # noqa: F401 - re-exported: reports used to import it from here
from game.ui.present import format_date, reached_date

FORMAT = 1  # the save format this game writes; bump it (and add a reader) when the shape changes
GAME = "turkestan-crossroads"
ENVIRONMENT = paths.DATA_DIR_VARIABLE
AUTOSAVE = "autosave.json"
PREVIOUS = "autosave.previous.json"
MAX_BYTES = 10 * 1024 * 1024  # far above any real save; refuses to parse a stray huge file
TEMPORARY = re.compile(r"^\..+\.tmp$")
DAMAGED = ".damaged-"


# --- where -----------------------------------------------------------------------------------


def data_dir() -> Path:
    """The game's folder for saves and reports: `$TURKESTAN_DATA_DIR`, else the user's data folder.

    One definition, in game.paths, shared with the crash reports (game.faults).
    """
    return paths.data_dir()


def saves_dir() -> Path:
    return data_dir() / "saves"


def reports_dir() -> Path:
    return data_dir() / "reports"


# --- the format ------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


MAX_NAME = 200
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]


class SavedDecision(_Model):
    turn: Ident
    picks: dict[Role, Ident]
    by: dict[Role, Name] = Field(default_factory=dict, description="the team or player who chose")
    votes: dict[Name, int] | None = Field(None, description="a class vote's tally, if one was taken")


class SavedScenario(_Model):
    id: Ident
    title: Name
    fingerprint: str = Field(max_length=200, description="of the scenario file the game was played on")


class Reached(_Model):
    """Where the game stood when saved: shown in lists without replaying the game."""

    turns: int = Field(ge=0, description="turns played")
    date: dt.date
    shown: Name = Field(description="the date as the game shows it, e.g. 'early March 1918'")
    ending: Ident | None = None


class SavedBranch(_Model):
    name: Annotated[str, Field(min_length=1, max_length=8)]
    parent: str | None = None
    fork: int = Field(0, ge=0, description="decisions shared with the parent branch")
    decisions: list[SavedDecision] = Field(default_factory=list, max_length=1000)


class SaveV1(_Model):
    version: Literal[1]
    game: Literal["turkestan-crossroads"]
    name: Name
    saved_at: AwareDatetime
    scenario: SavedScenario
    seed: int = Field(ge=-(2**62), le=2**62)
    roles: list[Role] = Field(min_length=1, max_length=2)
    decisions: list[SavedDecision] = Field(max_length=1000, description="the branch being played")
    reached: Reached
    branch: SavedBranch = Field(
        default_factory=lambda: SavedBranch(name="A"),
        description="the branch being played (its decisions are the top-level ones)",
    )
    position: int = Field(0, ge=0, description="the branch's place among all branches")
    other_branches: list[SavedBranch] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _consistent(self) -> SaveV1:
        if len(set(self.roles)) != len(self.roles):
            raise ValueError("a role is listed twice")
        if self.branch.decisions:
            raise ValueError("the current branch's decisions belong at the top level")
        names = [self.branch.name, *(b.name for b in self.other_branches)]
        if len(set(names)) != len(names):
            raise ValueError("two branches have the same name")
        if self.position > len(self.other_branches):
            raise ValueError("the branch position is past the last branch")
        return self


SaveFile = SaveV1  # the model of the current format; older formats get migrated to it


# --- writing ---------------------------------------------------------------------------------


class SaveError(Exception):
    """Saving failed (disk full, no permission...); the message is one line for the player."""


def snapshot(
    branches: Branches, fingerprint: str, name: str = "", now: dt.datetime | None = None
) -> SaveFile:
    """Everything needed to rebuild `branches`: the seed, the roles, and each branch's decisions."""
    session = branches.session
    scenario, state = session.scenario, session.state
    current = branches.branch
    others = [
        SavedBranch(name=b.name, parent=b.parent, fork=b.fork, decisions=_decisions(b.session))
        for i, b in enumerate(branches.branches)
        if i != branches.current
    ]
    return SaveV1(
        version=1,
        game=GAME,
        name=(name.strip() or default_name(session))[:MAX_NAME],  # a typed name may be any length
        saved_at=now or dt.datetime.now(dt.timezone.utc),
        scenario=SavedScenario(id=scenario.id, title=scenario.title, fingerprint=fingerprint),
        seed=session.seed,
        roles=list(session.roles),
        decisions=_decisions(session),
        reached=Reached(
            turns=len(state.log),
            date=state.date(scenario),
            shown=reached_date(scenario, state),
            ending=state.ending,
        ),
        branch=SavedBranch(name=current.name, parent=current.parent, fork=current.fork),
        position=branches.current,
        other_branches=others,
    )


def _decisions(session: Session) -> list[SavedDecision]:
    return [
        SavedDecision(
            turn=d.turn,
            picks=dict(d.picks),
            by=dict(d.by),
            votes=dict(d.votes) if d.votes is not None else None,
        )
        for d in session.decisions
    ]


def default_name(session: Session) -> str:
    """'The March on Bukhara, 13 March 1918': what a slot is called unless the player names it."""
    return _("{title}, {date}").format(
        title=local(session.scenario.title), date=reached_date(session.scenario, session.state)
    )


def encode(save: SaveFile) -> bytes:
    return (save.model_dump_json(indent=2) + "\n").encode("utf-8")


def write_save(path: Path, save: SaveFile) -> None:
    """Write atomically: the file holds the old save or the new one, whatever happens meanwhile."""
    try:
        write_atomic(path, encode(save))
    except OSError as error:
        raise SaveError(
            _("Could not save to {path}: {reason}.").format(path=path, reason=error.strerror or error)
        ) from None


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveProblem:
    """A file that is not a save this game can load; `message` is one line for the player."""

    path: Path
    reason: str
    kept_as: Path | None = None
    damaged: bool = True  # False when the save is sound but cannot be played here (its scenario is broken)

    @property
    def message(self) -> str:
        if self.kept_as is not None:
            return _("The save {path} {reason}; it was set aside as {name}.").format(
                path=self.path, reason=self.reason, name=self.kept_as.name
            )
        return _("The save {path} {reason}.").format(path=self.path, reason=self.reason)

    def __str__(self) -> str:
        return self.message


def read_save(path: Path) -> SaveFile | SaveProblem:
    """Parse and validate one save file. Never raises: a bad file gives a SaveProblem."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return SaveProblem(path, _("does not exist"))
    except OSError as error:
        return SaveProblem(path, _("cannot be read ({reason})").format(reason=error.strerror or error))
    if len(raw) > MAX_BYTES:
        return SaveProblem(path, _("is far too large to be a save"))
    data = _parse(path, raw)
    if isinstance(data, SaveProblem):
        return data
    return _validate(path, data)


def _parse(path: Path, raw: bytes) -> object | SaveProblem:
    if not raw.strip():
        return SaveProblem(path, _("is empty"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return SaveProblem(path, _("is not a save file (it is not text)"))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = _("line {line}, column {column}").format(line=error.lineno, column=error.colno)
        if _unclosed(text):
            return SaveProblem(
                path, _("is cut short (the data ends too early, at {where})").format(where=where)
            )
        return SaveProblem(path, _("is damaged (not valid JSON at {where})").format(where=where))
    except (ValueError, RecursionError):  # e.g. a number with thousands of digits, or absurd nesting
        return SaveProblem(path, _("is damaged (it holds values no save has)"))


def _unclosed(text: str) -> bool:
    """Does the text stop inside a string, object or list? Then it was cut short, not garbled."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
    return in_string or depth > 0


def _validate(path: Path, data: object) -> SaveFile | SaveProblem:
    if not isinstance(data, dict) or data.get("game") != GAME:
        return SaveProblem(path, _("is not a Turkestan Crossroads save"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return SaveProblem(path, _("has no save format version"))
    if version > FORMAT:
        return SaveProblem(
            path,
            _(
                "was written by a newer version of the game (save format {version}; this one reads {format})"
            ).format(version=version, format=FORMAT),
        )
    if version not in READERS:
        return SaveProblem(path, _("has an unknown save format version ({version})").format(version=version))
    try:
        return READERS[version](data)
    except ValidationError as error:
        return SaveProblem(path, _("is damaged ({problem})").format(problem=_first_error(error)))


def _first_error(error: ValidationError) -> str:
    item = error.errors(include_url=False)[0]
    # a hand-edited key may hold any characters, a line break too: such a key is shown quoted
    where = "".join(
        f"[{part}]"
        if isinstance(part, int)
        else f".{part}"
        if str(part).isidentifier()
        else f"[{str(part)!r}]"
        for part in item["loc"]
    ).lstrip(".")
    message = item["msg"][0].lower() + item["msg"][1:]
    return f"{where}: {message}" if where else message


# One reader per format version this game can read, each returning the current model.
# When the format changes: add SaveV2, make it SaveFile, and turn SaveV1 into a V2 here.
READERS = {1: SaveV1.model_validate}


# --- restoring a game ------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """A save turned back into a game; `notes` are what the player should be told."""

    path: Path
    save: SaveFile
    branches: Branches
    changed: bool  # the scenario file is not the one the game was played on
    notes: tuple[str, ...] = ()

    @property
    def session(self) -> Session:
        return self.branches.session


def restore(path: Path, save: SaveFile, catalog: Catalog) -> Loaded | SaveProblem:
    """Replay a save's decisions on the catalog's scenario."""
    scenario = catalog.find(save.scenario.id)
    if scenario is None and _failed_to_load(catalog, save.scenario.id):
        # The save is sound; its scenario file is what is broken. Keep the save where it is.
        reason = _(
            "is a game of the scenario {id!r}, whose file has errors "
            "(run 'python main.py validate' to see them)"
        ).format(id=save.scenario.id)
        return SaveProblem(path, reason, damaged=False)
    if scenario is None:
        return SaveProblem(
            path,
            _("is a game of the scenario {id!r}, which this game does not have").format(id=save.scenario.id),
        )
    missing = [role for role in save.roles if role not in scenario.roles]
    if missing:
        if missing[0] == "negotiator":
            return SaveProblem(path, _("plays the negotiator, a role the scenario does not have"))
        return SaveProblem(path, _("plays the commander, a role the scenario does not have"))
    changed = save.scenario.fingerprint != catalog.fingerprint(scenario.id)
    saved = [*save.other_branches]
    saved.insert(save.position, save.branch.model_copy(update={"decisions": save.decisions}))
    branches: list[Branch] = []
    notes: list[str] = []
    for saved_branch in saved:
        session, stopped = Session.replay(scenario, save.seed, save.roles, _engine(saved_branch.decisions))
        if stopped is not None:
            if not changed:
                decision = saved_branch.decisions[stopped]
                return SaveProblem(
                    path,
                    _("is damaged (decision {number}, on turn {turn!r}, does not fit the scenario)").format(
                        number=stopped + 1, turn=decision.turn
                    ),
                )
            notes.append(_stopped_note(saved_branch.name, len(saved) > 1, session, stopped))
        branches.append(Branch(saved_branch.name, session, saved_branch.parent, saved_branch.fork))
    if changed:
        notes.insert(0, _changed_note(scenario, all(not n for n in notes)))
    return Loaded(path, save, Branches(tuple(branches), save.position), changed, tuple(notes))


def _failed_to_load(catalog: Catalog, scenario_id: str) -> bool:
    """Is there a scenario file named after this id that the catalog could not load?"""
    return any(
        Path(problem.file).stem == scenario_id for error in catalog.errors for problem in error.problems
    )


def _engine(decisions: list[SavedDecision]) -> Iterator[Decision]:
    for d in decisions:
        votes = MappingProxyType(dict(d.votes)) if d.votes is not None else None
        yield Decision(d.turn, MappingProxyType(dict(d.picks)), MappingProxyType(dict(d.by)), votes)


def _changed_note(scenario: Scenario, all_fit: bool) -> str:
    if all_fit:
        return _(
            "The scenario \u201c{title}\u201d has changed since this game was saved; every decision still fits."
        ).format(title=local(scenario.title))
    return _("The scenario \u201c{title}\u201d has changed since this game was saved.").format(
        title=local(scenario.title)
    )


def _stopped_note(name: str, several: bool, session: Session, stopped: int) -> str:
    where = _("turn {number} ({date})").format(
        number=stopped + 1, date=reached_date(session.scenario, session.state)
    )
    if several:
        return _(
            "Branch {branch}: its decisions replay only up to {where}: "
            "{count} of them still fit, and the game goes on from there."
        ).format(branch=name, where=where, count=stopped)
    return _(
        "Its decisions replay only up to {where}: {count} of them still fit, and the game goes on from there."
    ).format(where=where, count=stopped)


def load(path: Path, catalog: Catalog, *, set_aside_damaged: bool | None = None) -> Loaded | SaveProblem:
    """Read, check and replay a save. A damaged one is set aside if it lies in the saves folder.

    Files elsewhere (given with --load) are the player's own: they are reported, never renamed.
    """
    result = read_save(path)
    if not isinstance(result, SaveProblem):
        result = restore(path, result, catalog)
    if isinstance(result, SaveProblem) and result.damaged:
        aside = _in_saves_folder(path) if set_aside_damaged is None else set_aside_damaged
        if aside and path.exists():
            return _set_aside(result)
    return result


def _in_saves_folder(path: Path) -> bool:
    try:
        return path.resolve().parent == saves_dir().resolve()
    except OSError:
        return False


def _set_aside(problem: SaveProblem) -> SaveProblem:
    try:
        kept = set_aside(problem.path)
    except OSError as error:
        return SaveProblem(
            problem.path,
            _("{reason} (and it could not be set aside: {error})").format(
                reason=problem.reason, error=error.strerror
            ),
        )
    return SaveProblem(problem.path, problem.reason, kept)


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged save to `name.damaged-<time>.json` beside it, never over another file."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".json"
    for attempt in range(1, 1000):
        extra = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{path.stem}{DAMAGED}{stamp}{extra}{suffix}")
        if not target.exists():
            path.rename(target)
            return target
    raise OSError(17, "too many damaged copies already")


# --- the saves folder: slots and autosaves ---------------------------------------------------


@dataclass(frozen=True)
class SaveInfo:
    """One save as a list shows it, read without replaying the game."""

    path: Path
    save: SaveFile
    autosave: bool

    @property
    def name(self) -> str:
        return self.save.name

    @property
    def label(self) -> str:
        """'The March on Bukhara, 13 March 1918' (or '..., ended' when the game is over)."""
        reached = self.save.reached
        where = _("ended") if reached.ending else reached.shown
        return _("{title}, {date}").format(title=self.save.scenario.title, date=where)

    @property
    def saved(self) -> str:
        return format_time(self.save.saved_at)


def format_time(moment: dt.datetime) -> str:
    """A time of saving in the player's own time zone: '12 May 2025, 14:03'."""
    here = moment.astimezone()
    return _("{date}, {time}").format(date=format_date(here.date()), time=f"{here:%H:%M}")


@dataclass(frozen=True)
class SaveStore:
    """The saves folder: named slots, the autosave and the one before it."""

    folder: Path

    @classmethod
    def default(cls) -> SaveStore:
        return cls(saves_dir())

    @property
    def autosave_path(self) -> Path:
        return self.folder / AUTOSAVE

    @property
    def previous_path(self) -> Path:
        return self.folder / PREVIOUS

    def autosave(self, save: SaveFile) -> None:
        """Write the autosave, keeping the one before as autosave.previous.json.

        The new file is complete on disk before the old one moves, so at every
        moment at least one of the two is a good save.
        """
        try:
            write_atomic(self.autosave_path, encode(save), keep_old_as=self.previous_path)
        except OSError as error:
            raise SaveError(
                _("Could not autosave to {folder}: {reason}.").format(
                    folder=self.folder, reason=error.strerror or error
                )
            ) from None

    def slot_path(self, name: str) -> Path:
        return self.folder / f"{slot_file_stem(name)}.json"

    def save_slot(self, name: str, save: SaveFile) -> Path:
        path = self.slot_path(name)
        write_save(path, save.model_copy(update={"name": name}))
        return path

    def entries(self) -> tuple[list[SaveInfo], list[SaveProblem]]:
        """Every save in the folder, newest first; damaged ones are set aside and reported."""
        infos: list[SaveInfo] = []
        problems: list[SaveProblem] = []
        for path in self._files():
            result = read_save(path)
            if isinstance(result, SaveProblem):
                problems.append(_set_aside(result) if path.exists() else result)
            else:
                infos.append(SaveInfo(path, result, path.name in (AUTOSAVE, PREVIOUS)))
        infos.sort(key=lambda info: info.save.saved_at, reverse=True)
        return infos, problems

    def resume(self, catalog: Catalog) -> tuple[Loaded | None, list[SaveProblem]]:
        """The game to offer as "Continue": the autosave, else the one before it if that is damaged."""
        problems: list[SaveProblem] = []
        for path in (self.autosave_path, self.previous_path):
            if not path.exists():
                continue
            result = load(path, catalog, set_aside_damaged=True)
            if isinstance(result, Loaded):
                return result, problems
            problems.append(result)
        return None, problems

    def sweep(self, older_than: dt.timedelta = dt.timedelta(minutes=10)) -> int:
        """Remove temporary files left by a game that was killed while saving; returns how many."""
        removed = 0
        limit = dt.datetime.now().timestamp() - older_than.total_seconds()
        try:
            candidates = list(self.folder.iterdir())
        except OSError:
            return 0
        for path in candidates:
            try:
                if TEMPORARY.match(path.name) and path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def _files(self) -> list[Path]:
        try:
            paths = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        return [path for path in paths if DAMAGED not in path.name and path.is_file()]


def slot_file_stem(name: str) -> str:
    """A slot's file name from what the player called it: 'Lesson 2 (9B)' -> 'lesson-2-9b'."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    ascii_name = decomposed.encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "save"
    letters = [c for c in decomposed if not unicodedata.combining(c)]
    if any(not c.isascii() for c in letters):  # 'Урок 2' and 'Дарс 2' must not share a file
        stem += "-" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:8]
    if stem.startswith("autosave"):  # the autosave's names are the game's own
        stem = f"slot-{stem}"
    if stem in WINDOWS_DEVICES:  # on Windows 'con.json' is the console, 'nul.json' nothing at all
        stem = f"slot-{stem}"
    return stem


WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {f"{kind}{n}" for kind in ("com", "lpt") for n in range(10)}
