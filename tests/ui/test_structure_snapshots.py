"""How the contents list and the find bar look at 80x24, on the frozen snapshot library.

Update on purpose with: pytest tests/ui/test_structure_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from guide.content.loader import load_or_raise
from guide.content.model import Library
from guide.ui.app import GuideApp
from guide.ui.screens.find import FIND_WAIT_S

from .test_snapshots import SNAPSHOT_LIBRARY

MakeApp = Callable[..., GuideApp]
SnapCompare = Callable[..., bool]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_or_raise(SNAPSHOT_LIBRARY)


async def contents_of_colitis(pilot: Pilot[Any]) -> None:
    assert isinstance(pilot.app, GuideApp)
    await pilot.app.open_topic("colitis")
    await pilot.press("greater_than_sign", "o")
    await pilot.pause(0.2)


async def find_stools_in_colitis(pilot: Pilot[Any]) -> None:
    assert isinstance(pilot.app, GuideApp)
    await pilot.app.open_topic("colitis")
    await pilot.press("ctrl+f", *"stools")
    await pilot.pause(FIND_WAIT_S + 0.2)
    await pilot.press("f3")
    await pilot.pause()


def test_contents_dialog(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=contents_of_colitis)


def test_find_bar_with_marked_matches(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=find_stools_in_colitis)
