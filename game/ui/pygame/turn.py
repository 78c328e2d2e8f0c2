"""The turn: the date and place, the situation, the map, the variables, and the choices.

Choices are cards numbered 1-9. A choice that is not possible now stays on the
screen, greyed, because teachers want the class to discuss why: its reason is in
its tooltip, and shown under the choices when it is selected (by click, number
key or focus). Backspace takes back the last decision.

The screen shows one role's choices: the player's, or one team's (two teams at
one screen, see hotseat.py). With a class vote, choosing opens the vote screen,
where the hands are counted, instead of deciding at once.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.engine.rules import Option, current_turn, options
from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import Role, Scenario, Turn
from game.ui.present import closed_reason, role_title, turn_date, visible_variables
from game.ui.pygame import hotseat, mapview, widgets
from game.ui.pygame.hotseat import Draft
from game.ui.pygame.screen import UI, Context, Go, Screen, Transition
from game.ui.pygame.widgets import esc


def pins(scenario: Scenario, here: str | None) -> list[mapview.Pin]:
    """The scenario's places, the turn's own place marked."""
    return [
        mapview.Pin(local(place.name), (place.at.lon, place.at.lat), here=place_id == here)
        for place_id, place in scenario.places.items()
    ]


def place_map(ui: UI, rect: pygame.Rect, scenario: Scenario, here: str | None) -> None:
    """The map for a turn: all the scenario's places in view, so it stays put from turn to turn."""
    marked = pins(scenario, here)
    view = mapview.view_for([pin.at for pin in marked], rect.width / max(rect.height, 1))
    widgets.map_image(ui, rect, view, marked)


def variable_bars(
    ui: UI,
    rect: pygame.Rect,
    scenario: Scenario,
    values: dict[str, float],
    container: widgets.Container = None,
) -> int:
    """The visible variables as labelled bars, top-down in `rect`. Returns the height used."""
    gap = ui.theme.space(0.6)
    y = rect.y
    for shown in visible_variables(scenario, values):
        used = widgets.bar(
            ui,
            pygame.Rect(rect.x, y, rect.width, 0),
            local(shown.label),
            shown.text,
            shown.share,
            container=container,
            tooltip=esc(local(shown.description)) if shown.description else None,
        )
        y += used + gap
    return y - gap - rect.y


def bars_height(ui: UI, scenario: Scenario) -> int:
    count = sum(not variable.hidden for variable in scenario.variables.values())
    one = widgets.line_height(ui.theme, "small") + widgets.bar_thickness(ui.theme)
    return count * one + max(0, count - 1) * ui.theme.space(0.6)


def side_column(
    ui: UI, rect: pygame.Rect, scenario: Scenario, here: str | None, values: dict[str, float]
) -> None:
    """The right-hand column of the turn: the map on top, the variables' bars under it.

    The bars get the room they need first (down to a third of the column for the map);
    if there are too many even then, they scroll.
    """
    theme = ui.theme
    caption_height = widgets.line_height(theme, "small")
    needed = bars_height(ui, scenario) + caption_height + theme.space(1.3)
    map_height = min(round(rect.width / 1.35), max(round(rect.height * 0.34), rect.height - needed))
    map_rect, rest = widgets.cut_top(rect, map_height, theme.space(1))
    place_map(ui, map_rect, scenario, here)
    caption, rest = widgets.cut_top(rest, caption_height, theme.space(0.3))
    widgets.label(ui, caption, _("HOW THINGS STAND"), "#eyebrow")
    if bars_height(ui, scenario) <= rest.height:
        variable_bars(ui, rest, scenario, values)
        return
    box = widgets.scrolling(ui, rest)
    inner = pygame.Rect(0, 0, rest.width - widgets.SCROLL_BAR - theme.space(0.5), 0)
    used = variable_bars(ui, inner, scenario, values, container=box)
    box.set_scrollable_area_dimensions((inner.width, used))


def columns(ui: UI, body: pygame.Rect, projector_share: float = 0.7) -> tuple[pygame.Rect, pygame.Rect]:
    """The reading column and the side column (map and bars)."""
    share_left = projector_share if ui.theme.projector else 0.58  # big type needs the wider column
    return widgets.cut_left(body, round(body.width * share_left), ui.theme.space(1.5))


def frame(ui: UI) -> tuple[pygame.Rect, pygame.Rect]:
    """The screen's margins and footer: returns (body, footer)."""
    theme = ui.theme
    margin = theme.space(1.5)
    body = ui.rect.inflate(-2 * margin, -2 * margin)
    footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
    return body, footer


