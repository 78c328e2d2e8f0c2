"""Loading a saved game: every save in the folder, newest first, the autosaves marked;
the one in focus described beside the list. A damaged file has been set aside by
game.saves by the time the list shows; its one line is shown here."""

from __future__ import annotations

import pygame
from pygame_gui.core import UIElement
from pygame_gui.elements import UITextBox

from game.i18n import _, ngettext
from game.saves import Loaded, SaveInfo, SaveProblem, load
from game.ui.present import role_name, save_title, session_label, welcome_back
from game.ui.pygame import widgets
from game.ui.pygame.saving import resume_screen, store_of
from game.ui.pygame.screen import UI, Context, Go, PickScreen, Pop, Transition
from game.ui.pygame.turn import frame
from game.ui.pygame.widgets import Markup, esc


class LoadScreen(PickScreen):
    name = "load"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.store = store_of(context)
        self.problems: list[str] = []  # lines to show over the list: damaged files, a failed load
        self.infos: list[SaveInfo] = []
        self.read()
        self.selected = 0
        self.details: list[UIElement] = []

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _("1\u20139 or arrows pick \u00b7 Enter loads \u00b7 Backspace or Esc back")

    def read(self) -> None:
        """The saves in the folder (again: a load that failed may have set one aside)."""
        infos, problems = self.store.entries()
        self.infos = infos
        self.problems += [problem.message for problem in problems]
        self.cards = []

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = frame(ui)
        top = self.heading(ui, body, _("Saved games"), _("Load a saved game"), None)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        if self.problems:
            text = "<br>".join(esc(line) for line in self.problems[-3:])
            height = round(
                theme.text_font("body").get_linesize() * min(4, 1 + len(self.problems))
            ) + theme.space(1)
            note, body = widgets.cut_top(body, height, theme.space(1))
            self.note: UITextBox | None = widgets.text_box(ui, note, text, "#note")
        if not self.infos:
            empty = _(
                "There are no saved games yet. During a game, Esc opens the menu, where you can save it."
            )
            widgets.text_box(ui, pygame.Rect(body.x, body.y, body.width, -1), esc(empty), "#sheet")
            self._footer(ui, footer)
            return
        left, right = widgets.cut_left(body, round(body.width * 0.5), theme.space(1.5))
        self.detail_rect = right
        self.list, self.cards, _used = widgets.card_list(
            ui, left, [self._spec(ui, info, n) for n, info in enumerate(self.infos, 1)]
        )
        for index, made in enumerate(self.cards):
            self.focusable(made.hit, self.choose_focused, lambda index=index: self.show(index))
        self.focus_index = min(self.selected, len(self.cards) - 1)
        self._footer(ui, footer)

    def _spec(self, ui: UI, info: SaveInfo, number: int) -> widgets.CardSpec:
        markup = Markup(ui.theme)
        title = save_title(info.name, info.autosave, info.path == self.store.autosave_path)
        autosave = _("AUTOSAVE")
        tag = "  " + markup.font(f"<b>{esc(autosave)}</b>", "small", "accent") if info.autosave else ""
        label = "" if title == info.label else "<br>" + esc(info.label)
        when = markup.muted(_("saved {when}").format(when=info.saved))
        lines = f"<b>{esc(title)}</b>{tag}{label}<br>{when}"
        return widgets.CardSpec(lines, key=str(number) if number <= 9 else None)

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        if self.infos:
            rect = self.footer_button(ui, rect, _("Load this game"), self.choose, "#primary")
        rect = self.footer_button(ui, rect, _("Back"), self.back)
        widgets.hint_line(ui, rect, self.hints)

    def show(self, index: int) -> None:
        """Describe the save in focus beside the list."""
        assert self.ui is not None
        self.selected = index
        widgets.scroll_into_view(self.list, self.cards[index].hit)
        for element in self.details:
            element.kill()
        text = describe(self.ui, self.infos[index])
        self.details = [widgets.text_box(self.ui, self.detail_rect, text, "#sheet")]
        self.reading[:] = self.details

    # --- what the player does ---

    def choose(self) -> Transition | None:
        if not self.infos:
            return None
        info = self.infos[self.selected]
        result = load(info.path, self.context.catalog)
        if isinstance(result, SaveProblem):
            return self.failed(result.message)
        return self.loaded(result)

    def loaded(self, loaded: Loaded) -> Transition:
        several = len(loaded.branches.branches) > 1
        self.context.say(
            welcome_back(session_label(loaded.session), loaded.branches.branch.name if several else None)
        )
        return Go(resume_screen(self.context, loaded), reset=True)

    def failed(self, message: str) -> Transition:
        """Say why, on the list read afresh (a damaged file is no longer in it)."""
        self.problems.append(message)
        self.read()
        self.selected = min(self.selected, max(len(self.infos) - 1, 0))
        return Go(self)

    def back(self) -> Transition:
        return Pop()

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_ESCAPE:
            return self.back()
        return super().key(event)


def describe(ui: UI, info: SaveInfo) -> str:
    """A save in words: what it is a game of, who played, how far it went, its branches, its file."""
    markup = Markup(ui.theme)
    save = info.save
    reached = save.reached
    lines = [markup.heading(info.name, "h2", "ink"), markup.eyebrow(save.scenario.title, "accent")]
    played = _(" and ").join(role_name(role) for role in save.roles)
    lines.append("<br>" + esc(_("Played as the {roles}").format(roles=played)))
    turns = ngettext("{count} turn played", "{count} turns played", reached.turns).format(count=reached.turns)
    if reached.ending:
        lines.append(esc(_("{turns}; the game has ended.").format(turns=turns)))
    else:
        lines.append(esc(_("{turns}; it stands at {date}.").format(turns=turns, date=reached.shown)))
    if save.other_branches:
        names = sorted([save.branch.name, *(branch.name for branch in save.other_branches)])
        lines.append(esc(_("Branches (what if): {names}").format(names=", ".join(names))))
    lines.append("<br>" + markup.muted(_("Saved {when}").format(when=info.saved)))
    lines.append(markup.muted(str(info.path)))
    return "<br>".join(lines)
