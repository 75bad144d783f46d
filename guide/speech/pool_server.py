"""One speech engine pool for every session of `immunoguide serve`.

Without it each browser session starts its own two engine processes (about 21 MB each);
with it, serve starts this one process, which keeps a few warm engines
(guide.speech.worker) for all sessions. A session's engine is then a connection here
(guide.speech.pool_client.PoolEngine) that speaks the worker's own protocol: a settings
line, then requests; replies and each sentence's audio come back on the same socket as
they are made, by pipe and socket only, never a file.

A connection has at most one sentence being made. Its sentence goes to an idle engine
with the same settings, or to a new one (up to MAX_ENGINES). A session that stops wanting
its sentence closes its connection (its own player has already gone silent): nothing more
of that sentence reaches it, and the engine finishes it unheard, or is killed if that
takes more than ABANDONED_SECONDS; so one session's stop, hang or crash never holds
another's sentence. The pool keeps no sentence and no audio once it is sent (a session's
replay cache is in that session's own process, gone with it), so nothing one visitor heard
can reach the next. The socket is in serve's private (0700) runtime folder.

    python -m guide.speech.pool_server --socket PATH
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import itertools
import json
import os
import signal
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Any

WARM_ENGINES = 2
"""Idle engines kept ready for the settings most recently asked for, so a sentence never waits for a start."""
MAX_ENGINES = 6
"""Engines at most (about 21 MB each): more sessions speaking at once wait their turn."""
JOB_SECONDS = 60.0
"""A sentence that takes longer is dropped here too (each session's own watchdog acts far sooner)."""
ABANDONED_SECONDS = 2.0
"""A sentence its session no longer wants is made to its end and thrown away (espeak makes a
sentence in a small part of its length), so the engine stays warm; if it is not done in this
time the engine is killed instead."""
FATAL_REST_SECONDS = 30.0
"""After an engine of some settings could not start, none of those settings is started again for
this long: starting it again at once would fail again, dozens of times a second, and take the CPU
from every session's screen."""
SEND_SECONDS = 5.0
"""A session that reads nothing for this long while its audio waits is dropped."""
LINE_BYTES = 1024 * 1024
PR_SET_PDEATHSIG = 1


@dataclass(eq=False)
class Client:
    """One session's engine: a connection, its settings and its sentence."""

    writer: asyncio.StreamWriter
    key: str
    job: int | None = None
    """The session's id of the sentence it has asked for (queued or being made)."""
    request: dict[str, Any] = field(default_factory=dict)
    closed: bool = False

    async def send(self, message: dict[str, Any], samples: bytes = b"") -> None:
        if self.closed:
            return
        try:
            self.writer.write(json.dumps(message).encode() + b"\n" + samples)
            await asyncio.wait_for(self.writer.drain(), SEND_SECONDS)
        except (TimeoutError, OSError, RuntimeError):
            self.close()

    def close(self) -> None:
        self.closed = True
        with contextlib.suppress(OSError, RuntimeError):
            self.writer.close()


@dataclass(eq=False)
class Engine:
    """One engine process of the pool."""

    process: asyncio.subprocess.Process
    key: str
    ready: bool = False
    dead: bool = False
    warning: str = ""
    client: Client | None = None
    job: int | None = None
    """The pool's id of the sentence being made (the worker sees this one, not the session's)."""
    deadline: float = 0.0

    @property
    def idle(self) -> bool:
        return self.ready and not self.dead and self.client is None and self.job is None

    def kill(self) -> None:
        self.dead = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)


