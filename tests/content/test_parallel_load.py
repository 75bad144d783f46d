"""A large library is read by two processes that share its files as they go; the result, problems
included, is the same as one process's, and a worker that fails, dies or stalls only means its
chunks are read in the parent."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from guide.content import loader, parallel
from guide.content.loader import load_library

from ._library import generated_library, same_content


@pytest.fixture(scope="module")
def library_with_faults(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 300-topic library with faults in both halves of the sorted file list."""
    root = generated_library(300, tmp_path_factory.mktemp("lib"))
    files = loader.topic_files(root)
    first, last = files[3], files[-3]
    first.write_text(first.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    last.write_text(last.read_text(encoding="utf-8").replace("reviewed: 2026-01-15", "reviewed: 2026-13-45"))
    files[-1].write_text("id: [unclosed\n", encoding="utf-8")
    return root


@pytest.fixture
def single_process_result(library_with_faults: Path, monkeypatch: pytest.MonkeyPatch) -> loader.LoadResult:
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "PARALLEL_MIN_FILES", 10**9)
        return load_library(library_with_faults)


def _parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 50)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 10)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_two_processes_give_the_same_library_and_problems_as_one(
    library_with_faults: Path, single_process_result: loader.LoadResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    _parallel(monkeypatch)
    result = load_library(library_with_faults)
    assert same_content(result.library, single_process_result.library)
    assert result.problems == single_process_result.problems
    messages = [p.message for p in result.problems]
    assert any("unknown key 'colour'" in m for m in messages)
    assert any("'2026-13-45' is not a valid date" in m for m in messages)
    assert any(m.startswith("YAML syntax") for m in messages)


def _dies(*args: Any) -> None:
    os._exit(3)


def _stalls(*args: Any) -> None:
    time.sleep(60)


def _sends_nonsense(send: Any, *args: Any) -> None:
    send.send(("ok", 1))  # claims nothing, writes nothing


def _raises(*args: Any) -> None:
    raise RuntimeError("boom")


def _claims_then_dies(send: Any, files: Any, claims: Any, lock: Any, *args: Any) -> None:
    parallel._claim(claims, lock, from_front=False)
    parallel._claim(claims, lock, from_front=False)
    os._exit(3)


def _writes_one_then_dies(send: Any, files: Any, claims: Any, lock: Any, path: str, read_chunk: Any) -> None:
    first = parallel._claim(claims, lock, from_front=False)
    parallel._claim(claims, lock, from_front=False)
    assert first is not None
    with open(path, "ab") as out:
        parallel._write_chunk(out, first, read_chunk(parallel._chunk(files, first)))
    os._exit(3)


def _writes_half_a_file(send: Any, files: Any, claims: Any, lock: Any, path: str, read_chunk: Any) -> None:
    index = parallel._claim(claims, lock, from_front=False)
    with open(path, "ab") as handle:
        handle.write(parallel._LENGTH.pack(9) + b"\x80\x05garbage")
    send.send(("ok", 1 if index is not None else 0))


@pytest.mark.parametrize(
    "worker",
    [_dies, _stalls, _sends_nonsense, _raises, _claims_then_dies, _writes_one_then_dies, _writes_half_a_file],
)
def test_a_failing_worker_only_means_the_parent_reads_everything(
    worker: Any,
    library_with_faults: Path,
    single_process_result: loader.LoadResult,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    _parallel(monkeypatch)
    monkeypatch.setattr(parallel, "_worker", worker)
    monkeypatch.setattr(parallel, "WORKER_WAIT_S", 0.5)
    started = time.monotonic()
    result = load_library(library_with_faults)
    assert time.monotonic() - started < 20  # bounded wait: a stalled worker is not waited for
    assert same_content(result.library, single_process_result.library)
    assert result.problems == single_process_result.problems


def test_both_processes_read_a_share_of_the_library(
    library_with_faults: Path,
    single_process_result: loader.LoadResult,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _parallel(monkeypatch)
    real = parallel._worker
    tally = tmp_path / "worker-chunks"

    def counting(send: Any, files: Any, claims: Any, lock: Any, path: str, read_chunk: Any) -> None:
        real(send, files, claims, lock, path, read_chunk)
        tally.write_text(str(-(-len(files) // parallel.CHUNK_FILES) - claims[1]))

    parent, read_chunk = os.getpid(), loader._read_topic_chunk

    def slow_in_the_parent(files: list[tuple[str, str]]) -> Any:
        if os.getpid() == parent:  # as on a busy machine: the worker surely gets its turn
            time.sleep(0.002 * len(files))
        return read_chunk(files)

    monkeypatch.setattr(parallel, "_worker", counting)
    monkeypatch.setattr(loader, "_read_topic_chunk", slow_in_the_parent)
    started = time.monotonic()
    result = load_library(library_with_faults)
    assert time.monotonic() - started < 20
    assert same_content(result.library, single_process_result.library)
    assert result.problems == single_process_result.problems
    chunks = -(-300 // parallel.CHUNK_FILES)
    assert 0 < int(tally.read_text()) < chunks  # the worker read some chunks, the parent the rest


def test_a_threaded_program_spawns_a_fresh_worker_instead_of_forking(
    library_with_faults: Path,
    single_process_result: loader.LoadResult,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _parallel(monkeypatch)
    methods: list[str] = []
    real = multiprocessing.get_context

    def recording(method: str | None = None) -> Any:
        methods.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert load_library(library_with_faults).problems == single_process_result.problems
    assert methods == ["spawn"]
