"""Pilot tests: moving around the reader with the keyboard (and a mouse), as a patient would."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import _get_mouse_message_arguments
from textual.widgets import Input, OptionList

from guide.content.model import Library
from guide.ui.app import GuideApp, build_app
from guide.ui.messages import TopicOpened, UserActivity
from guide.ui.screens.definition import DefinitionScreen
from guide.ui.screens.glossary import GlossaryScreen
from guide.ui.screens.help import HelpScreen
from guide.ui.screens.search import SearchScreen
from guide.ui.start_page import DISCLAIMER
from guide.ui.widgets.reading_pane import BlockView

from .fake_speech import RecordingSpeech
from .harness import breadcrumb, run, screen_text, settle

MakeApp = Callable[..., GuideApp]


def test_start_screen_welcomes_and_carries_the_disclaimer(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "Welcome to the immunotherapy guide" in text
            assert "F1" in text and "F2" in text  # how to get help and turn on speech
            assert "It is not medical" in text  # the disclaimer, wrapped on screen
            assert DISCLAIMER.startswith("This guide gives general information")
            assert "The basics" in text and "Side effects" in text  # the tree beside the pane
            assert breadcrumb(app) == "Start"
            assert app.focused is app.topic_tree

    run(go())


def test_arrows_and_enter_open_a_topic_with_its_breadcrumb(make_app: MakeApp) -> None:
    opened: list[str] = []

    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            original = app.post_message

            def spy(message: object) -> bool:
                if isinstance(message, TopicOpened):
                    opened.append(message.topic_id)
                return original(message)  # type: ignore[arg-type]

            app.post_message = spy  # type: ignore[method-assign]
            await pilot.press("down", "down", "space", "down", "enter")
            await settle(pilot)
            assert app.current_topic == "colitis"
            assert breadcrumb(app) == "Side effects > Diarrhoea and colitis"
            assert "Diarrhoea and colitis" in screen_text(app)
            assert isinstance(app.focused, BlockView)

    run(go())
    assert opened == ["colitis"]


def test_n_and_p_follow_reading_order(make_app: MakeApp, library: Library) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            order = [t.id for t in library.reading_order()]
            for expected in order:
                await pilot.press("n")
                await settle(pilot)
                assert app.current_topic == expected
            await pilot.press("n")
            await settle(pilot)
            assert app.current_topic == order[-1]
            assert "This is the last topic." in screen_text(app)
            await pilot.press("p")
            await settle(pilot)
            assert app.current_topic == order[-2]

    run(go())


def test_back_and_forward_cross_topics_searches_and_home(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", "n")  # basics, what-is-it
            await settle(pilot)
            await pilot.press("slash", *"the runs")
            await settle(pilot, 0.6)
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_topic == "colitis"
            await pilot.press("backspace")
            await settle(pilot, 0.6)
            assert isinstance(app.screen, SearchScreen)
            assert app.screen.query_one(Input).value == "the runs"
            await pilot.press("escape")
            await pilot.press("b")
            await settle(pilot)
            assert app.current_topic == "what-is-it"
            await pilot.press("backspace")
            await settle(pilot)
            assert app.current_topic == "basics"
            await pilot.press("f")
            await settle(pilot)
            assert app.current_topic == "what-is-it"
            await pilot.press("home")
            await settle(pilot)
            assert app.current_topic is None and breadcrumb(app) == "Start"
            await pilot.press("backspace")
            await settle(pilot)
            assert app.current_topic == "what-is-it"

    run(go())


def test_search_shows_results_as_you_type_and_says_what_to_try(make_app: MakeApp) -> None:
    async def go() -> None:
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

    run(go())


def test_search_result_chosen_with_down_and_enter(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"tired")
            await settle(pilot, 0.6)
            await pilot.press("down")
            assert isinstance(app.focused, OptionList)
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_topic == "fatigue"

    run(go())


def test_glossary_lists_meanings_and_opens_the_explaining_topic(make_app: MakeApp) -> None:
    async def go() -> None:
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

    run(go())


def test_marked_terms_are_defined_by_key_enter_and_click(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", "n")  # what-is-it; summary starts with "Immunotherapy"
            await settle(pilot)
            await pilot.press("down")  # summary block
            view = app.focused
            assert isinstance(view, BlockView) and view.term_ids == ("immunotherapy",)
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
            # a click on a marked word in another paragraph
            target = next(v for v in app.reading_pane.views if "immune-system" in v.term_ids)
            mark = next(m for m in target.marks if m.term_id == "immune-system")
            line_width = target.content_region.width
            await pilot.click(target, offset=(target.styles.padding.left + mark.start % line_width, 0))
            await settle(pilot)
            assert isinstance(app.screen, DefinitionScreen)
            assert app.screen.terms[0].id in ("immune-system", "immunotherapy")

    run(go())


def test_related_link_opens_with_enter_and_with_a_click(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            await app.open_topic("what-is-it")
            await settle(pilot)
            links = [v for v in app.reading_pane.views if v.block.target]
            assert [v.block.target for v in links] == ["how-it-works", "side-effects"]
            app.reading_pane.focus_block(app.reading_pane.views.index(links[0]))
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_topic == "how-it-works"
            await app.open_topic("what-is-it")
            await settle(pilot)
            link = next(v for v in app.reading_pane.views if v.block.target == "side-effects")
            link.scroll_visible(animate=False)
            await settle(pilot)
            await pilot.click(link)
            await settle(pilot)
            assert app.current_topic == "side-effects"

    run(go())


def test_urgent_block_comes_first_with_its_label_and_border(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            await app.open_topic("colitis")
            await settle(pilot)
            lines = screen_text(app).splitlines()
            urgent = next(i for i, line in enumerate(lines) if "URGENT: call your care team now" in line)
            summary = next(i for i, line in enumerate(lines) if "Immunotherapy can inflame the bowel" in line)
            emergency = next(i for i, line in enumerate(lines) if "EMERGENCY" in line)
            assert urgent < emergency < summary
            assert "┃" in lines[urgent] or "┏" in lines[urgent - 1]  # a heavy border, not colour alone
            for heading in ("What colitis is", "Key points", "Questions to ask your care team", "Sources"):
                assert any(heading in line for line in lines)
            assert any("Last reviewed on 1 June 2026." in line for line in lines)

    run(go())


def test_help_lists_every_key_and_the_describer_says_without_doing(make_app: MakeApp) -> None:
    async def go() -> None:
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

    run(go())


def test_question_mark_opens_help_and_escape_closes_every_dialog(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            for key, screen_type in (("question_mark", HelpScreen), ("slash", SearchScreen), ("g", GlossaryScreen)):
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, screen_type)
                await pilot.press("escape")
                await settle(pilot)
                assert len(app.screen_stack) == 1

    run(go())


def test_tab_switches_between_tree_and_text_with_focus_always_visible(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.focused is app.topic_tree
            await pilot.press("tab")
            assert isinstance(app.focused, BlockView)
            # the focused block is drawn with the focus colours and a bar
            assert app.focused.styles.border_left[0] == "thick"
            await pilot.press("down")
            assert app.focused is app.reading_pane.views[1]
            await pilot.press("tab")
            assert app.focused is app.topic_tree

    run(go())


def test_narrow_screen_turns_the_tree_into_a_panel_and_resizing_works(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.narrow and not app.topic_tree.display
            assert app.reading_pane.outer_size.width == 80
            await pilot.press("l")
            await settle(pilot)
            assert app.topic_tree.display and app.focused is app.topic_tree
            await pilot.press("escape")
            await settle(pilot)
            assert not app.topic_tree.display and isinstance(app.focused, BlockView)
            await pilot.press("l")
            await settle(pilot)
            await pilot.press("down", "enter")
            await settle(pilot)
            assert app.current_topic == "basics" and not app.topic_tree.display
            await pilot.resize_terminal(160, 50)
            await settle(pilot)
            assert not app.narrow and app.topic_tree.display
            await pilot.resize_terminal(250, 70)
            await settle(pilot)
            assert "The basics" in screen_text(app)
            await pilot.resize_terminal(90, 24)
            await settle(pilot)
            assert app.narrow and not app.topic_tree.display

    run(go())


def test_user_activity_fires_for_keys_and_clicks(make_app: MakeApp) -> None:
    kinds: list[str] = []

    class Watching(GuideApp):
        def on_user_activity(self, message: UserActivity) -> None:
            kinds.append(message.kind)

    async def go(library: Library) -> None:
        app = build_app(library, RecordingSpeech(enabled=False), make_app().settings, app_class=Watching,
                        persist=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("down")
            # Pilot.click bypasses App.on_event; a terminal's driver posts mouse events to the app.
            arguments = _get_mouse_message_arguments(app.reading_pane, button=1)
            app.post_message(events.MouseDown(**arguments))
            await settle(pilot)

    run(go(make_app().library))
    assert "key" in kinds and "mouse" in kinds


def test_reset_session_returns_to_a_fresh_start(make_app: MakeApp) -> None:
    async def go() -> None:
        speech = RecordingSpeech(enabled=True)
        app = make_app(speech)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", "n", "t", "plus", "f8", "slash", *"rash")
            await settle(pilot, 0.5)
            assert app.theme != "guide-dark" and len(app.screen_stack) == 2
            speech.clear()
            app.reset_session()
            await settle(pilot)
            assert speech.names()[0] == "stop"
            assert len(app.screen_stack) == 1 and app.current_topic is None
            assert app.history.places == [app.history.current] and app.history.index == 0
            assert app.theme == "guide-dark" and speech.rate == 2 and speech.volume == 2
            await pilot.press("slash")
            await settle(pilot)
            assert app.screen.query_one(Input).value == ""

    run(go())


def test_content_text_is_never_parsed_as_markup(library: Library, make_app: MakeApp) -> None:
    topic = library["skin-rash"]
    odd = topic._replace(title="Rash [bold]not bold[/bold] $var", summary="Use [red]cream[/] @click=app.quit")
    tricky = Library(language="en", topics=tuple(odd if t.id == topic.id else t for t in library.topics),
                     glossary=library.glossary)

    async def go() -> None:
        app = build_app(tricky, RecordingSpeech(enabled=False), make_app().settings, persist=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.open_topic("skin-rash")
            await settle(pilot)
            text = screen_text(app)
            assert "Rash [bold]not bold[/bold] $var" in text
            assert "Use [red]cream[/] @click=app.quit" in text

    run(go())


def test_page_down_and_up_scroll_the_text(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 20)) as pilot:
            await app.open_topic("colitis")
            await settle(pilot)
            await pilot.press("pagedown")
            await settle(pilot)
            assert app.reading_pane.scroll_y > 0
            await pilot.press("pageup")
            await settle(pilot)
            assert app.reading_pane.scroll_y == 0

    run(go())


def test_right_and_left_open_and_close_parts_of_the_topic_list(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            tree = app.topic_tree
            await pilot.press("down", "down")
            part = tree.cursor_node
            assert part is not None and part.data == "side-effects" and not part.is_expanded
            await pilot.press("right")
            assert part.is_expanded, "Right opens a closed part"
            assert "Diarrhoea and colitis" in screen_text(app)
            await pilot.press("right")
            assert tree.cursor_node is part.children[0], "Right on an open part steps into it"
            await pilot.press("left")
            assert tree.cursor_node is part, "Left on a topic steps out to its part"
            await pilot.press("left")
            assert not part.is_expanded, "Left closes an open part"

    run(go())


def test_opening_a_part_shows_its_topics_in_the_list(make_app: MakeApp) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("down", "down", "enter")
            await settle(pilot)
            assert app.current_topic == "side-effects"
            part = app.topic_tree.cursor_node
            assert part is not None and part.data == "side-effects" and part.is_expanded
            assert "Diarrhoea and colitis" in screen_text(app)

    run(go())
