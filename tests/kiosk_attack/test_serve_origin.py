"""The browser kiosk on loopback: a page of another site (a foreign Origin) cannot open a
session; the server's own page can."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import aiohttp
import pytest

from guide.kiosk.command import public_address

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "guide", "serve", "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def handshake_status(server: str, headers: dict[str, str]) -> int:
    """101 when serve opened a session for this websocket, else the status it refused it with."""
    async def attempt() -> int:
        async with aiohttp.ClientSession() as client:
            try:
                async with client.ws_connect(f"http://{server}/ws?width=80&height=24", headers=headers):
                    return 101
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status

    return asyncio.run(attempt())


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None])
def test_a_foreign_origin_cannot_open_a_session(server: str, origin: str | None) -> None:
    assert handshake_status(server, {"Origin": origin} if origin else {}) == 403


def test_the_servers_own_page_opens_a_session(server: str) -> None:
    async def attempt() -> bool:
        own = {"Origin": f"http://{server}"}
        async with aiohttp.ClientSession() as client, client.ws_connect(f"http://{server}/ws", headers=own) as ws:
            message = await ws.receive(timeout=30)
            return message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)

    assert asyncio.run(attempt())


def test_a_page_of_a_name_rebound_to_this_machine_cannot_open_a_session(server: str) -> None:
    """DNS rebinding: another site's name made to point at this machine sends that name as
    both Host and Origin; the page serve gives out names serve's own address, so only that counts."""
    port = server.rsplit(":", 1)[1]
    rebound = f"rebound.example:{port}"
    assert handshake_status(server, {"Origin": f"http://{rebound}", "Host": rebound}) == 403


@pytest.mark.parametrize(("given", "origin"), [
    ("https://Guide.Clinic.example:443", "https://guide.clinic.example"),
    ("http://guide:80/", "http://guide"),
    ("http://[::1]:8000", "http://[::1]:8000"),
])
def test_the_public_url_is_kept_as_a_browser_writes_the_pages_origin(given: str, origin: str) -> None:
    """A websocket's Origin must equal the page's address exactly, so a --public-url with a
    default port or capitals would otherwise refuse every browser the proxy sends."""
    assert public_address(given) == origin
