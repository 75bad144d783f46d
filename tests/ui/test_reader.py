"""Pilot tests: what every topic shows (urgent first, never parsed as markup), user activity and a fresh session."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import _get_mouse_message_arguments
from textual.widgets import Input

from guide.content.model import Library
from guide.ui.app import GuideApp, build_app
from guide.ui.messages import UserActivity

from ..speech_fake import RecordingSpeech
from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


async def test_urgent_block_comes_first_with_its_label_and_border(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await app.open_topic("colitis")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        urgent = next(i for i, line in enumerate(lines) if "URGENT: call your care team now" in line)
        summary = next(i for i, line in enumerate(lines) if "The treatment can make your bowel sore" in line)
        emergency = next(i for i, line in enumerate(lines) if "EMERGENCY" in line)
        assert urgent < emergency < summary
        assert "┃" in lines[urgent] or "┏" in lines[urgent - 1]  # a heavy border, not colour alone
        for heading in ("What colitis is", "Key points", "Questions to ask your care team", "Sources"):
            assert any(heading in line for line in lines)
        assert any("Last reviewed on 20 October 2026." in line for line in lines)


async def test_user_activity_fires_for_keys_and_clicks(library: Library, make_app: MakeApp) -> None:
    kinds: list[str] = []

    class Watching(GuideApp):
        def on_user_activity(self, message: UserActivity) -> None:
            kinds.append(message.kind)

    app = build_app(library, RecordingSpeech(enabled=False), make_app().settings, app_class=Watching,
                    persist=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        # Pilot.click bypasses App.on_event; a terminal's driver posts mouse events to the app.
        arguments = _get_mouse_message_arguments(app.reading_pane, button=1)
        app.post_message(events.MouseDown(**arguments))
        await settle(pilot)
    assert "key" in kinds and "mouse" in kinds


async def test_reset_session_returns_to_a_fresh_start(make_app: MakeApp) -> None:
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
        assert app.theme == "guide-dark" and speech.rate == "normal" and speech.volume == "normal"
        await pilot.press("slash")
        await settle(pilot)
        assert app.screen.query_one(Input).value == ""


async def test_content_text_is_never_parsed_as_markup(library: Library, make_app: MakeApp) -> None:
    topic = library["skin-rash"]
    odd = topic._replace(title="Rash [bold]not bold[/bold] $var", summary="Use [red]cream[/] @click=app.quit")
    tricky = Library(language="en", topics=tuple(odd if t.id == topic.id else t for t in library.topics),
                     glossary=library.glossary)

    app = build_app(tricky, RecordingSpeech(enabled=False), make_app().settings, persist=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_topic("skin-rash")
        await settle(pilot)
        text = screen_text(app)
        assert "Rash [bold]not bold[/bold] $var" in text
        assert "Use [red]cream[/] @click=app.quit" in text
