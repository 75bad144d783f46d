"""Reading a large library in two processes: this one and one worker, sharing the files as they go.

The files are cut into chunks. This process takes chunks from the front, the worker from the
back, each claiming the next one under a shared lock, so both stay busy until they meet
whatever either costs (a forked worker pays for its fresh memory; a busy machine may starve
either side). The worker appends each chunk it has read to a file in a private temporary
folder, and this process takes them in between its own chunks (so turning them back into
topics is shared out too). At the end the worker says in one short message how many chunks it
wrote; this process waits for that a bounded time, and reads itself any chunk of the worker's
that is missing or odd. So a worker that fails, dies, stalls or writes nonsense costs time,
never content.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import struct
import tempfile
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, BinaryIO

from guide.content.model import Topic
from guide.content.problems import Problem
from guide.content.rows import topic_from_row, topic_row

if TYPE_CHECKING:  # multiprocessing itself is imported only when a worker starts (15 ms of start-up)
    from multiprocessing.connection import Connection

FileResult = tuple[str, Topic | None, list[Problem], dict[str, tuple[int, int]] | None]
"""(name shown, the topic if it could be built, its problems, where each key was written: None
when the file took the quick way and nothing was kept)."""
ReadChunk = Callable[[list[tuple[str, str]]], list[FileResult]]
"""Reads a chunk of (path, name shown) files, in order."""

PARALLEL_MIN_FILES = 1_000
"""From this many topic files a second process helps (the bundled guide and tests stay in one
process: starting a process costs more than reading a few hundred files)."""
CHUNK_FILES = 50
"""Files per claim: small enough that neither side waits long for the other at the end."""
WORKER_WAIT_S = 5.0
"""How long, once this process has no chunk left to claim, the worker may take to finish its
last chunk and hand over; after that its chunks are read here."""


def read_files(files: list[tuple[str, str]], read_chunk: ReadChunk) -> list[FileResult]:
    """read_chunk over every (path, name shown), chunk by chunk, in order; in two processes for a
    large library."""
    if len(files) >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) >= 2:
        return _read_in_two(files, read_chunk)
    return _read_here(files, read_chunk)


def _read_here(files: list[tuple[str, str]], read_chunk: ReadChunk) -> list[FileResult]:
    return [result for i in range(0, len(files), CHUNK_FILES) for result in read_chunk(files[i : i + CHUNK_FILES])]


def _chunk(files: list[tuple[str, str]], index: int) -> list[tuple[str, str]]:
    return files[index * CHUNK_FILES : (index + 1) * CHUNK_FILES]


def _claim(claims: Any, lock: Any, from_front: bool) -> int | None:
    """The next unclaimed chunk from the front (this process) or the back (the worker)."""
    with lock:
        if claims[0] >= claims[1]:
            return None
        if from_front:
            claims[0] += 1
            return int(claims[0] - 1)
        claims[1] -= 1
        return int(claims[1])


def _read_in_two(files: list[tuple[str, str]], read_chunk: ReadChunk) -> list[FileResult]:
    chunks = -(-len(files) // CHUNK_FILES)
    folder = tempfile.mkdtemp(prefix="immunoguide-load-")  # private (0700): only we read or write here
    try:
        path = os.path.join(folder, "chunks")
        with open(path, "wb"):  # there before the worker starts, so it can be opened here at once
            pass
        with open(path, "rb") as stream:
            return _share_with_worker(files, chunks, read_chunk, path, _WorkerChunks(stream, files))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _share_with_worker(
    files: list[tuple[str, str]], chunks: int, read_chunk: ReadChunk, path: str, theirs_so_far: _WorkerChunks
) -> list[FileResult]:
    started = _start_worker(files, chunks, path, read_chunk)
    if started is None:
        return _read_here(files, read_chunk)
    process, receive, claims, lock = started
    read: dict[int, list[FileResult]] = {}
    theirs: list[int] = []
    try:
        while (index := _claim(claims, lock, from_front=True)) is not None:
            read[index] = read_chunk(_chunk(files, index))
            theirs_so_far.take()
        with lock:
            theirs = list(range(claims[1], chunks))
        if len(theirs_so_far.got) < len(theirs):
            _wait_for_last_word(receive)
            theirs_so_far.take()
    finally:  # also on Ctrl+C or MemoryError here: no worker outlives the load
        receive.close()
        process.join(0.5)
        if process.is_alive():
            process.kill()
            process.join(0.5)
    for index in theirs:
        # Normally every chunk is there; one missing means the worker failed, stalled or wrote something odd.
        got = theirs_so_far.got.get(index)
        read[index] = got if got is not None else read_chunk(_chunk(files, index))
    return [result for index in range(chunks) for result in read[index]]


def _wait_for_last_word(receive: Connection) -> None:
    """Until the worker says it is done (or failed), dies, or WORKER_WAIT_S pass."""
    with suppress(Exception):  # EOF or a broken pipe: the worker is gone
        # The message is a few bytes, written in one piece: once poll says it is there, recv cannot hang.
        if receive.poll(WORKER_WAIT_S):
            receive.recv()


class _WorkerChunks:
    """The chunks the worker has written so far, each a length and a pickle of flat rows.

    Reading a regular file never blocks, so taking what is there costs this process nothing
    while the worker is still busy. A record that is cut short is left for the next look; one
    that is odd ends the reading (those chunks are then read here).
    """

    def __init__(self, stream: BinaryIO, files: list[tuple[str, str]]) -> None:
        self.stream = stream
        self.files = files
        self.pending = b""
        self.sound = True
        self.got: dict[int, list[FileResult]] = {}

    def take(self) -> None:
        if not self.sound:
            return
        try:
            self.pending += self.stream.read()
            while len(self.pending) >= _LENGTH.size:
                (size,) = _LENGTH.unpack_from(self.pending)
                end = _LENGTH.size + size
                if len(self.pending) < end:
                    break
                # Written by our own worker into our private folder a moment ago.
                index, rows = pickle.loads(self.pending[_LENGTH.size : end])
                self.pending = self.pending[end:]
                if not (index.__class__ is int and 0 <= index * CHUNK_FILES < len(self.files)) or index in self.got:
                    raise ValueError(f"chunk {index!r} is not one that was shared out")
                results = _unflat(rows)
                if len(results) != len(_chunk(self.files, index)):
                    raise ValueError(f"chunk {index} is not what was expected")
                self.got[index] = results
        except Exception:
            self.sound = False


_LENGTH = struct.Struct("<Q")


def _write_chunk(out: BinaryIO, index: int, results: list[FileResult]) -> None:
    record = pickle.dumps((index, _flat(results)), protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(record)) + record)
    out.flush()


def _start_worker(
    files: list[tuple[str, str]], chunks: int, path: str, read_chunk: ReadChunk
) -> tuple[Any, Connection, Any, Any] | None:
    """The worker, the end of the pipe its message comes from, and the shared claims; None if no
    worker can start.

    fork (no re-import, about 10 ms) when this is the only thread: forking a threaded program
    (the TUI loads content off its event loop) could copy a lock some other thread holds, so
    then a fresh interpreter is spawned instead.
    """
    try:
        import multiprocessing as mp

        method = "fork" if threading.active_count() == 1 and "fork" in mp.get_all_start_methods() else "spawn"
        context: Any = mp.get_context(method)
        claims = context.RawArray("i", [0, chunks])
        lock = context.Lock()
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker, args=(send, files, claims, lock, path, read_chunk), daemon=True, name="immunoguide-load"
        )
        process.start()
        send.close()
        return process, receive, claims, lock
    except Exception:  # no worker: this process reads everything
        return None


def _worker(
    send: Connection, files: list[tuple[str, str]], claims: Any, lock: Any, path: str, read_chunk: ReadChunk
) -> None:
    """Runs in the worker process: claim chunks from the back until none is left, appending each
    to `path` once read, then say how many it wrote."""
    try:
        gc.disable()
        written = 0
        with open(path, "ab") as out:
            while (index := _claim(claims, lock, from_front=False)) is not None:
                _write_chunk(out, index, read_chunk(_chunk(files, index)))
                written += 1
        send.send(("ok", written))
    except BaseException as exc:  # this process falls back; it must hear why, not wait
        with suppress(Exception):
            send.send(("failed", repr(exc)))
    finally:
        send.close()


# --- what crosses between the processes is flat (rows.py: lists of str/int/None): a pickled
# Topic costs more to rebuild.

_Row = list[Any]
_FlatResult = tuple[str, _Row | None, list[tuple[Any, ...]], dict[str, tuple[int, int]] | None]


def _flat(results: list[FileResult]) -> list[_FlatResult]:
    return [
        (shown, None if topic is None else topic_row(topic), [_problem_row(p) for p in problems], places)
        for shown, topic, problems, places in results
    ]


def _problem_row(p: Problem) -> tuple[Any, ...]:
    return (p.path, p.line, p.column, p.key, p.message, p.hint, p.severity)


def _unflat(rows: list[_FlatResult]) -> list[FileResult]:
    return [
        (shown, None if row is None else topic_from_row(row), [Problem(*p) for p in problems], places)
        for shown, row, problems, places in rows
    ]
