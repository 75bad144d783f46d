"""Pilot tests for the UI side of speech, against a recording SpeechService.

The fake delivers its events from another thread, like the real service, so
these tests also cover the hand-over onto the UI thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from guide.content.model import Library
from guide.speech.api import Cue, SpeechEvent, Unit
from guide.ui.app import GuideApp
from guide.ui.widgets.reading_pane import ReadingPane

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


def speaking_text(app: GuideApp) -> str:
    block, span = app.reading_pane.speaking_block, app.reading_pane.speaking_span
    assert block is not None and span is not None
    return block.text[span[0] : span[1]]


async def test_any_key_stops_speech_before_its_own_action(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        for key in ("down", "n", "slash", "escape", "g", "escape", "t", "home"):
            speech.clear()
            await pilot.press(key)
            await settle(pilot)
            assert speech.names() and speech.names()[0] == "stop", key


async def test_speech_control_keys_steer_without_stopping(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert speech.names()[-1] == "pause"
        speech.clear()
        await pilot.press("space")
        await settle(pilot)
        assert speech.names() == ["resume"]
        expected = {
            "full_stop": "move",
            "comma": "move",
            "right_square_bracket": "move",
            "left_square_bracket": "move",
            "greater_than_sign": "move",
            "less_than_sign": "move",
            "a": "repeat",
            "plus": "rate",
            "equals_sign": "rate",
            "minus": "rate",
            "f8": "volume",
            "f7": "volume",
        }
        for key, call in expected.items():
            speech.clear()
            await pilot.press(key)
            await settle(pilot)
            assert speech.names() == [call], key
        speech.clear()
        await pilot.press("s")
        await settle(pilot)
        assert speech.names()[0] == "stop"
        speech.clear()
        await pilot.press("space")  # not reading any more: Space is the tree's again, and stops nothing
        await settle(pilot)
        assert "pause" not in speech.names() and "resume" not in speech.names()


async def test_sentence_paragraph_and_section_moves_land_on_the_right_text(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 50)) as pilot:
        await app.open_topic("what-is-immunotherapy")
        await pilot.press("r")
        await settle(pilot)
        utterances = app.voicing.utterances("what-is-immunotherapy")
        assert speaking_text(app) == utterances[0].text == "What immunotherapy is"
        await pilot.press("full_stop")
        await settle(pilot)
        assert speaking_text(app) == "Immunotherapy is a way to treat cancer."
        await pilot.press("full_stop")
        await settle(pilot)
        assert speaking_text(app) == "It wakes up your immune system so it can fight the cancer."
        await pilot.press("comma")
        await settle(pilot)
        assert speaking_text(app) == "Immunotherapy is a way to treat cancer."
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert speaking_text(app) == "How it works"
        assert ("move", Unit.SECTION, 1) in speech.calls
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert speaking_text(app) == "Your immune system keeps you well."
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert speaking_text(app) == "Cancer cells can hide from it."
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert speaking_text(app) == "What immunotherapy is"


async def test_highlight_follows_started_events_and_is_kept_in_view(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(100, 16)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("r")
        await settle(pilot)
        utterances = app.voicing.utterances("colitis")
        last = len(utterances) - 1
        speech.emit(SpeechEvent("started", last, utterances[last]))
        await settle(pilot)
        assert speaking_text(app) == utterances[last].text
        pane = app.reading_pane
        assert pane.speaking_block is not None
        assert pane.scroll_y > 0
        # the sentence may wrap in the pane beside the topic list: its opening words are on screen
        assert " ".join(utterances[last].text.split()[:3]) in screen_text(app)
        speech.emit(SpeechEvent("finished"))
        await settle(pilot)
        assert app.reading_pane.speaking_block is None


async def test_read_from_current_section_starts_at_its_heading(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 50)) as pilot:
        await app.open_topic("what-is-immunotherapy")
        await settle(pilot)
        who = next(b for b in app.reading_pane.blocks if b.text.startswith("Your team will tell you"))
        app.reading_pane.move_to_block(who.index)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert speaking_text(app) == "Who gets it"


async def test_topic_opening_speaks_title_then_urgent_block_with_urgent_cue(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        document = speech.document
        assert document[0].text == "Diarrhoea and colitis"
        assert document[1].text == "URGENT: call your care team now" and document[1].cue is Cue.URGENT
        assert all(u.cue is Cue.URGENT for u in document[1:-1])
        assert document[-1].text == "Press r to read the topic, or greater than for the next section."
        assert any("EMERGENCY" in u.text for u in document)
        assert not any("The treatment can make your bowel sore" in u.text for u in document)


async def test_focus_changes_are_spoken_with_position_kind_and_children(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        speech.clear()
        await pilot.press("down", "down")  # from the first row, highlighted at start
        await settle(pilot)
        assert speech.said()[-1] == "Side effects, section, 3 of 6, 5 topics inside, closed"
        await pilot.press("space", "down")
        await settle(pilot)
        assert speech.said()[-1] == "Diarrhoea and colitis, section, 1 of 5, 1 topic inside, closed"
        await pilot.press("down")
        await settle(pilot)
        assert speech.said()[-1] == "Rash and itchy skin, topic, 2 of 5"
        await pilot.press("up", "enter")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        said, cue = speech.calls[-1][1], speech.calls[-1][2]
        total = len(app.reading_pane.stops)  # an urgent box is one stop: its warning and signs are said
        assert said == (
            "URGENT: call your care team now. Call your care team now if you have any of these."
            f" Four or more extra stools a day. Blood in your stools. 2 of {total}"
        )  # "urgent" said once
        assert cue is Cue.URGENT


async def test_dialogs_search_results_and_notices_are_spoken(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        assert speech.said()[-1].startswith("Search.")
        await pilot.press(*"the runs")
        await settle(pilot, 0.6)
        assert any(s.startswith("1 found. First: Diarrhoea and colitis") for s in speech.said())
        await pilot.press("escape", "p")
        await settle(pilot)
        assert speech.said()[-1] == "This is the first topic."


async def test_where_am_i_says_path_position_and_time_left(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("r", "full_stop", "full_stop")
        await pilot.press("w")
        await settle(pilot)
        said = speech.said()[-1]
        assert said.startswith("You are in Side effects > Diarrhoea and colitis.")
        assert "Sentence 3 of" in said and "left" in said
        assert said in screen_text(app) or said[:60] in screen_text(app)


async def test_rate_volume_voice_and_speech_toggle_are_kept_in_settings(make_app: MakeApp, tmp_path: Path) -> None:
    speech = RecordingSpeech(enabled=False)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("plus", "plus")
        await settle(pilot, 0.2)
        assert "Faster: fast" in screen_text(app)
        await pilot.press("f7")
        await settle(pilot, 0.2)
        assert "Quieter: quiet" in screen_text(app)
        assert not [text for text in speech.said() if "Faster" in text or "Quieter" in text], "said twice"
        await pilot.press("f2")
        await settle(pilot)
        assert speech.enabled and ("set_enabled", True) in speech.calls
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot, 0.3)
        assert ("set_voice", "es") in speech.calls
    saved = json.loads((tmp_path / "settings.json").read_text())
    kept = {key: saved[key] for key in ("theme", "speech", "rate", "volume", "voice")}
    assert kept == {"theme": "guide-dark", "speech": True, "rate": "fast", "volume": "quiet", "voice": "es"}


async def test_reading_with_speech_off_says_how_to_turn_it_on(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=False)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        assert "Speech is off. Press F2 to turn it on." in screen_text(app)
        assert "read" not in speech.names()


async def test_the_real_silent_service_keeps_the_guide_working(library: Library, tmp_path: Path) -> None:
    """With the real service on a machine without sound, every speech key still leaves the guide usable."""
    from guide.settings import Settings
    from guide.speech.service import create_speech_service
    from guide.ui.app import build_app

    speech = create_speech_service(enabled=True, player="none-such-player")
    app = build_app(library, speech, Settings(speech=True), settings_path=tmp_path / "s.json")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", "r", "full_stop", "greater_than_sign", "space", "w", "plus", "f8", "a", "s")
            await settle(pilot)
            assert app.current_topic == "basics"
            assert isinstance(app.focused, ReadingPane)
            assert speech.status in screen_text(app) or "Speech" in screen_text(app)
    finally:
        speech.close()
