"""The whole topic by ear (issue 13 item 2): the opening, then every sentence reachable by the
speech keys, counted in the whole topic; and the same keys moving the focus with speech off."""

from __future__ import annotations

from collections.abc import Callable

from guide.settings import Settings
from guide.speech.api import SpeechEvent
from guide.ui.app import GuideApp
from guide.ui.widgets.reading_pane import ReadingPane

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


def focused_block(app: GuideApp) -> int:
    focused = app.focused
    assert isinstance(focused, ReadingPane)
    return focused.cursor_block


async def test_after_the_opening_the_section_key_reads_on_in_the_whole_topic(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        whole = app.voicing.utterances("colitis")
        opening = speech.document
        assert len(opening) < len(whole)
        assert opening[-1].text == "Press r to read the topic, or greater than for the next section."
        last_urgent = len(opening) - 2
        speech.emit(SpeechEvent("started", last_urgent, opening[last_urgent]))
        await settle(pilot)
        assert f"reading {last_urgent + 1} of {len(whole)}" in screen_text(app)
        speech.emit(SpeechEvent("started", last_urgent + 1, opening[-1]))  # the hint, then the end
        speech.emit(SpeechEvent("finished", last_urgent + 1))
        await settle(pilot)
        speech.clear()
        await pilot.press("greater_than_sign")
        await settle(pilot)
        heading = next(i for i, u in enumerate(whole) if u.section == 1)
        assert speech.calls[-1] == ("read", len(whole), heading)
        assert whole[heading].text == "What colitis is"
        assert f"reading {heading + 1} of {len(whole)}" in screen_text(app)
        await pilot.press("full_stop", "w")
        await settle(pilot)
        said = speech.said()[-1]
        assert said.startswith("You are in Side effects > Diarrhoea and colitis, under the heading What colitis is.")
        assert f"Sentence {heading + 2} of {len(whole)}" in said


async def test_every_sentence_is_reached_sentence_by_sentence_and_the_end_is_said(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        whole = app.voicing.utterances("colitis")
        heard: list[int] = []
        for _ in range(len(whole) + 1):
            await pilot.press("full_stop")
            await settle(pilot)
            heard.append(speech.position)
        assert heard[: len(whole) - 1] == list(range(1, len(whole)))
        assert speech.said()[-1] == "End of the text."
        assert all(len(u) == len(whole) for u in [speech.document])


async def test_read_on_setting_reads_the_whole_topic_when_it_opens(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech, Settings(speech=True, opening="read-on"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        assert speech.document == app.voicing.utterances("colitis")
        assert ("read", len(speech.document), 0) in speech.calls


async def test_with_speech_off_the_keys_move_the_focus_by_sentence_paragraph_and_section(make_app: MakeApp) -> None:
    app = make_app(RecordingSpeech(enabled=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot, 0.1)
        whole = app.voicing.utterances("colitis")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        heading = next(i for i, u in enumerate(whole) if u.section == 1)
        assert focused_block(app) == whole[heading].block
        assert f"Section 2 of 6: {whole[heading].text}" in screen_text(app)  # > goes heading to heading
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert focused_block(app) == whole[heading + 1].block
        speaking = app.reading_pane.speaking_block
        assert speaking is not None and speaking.index == whole[heading + 1].block
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(pilot)
        assert focused_block(app) == 0
        await pilot.press("comma")
        await settle(pilot)
        assert "Top of the text." in screen_text(app)
        for _ in range(12):
            await pilot.press("greater_than_sign")
        await settle(pilot)
        assert "Last section." in screen_text(app)
        last_heading = next(u for u in whole if u.section == whole[-1].section)
        assert focused_block(app) == last_heading.block  # "Sources": the end stays where it was


async def test_status_line_says_paused_only_while_space_resumes(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await pilot.press("r")
        await settle(pilot)
        total = len(app.voicing.utterances("colitis"))
        assert f"Speech on, reading 1 of {total}" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert f"paused 1 of {total}" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert "paused" not in screen_text(app) and "reading" not in screen_text(app).split("\n")[-2]
        speech.clear()
        await pilot.press("space")
        await settle(pilot)
        assert "resume" not in speech.names()
