"""`immunoguide serve` forks each browser session from its pre-loaded session zygote: every
screen still gets its first screen, each session is its own process with its own state, and
when the zygote has gone sessions are started the old way (said once in serve's log)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from tests.kiosk.test_kiosk_without_textual import ui_modules_after
from tests.kiosk_attack.serving import alive, descendants, serving

pytestmark = pytest.mark.slow

FIRST_SCREEN_WORDS = b"press any key"


class Screen:
    """One browser tab: a websocket to serve whose screen output is collected as it comes."""

    def __init__(self, client: aiohttp.ClientSession, port: int) -> None:
        self.client, self.port = client, port
        self.seen = b""
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None

    async def open(self) -> Screen:
        self.ws = await self.client.ws_connect(f"http://127.0.0.1:{self.port}/ws?width=100&height=30",
                                               headers={"Origin": f"http://127.0.0.1:{self.port}"})
        self.reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.seen += message.data

    async def shows(self, words: bytes, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while words not in self.seen.lower() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return words in self.seen.lower()

    async def type(self, keys: str, pause: float = 0.05) -> None:
        assert self.ws is not None
        for key in keys:
            await self.ws.send_str(json.dumps(["stdin", key]))
            await asyncio.sleep(pause)


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def pool_workers(server_pid: int) -> list[int]:
    """The engines of serve's speech pool."""
    pools = [pid for pid in descendants(server_pid) if "guide.speech.pool_server" in command_line(pid)]
    return [pid for one in pools for pid in descendants(one) if "guide.speech.worker" in command_line(pid)]