class Pool:
    def __init__(self) -> None:
        self.engines: list[Engine] = []
        self.waiting: deque[Client] = deque()
        self.voices: list[Any] | None = None
        self.voices_asked: Engine | None = None
        """The engine asked for the voice list and not yet answered: if it dies first, the next
        engine to be ready is asked, or sessions waiting for the list would wait for ever."""
        self.voice_waiters: list[tuple[Client, Any]] = []
        self.recent_key: str | None = None
        self.job_ids = itertools.count(1)
        self.readers: set[asyncio.Task[None]] = set()
        self.starting = asyncio.Lock()
        self.resting: dict[str, float] = {}
        """Settings whose engine could not start, and when (loop time) to try them again."""

    # --- engines ---------------------------------------------------------------------------

    async def spawn(self, key: str) -> None:
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "guide.speech.worker", key, stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL, start_new_session=True)
        except OSError as error:
            print(f"speech pool: an engine could not start ({error})", file=sys.stderr, flush=True)
            return
        engine = Engine(process, key)
        self.engines.append(engine)
        reader = asyncio.create_task(self.read(engine))
        self.readers.add(reader)  # held, so the task is not collected while it runs
        reader.add_done_callback(self.readers.discard)

    def starting_or_idle(self, key: str) -> int:
        return sum(1 for e in self.engines if e.key == key and not e.dead and e.client is None)

    async def keep_warm(self) -> None:
        """Enough engines for the sentences waiting and WARM_ENGINES spare, within MAX_ENGINES;
        idle engines of settings nobody uses now make room first. One at a time: a start
        awaits, and two counting at once would both start the engine that is missing."""
        async with self.starting:
            await self._keep_warm()

    async def _keep_warm(self) -> None:
        wanted: dict[str, int] = {}
        for client in self.waiting:
            wanted[client.key] = wanted.get(client.key, 0) + 1
        if self.recent_key is not None:
            wanted[self.recent_key] = wanted.get(self.recent_key, 0) + WARM_ENGINES
        now = asyncio.get_running_loop().time()
        for key, count in wanted.items():
            if self.resting.get(key, now) > now:
                continue
            for _ in range(count - self.starting_or_idle(key)):
                if len(self.engines) >= MAX_ENGINES:
                    spare = next((e for e in self.engines if e.idle and e.key not in wanted), None)
                    if spare is None:
                        break
                    self.retire(spare)
                await self.spawn(key)

    def retire(self, engine: Engine) -> None:
        engine.kill()
        if self.voices_asked is engine:
            self.voices_asked = None
        if engine in self.engines:
            self.engines.remove(engine)

    async def read(self, engine: Engine) -> None:
        """One engine's replies: audio and ends of sentences go to the session that asked."""
        stdout = engine.process.stdout
        assert stdout is not None
        with contextlib.suppress(OSError, ValueError, asyncio.IncompleteReadError):
            while line := await stdout.readline():
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(message, dict):
                    continue
                samples = await stdout.readexactly(int(message["audio"])) if "audio" in message else b""
                await self.on_reply(engine, message, samples)
        engine.dead = True
        client = engine.client
        if client is not None:
            client.close()  # as if its own engine had crashed: the session says the sentence again
        self.retire(engine)
        with contextlib.suppress(ProcessLookupError):
            await engine.process.wait()
        await self.dispatch()

    async def on_reply(self, engine: Engine, message: dict[str, Any], samples: bytes) -> None:
        if message.get("ready"):
            engine.ready, engine.warning = True, str(message.get("warning") or "")
            if self.voices is None and self.voices_asked is None:
                self.voices_asked = engine
                await self.write(engine, {"op": "voices", "id": "voices"})
            await self.dispatch()
        elif "fatal" in message:
            print(f"speech pool: an engine could not start ({message['fatal']})", file=sys.stderr, flush=True)
            self.resting[engine.key] = asyncio.get_running_loop().time() + FATAL_REST_SECONDS
            self.retire(engine)
        elif "voices" in message:
            self.voices, self.voices_asked = list(message["voices"]), None
            for client, job in self.voice_waiters:
                await client.send({"id": job, "voices": self.voices})
            self.voice_waiters.clear()
        elif message.get("id") == engine.job and engine.client is None:
            if "ok" in message:  # the end of a sentence nobody wants any more: the engine is free
                engine.job = None
                await self.dispatch()
        elif message.get("id") == engine.job and engine.client is not None:
            client = engine.client
            reply = {**message, "id": client.job}
            if "ok" in message:
                engine.client, engine.job = None, None
                client.job, client.request = None, {}
                await client.send(reply)
                await self.dispatch()
            else:
                await client.send(reply, samples)

    async def write(self, engine: Engine, message: dict[str, Any]) -> bool:
        stdin = engine.process.stdin
        try:
            assert stdin is not None
            stdin.write(json.dumps(message).encode() + b"\n")
            await stdin.drain()
            return True
        except (OSError, RuntimeError, AssertionError):
            self.retire(engine)
            return False

    # --- sentences -------------------------------------------------------------------------

    async def dispatch(self) -> None:
        """Each waiting sentence to an idle engine of its settings, in the order asked."""
        for client in list(self.waiting):
            if client.closed or client.job is None:
                self.waiting.remove(client)
                continue
            engine = next((e for e in self.engines if e.idle and e.key == client.key), None)
            if engine is None:
                continue
            self.waiting.remove(client)
            engine.client, engine.job = client, next(self.job_ids)
            engine.deadline = asyncio.get_running_loop().time() + JOB_SECONDS
            await self.write(engine, {**client.request, "id": engine.job})
        await self.keep_warm()

    def drop(self, client: Client) -> None:
        """A session no longer wants its sentence (stop, a newer sentence, or it ended): nothing
        more of it goes to the session, and the engine finishes it unheard or is killed."""
        client.close()
        client.request = {}  # the visitor's last words: nothing of them stays in this shared process
        with contextlib.suppress(ValueError):
            self.waiting.remove(client)
        self.voice_waiters = [(waiter, job) for waiter, job in self.voice_waiters if waiter is not client]
        for engine in self.engines:
            if engine.client is client:
                engine.client = None
                engine.deadline = min(engine.deadline, asyncio.get_running_loop().time() + ABANDONED_SECONDS)

    async def watchdog(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            now = asyncio.get_running_loop().time()
            for engine in list(self.engines):
                if engine.job is not None and now > engine.deadline:
                    if engine.client is not None:
                        engine.client.close()
                    self.retire(engine)
            await self.keep_warm()

    # --- sessions --------------------------------------------------------------------------

    async def session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client: Client | None = None
        try:
            hello = json.loads(await reader.readline())
            key = json.dumps(hello["settings"], sort_keys=True)
            client = Client(writer, key)
            self.recent_key = key
            await self.keep_warm()
            await client.send({"ready": True, "pid": os.getpid(), "warning": await self.warning_for(key)})
            while line := await reader.readline():
                request = json.loads(line)
                if request.get("op") == "voices":
                    if self.voices is not None:
                        await client.send({"id": request.get("id"), "voices": self.voices})
                    else:
                        self.voice_waiters.append((client, request.get("id")))
                elif request.get("op") == "stream" and client.job is None:
                    client.job, client.request = request.get("id"), request
                    self.waiting.append(client)
                    await self.dispatch()
                elif request.get("op") == "quit":
                    break
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # any bad line ends this session only
            pass
        finally:
            if client is not None:
                self.drop(client)
            else:
                writer.close()
            await self.dispatch()

    async def warning_for(self, key: str) -> str:
        """What an engine of these settings said at start (a voice that is not installed)."""
        for _ in range(100):
            engine = next((e for e in self.engines if e.key == key and e.ready), None)
            if engine is not None:
                return engine.warning
            await asyncio.sleep(0.05)
        return ""


async def run(path: str) -> None:
    pool = Pool()
    server = await asyncio.start_unix_server(pool.session, path=path, limit=LINE_BYTES)
    os.chmod(path, 0o600)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(number, stop.set)
    watchdog = asyncio.create_task(pool.watchdog())
    print("ready", flush=True)
    await stop.wait()
    watchdog.cancel()
    server.close()
    for engine in list(pool.engines):
        pool.retire(engine)
    # serve may have been killed outright: leave no socket, nor its folder once it is empty
    with contextlib.suppress(OSError):
        os.unlink(path)
    with contextlib.suppress(OSError):
        os.rmdir(os.path.dirname(path))
    # Nothing is left to save (the engines are killed, no sentence is kept), and asyncio.run's
    # teardown would wait for every session handler, whose clean-up may start an engine again:
    # with serve killed outright under load, that kept the pool alive for good. End now.
    sys.stderr.flush()
    os._exit(0)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.speech.pool_server")
    parser.add_argument("--socket", required=True)
    args = parser.parse_args(argv)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    asyncio.run(run(args.socket))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
