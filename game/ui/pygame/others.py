"""How did others fare? The endings of 1,000 simulated players of the same role, as bars,
with the player's ending and history's marked.

The games are played by `game.simulate.cached_ending_distribution` (remembered per
scenario content) in a background thread, started when the debrief opens, so the
debrief shows at once; this screen draws the chart when the count is ready (the
thread posts READY, which wakes the window's loop).
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field

import pygame
from pygame_gui.elements import UIImage

from game import faults
from game.i18n import _
from game.scenario.model import Role, Scenario
from game.ui.present import (
    EndingBar,
    ending_bars,
    others_caption,
    others_method,
    others_sentence,
    percent,
    role_title,
)
from game.ui.pygame import widgets
from game.ui.pygame.notices import cut, wrap
from game.ui.pygame.screen import UI, Context, Go, Pop, Screen, Transition
from game.ui.pygame.theme import Theme
from game.ui.pygame.turn import frame
from game.ui.pygame.widgets import esc

RUNS = 1000
READY = pygame.event.custom_type()


@dataclass
class Distribution:
    """The count of one scenario and role, filled in by its thread."""

    scenario: Scenario
    role: Role
    counts: list[tuple[str, int]] | None = None  # (ending id, games), in the scenario's order
    problem: str | None = None  # one line, if the count failed
    done: threading.Event = field(default_factory=threading.Event)

    def count(self) -> None:
        """The thread's work: pure, and never lets an error escape unseen."""
        from game.simulate import cached_ending_distribution

        try:
            shares = cached_ending_distribution(self.scenario, self.role, RUNS)
            self.counts = [(share.id, share.count) for share in shares]
        except Exception as error:  # noqa: BLE001 - a thread's error would otherwise vanish
            path = faults.write_crash_report(error)
            self.problem = _("The games could not be played ({error}).").format(error=type(error).__name__)
            if path is not None:
                self.problem += " " + _("A crash report was saved to {path}.").format(path=path)
        finally:
            self.done.set()
            with contextlib.suppress(pygame.error):  # the window has closed meanwhile: nobody waits
                pygame.event.post(pygame.event.Event(READY))


_counts: dict[tuple[int, Role], Distribution] = {}


def start(scenario: Scenario, role: Role) -> Distribution:
    """The count for this scenario and role, started in the background if it is not already."""
    key = (id(scenario), role)
    found = _counts.get(key)
    if found is not None and found.scenario is scenario:
        return found
    counting = Distribution(scenario, role)
    _counts[key] = counting
    threading.Thread(target=counting.count, name="others-fared", daemon=True).start()
    return counting


class OthersScreen(Screen):
    name = "others"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        session = context.session
        assert session is not None and context.role is not None
        self.role: Role = context.role
        self.ending = session.state.ending
        self.counting = start(session.scenario, self.role)
        self.bars: list[EndingBar] | None = None
        self.chart: pygame.Surface | None = None

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _("Enter or Esc goes back")

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = frame(ui)
        session = self.context.session
        assert session is not None
        eyebrow = f"{session.scenario.title} \u00b7 {role_title(self.role).lower()}"
        top = self.heading(ui, body, eyebrow, _("How did others fare?"), others_caption(RUNS, self.role))
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        if self.counting.counts is not None:
            self.bars = ending_bars(session.scenario, self.counting.counts, self.ending)
            self._chart(ui, body)
        else:
            waiting = self.counting.problem or _("Playing {runs} games\u2026").format(runs=f"{RUNS:,}")
            widgets.text_box(ui, pygame.Rect(body.x, body.y, body.width, -1), esc(waiting), "#sheet")
        rest = self.footer_button(ui, footer, _("Back"), Pop, "#primary")
        widgets.hint_line(ui, rest, self.footer_text())

    def _chart(self, ui: UI, body: pygame.Rect) -> None:
        theme = ui.theme
        assert self.bars is not None
        sentence = others_sentence(self.bars)
        note = others_method()
        text = (
            widgets.Markup(theme).heading(sentence, "h2", "ink") + "<br>" + widgets.Markup(theme).muted(note)
        )
        probe = widgets.text_box(ui, pygame.Rect(body.x, body.y, body.width, -1), text, "#sheet")
        sentence_h = probe.rect.height
        probe.kill()
        words, plot = widgets.cut_bottom(body, sentence_h, theme.space(1))
        self.readable(widgets.text_box(ui, words, text, "#sheet"))
        widgets.panel(ui, plot, "#chart")
        inside = plot.inflate(-theme.space(2), -theme.space(1.5))
        self.chart = render(theme, inside.size, self.bars)
        UIImage(inside, self.chart, ui.manager)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == READY and self.bars is None and self.counting.done.is_set():
            return Go(self)  # lay out again, with the chart
        return super().handle(event)

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            return Pop()
        return super().key(event)