def turn_header(screen: Screen, ui: UI, rect: pygame.Rect, turn: Turn, eyebrow: str) -> int:
    """Date and place, big; the turn's title under them."""
    assert screen.context.scenario is not None
    place = local(screen.context.scenario.places[turn.place].name)
    return screen.heading(ui, rect, eyebrow, f"{turn_date(turn)} \u00b7 {place}", local(turn.title))


class TurnScreen(Screen):
    hints = N_(
        "1\u20139 choose \u00b7 Tab or arrows move \u00b7 Enter confirms \u00b7 Backspace undo "
        "\u00b7 G glossary \u00b7 Esc menu"
    )

    def __init__(
        self, context: Context, note: str | None = None, role: Role | None = None, draft: Draft | None = None
    ) -> None:
        """`note` is markup shown under the choices (e.g. after an undo); `role` the role choosing
        (by default the first still to choose); `draft` the choices already taken on this turn."""
        super().__init__(context)
        assert context.session is not None and context.role is not None
        self.session: Session = context.session
        self.draft = draft or Draft()
        still = hotseat.waiting(self.session, self.draft)
        self.role: Role = role or (still[0] if still else context.role)
        turn = current_turn(self.session.scenario, self.session.state)
        assert turn is not None
        self.turn: Turn = turn
        self.options: list[Option] = options(self.session.scenario, self.session.state, self.role)
        self.must_choose = self.role in self.session.roles_to_choose()
        self.teams = hotseat.teams(self.session)
        self.vote = context.room.vote
        problem = context.keeper.take_problem() if context.keeper else None
        self.note = esc(problem) if problem and note is None else note
        self.note_box: UITextBox | None = None
        self.showing_reason = False  # the note is a closed choice's reason (not a message)

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"turn-{len(self.session.state.log) + 1}" + (f"-{self.role}" if self.teams else "")

    def teacher_turn(self) -> Turn | None:
        return self.turn

    def who(self) -> str:
        """Who chooses, for the line over the heading: the role, or the team that has the screen."""
        if self.teams and self.must_choose:
            return self.context.room.teams.called(self.role)
        return role_title(self.role) if not self.teams else _("Both teams")

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        scenario = self.session.scenario
        body, footer = frame(ui)
        number = len(self.session.state.log) + 1
        eyebrow = _("Turn {number} \u00b7 {who} \u00b7 {scenario}").format(
            number=number, who=self.who(), scenario=local(scenario.title)
        )
        top = turn_header(self, ui, body, self.turn, eyebrow)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        reading, side = columns(ui, body)
        situation, choices = self._split_reading(ui, reading)
        side_column(ui, side, scenario, self.turn.place, dict(self.session.state.values))
        text = self.linked(self.turn.situation_for(self.role))
        self.situation = self.readable(widgets.text_box(ui, situation, text, "#sheet"))
        self._choices(ui, choices)
        self._footer(ui, footer)

    def _split_reading(self, ui: UI, rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        """The situation over the choices. The choices get what they need, up to 70%: a class
        votes on them, so they should be seen whole; a long situation scrolls (PageDown)."""
        theme = ui.theme
        needed = widgets.card_list_height(ui, rect.width, self._specs())
        needed += self._note_height(ui) + widgets.line_height(theme, "small") + theme.space(1.5)
        used = min(round(rect.height * 0.7), needed)
        choices, situation = widgets.cut_bottom(rect, used, theme.space(0.75))
        return situation, choices

    def _note_height(self, ui: UI) -> int:
        """Room under the choices for why one is closed (or a message), when it may be needed."""
        if self.note is None and all(option.available for option in self.options):
            return 0
        return round(ui.theme.text_font("body").get_linesize() * 2.4) + ui.theme.space(0.75)

    def _choices(self, ui: UI, rect: pygame.Rect) -> None:
        """'What do you do?', the choice cards, and the note under them."""
        theme = ui.theme
        caption, rest = widgets.cut_top(rect, widgets.line_height(theme, "small"), theme.space(0.4))
        widgets.label(ui, caption, self._question(), "#eyebrow")
        note_height = self._note_height(ui)
        if note_height:
            note_rect, rest = widgets.cut_bottom(rest, note_height - theme.space(0.75), theme.space(0.75))
        self.list, self.cards, needed = widgets.card_list(ui, rest, self._specs())
        if needed < rest.height:
            self.list.set_dimensions((rest.width, needed))
            if note_height:  # the note goes right under the cards
                note_rect.y = rest.y + needed + theme.space(0.75)
        if self.must_choose:
            for option, made in zip(self.options, self.cards, strict=True):
                self.focusable(
                    made.hit,
                    lambda option=option: self.pick(option),
                    lambda option=option: self.focused_option(option),
                )
        else:
            self.focusable(self.cards[0].hit, self.carry_on)
        if note_height:
            self.note_box = widgets.text_box(ui, note_rect, self.note or "", "#note")
            if self.note is None:
                self.note_box.hide()

    def _question(self) -> str:
        """The line over the choices: who is asked, and how they answer."""
        if not self.must_choose:
            return _("EVENTS MOVE ON")
        if self.vote:
            return _("WHAT DOES THE CLASS CHOOSE? PICK ONE TO COUNT THE HANDS")
        if self.teams:
            return (
                _("{team}, what do you choose?")
                .format(team=self.context.room.teams.called(self.role))
                .upper()
            )
        return _("WHAT DO YOU DO?")

    def _specs(self) -> list[widgets.CardSpec]:
        if not self.must_choose:
            if self.teams:
                text = _("Neither team has a decision to take on this turn; events move on.")
            elif self.role == "negotiator":
                text = _("You have no decision to take on this turn; events move on without the negotiator.")
            else:
                text = _("You have no decision to take on this turn; events move on without the commander.")
            return [widgets.CardSpec(esc(text) + " <b>" + esc(_("Continue.")) + "</b>", key="1")]
        specs = []
        for option in self.options:
            text = esc(local(option.choice.text))
            if option.available:
                specs.append(widgets.CardSpec(text, key=str(option.number)))
            else:
                reason = closed_reason(self.session.scenario, option).rstrip(".")
                closed = esc(_("Not possible now"))
                specs.append(
                    widgets.CardSpec(
                        f"{text}<br><i>{closed}</i>",
                        key=str(option.number),
                        closed=True,
                        tooltip=f"<b>{closed}:</b> {esc(reason)}.",
                    )
                )
        return specs

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        undo = _("Undo last decision")
        right, rest = widgets.cut_right(rect, widgets.button_width(ui, undo), ui.theme.space(1))
        self.undo_button = widgets.button(
            ui, right, undo, tooltip=_("Take back your last decision and choose again (Backspace)")
        )
        if not self.session.can_undo() and not self.draft.picks:
            self.undo_button.disable()
        self.on_press(self.undo_button, self.undo)
        widgets.hint_line(ui, rest, self.footer_text())

    # --- what the player does ---

    def show_note(self, markup: str | None) -> None:
        self.note = markup
        self.showing_reason = False
        if self.note_box is None:
            return
        if markup is None:
            self.note_box.hide()
        else:
            self.note_box.set_text(markup)
            self.note_box.show()

    def focused_option(self, option: Option) -> None:
        """Focus on a closed choice shows why it is closed; moving on clears that (and only that)."""
        widgets.scroll_into_view(self.list, self.cards[option.number - 1].hit)
        if not option.available:
            reason = esc(closed_reason(self.session.scenario, option).rstrip("."))
            closed = esc(_("Not possible now"))
            self.show_note(f"<b>{option.number}. {closed}:</b> {reason}.")
            self.showing_reason = True
        elif self.showing_reason:
            self.show_note(None)

    def pick(self, option: Option) -> Transition | None:
        """A choice: the class votes on it (vote screen), or it is taken (and the turn may play)."""
        if not option.available:
            self.focus(option.number - 1)
            return None
        if self.vote:
            from game.ui.pygame.vote import VoteScreen

            return Go(VoteScreen(self.context, self.role, self.draft))
        by = self.context.room.teams.by(self.role) if self.teams else None
        return hotseat.next_step(
            self.context, self.draft.with_pick(self.session, self.role, option.choice.id, by, None)
        )

    def carry_on(self) -> Transition | None:
        return hotseat.play(self.context, Draft())

    def undo(self) -> Transition | None:
        if self.draft.picks:  # a team has chosen on this turn: the turn starts again, both choose anew
            note = esc(_("The turn starts again: each team chooses anew."))
            return Go(hotseat.first_screen(self.context, note=note))
        if not self.session.can_undo():
            self.show_note(esc(_("There is nothing to undo yet: this is the first decision.")))
            return None
        session = self.session.undo_choice()
        self.context.play(session)
        day = turn_date(session.scenario.turns[session.state.turn or 0])
        note = esc(_("You took back your decision of {date}. Choose again.").format(date=day))
        return Go(hotseat.first_screen(self.context, note=note))

    def key(self, event: pygame.event.Event) -> Transition | None:
        number = widgets.number_key(event)
        if number is not None:
            if not self.must_choose:
                return self.carry_on() if number == 1 else None
            option = next((o for o in self.options if o.number == number), None)
            return None if option is None else self.pick(option)
        if event.key == pygame.K_BACKSPACE:
            return self.undo()
        return super().key(event)
