"""The "what if" branches side by side: one row per turn on which someone chose, a column
for history and one for each branch, the turns where the branches parted marked, and
the endings under them. A branch's heading is a button: it switches to that branch.

The table is `present.compare_branches`, as in the terminal and the report.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIPanel, UIScrollingContainer, UITextBox

from game.i18n import _, local
from game.report import branches_legend
from game.ui.present import (
    BranchRow,
    BranchTable,
    PathStep,
    compare_branches,
    on_branch,
    session_label,
    turn_short_date,
)
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Go, Pop, Screen, Transition
from game.ui.pygame.turn import frame
from game.ui.pygame.widgets import Markup, esc

MOST_BRANCHES = 5  # columns shown; the branch being played is always among them


class BranchesScreen(Screen):
    name = "branches"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.branches is not None
        self.table: BranchTable = compare_branches(context.branches)
        self.shown = shown_branches(len(self.table.names), self.table.current)

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _(
            "Tab or arrows move \u00b7 Enter plays that branch \u00b7 PageUp/PageDown scroll \u00b7 Esc back"
        )

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = frame(ui)
        count = len(self.table.names)
        subtitle = _("{count} paths of this game, against history").format(count=count)
        top = self.heading(ui, body, _("What if?"), _("What if? The branches side by side"), subtitle)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        legend_h = widgets.line_height(theme, "small")
        legend, body = widgets.cut_bottom(body, legend_h, theme.space(0.5))
        widgets.label(ui, legend, branches_legend(), "#muted")
        self.columns = self._columns(ui, body)
        head_h = widgets.button_height(ui)
        head, body = widgets.cut_top(body, head_h, theme.space(0.5))
        self._heads(ui, head)
        self._grid(ui, body)
        self._footer(ui, footer)

    def _columns(self, ui: UI, body: pygame.Rect) -> list[pygame.Rect]:
        """x and width of each column: the turn, history, then each branch shown."""
        gap = ui.theme.space(0.5)
        first = round(body.width * (0.2 if len(self.shown) > 2 else 0.24))
        rest = body.width - first - widgets.SCROLL_BAR - gap
        width = (rest - gap * len(self.shown)) // (len(self.shown) + 1)
        rects = [pygame.Rect(0, 0, first, 0)]
        x = first + gap
        for _column in range(len(self.shown) + 1):
            rects.append(pygame.Rect(x, 0, width, 0))
            x += width + gap
        return rects

    def _heads(self, ui: UI, row: pygame.Rect) -> None:
        inset = ui.theme.space(0.75)  # in line with the cells' text, which sits inside their padding
        for column, text in ((0, _("TURN")), (1, _("HISTORY"))):
            widgets.label(ui, self._at(row, column).inflate(-2 * inset, 0), text, "#eyebrow")
        for column, index in enumerate(self.shown, start=2):
            name = self.table.names[index]
            current = index == self.table.current
            text = (
                _("Branch {name} (played)").format(name=name)
                if current
                else _("Play branch {name}").format(name=name)
            )
            tip = (
                None
                if current
                else _("Switch to branch {name} and play on from where it stands").format(name=name)
            )
            element = widgets.button(
                ui, self._at(row, column), text, "#primary" if current else "", tooltip=tip
            )
            self.focusable(element, lambda index=index: self.switch(index))
            if current:
                self.focus_index = len(self._ring) - 1

    def _at(self, row: pygame.Rect, column: int) -> pygame.Rect:
        rect = self.columns[column]
        return pygame.Rect(row.x + rect.x, row.y, rect.width, row.height)

    def _grid(self, ui: UI, rect: pygame.Rect) -> None:
        """The rows in a box that scrolls; parted rows on a card, so the eye finds them."""
        theme = ui.theme
        markup = Markup(theme)
        box = widgets.scrolling(ui, rect)
        self.reading.append(box)
        gap = theme.space(0.4)
        y = 0
        rows = [(self._turn_cell(markup, row), row.history, row.cells, row.parted) for row in self.table.rows]
        for label, history, cells, parted in rows:
            texts = [label, self._history_cell(markup, history)]
            texts += [self._branch_cell(markup, cells[index]) for index in self.shown]
            y += self._row(ui, box, y, texts, parted) + gap
        ending_word = _("Ending")
        endings = [markup.font(f"<b>{esc(ending_word)}</b>", None, "accent")]
        endings.append(f"<b>{esc(local(self.table.historical_ending.title))}</b>")
        for index in self.shown:
            ending = self.table.endings[index]
            endings.append(f"<b>{esc(local(ending.title))}</b>" if ending else markup.muted(_("(not ended)")))
        y += self._row(ui, box, y, endings, True)
        box.set_scrollable_area_dimensions((rect.width - widgets.SCROLL_BAR, max(y, 1)))

    def _row(self, ui: UI, box: UIScrollingContainer, y: int, texts: list[str], parted: bool) -> int:
        """One row of cells at `y`, as tall as its tallest cell. Returns its height.

        A row where the branches parted sits on a card, so the eye finds it; the card is
        made first, so that it is drawn under the cells, and sized once they are laid out.
        """
        backing = None
        if parted:
            width = self.columns[-1].right
            backing = UIPanel(
                pygame.Rect(0, y, width, 10), manager=ui.manager, container=box, object_id="#card"
            )
        made: list[UITextBox] = []
        for column, text in enumerate(texts):
            rect = pygame.Rect(self.columns[column].x, y, self.columns[column].width, -1)
            made.append(widgets.text_box(ui, rect, text, "#card_text", container=box))
        height = max(cell.rect.height for cell in made)
        if backing is not None:
            backing.set_dimensions((backing.relative_rect.width, height))
        return height

    def _turn_cell(self, markup: Markup, row: BranchRow) -> str:
        turn = row.turn
        return (
            markup.font(esc(turn_short_date(turn)), "small", "muted")
            + "<br><b>"
            + esc(local(turn.title))
            + "</b>"
        )

    def _history_cell(self, markup: Markup, history: tuple[str, ...]) -> str:
        return esc(" / ".join(history)) if history else markup.muted("\u2014")

    def _branch_cell(self, markup: Markup, steps: tuple[PathStep, ...] | None) -> str:
        if steps is None:
            return markup.muted("\u2014")
        matched = all(step.matched for step in steps)
        mark = (
            markup.font("<b>=</b>", None, "good") if matched else markup.font("<b>\u2260</b>", None, "warn")
        )
        return f"{mark} " + esc(" / ".join(step.chosen for step in steps))

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        rect = self.footer_button(ui, rect, _("Back"), self.back)
        widgets.hint_line(ui, rect, self.footer_text())

    # --- what the player does ---

    def switch(self, index: int) -> Transition | None:
        """Play another branch from where it stands (the one being played stays as it is)."""
        from game.ui.pygame.ending import EndingScreen
        from game.ui.pygame.hotseat import first_screen  # with two teams, the handover first

        branches = self.context.branches
        assert branches is not None
        if index == branches.current:
            return self.back()
        switched = branches.switch(index)
        self.context.adopt(switched)
        session = switched.session
        said = on_branch(switched.branch.name, session_label(session))
        if session.state.finished:
            self.context.say(said)
            return Go(EndingScreen(self.context), reset=True)
        return Go(first_screen(self.context, note=esc(said)), reset=True)

    def back(self) -> Transition:
        return Pop()

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            return self.back()
        return super().key(event)


def shown_branches(count: int, current: int) -> list[int]:
    """Which branches get a column: all when they fit, else the one played and the newest."""
    if count <= MOST_BRANCHES:
        return list(range(count))
    newest = [index for index in range(count - 1, -1, -1) if index != current][: MOST_BRANCHES - 1]
    return sorted([current, *newest])
