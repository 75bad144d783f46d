"""serve's speech pool and the voice list: an engine that dies before it lists the voices does
not leave every later session waiting for the list for ever, and a session that ends while it
waits leaves nothing of itself in the pool.

The pool here is the real guide.speech.pool_server.Pool; its engines are small stand-in
processes (they read requests and say what the test needs), so the order of events is fixed.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys

from guide.speech.pool_server import Client, Engine, Pool

READS_ONE_LINE_AND_DIES = "import sys; sys.stdin.readline()"
ECHOES_ONE_LINE = "import sys; sys.stdout.write(sys.stdin.readline()); sys.stdout.flush()"


async def stand_in(code: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, "-c", code, stdin=asyncio.subprocess.PIPE,
                                                stdout=asyncio.subprocess.PIPE)


async def a_client(key: str) -> tuple[Client, socket.socket]:
    ours, theirs = socket.socketpair()
    _reader, writer = await asyncio.open_connection(sock=theirs)
    return Client(writer, key), ours


def test_when_the_engine_asked_for_the_voices_dies_the_next_ready_engine_is_asked() -> None:
    async def scenario() -> dict[str, str]:
        pool = Pool()
        first = Engine(await stand_in(READS_ONE_LINE_AND_DIES), "k")
        pool.engines.append(first)
        await pool.on_reply(first, {"ready": True}, b"")  # asked for the voices, dies without answering
        await asyncio.wait_for(pool.read(first), 10)
        second = Engine(await stand_in(ECHOES_ONE_LINE), "k")
        pool.engines.append(second)
        await pool.on_reply(second, {"ready": True}, b"")
        assert second.process.stdout is not None
        line = await asyncio.wait_for(second.process.stdout.readline(), 10)
        second.kill()
        await second.process.wait()
        return dict(json.loads(line or b"{}"))

    assert asyncio.run(scenario()).get("op") == "voices"


def test_a_session_that_ends_while_waiting_for_the_voices_is_not_kept() -> None:
    async def scenario() -> tuple[list[object], dict[str, object]]:
        pool = Pool()
        client, ours = await a_client("k")
        client.request = {"op": "stream", "id": 3, "text": "my own search words"}
        pool.voice_waiters.append((client, "voices"))
        pool.waiting.append(client)
        pool.drop(client)
        ours.close()
        return [waiter for waiter, _job in pool.voice_waiters], client.request

    waiters, request = asyncio.run(scenario())
    assert waiters == []
    assert request == {}


def test_a_request_that_is_not_an_object_ends_that_session_quietly() -> None:
    """Any line a session sends is only ever the end of that session, never an error in the pool."""
    async def scenario() -> bool:
        pool = Pool()
        reader = asyncio.StreamReader()
        reader.feed_data(b'{"settings": {"rate": 1}}\n[1, 2]\n')
        reader.feed_eof()
        _client, ours = await a_client("k")
        _theirs_reader, writer = await asyncio.open_connection(sock=ours)
        pool.warning_for = _no_warning  # type: ignore[method-assign]  # no engine needs to start here
        pool.keep_warm = _nothing  # type: ignore[method-assign]
        await pool.session(reader, writer)
        return writer.is_closing()

    assert asyncio.run(scenario())


async def _no_warning(key: str) -> str:
    return ""


async def _nothing() -> None:
    return None
