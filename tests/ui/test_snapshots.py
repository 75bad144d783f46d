"""How the screens look, at fixed sizes, with a frozen library of their own (so content edits never break these).

Update on purpose with: pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from guide.content.loader import load_or_raise
from guide.content.model import Library
from guide.settings import THEMES, Settings
from guide.ui.app import GuideApp

# Not tests/fixtures/library: the pictures show the whole library (start page, tree, glossary), so its text is
# part of every picture; this copy changes only with the snapshots.
SNAPSHOT_LIBRARY = Path(__file__).parent / "snapshot_library" / "en"

MakeApp = Callable[..., GuideApp]
SnapCompare = Callable[..., bool]


@pytest.fixture(scope="module")
def library() -> Library:
    """Overrides the conftest's library for these tests only; make_app builds on whichever is in scope."""
    return load_or_raise(SNAPSHOT_LIBRARY)


async def open_colitis(pilot: Pilot[Any]) -> None:
    assert isinstance(pilot.app, GuideApp)
    await pilot.app.open_topic("colitis")
    await pilot.pause()


async def search_the_runs(pilot: Pilot[Any]) -> None:
    await pilot.press("slash", *"the runs")
    await pilot.pause(0.5)
    await pilot.press("down")
    await pilot.pause()


def test_start_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36))


def test_topic_with_urgent_block(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_colitis)


def test_search_with_results(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=search_the_runs)


def test_help(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["f1"])


def test_glossary(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36), press=["g", "down"])


def test_definition_dialog(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def define(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app, GuideApp)
        await pilot.app.open_topic("what-is-it")
        await pilot.pause()  # the text takes the focus
        await pilot.press("down", "d")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=define)


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme(snap_compare: SnapCompare, make_app: MakeApp, theme: str) -> None:
    assert snap_compare(make_app(settings=Settings(theme=theme)), terminal_size=(110, 34), run_before=open_colitis)


def test_monochrome_under_no_color(
    snap_compare: SnapCompare, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(110, 34), run_before=open_colitis)


def test_80x24_start(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_80x24_topic_and_tree_panel(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def open_panel(pilot: Pilot[Any]) -> None:
        await open_colitis(pilot)
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_panel)


def test_80x24_topic(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_colitis)
