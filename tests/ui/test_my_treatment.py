"""My treatment (m): type a drug's name, open what applies to it, hear it, follow its links.

These use the bundled content, which has the treatment entries (the shared fixture has none).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from guide.content.document import BlockKind
from guide.content.loader import load_or_raise
from guide.content.model import Library
from guide.settings import load_settings
from guide.speech.api import Cue
from guide.ui.app import GuideApp, build_app
from guide.ui.screens.search import SearchScreen
from guide.ui.screens.treatment import TreatmentScreen

from ..speech_fake import RecordingSpeech
from .harness import breadcrumb, screen_text, settle

MakeApp = Callable[..., GuideApp]


@pytest.fixture(scope="module")
def library() -> Library:
    """The bundled library (its treatments): conftest's make_app builds the app on it."""
    return load_or_raise(None)


async def type_name(pilot: Pilot[int], app: GuideApp, name: str) -> TreatmentScreen:
    await pilot.press("m")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, TreatmentScreen)
    done = screen.matchings_done
    await pilot.press(*name)
    for _ in range(60):
        await pilot.pause(0.05)
        if screen.matchings_done > done and screen.matched == name:
            break
    return screen


async def test_keytruda_opens_its_summary_with_the_urgent_signs_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await type_name(pilot, app, "keytruda")
        assert "Pembrolizumab (Keytruda" in str(screen.query_one("#treatment-message", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TreatmentScreen)
        assert breadcrumb(app).startswith("My treatment: pembrolizumab (Keytruda")
        kinds = [b.kind for b in app.reading_pane.blocks]
        assert kinds[0] is BlockKind.TITLE and kinds[1] is BlockKind.URGENT_LABEL
        assert kinds.index(BlockKind.URGENT_SIGN) < kinds.index(BlockKind.SUMMARY) < kinds.index(BlockKind.HEADING)
        lines = screen_text(app).splitlines()
        emergency = next(i for i, line in enumerate(lines) if "EMERGENCY" in line)
        what_it_is = next(i for i, line in enumerate(lines) if "What it is" in line)
        assert emergency < what_it_is


async def test_the_summary_is_spoken_like_a_topic_title_and_urgent_first(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 50)) as pilot:
        await type_name(pilot, app, "Opdivo")
        speech.clear()
        await pilot.press("enter")
        await settle(pilot, 0.1)
        read = [c for c in speech.calls if c[0] == "read"]
        assert read, speech.calls
        opening = app.voicing.utterances(app.shown_document)
        first = [u for u in opening if u.block == 0 or u.cue is Cue.URGENT]
        assert first[0].text.startswith("My treatment: nivolumab")
        assert any("EMERGENCY" in u.spoken.upper() or u.cue is Cue.URGENT for u in first[1:])
        speech.clear()
        await pilot.press("r")  # the whole summary, from the top
        await settle(pilot)
        assert ("read", len(opening), 0) in speech.calls
        await pilot.press("w")
        await settle(pilot)
        assert any("My treatment: nivolumab" in s for s in speech.said())


async def test_a_linked_topic_opens_and_back_returns_to_the_summary(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await type_name(pilot, app, "nivo and ipi")
        await pilot.press("enter")
        await settle(pilot)
        title = breadcrumb(app)
        assert title.startswith("My treatment: nivolumab and ipilimumab")
        links = [b for b in app.reading_pane.blocks if b.kind is BlockKind.RELATED]
        assert links, "the topics to read next are links"
        app.reading_pane.move_to_block(links[0].index)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_topic == links[0].target
        await pilot.press("backspace")
        await settle(pilot)
        assert breadcrumb(app) == title


async def test_matches_come_as_you_type_and_an_unknown_name_names_the_care_team(make_app: MakeApp) -> None:
    speech = RecordingSpeech(enabled=True)
    app = make_app(speech)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await type_name(pilot, app, "keyt")
        options = screen.query_one("#treatment-matches", OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).id == "pembrolizumab"
        await pilot.press("down", "enter")  # choose from the list
        await settle(pilot)
        assert app.shown_document == "treatment-pembrolizumab"
        screen = await type_name(pilot, app, "zzqx")
        message = str(screen.query_one("#treatment-message", Static).render())
        assert "no treatment called" in message and "care team" in message
        assert any("no treatment called" in s for s in speech.said())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen  # nothing to open: the dialog stays
        await pilot.press("escape")
        await settle(pilot)
        assert app.shown_document == "treatment-pembrolizumab"


async def search_for(pilot: Pilot[int], app: GuideApp, words: str) -> SearchScreen:
    """Open search, type the words and wait for their results."""
    await pilot.press("slash", *words)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    for _ in range(60):
        await pilot.pause(0.05)
        if screen.results and screen.query_text == words:
            break
    await settle(pilot, 0.1)
    return screen


async def test_search_for_a_drug_name_offers_the_summary_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await search_for(pilot, app, "keytruda")
        first = screen.query_one("#results", OptionList).get_option_at_index(0)
        assert first.id == "treatment:pembrolizumab"
        assert "My treatment" in str(first.prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_document == "treatment-pembrolizumab"


async def test_search_for_other_words_offers_no_summary(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await search_for(pilot, app, "immunotherapy")
        ids = [o.id for o in screen.query_one("#results", OptionList).options if o.id]
        assert ids and not any(i.startswith("treatment:") for i in ids)


async def test_the_choice_is_kept_only_when_asked(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await type_name(pilot, app, "yescarta")
        await pilot.press("enter")
        await settle(pilot)
        assert app.settings.treatment is None and not (tmp_path / "settings.json").exists()  # not by default
        screen = await type_name(pilot, app, "keytruda")
        await pilot.press("f4")  # remember
        assert "Remembered on this computer: yes" in str(screen.query_one("#treatment-remember", Static).render())
        await pilot.press("enter")
        await settle(pilot, 0.2)
    assert app.settings.treatment == "pembrolizumab"
    assert load_settings(tmp_path / "settings.json")[0].treatment == "pembrolizumab"
    again = build_app(app.library, RecordingSpeech(enabled=False), load_settings(tmp_path / "settings.json")[0],
                      settings_path=tmp_path / "settings.json")  # fmt: skip
    async with again.run_test(size=(120, 50)) as pilot:
        screen = await type_name(pilot, again, "")
        assert screen.choices and screen.choices[0].treatment_id == "pembrolizumab"  # offered first, unasked
        await pilot.press("f4", "enter")  # stop remembering, and open it once more
        await settle(pilot, 0.2)
        assert again.shown_document == "treatment-pembrolizumab"
    assert load_settings(tmp_path / "settings.json")[0].treatment is None
