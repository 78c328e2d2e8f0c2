"""The class vote: the teacher counts the show of hands for each open choice.

A number key adds a hand to that choice, Backspace takes back the last hand
added, and the mouse does the same with each choice's + and - (or a click on
the choice). The count, the winner and the tie rule stay on the screen as the
hands are counted; "Go with the vote" takes the winner as the decision, and the
tally goes into the session (and so the save and the report).
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UIStatusBar, UITextBox

from game.engine.rules import Option, current_turn, options
from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import Role, Turn
from game.ui.classroom import Tally, hands_text, tie_rule_text
from game.ui.pygame import hotseat, widgets
from game.ui.pygame import turn as turn_screen
from game.ui.pygame.hotseat import Draft
from game.ui.pygame.screen import UI, Context, Go, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


class VoteScreen(Screen):
    hints = N_(
        "1\u20139 add a hand \u00b7 Backspace takes one back \u00b7 Enter goes with the vote "
        "\u00b7 Tab moves \u00b7 Esc menu"
    )

    def __init__(self, context: Context, role: Role, draft: Draft) -> None:
        super().__init__(context)
        assert context.session is not None
        self.session: Session = context.session
        self.role = role
        self.draft = draft
        turn = current_turn(self.session.scenario, self.session.state)
        assert turn is not None
        self.turn: Turn = turn
        self.options: list[Option] = options(self.session.scenario, self.session.state, role)
        self.tally = Tally.for_options(self.options)
        self.counts: dict[str, UILabel] = {}
        self.bars: dict[str, UIStatusBar] = {}
        self.result: UITextBox | None = None
        self.confirm: UIButton | None = None
        self.type_size: str | None = None  # the choices' type: "h2" when there is room, else body
        self.focus_index = -1  # not chosen yet: "Go with the vote"

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"vote-{len(self.session.state.log) + 1}" + (
            f"-{self.role}" if hotseat.teams(self.session) else ""
        )

    def teacher_turn(self) -> Turn | None:
        return self.turn

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = turn_screen.frame(ui)
        if hotseat.teams(self.session):
            who = self.context.room.teams.called(self.role)
        else:
            who = local(self.session.scenario.title)
        eyebrow = _("Turn {number} \u00b7 class vote \u00b7 {who}").format(
            number=len(self.session.state.log) + 1, who=who
        )
        top = turn_screen.turn_header(self, ui, body, self.turn, eyebrow)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        left, right = turn_screen.columns(ui, body, projector_share=0.66)
        caption, rows = widgets.cut_top(left, widgets.line_height(theme, "small"), theme.space(0.4))
        widgets.label(ui, caption, _("COUNT THE HANDS FOR EACH CHOICE"), "#eyebrow")
        self._rows(ui, rows)
        self.result = self.readable(widgets.text_box(ui, right, self._summary(ui), "#sheet"))
        self._footer(ui, footer)
        self.refresh()

    # --- the choices, each with its hands ---

    def _rows(self, ui: UI, rect: pygame.Rect) -> None:
        theme = ui.theme
        gap = theme.space(0.5)
        side = widgets.button_height(ui)  # the + and - buttons are square
        count_width = theme.text_font("h1", "bold").size("888")[0] + theme.space(0.5)
        controls = 2 * side + count_width + 2 * gap
        inner_width = rect.width - widgets.SCROLL_BAR - gap
        # the choices as large as the room allows: the class reads them from its seats
        self.type_size = "h2" if self._fits(ui, "h2", inner_width - controls - gap, rect.height) else None
        box = widgets.scrolling(ui, rect)
        y = 0
        for option in self.options:
            y = self._row(ui, box, option, y, inner_width, controls, count_width, side) + gap
        total = max(y - gap, 1)
        if total <= rect.height:
            box.set_dimensions((rect.width, total))
        box.set_scrollable_area_dimensions((inner_width, total))
        self.box = box

    def _fits(self, ui: UI, size: str, width: int, height: int) -> bool:
        """Would the choices fit `height` in type `size`? Estimated from the font alone (laying the
        text boxes out twice would double the cost of the screen)."""
        theme = ui.theme
        font = theme.text_font(size)
        room = max(1, width - theme.space(4))  # the key cap and the card's padding
        needed = 0
        for option in self.options:
            lines = font.size(local(option.choice.text))[0] / room + 0.6  # wrapping wastes part of a line
            lines += 0 if option.available else 1
            needed += round(lines + 0.5) * font.get_linesize() + theme.space(2.2)
        return needed <= height

    def _row(
        self,
        ui: UI,
        box: widgets.Container,
        option: Option,
        y: int,
        width: int,
        controls: int,
        count_width: int,
        side: int,
    ) -> int:
        """One choice: its card, the count and a bar of its share, and - and +. Returns its bottom."""
        theme = ui.theme
        gap = theme.space(0.5)
        text = self._choice_text(option, self.type_size)
        made = widgets.card(
            ui,
            0,
            y,
            width - controls - gap,
            text,
            key=str(option.number),
            closed=not option.available,
            container=box,
        )
        thickness = widgets.bar_thickness(theme)
        inset = theme.space(0.6)
        height = max(made.rect.height + thickness + inset // 2, side)
        made.stretch(height)
        if not option.available:
            return y + height
        choice = option.choice.id
        # the choice's share of the hands, along the bottom of its card
        bar = UIStatusBar(
            pygame.Rect(inset, y + height - inset // 2 - thickness, made.rect.width - 2 * inset, thickness),
            ui.manager,
            container=box,
        )
        x = width - controls
        middle = y + (height - side) // 2
        minus = UIButton(
            pygame.Rect(x, middle, side, side), "\u2013", ui.manager, container=box, object_id="#step"
        )
        minus.set_tooltip(
            _("One hand fewer for choice {number} (Backspace takes back the last hand)").format(
                number=option.number
            )
        )
        count = UILabel(
            pygame.Rect(x + side + gap, middle, count_width, side),
            "0",
            ui.manager,
            container=box,
            object_id="#count",
        )
        plus = UIButton(
            pygame.Rect(x + side + count_width + 2 * gap, middle, side, side),
            "+",
            ui.manager,
            container=box,
            object_id="#step",
        )
        plus.set_tooltip(_("One hand more for choice {number} (key {number})").format(number=option.number))
        self.counts[choice], self.bars[choice] = count, bar
        self.focusable(plus, lambda: self.change(self.tally.add(choice)))
        self.focusable(minus, lambda: self.change(self.tally.remove(choice)))
        self.on_press(made.hit, lambda: self.change(self.tally.add(choice)))
        return y + height

    def _choice_text(self, option: Option, size: str | None) -> str:
        text = esc(local(option.choice.text))
        if not option.available:
            text += "<br><i>" + esc(_("Not possible now: no hands are counted for it")) + "</i>"
        return Markup(self.theme).font(text, size) if size else text

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        space = ui.theme.space(1)
        go = _("Go with the vote")
        right, rest = widgets.cut_right(rect, widgets.button_width(ui, go), space)
        self.confirm = widgets.button(ui, right, go, "#primary", tooltip=_("Take the winning choice (Enter)"))
        index = self.focusable(self.confirm, self.go)
        back = _("Back to the choices")
        left, rest = widgets.cut_right(rest, widgets.button_width(ui, back), space)
        self.focusable(widgets.button(ui, left, back), self.back)
        widgets.hint_line(ui, rest, self.footer_text())
        if self.focus_index < 0:
            self.focus_index = index

    def _summary(self, ui: UI) -> str:
        """The count so far and the winner, the rule for a tie (always shown: it is said before the
        class votes), and how to count."""
        markup = Markup(ui.theme)
        lines = [markup.eyebrow(_("The count"))] + self._result_lines(markup)
        lines.append(markup.muted(_("{hands} counted in all.").format(hands=hands_text(self.tally.total))))
        lines += ["", markup.eyebrow(_("If there is a tie"), "uncertain"), esc(tie_rule_text())]
        how = _(
            "Press a choice's number once for every hand raised for it; Backspace takes back the "
            "last hand. With the mouse: + and \u2013, or click the choice."
        )
        lines += ["", markup.eyebrow(_("How to count")), markup.muted(how)]
        return "<br>".join(lines)

    def _result_lines(self, markup: Markup) -> list[str]:
        """'Choice 2 wins', the choice itself, and the tie if there was one."""
        result = self.tally.result()
        if result is None:
            return [markup.font("<b>" + esc(_("Nobody has voted yet.")) + "</b>", "h2", "muted")]
        won = next(option for option in self.options if option.choice.id == result.winner)
        lines = [
            markup.font(
                "<b>" + esc(_("Choice {number} wins").format(number=won.number)) + "</b>", "h1", "accent"
            ),
            esc(local(won.choice.text)),
        ]
        if result.was_tie:
            numbers = {option.choice.id: option.number for option in self.options}
            tied = ", ".join(str(numbers[choice]) for choice in result.tied)
            tie = _("A tie between {choices}: {hands} each.").format(
                choices=tied, hands=hands_text(result.hands)
            )
            lines.append(markup.font(esc(tie), None, "uncertain"))  # the rule that broke it is just below
        return lines

    # --- counting ---

    def change(self, tally: Tally) -> None:
        self.tally = tally
        self.refresh()

    def refresh(self) -> None:
        """Show the counts, each choice's share, the result and whether it can be taken."""
        total = self.tally.total
        result = self.tally.result()
        for choice, label in self.counts.items():
            count = self.tally.count_of(choice)
            label.set_text(str(count))
            style = "#count_win" if result is not None and choice == result.winner else "#count"
            if label.object_ids[-1] != style:  # the winner's count in the accent colour
                label.change_object_id(style)
            self.bars[choice].percent_full = count / total if total else 0.0
        if self.result is not None and self.ui is not None:
            self.result.set_text(self._summary(self.ui))
        if self.confirm is not None:
            if self.tally.result() is None:
                self.confirm.disable()
            else:
                self.confirm.enable()

    def go(self) -> Transition | None:
        """The winner by the engine's rule is the decision; the tally goes with it."""
        result = self.tally.result()
        if result is None:
            return None
        by = self.context.room.teams.by(self.role) if hotseat.teams(self.session) else None
        draft = self.draft.with_pick(self.session, self.role, result.winner, by, self.tally)
        return hotseat.next_step(self.context, draft)

    def back(self) -> Transition:
        from game.ui.pygame.turn import TurnScreen

        return Go(TurnScreen(self.context, role=self.role, draft=self.draft))

    def key(self, event: pygame.event.Event) -> Transition | None:
        number = widgets.number_key(event)
        if number is not None:
            self.change(self.tally.press(number))
            return None
        if event.key == pygame.K_BACKSPACE:
            self.change(self.tally.backspace())
            return None
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.go()  # Enter always goes with the vote; Space presses the button in focus
        return super().key(event)
