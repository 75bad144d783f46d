"""Small helpers for driving GuideApp in Pilot tests (tests/conftest.py runs the async tests themselves)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from guide.ui.app import GuideApp


async def settle(pilot: Pilot[Any], seconds: float = 0.0) -> None:
    """Let messages (and speech events from other threads) be processed."""
    await pilot.pause(seconds or None)
    await pilot.pause()


def breadcrumb(app: GuideApp) -> str:
    return str(app.query_one("#breadcrumb", Static).render())


def screen_text(app: GuideApp) -> str:
    """All text on screen, line by line, as a person would read it (from the composed frame)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
