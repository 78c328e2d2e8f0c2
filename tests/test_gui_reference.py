"""The glossary and the timeline in the window: glossary words as links, the glossary screen, the
timeline screen, and the scenarios on a timeline strip where one is chosen."""

from __future__ import annotations

import pygame
from guikit import button, click, click_at, click_link, open_app, overflowing, press, texts, type_text

from game.paths import SCENARIOS
from game.scenario.catalog import load_catalog
from game.ui.pygame.glossary import GlossaryScreen
from game.ui.pygame.scenario_select import ScenarioSelectScreen
from game.ui.pygame.timeline import TimelineScreen
from game.ui.pygame.title import TitleScreen
from game.ui.pygame.turn import TurnScreen
from game.ui.pygame.widgets import linked
from game.ui.reference import load_reference, search


def shipped_turn() -> object:
    """The window at the first turn of the March on Bukhara, whose text names glossary words."""
    app = open_app(scenarios=SCENARIOS, scenario_id="bukhara-1918", role="negotiator")
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    assert isinstance(app.screen, TurnScreen)
    return app


def test_glossary_words_are_links_and_a_click_shows_the_definition() -> None:
    app = shipped_turn()
    screen = app.screen  # type: ignore[attr-defined]
    assert "<a href='kolesov'>Fyodor Kolesov</a>" in screen.situation.html_text
    assert screen.popup is None
    assert click_link(app, screen.situation, "kolesov") == "kolesov"
    assert screen.popup is not None and screen.popup.kind == "word"
    assert "Fyodor Kolesov" in screen.popup.text and "Red Guards" in screen.popup.text
    assert not overflowing(app)  # type: ignore[arg-type]
    press(app, pygame.K_ESCAPE)  # closes the card, not the game
    assert screen.popup is None and app.screen is screen  # type: ignore[attr-defined]
    click_link(app, screen.situation, "kolesov")
    click(app, button(app, "Open the glossary"))  # type: ignore[arg-type]
    glossary = app.screen  # type: ignore[attr-defined]
    assert isinstance(glossary, GlossaryScreen) and glossary.current == "kolesov"
    press(app, pygame.K_ESCAPE)
    assert app.screen is screen  # type: ignore[attr-defined]


def test_each_word_is_linked_once_on_a_screen() -> None:
    reference = load_reference(load_catalog([SCENARIOS]))
    seen: set[str] = set()
    first = linked("Kolesov met the emir. Kolesov left.", reference.glossary, seen)
    assert first.count("<a href=") == 2 and "kolesov" in seen
    again = linked("Kolesov again, and the emir.", reference.glossary, seen)
    assert "<a href=" not in again
    assert linked("A <b> & c", None) == "A &lt;b&gt; &amp; c"


def test_the_glossary_screen_lists_every_entry_and_searches_as_you_type() -> None:
    app = open_app(scenarios=SCENARIOS)
    press(app, pygame.K_g)  # G on any screen
    screen = app.screen
    assert isinstance(screen, GlossaryScreen)
    assert screen.list is not None and screen.list.html_text.count("<br>") == len(screen.book.entries) - 1
    assert not overflowing(app)
    type_text(app, "Ibrahim Bey")  # a spelling met in other books
    assert screen.current == "ibrahim-bek"
    assert "Ibrahim Bek" in screen.detail.html_text and "Ibrahim Bey" in screen.detail.html_text  # type: ignore[union-attr]
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, TitleScreen)


def test_search_puts_names_before_mentions() -> None:
    glossary = load_reference(load_catalog([SCENARIOS])).glossary
    assert glossary is not None
    found = [item.key for item in search(glossary, "kolesov")]
    assert found[0] == "kolesov" and len(found) > 1  # then entries whose definitions name him
    assert len(search(glossary, "")) == len(glossary.entries)
    assert search(glossary, "zzzz") == []


def test_the_timeline_screen_draws_the_events_and_scenarios_and_a_click_reads_one() -> None:
    app = open_app(scenarios=SCENARIOS)
    click(app, button(app, "Timeline"))
    screen = app.screen
    assert isinstance(screen, TimelineScreen)
    kinds = {entry.kind for entry in screen.entries}
    assert kinds == {"event", "scenario"} and len(screen.hits) == len(screen.entries)
    assert not overflowing(app)
    target = next(hit for hit in screen.hits if hit.entry.id == "emir-deposed")
    click_at(app, (screen.picture_rect.x + target.rect.centerx, screen.picture_rect.y + target.rect.centery))
    assert screen.entries[screen.selected].id == "emir-deposed"
    assert "The emir is deposed" in screen.detail.html_text  # type: ignore[union-attr]
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, TitleScreen)


def test_the_scenario_list_shows_every_scenario_on_a_timeline_strip() -> None:
    app = open_app(scenarios=SCENARIOS)
    press(app, pygame.K_RETURN)
    screen = app.screen
    assert isinstance(screen, ScenarioSelectScreen)
    assert "THE SCENARIOS ON THE TIMELINE, 1916\u20131931" in texts(app)
    assert {hit.entry.id for hit in screen.hits} == {s.id for s in screen.scenarios}
    accent = app.theme.colour("accent")

    def lit(scenario_id: str) -> bool:
        hit = next(hit for hit in screen.hits if hit.entry.id == scenario_id)
        at = (screen.strip_rect.x + hit.rect.x + 3, screen.strip_rect.y + hit.rect.centery)
        return app.surface.get_at(at)[:3] == accent[:3]

    first, other = screen.scenarios[0].id, screen.scenarios[-1].id
    assert lit(first) and not lit(other)  # the scenario in focus is highlighted
    target = next(hit for hit in screen.hits if hit.entry.id == other)
    click_at(app, (screen.strip_rect.x + target.rect.centerx, screen.strip_rect.y + target.rect.centery))
    assert screen.scenarios[screen.selected].id == other and lit(other) and not lit(first)
    assert "1930\u20131931" in texts(app)  # the list keeps the dates, as vague as the sources
