"""Announcements that finish and never lie (issue 13 item 3): a dialog's title before its first row,
Escape saying where focus is, the edges of the list, punctuation keys said by name."""

from __future__ import annotations

from collections.abc import Callable

from guide.speech.api import SpeechEvent
from guide.ui.app import GuideApp
from guide.ui.keys import spoken_keys

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


async def test_the_word_list_says_its_title_and_count_then_its_first_row(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        speech.clear()
        await pilot.press("g")
        await settle(pilot, 0.3)
        words = len(app.library.glossary)
        opened = [text for text in speech.said() if text.startswith(f"Word list, {words} words.")]
        assert len(opened) == 1, speech.said()
        assert f", 1 of {words}." in opened[0]  # the first row follows in the same announcement
        assert speech.said()[-1] == opened[0]


async def test_escape_out_of_a_dialog_says_where_focus_is(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        where = speech.said()[-1]
        await pilot.press("g")
        await settle(pilot, 0.3)
        speech.clear()
        await pilot.press("escape")
        await settle(pilot)
        assert speech.said() == [where]


async def test_the_edges_of_the_topic_list_are_said(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.topic_tree.focus()
        app.topic_tree.cursor_line = 0
        await settle(pilot)
        await pilot.press("up")
        await settle(pilot)
        assert speech.said()[-1] == "Top of the list."
        app.topic_tree.cursor_line = app.topic_tree.last_line
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert speech.said()[-1] == "End of the list."
        await pilot.press("h")
        await settle(pilot)
        assert "Start page." in speech.said()


async def test_help_and_the_describer_say_punctuation_keys_by_name(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await settle(pilot, 0.3)
        rows = app.screen.spoken_rows  # type: ignore[attr-defined]
        assert "greater than: Next section" in rows
        assert not [row for row in rows if row.startswith((">", "+", "/"))]
        await pilot.press("k", "greater_than_sign")
        await settle(pilot)
        assert speech.said()[-1] == "greater than: Next section"
        await pilot.press("plus")
        await settle(pilot)
        assert speech.said()[-1] == "plus: Speak faster"
        assert "+: Speak faster" in screen_text(app)
    assert spoken_keys("+ or =") == "plus or equals"


async def test_speech_working_again_shows_what_speech_is_doing_now(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        speech.emit(SpeechEvent("status", message="Speech is working again."))
        await settle(pilot)
        # the welcome is being read: the line says so after the news
        expected = "Speech is working again. Speech on, reading 1 of 20, rate normal, volume normal"
        assert app.status_line.status == expected
