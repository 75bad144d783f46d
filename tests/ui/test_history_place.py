"""History keeps the place (issue 14 item 3): Back and Forward return to the block the person was
on, and never get stuck in a search box."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from guide.content.document import BlockKind
from guide.ui.app import GuideApp
from guide.ui.history import START, History, Place
from guide.ui.screens.notices import NoticesScreen
from guide.ui.screens.search import SearchScreen

from ..speech_fake import RecordingSpeech
from .harness import breadcrumb, screen_text, settle

MakeApp = Callable[..., GuideApp]


def test_each_place_keeps_the_block_it_was_left_at() -> None:
    history = History()
    history.visit(Place("topic", "colitis"), leaving_at=3)
    assert history.places[0] == START._replace(block=3)
    history.visit(Place("topic", "skin-rash"), leaving_at=7)
    back = history.back(leaving_at=2)
    assert back == Place("topic", "colitis", 7)
    forward = history.forward(leaving_at=5)
    assert forward == Place("topic", "skin-rash", 2)
    assert history.back() == Place("topic", "colitis", 5)


def test_the_same_page_at_another_block_is_not_a_new_place() -> None:
    history = History()
    history.visit(Place("topic", "colitis"))
    history.visit(Place("topic", "colitis", 4), leaving_at=9)
    assert len(history.places) == 2
    assert history.current == Place("topic", "colitis", 0)
    history.leave(-1)  # a pane with no cursor leaves the place as it was
    assert history.current.block == 0


async def test_back_and_forward_return_to_the_block_each_topic_was_left_at(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        left_at = app.reading_pane.cursor_block
        assert left_at > 0
        await pilot.press("n")
        await settle(pilot)
        assert app.current_topic != "colitis"
        await pilot.press("greater_than_sign")
        await settle(pilot)
        next_left_at = app.reading_pane.cursor_block
        speech.clear()
        await pilot.press("backspace")
        await settle(pilot)
        assert app.current_topic == "colitis"
        assert app.reading_pane.cursor_block == left_at
        said = app.reading_pane.blocks[left_at].text
        assert any(said in words for words in speech.said())
        await pilot.press("f")
        await settle(pilot)
        assert app.reading_pane.cursor_block == next_left_at
        await pilot.press("alt+left")
        await settle(pilot)
        assert (app.current_topic, app.reading_pane.cursor_block) == ("colitis", left_at)
        await pilot.press("alt+right")
        await settle(pilot)
        assert app.reading_pane.cursor_block == next_left_at


async def test_backspace_in_an_empty_search_goes_back_and_letters_type(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await app.open_topic("skin-rash")
        await pilot.press("slash", "b", "f")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "bf"  # b and f type, as in any text box
        assert app.current_topic == "skin-rash"
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)  # each deleted a letter
        await pilot.press("backspace")  # nothing left to delete: back
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert app.current_topic == "colitis"


async def test_backspace_at_the_start_of_typed_words_keeps_them(make_app: MakeApp) -> None:
    """Going back would throw the words away, so with words in the box Backspace never goes back."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("slash", "r", "a", "s", "h", "home", "backspace")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "rash"