async def until(condition: Callable[[], bool], timeout: float = 30) -> bool:
    """Wait for a condition, not for a time: the suite runs on a busy two-core machine."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return condition()


def zygote_of(server_pid: int) -> int:
    found = [pid for pid in descendants(server_pid)
             if "guide.kiosk.session_zygote" in command_line(pid) and parent(pid) == server_pid]
    assert len(found) == 1, found
    return found[0]


def test_each_screen_is_its_own_forked_kiosk_with_its_own_search(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("max_sessions: 4\n")
    with serving("--config", str(config)) as (port, server):
        async def scenario() -> tuple[list[bool], list[int], bool, bool]:
            async with aiohttp.ClientSession() as client:
                screens = await asyncio.gather(*(Screen(client, port).open() for _ in range(3)))
                firsts = list(await asyncio.gather(*(s.shows(FIRST_SCREEN_WORDS) for s in screens)))
                zygote = zygote_of(server.pid)
                kiosks = [pid for pid in descendants(zygote) if parent(pid) == zygote]
                first, second = screens[0], screens[1]
                await first.type("x", pause=0.8)  # wakes the attract screen
                await first.type("/", pause=0.8)  # opens search
                await first.type("zebrafish")
                typed_here = await first.shows(b"zebrafish", timeout=10)
                await second.type("x", pause=0.8)
                await second.type("/", pause=1.5)
                typed_there = b"zebrafish" in second.seen.lower()
                return firsts, kiosks, typed_here, typed_there

        firsts, kiosks, typed_here, typed_there = asyncio.run(scenario())
    assert firsts == [True, True, True]
    assert len(kiosks) == 3  # one forked kiosk a screen
    assert typed_here and not typed_there


def test_each_forked_kiosk_leads_its_own_process_group(tmp_path: Path) -> None:
    with serving() as (port, server):
        async def scenario() -> list[tuple[int, int]]:
            async with aiohttp.ClientSession() as client:
                screens = await asyncio.gather(*(Screen(client, port).open() for _ in range(2)))
                assert all(await asyncio.gather(*(s.shows(FIRST_SCREEN_WORDS) for s in screens)))
                zygote = zygote_of(server.pid)
                return [(pid, os.getpgid(pid)) for pid in descendants(zygote) if parent(pid) == zygote]

        groups = asyncio.run(scenario())
    assert len(groups) == 2 and all(pid == group for pid, group in groups), groups


def test_a_closed_tab_ends_its_forked_kiosk(tmp_path: Path) -> None:
    with serving() as (port, server):
        async def scenario() -> tuple[list[int], bool]:
            async with aiohttp.ClientSession() as client:
                screen = await Screen(client, port).open()
                assert await screen.shows(FIRST_SCREEN_WORDS)
                zygote = zygote_of(server.pid)
                kiosks = [pid for pid in descendants(zygote) if parent(pid) == zygote]
                assert screen.ws is not None
                await screen.ws.close()
            deadline = time.monotonic() + 5
            while any(map(alive, kiosks)) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            return kiosks, any(map(alive, kiosks))

        kiosks, left = asyncio.run(scenario())
    assert len(kiosks) == 1 and not left


def test_sessions_still_start_when_the_zygote_is_gone_and_serve_says_so_once(tmp_path: Path) -> None:
    with serving() as (port, server):
        async def scenario() -> tuple[bool, list[str]]:
            async with aiohttp.ClientSession() as client:
                before = await Screen(client, port).open()
                assert await before.shows(FIRST_SCREEN_WORDS)
                os.kill(zygote_of(server.pid), signal.SIGKILL)
                await asyncio.sleep(0.5)
                after = await asyncio.gather(*(Screen(client, port).open() for _ in range(2)))
                shown = all(await asyncio.gather(*(s.shows(FIRST_SCREEN_WORDS, timeout=60) for s in after)))
                kiosks = [command_line(pid) for pid in descendants(server.pid) if parent(pid) == server.pid]
                return shown, kiosks

        shown, kiosks = asyncio.run(scenario())
        server.terminate()
        output = server.communicate(timeout=10)[0].decode(errors="replace")
    assert shown
    assert sum(" -m guide kiosk" in line and "session_client" not in line for line in kiosks) == 2, kiosks
    assert output.count("session zygote has ended") == 1, output


def test_served_kiosks_speak_through_the_one_pool_and_sigterm_ends_it_all(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("speech: true\n")
    monkeypatch.setenv("IMMUNOGUIDE_SPEECH_PLAYER", "null")  # real engines, played to no device
    with serving("--config", str(config)) as (port, server):
        async def scenario() -> tuple[list[int], list[int], list[int], float]:
            async with aiohttp.ClientSession() as client:
                screens = await asyncio.gather(*(Screen(client, port).open() for _ in range(2)))
                assert all(await asyncio.gather(*(s.shows(FIRST_SCREEN_WORDS) for s in screens)))
                for screen in screens:
                    await screen.type("x")  # a visitor: speech comes on and says where it is
                assert await until(lambda: len(pool_workers(server.pid)) >= 2)
                pool = [pid for pid in descendants(server.pid) if "guide.speech.pool_server" in command_line(pid)]
                workers = [pid for pid in descendants(server.pid) if "guide.speech.worker" in command_line(pid)]
                pooled = [pid for one in pool for pid in descendants(one)]
                tree = descendants(server.pid)
                server.send_signal(signal.SIGTERM)
                started = time.monotonic()
                while time.monotonic() - started < 10 and (server.poll() is None or any(map(alive, tree))):
                    await asyncio.sleep(0.05)
                return pool, workers, pooled, time.monotonic() - started

        pool, workers, pooled, took = asyncio.run(scenario())
    assert len(pool) == 1
    assert workers and set(workers) <= set(pooled)  # every engine is the pool's, none a session's own
    assert took < 5, took


def test_serve_killed_outright_takes_every_session_zygote_and_pool_with_it(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("speech: true\n")
    monkeypatch.setenv("IMMUNOGUIDE_SPEECH_PLAYER", "null")
    with serving("--config", str(config)) as (port, server):
        async def scenario() -> tuple[list[int], list[int], bool]:
            async with aiohttp.ClientSession() as client:
                screens = await asyncio.gather(*(Screen(client, port).open() for _ in range(2)))
                assert all(await asyncio.gather(*(s.shows(FIRST_SCREEN_WORDS) for s in screens)))
                await screens[0].type("x")
                assert await until(lambda: bool(pool_workers(server.pid)))  # the pool's engines go too
                tree = descendants(server.pid)
                zygote = command_line(zygote_of(server.pid)).split()
                folder = Path(zygote[zygote.index("--socket") + 1]).parent
                server.kill()  # no handler runs: only the kernel's death signals end the rest
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and (any(map(alive, tree)) or folder.exists()):
                    await asyncio.sleep(0.05)
                return tree, [pid for pid in tree if alive(pid)], folder.exists()

        tree, left, folder_left = asyncio.run(scenario())
    assert len(tree) >= 6, tree  # zygote, pool, two launchers, two kiosks (and the pool's engines)
    assert left == [], [command_line(pid) for pid in left]
    assert not folder_left  # the helpers clear their sockets and serve's folder away


def test_a_stuck_zygote_is_given_up_and_the_session_starts_the_old_way(tmp_path: Path) -> None:
    with serving() as (port, server):
        async def scenario() -> tuple[bool, list[str]]:
            zygote = zygote_of(server.pid)
            os.kill(zygote, signal.SIGSTOP)  # alive to serve, answering nobody
            try:
                async with aiohttp.ClientSession() as client:
                    screen = await Screen(client, port).open()
                    shown = await screen.shows(FIRST_SCREEN_WORDS, timeout=60)
                    kiosks = [command_line(pid) for pid in descendants(server.pid) if parent(pid) == server.pid]
                    return shown, kiosks
            finally:
                os.kill(zygote, signal.SIGCONT)

        shown, kiosks = asyncio.run(scenario())
    assert shown
    assert any(" -m guide kiosk" in line and "session_client" not in line for line in kiosks), kiosks


@pytest.mark.parametrize("module", ["guide.kiosk.session_client", "guide.kiosk.session_starter",
                                    "guide.speech.pool_server", "guide.speech.pool_client"])
def test_the_launcher_and_serves_helpers_import_no_textual(module: str) -> None:
    """The launcher runs once a session and must start in a few milliseconds; the pool and
    the starter live beside the UI, not in it."""
    assert ui_modules_after(f"import {module}") == []


def test_a_forked_kiosk_is_as_locked_down_as_an_execd_one(tmp_path: Path) -> None:
    with serving() as (port, server):
        async def scenario() -> tuple[list[int], bool, bool]:
            async with aiohttp.ClientSession() as client:
                screen = await Screen(client, port).open()
                assert await screen.shows(FIRST_SCREEN_WORDS)
                zygote = zygote_of(server.pid)
                kiosks = [pid for pid in descendants(zygote) if parent(pid) == zygote]
                await screen.type("x", pause=0.5)
                await screen.type("\x11\x03\x1a\x1c", pause=0.3)  # ctrl+q, ctrl+c, ctrl+z, ctrl+\
                await screen.type("/", pause=0.8)  # keys after them still reach the guide: it read them all
                await screen.type("zebrafish")
                answered = await screen.shows(b"zebrafish", timeout=30)
                assert screen.ws is not None
                return kiosks, answered and all(map(alive, kiosks)), not screen.ws.closed

        kiosks, still_running, still_open = asyncio.run(scenario())
    assert len(kiosks) == 1 and still_running and still_open
