"""Pilot tests: finding things (search, the word list, marked words, links) and help, with keys and a mouse."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Offset
from textual.widgets import OptionList

from guide.ui.app import GuideApp
from guide.ui.screens.definition import DefinitionScreen
from guide.ui.screens.glossary import GlossaryScreen
from guide.ui.screens.help import HelpScreen
from guide.ui.screens.search import SearchScreen
from guide.ui.widgets.reading_pane import ReadingPane

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


async def test_search_shows_results_as_you_type_and_says_what_to_try(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"colitis")
        await settle(pilot, 0.6)
        assert screen.results and screen.results[0].topic_id == "colitis"
        text = screen_text(app)
        assert "Diarrhoea and colitis" in text and "Side effects > Diarrhoea and colitis" in text
        for _ in "colitis":
            await pilot.press("backspace")
        await pilot.press(*"zzqxw")
        await settle(pilot, 0.6)
        assert not screen.results
        assert "Nothing found" in screen_text(app) and "Try a shorter or everyday word" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)


async def test_search_result_chosen_with_down_and_enter(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"tired")
        await settle(pilot, 0.6)
        await pilot.press("down")
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_topic == "fatigue"


async def test_glossary_lists_meanings_and_opens_the_explaining_topic(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press(*"colit")
        await settle(pilot)
        assert "Swelling and soreness of the large bowel." in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.current_topic == "colitis"


async def test_marked_terms_are_defined_by_key_enter_and_click(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")  # what-is-immunotherapy; summary starts with "Immunotherapy"
        await settle(pilot)
        await pilot.press("down")  # summary block
        pane = app.focused
        assert isinstance(pane, ReadingPane) and pane.term_ids(pane.cursor_block) == ("immunotherapy",)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DefinitionScreen)
        assert "helps your immune system find and attack cancer cells" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DefinitionScreen)
        await pilot.press("escape")
        await settle(pilot)
        # a click on a marked word inside another paragraph, not at its start
        target = next(b for b in pane.blocks[2:] if "immunotherapy" in pane.term_ids(b.index))
        mark = next(m for m in pane.marker.marks(target.text) if m.term_id == "immunotherapy")
        start = pane.block_offset(target.index)
        assert start is not None and 0 < mark.start < pane.size.width - start.x
        await pilot.click(pane, offset=Offset(start.x + mark.start, start.y) - pane.region.offset)
        await settle(pilot)
        assert isinstance(app.screen, DefinitionScreen)
        assert [term.id for term in app.screen.terms] == ["immunotherapy"]


async def test_related_link_opens_with_enter_and_with_a_click(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await app.open_topic("what-is-immunotherapy")
        await settle(pilot)
        links = [b for b in app.reading_pane.blocks if b.target]
        assert [b.target for b in links] == ["checkpoint-inhibitors"]
        app.reading_pane.move_to_block(links[0].index)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_topic == "checkpoint-inhibitors"
        await app.open_topic("colitis")
        await settle(pilot)
        pane = app.reading_pane
        link = next(b for b in pane.blocks if b.target == "side-effects")
        pane.move_to_block(link.index)  # into view
        await settle(pilot)
        spot = pane.block_offset(link.index)
        assert spot is not None
        await pilot.click(pane, offset=Offset(spot.x + 4, spot.y) - pane.region.offset)
        await settle(pilot)
        assert app.current_topic == "side-effects"


async def test_help_lists_every_key_and_the_describer_says_without_doing(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        options = app.screen.query_one("#keys", OptionList)
        listed = " ".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        for binding in app.all_bindings():
            if binding.id:
                assert (binding.tooltip or binding.description) in listed, binding.id
        for group in ("MOVING AROUND", "FINDING THINGS", "SEEING AND HELP", "SPEECH"):
            assert group in listed
        assert speech.said() and speech.said()[0].startswith("Help.")
        await pilot.press("k")
        speech.clear()
        await pilot.press("n")
        await settle(pilot)
        assert app.current_topic is None  # described, not done
        assert any("Next topic in reading order" in s for s in speech.said())
        assert "Next topic in reading order" in screen_text(app)
        await pilot.press("escape")  # leaves the describer
        await pilot.press("escape")  # closes help
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_opens_help_and_escape_closes_every_dialog(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for key, screen_type in (("question_mark", HelpScreen), ("slash", SearchScreen), ("g", GlossaryScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type)
            await pilot.press("escape")
            await settle(pilot)
            assert len(app.screen_stack) == 1