async def test_a_search_reopened_by_back_does_not_keep_backspace(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("skin-rash")
        await pilot.press("slash", *"stools")
        await settle(pilot, 0.6)
        await pilot.press("enter")
        await settle(pilot)
        opened = app.current_topic
        assert opened is not None and opened != "skin-rash"
        await pilot.press("backspace")  # back to the search, its words shown again
        await settle(pilot, 0.3)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "stools"
        await pilot.press("backspace")  # still going back, not deleting the s
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert app.current_topic == "skin-rash"
        await pilot.press("alt+right")  # forward to the search again; Alt+Right goes on forward
        await settle(pilot, 0.3)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("alt+right")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert app.current_topic == opened


async def test_a_notice_too_long_for_the_status_line_can_be_read_whole(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    notice = ("Speech could not start: the voice files are missing. Install them with the package manager "
              "and start it again.")
    async with app.run_test(size=(60, 20)) as pilot:
        app.tell(notice, "warning")
        await settle(pilot)
        status = screen_text(app).splitlines()[-2]
        assert notice not in status and status.rstrip().endswith("… i: whole")
        speech.clear()
        await pilot.press("i")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, NoticesScreen)
        assert " ".join(screen_text(app).split()).count("and start it again.") == 1
        assert any(notice in words for words in speech.said())
        await pilot.press("escape", "f1")
        await settle(pilot)
        assert notice in app.screen.spoken_rows  # type: ignore[attr-defined]


async def test_a_cut_tree_title_is_whole_in_the_path_line_and_when_spoken(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.topic_tree
        tree.styles.width = 28  # a list narrower than this title, as with the bundled topics' long titles
        await app.open_topic("eating-with-colitis")
        await settle(pilot)
        node = tree.cursor_node
        assert node is not None and node.data == "eating-with-colitis"
        assert tree.is_cut(node)
        title = app.library["eating-with-colitis"].title
        assert "└ Eating and drinking w… │" in screen_text(app)  # cut in the tree, with an ellipsis
        assert breadcrumb(app).endswith(title)
        speech.clear()
        await pilot.press("tab")  # to the topic list, its row on this topic
        await settle(pilot)
        assert tree.has_focus
        assert any(title in words for words in speech.said())
        assert app.reading_pane.blocks[0].kind is BlockKind.TITLE


async def test_a_path_too_long_for_one_line_wraps_onto_a_second(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await app.open_topic("eating-with-colitis")
        await settle(pilot)
        path = app.library.breadcrumb("eating-with-colitis")
        assert len(path) > 60
        top = " ".join(" ".join(screen_text(app).splitlines()[:2]).split())
        assert top.startswith(path)


async def test_a_status_too_wide_for_the_line_is_kept_with_the_notices(make_app: MakeApp) -> None:
    app = make_app()
    status = "No sound device was found, so the guide will not speak. Connect speakers or headphones, then press F2."
    async with app.run_test(size=(80, 24)) as pilot:
        app.status_line.show_status("Speech off")
        app.status_line.show_status(status)  # as speech's own status arrives
        await settle(pilot)
        assert screen_text(app).splitlines()[-2].rstrip().endswith("… i: whole")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, NoticesScreen)
        assert app.screen.notices == [status]


async def test_back_through_a_search_returns_to_the_block_read_before_it(make_app: MakeApp) -> None:
    """Reading colitis, a search opens another topic; Back reopens the search, Back again returns to
    colitis at the paragraph being read, not at its title."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        app.reading_pane.focus()
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        left_at = app.reading_pane.cursor_block
        assert left_at > 0
        await pilot.press("slash", *"rash")
        await settle(pilot, 0.6)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_topic not in (None, "colitis")
        await pilot.press("backspace")  # the search again
        await settle(pilot, 0.3)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("backspace")  # and on back, to colitis
        await settle(pilot)
        assert (app.current_topic, app.reading_pane.cursor_block) == ("colitis", left_at)


async def test_back_returns_a_listener_to_the_paragraph_being_read(make_app: MakeApp) -> None:
    """Someone listening never moves the cursor: their place is the sentence they last heard."""
    from guide.speech.api import SpeechEvent

    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        whole = app.voicing.utterances("colitis")
        heard = next(i for i, u in enumerate(whole) if u.section == 2)  # well into the topic
        speech.emit(SpeechEvent("started", heard, whole[heard]))
        await settle(pilot)
        assert app.reading_pane.cursor_block == 0  # the cursor stayed at the title
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert app.current_topic == "colitis"
        assert app.reading_pane.cursor_block == whole[heard].block
        # Moving the cursor after listening makes the cursor the place again.
        await pilot.press("down")
        await settle(pilot)
        moved_to = app.reading_pane.cursor_block
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert app.reading_pane.cursor_block == moved_to
