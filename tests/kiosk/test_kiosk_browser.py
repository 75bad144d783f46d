"""`immunoguide serve` in headless Chromium: the page loads from this machine only,
the kiosk and its topic tree show, and keys and clicks reach the guide."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.content.loader import bundled_content_dir, load_or_raise

from .chromium_driver import ChromiumPage, chromium_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(chromium_path() is None, reason="chromium not installed"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not start listening")


def find(lines: list[str], text: str) -> tuple[int, int] | None:
    for row, line in enumerate(lines):
        col = line.find(text)
        if col >= 0:
            return row, col
    return None


async def wait_for_screen(page: ChromiumPage, text: str, timeout: float = 20) -> tuple[int, int] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        place = find(page.screen(), text)
        if place:
            return place
        await asyncio.sleep(0.1)
    return None


async def screen_loses(page: ChromiumPage, text: str, timeout: float = 10) -> bool:
    """The text is gone from the screen (a dialog closed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not find(page.screen(), text):
            return True
        await asyncio.sleep(0.1)
    return False


async def first_line_shows(page: ChromiumPage, text: str, timeout: float = 10) -> bool:
    """The breadcrumb (first line) names the open topic."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in page.screen()[0]:
            return True
        await asyncio.sleep(0.1)
    return False


def test_served_kiosk_in_headless_chromium(tmp_path: Path) -> None:
    library = load_or_raise(bundled_content_dir() / "en")
    titles = {topic.id: topic.title for topic in library.topics}
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_DATA_HOME": str(home / ".local/share")}
    server = subprocess.Popen([sys.executable, "-m", "guide", "serve", "--port", str(port),
                               "--config", str(tmp_path / "kiosk.yaml")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for_port(port, server)
        asyncio.run(asyncio.wait_for(drive(port, tmp_path / "profile", titles), 120))
    finally:
        server.terminate()
        output, errors = server.communicate(timeout=20)
    assert f"Serving the kiosk on http://127.0.0.1:{port}" in output
    assert "GET /" not in output + errors  # no request log: nothing about visitors in the journal
    assert not any(home.rglob("*"))


async def drive(port: int, profile: Path, titles: dict[str, str]) -> None:
    page = ChromiumPage(profile)
    await page.start()
    try:
        await page.goto(f"http://127.0.0.1:{port}/")
        # The page loads and the kiosk's attract screen arrives over the websocket.
        assert await wait_for_screen(page, "Press any key to start"), "\n".join(page.screen())
        assert "-first-byte" in await page.evaluate("document.body.className")
        assert await page.evaluate("location.search") == "?fontsize=24"
        links = await page.evaluate(
            "[...document.querySelectorAll('link[href],script[src]')].map(e => e.href || e.src)")
        assert links and all(url.startswith(f"http://127.0.0.1:{port}/") for url in links)  # nothing from outside

        # A key wakes it with no click first (the page keeps focus on the terminal),
        # and the tree of topics shows.
        await page.press("space")
        assert await wait_for_screen(page, titles["side-effects"]), "\n".join(page.screen())
        assert find(page.screen(), titles["basics"])

        # Keys work: n opens the first topic in reading order.
        await page.press("n")
        assert await first_line_shows(page, titles["basics"]), "\n".join(page.screen())
        await page.press("slash")
        assert await wait_for_screen(page, "Search the guide"), "\n".join(page.screen())
        await page.press("escape")
        assert await screen_loses(page, "Search the guide"), "\n".join(page.screen())

        # Clicks work: click the side-effects part in the tree and it opens. The first click may
        # only move the tree's cursor there; on a busy machine the second may come before the
        # first is handled, so click until it opens (a few times at most).
        place = find(page.screen(), titles["side-effects"])
        assert place
        x, y = await page.cell_centre(place[0], place[1] + 1)
        for _ in range(4):
            await page.click(x, y)
            if await first_line_shows(page, titles["side-effects"], timeout=3):
                break
        assert await first_line_shows(page, titles["side-effects"], timeout=1), "\n".join(page.screen())
    finally:
        await page.close()
