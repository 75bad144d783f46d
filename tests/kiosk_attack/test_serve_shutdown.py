"""`immunoguide serve` under stop and load: SIGTERM ends it and every kiosk (with its speech)
within 5 s, even when the browsers do not answer; the number of screens is a kiosk.yaml
setting, and a screen beyond it gets the polite busy page."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import aiohttp
import pytest

from guide.kiosk.config import DEFAULT_MAX_SESSIONS, load_config
from tests.kiosk_attack.serving import alive, descendants, serving

pytestmark = pytest.mark.slow


async def open_screens(port: int, count: int) -> tuple[aiohttp.ClientSession, list[aiohttp.ClientWebSocketResponse]]:
    """``count`` websocket sessions that have each drawn their first screen, and that never
    read again or answer a close (the worst browser)."""
    client = aiohttp.ClientSession()
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    sockets = [await client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30", headers=origin)
               for _ in range(count)]
    for socket in sockets:
        drawn = 0
        while drawn < 4000:
            message = await socket.receive(timeout=60)
            assert message.type == aiohttp.WSMsgType.BINARY, message
            drawn += len(message.data)
    return client, sockets


def test_sigterm_ends_serve_and_every_kiosk_within_5_s(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("speech: true\n")
    with serving("--config", str(config)) as (port, server):
        async def scenario() -> tuple[list[int], float]:
            client, _sockets = await open_screens(port, 3)
            await asyncio.sleep(2)  # speech workers start after the first screen
            tree = descendants(server.pid)
            server.send_signal(signal.SIGTERM)
            started = time.monotonic()
            while time.monotonic() - started < 10 and (server.poll() is None or any(map(alive, tree))):
                await asyncio.sleep(0.05)
            took = time.monotonic() - started
            await client.close()
            return tree, took

        tree, took = asyncio.run(scenario())
        assert len(tree) >= 3, tree  # one kiosk a screen, run directly (no shell between)
        assert server.poll() is not None and not [pid for pid in tree if alive(pid)], took
        assert took < 5, took


def test_the_number_of_screens_is_a_setting_and_one_more_is_told_politely(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("max_sessions: 2\n")
    with serving("--config", str(config)) as (port, _server):
        async def scenario() -> tuple[int, int, str]:
            client, _sockets = await open_screens(port, 2)
            origin = {"Origin": f"http://127.0.0.1:{port}"}
            try:
                async with client.ws_connect(f"http://127.0.0.1:{port}/ws", headers=origin):
                    refused = 101
            except aiohttp.WSServerHandshakeError as error:
                refused = error.status
            async with client.get(f"http://127.0.0.1:{port}/?fontsize=20") as page:
                status, text = page.status, await page.text()
            await client.close()
            return refused, status, text

        refused, status, text = asyncio.run(scenario())
    assert refused == 503
    assert status == 503 and "All screens are busy" in text


def test_max_sessions_out_of_range_is_reported_and_bounded(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("max_sessions: 100000\n")
    loaded = load_config(config)
    assert loaded.max_sessions == 64
    assert any("max_sessions" in problem.message for problem in loaded.problems)
    config.write_text("max_sessions: lots\n")
    assert load_config(config).max_sessions == DEFAULT_MAX_SESSIONS
