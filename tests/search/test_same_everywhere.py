"""The same query gives the same results and the same count in the TUI, in `read` and from `search`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from textual.widgets import OptionList

from guide.content.loader import load_or_raise
from guide.content.model import Library
from guide.content.search import PAGE_SIZE, SearchIndex
from guide.line_reader import LineReader
from guide.settings import Settings
from guide.ui.app import build_app
from guide.ui.screens.search import MORE_ID, SearchScreen
from tests.fixtures import FIXTURE_LIBRARY
from tests.speech_fake import RecordingSpeech
from tests.ui.harness import settle

QUERY = "side effects"


def _cli(query: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "guide", "search", query, "--json", "--content", str(FIXTURE_LIBRARY)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    data: dict[str, object] = json.loads(done.stdout)
    return data


def _read(library: Library, typed: str) -> list[str]:
    out = io.StringIO()
    LineReader(library, io.StringIO(typed), out, pager=False, echo=True).run()
    return out.getvalue().splitlines()


def test_the_fixture_query_has_more_than_a_page(library: Library) -> None:
    assert len(SearchIndex(library).rank(QUERY)) > 1


async def test_tui_read_and_search_agree(library: Library, make_app: object) -> None:
    index = SearchIndex(library)
    expected = [r.topic_id for r in index.search(QUERY)]
    found = len(index.rank(QUERY))

    cli = _cli(QUERY)
    results: list[dict[str, object]] = cli["results"]  # type: ignore[assignment]
    assert [r["id"] for r in results] == expected
    assert cli["found"] == found

    lines = _read(library, f"{QUERY}\n")
    heading = next(line for line in lines if line.startswith(f"{found} found for \"{QUERY}\""))
    listed = lines[lines.index(heading) + 1 : lines.index(heading) + 1 + len(expected)]
    assert [line.split(". ", 1)[1].split(" (in:")[0] for line in listed] == [library[i].title for i in expected]

    app = make_app()  # type: ignore[operator]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *QUERY)
        await settle(pilot, 0.8)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert [r.topic_id for r in screen.results] == expected
        assert screen.ranking is not None and len(screen.ranking) == found
        message = str(screen.query_one("#search-message").render())
        assert message.startswith(f"{found} found")


async def test_tui_more_adds_the_next_page_and_says_so(speech: RecordingSpeech, tmp_path: Path) -> None:
    """On the bundled guide "pain" matches more than a page; Ctrl+N brings the rest, numbered on."""
    library = load_or_raise()
    ranking = SearchIndex(library).rank("pain")
    assert len(ranking) > PAGE_SIZE
    app = build_app(library, speech, Settings(), settings_path=tmp_path / "settings.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"pain")
        await settle(pilot, 0.8)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.results) == PAGE_SIZE
        options = screen.query_one("#results", OptionList)
        assert options.get_option(MORE_ID) is not None
        await pilot.press("ctrl+n")
        await settle(pilot)
        two_pages = SearchIndex(library).search("pain", 2 * PAGE_SIZE)
        assert [r.topic_id for r in screen.results] == [r.topic_id for r in two_pages]
        assert any("more" in said and "shown" in said for said in speech.said())
