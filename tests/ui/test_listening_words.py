"""What is said, and how much (issue 13 items 4 and 7): verbosity, sources, spelling a word, search
results with their sentence and a count said once, typed characters echoed as a setting."""

from __future__ import annotations

from collections.abc import Callable

from guide.settings import Settings, load_settings
from guide.ui.app import GuideApp
from guide.ui.messages import FocusMoved

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


async def test_brief_verbosity_leaves_out_the_kind_and_the_topics_inside(make_app: MakeApp) -> None:
    moved = FocusMoved("Side effects", "section", 6, 10, 5)
    brief = make_app(RecordingSpeech(enabled=True), Settings(verbosity="brief"))
    full = make_app(RecordingSpeech(enabled=True))
    assert brief.voicing.focus_words(moved) == "Side effects, 6 of 10"
    assert full.voicing.focus_words(moved) == "Side effects, section, 6 of 10, 5 topics inside"
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech, Settings(verbosity="brief"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot, 0.2)
        source = next(b for b in app.reading_pane.blocks if b.kind.value == "source")
        speech.clear()
        await pilot.press("down")  # a key, so the next focus move is the person's and is said
        app.reading_pane.move_to_block(source.index)
        await settle(pilot)
        said = speech.said()[-1]
        assert said.startswith("National Cancer Institute: Immunotherapy side effects.")
        assert "cancer.gov" not in said and "http" not in said


def test_verbosity_opening_and_echo_are_kept_in_the_settings_file(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "settings.json"
    path.write_text('{"verbosity": "brief", "opening": "read-on", "echo_typing": true}')
    settings, problem = load_settings(path)
    assert problem is None
    assert (settings.verbosity, settings.opening, settings.echo_typing) == ("brief", "read-on", True)
    path.write_text('{"verbosity": "chatty"}')
    settings, problem = load_settings(path)
    assert settings.verbosity == "full" and problem and "verbosity" in problem


async def test_sources_are_read_as_organisation_and_title(make_app: MakeApp) -> None:
    app = make_app(RecordingSpeech(enabled=True))
    async with app.run_test(size=(120, 40)):
        source = next(u for u in app.voicing.utterances("colitis") if u.text.startswith("National Cancer"))
        assert source.spoken == "National Cancer Institute: Immunotherapy side effects."
        assert "https://" in source.text  # still shown, and marked whole while it is read


async def test_e_spells_the_longest_word_then_the_next(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert speech.said()[-1] == "Diarrhoea: dee, eye, ay, ar, ar, aitch, oh, ee, ay."
        assert "Diarrhoea: D I A R R H O E A" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        assert speech.said()[-1].startswith("colitis: see, oh, el, eye, tee, eye, ess.")
        assert "stop" not in speech.names()[-3:]  # a speech control: reading is not stopped


async def test_search_says_the_count_once_typing_pauses_with_the_matching_sentence(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        speech.clear()
        for key in "the runs":
            await pilot.press("space" if key == " " else key)
            await pilot.pause(0.25)  # slower than the search's own wait: results are shown as you type
        await settle(pilot, 1.0)
        counts = [text for text in speech.said() if " found." in text]
        assert len(counts) == 1, speech.said()
        screen = app.screen
        first = screen.results[0]  # type: ignore[attr-defined]
        assert counts[0].startswith(f"1 found. First: {first.title}: {first.snippet.rstrip('.')}")
        assert not [text for text in speech.said() if len(text) == 1], "no echo unless asked"


async def test_typed_characters_are_echoed_when_the_setting_asks(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech, Settings(speech=True, echo_typing=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        speech.clear()
        await pilot.press("r", "space", "a")
        await settle(pilot)
        assert speech.said()[:3] == ["r", "space", "a"]