# --- the chart ------------------------------------------------------------------------------


def render(theme: Theme, size: tuple[int, int], bars: list[EndingBar]) -> pygame.Surface:
    """One bar per ending, its share of the games at its end; yours and history's marked."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    if not bars:
        return surface
    size_name = "body" if theme.text_font("body").get_linesize() * 1.3 * len(bars) <= size[1] else "small"
    body = theme.text_font(size_name)  # many endings in a short chart: the smaller type, so all show
    bold = theme.text_font(size_name, "bold")
    tag_font = theme.text_font("small", "bold")
    line = body.get_linesize()
    gap = theme.space(0.75)
    label_width = min(round(size[0] * 0.34), max(bold.size(bar.title)[0] for bar in bars) + gap)
    share_width = bold.size("100%")[0] + gap
    row = max(1, min(size[1] // len(bars), line * 4))
    two_lines = row >= line * 2.2  # room for a long title to wrap; else it is cut short
    bar_left = label_width + gap
    tags = _tag_width(theme, tag_font)
    bar_room = max(10, size[0] - bar_left - share_width - tags)
    top = max(0, (size[1] - row * len(bars)) // 2)
    biggest = max(bar.share for bar in bars) or 1.0
    for index, bar in enumerate(bars):
        y = top + index * row
        font = bold if bar.yours else body
        if two_lines:
            lines = wrap(font, bar.title, label_width - gap)[:2]
        else:
            lines = [cut(font, bar.title, label_width - gap)]
        text_y = y + (row - line * len(lines)) // 2
        for text in lines:
            image = font.render(text, True, theme.colour("ink"))
            surface.blit(image, image.get_rect(topright=(label_width, text_y)))
            text_y += line
        thickness = max(6, min(round(row * 0.5), line))
        length = max(2, round(bar_room * bar.share / biggest)) if bar.count else 0
        rect = pygame.Rect(bar_left, y + (row - thickness) // 2, length, thickness)
        colour = theme.colour("accent") if bar.yours else theme.colour("line")
        pygame.draw.rect(
            surface, theme.colour("surface"), (bar_left, rect.y, bar_room, thickness), border_radius=3
        )
        if length:
            pygame.draw.rect(surface, colour, rect, border_radius=3)
        if bar.historical:  # history's ending: outlined, whatever its fill
            pygame.draw.rect(
                surface, theme.colour("good"), rect.inflate(4, 4), max(2, theme.line_width()), border_radius=4
            )
        share = bold.render(percent(bar.share), True, theme.colour("ink"))
        x = rect.right + gap
        surface.blit(share, share.get_rect(midleft=(x, rect.centery)))
        x += share.get_width() + gap
        for text, colour_name, shown in (
            (_("YOUR ENDING"), "accent", bar.yours),
            (_("HISTORY"), "good", bar.historical),
        ):
            if shown:
                x += _tag(surface, theme, tag_font, text, colour_name, (x, rect.centery)) + theme.space(0.5)
    return surface


def _tag_width(theme: Theme, font: pygame.font.Font) -> int:
    pad = theme.space(0.4)
    return sum(font.size(text)[0] + 2 * pad + theme.space(0.5) for text in (_("YOUR ENDING"), _("HISTORY")))


def _tag(
    surface: pygame.Surface, theme: Theme, font: pygame.font.Font, text: str, colour: str, at: tuple[int, int]
) -> int:
    """A small label in a coloured box, its left edge at `at`; returns its width."""
    pad = theme.space(0.4)
    image = font.render(text, True, theme.colour("on_accent"))
    box = pygame.Rect(0, 0, image.get_width() + 2 * pad, image.get_height() + pad // 2)
    box.midleft = at
    pygame.draw.rect(surface, theme.colour(colour), box, border_radius=4)
    surface.blit(image, image.get_rect(center=box.center))
    return box.width
