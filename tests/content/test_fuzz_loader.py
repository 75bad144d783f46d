"""Property-based fuzzing of the loader: whatever an editor (or a corrupted disk) puts in a
content file, the loader answers with its own problems, never another exception, and fast.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.content.loader import load_library, load_or_raise, parse_bytes, topic_from_node
from guide.content.model import Library
from guide.content.problems import ContentError, Problem
from guide.content.schema import FileReader

from ._library import FIXTURE, library_with

VALID_FILES = sorted(FIXTURE.rglob("*.yaml"))
VALID_TOPICS = sorted((FIXTURE / "topics").rglob("*.yaml"))
SLOW_LIMIT_S = 2.0
"""No single file may take longer than this to accept or refuse (alias bombs, deep nesting)."""

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    deadline=dt.timedelta(seconds=SLOW_LIMIT_S),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # The same examples on every run, so a CI failure reproduces; FUZZ_SEARCH=1 explores afresh.
    derandomize=not os.environ.get("FUZZ_SEARCH"),
)


def check_one_file(data: bytes) -> list[Problem]:
    """Everything the loader does with one file by itself; only Problems may come out."""
    node, problems = parse_bytes(data, "fuzz.yaml")
    assert all(isinstance(p, Problem) for p in problems)
    if node is None:
        return problems
    reader = FileReader("fuzz.yaml", source=data.decode("utf-8", "replace"))
    topic_from_node(node, reader)
    for problem in reader.problems:
        assert problem.line >= 1 and problem.column >= 1
        problem.format()
    return problems + reader.problems


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_problems_not_exceptions(data: bytes) -> None:
    check_one_file(data)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_arbitrary_text_gives_problems_not_exceptions(text: str) -> None:
    check_one_file(text.encode("utf-8"))


YAML_PIECES = [
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!tag ",
    "!!binary ",
    "\t",
    "---\n",
    "...\n",
    "\x1b[31m",
    "\u202e",
    "'",
    '"',
    "\n",
    "  ",
    "    ",
    "? ",
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "<<: ",
    "~",
    "null",
    "yes",
    "0x1F",
    "1e9",
    "2026-13-45",
    "\ufeff",
    "\x00",
    "\\",
    "@",
    "`",
    "%",
    "{{",
    "]]",
]


@st.composite
def mutated_topic(draw: st.DrawFn) -> bytes:
    """A real fixture file with a few edits of the kinds editors (and editors' accidents) make."""
    data = draw(st.sampled_from(VALID_FILES)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "flip", "truncate", "swap-lines"]))
        if kind == "insert":
            piece = draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=8))).encode("utf-8", "replace")
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif kind == "duplicate":
            data = data[:at] + data[at : at + draw(st.integers(1, 200))] * draw(st.integers(2, 5)) + data[at:]
        elif kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
        elif kind == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


@FUZZ
@given(mutated_topic())
def test_mutated_valid_files_give_problems_not_exceptions(data: bytes) -> None:
    check_one_file(data)


# Well-formed YAML of any shape: finds type confusions (a list where text belongs, a
# mapping as an urgency level, numbers as ids) that byte mutations rarely reach.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["call-team-now", "emergency", "https://www.cancer.gov/x", "basics"]),
)
TOPIC_KEYS = [
    "id",
    "title",
    "summary",
    "parent",
    "order",
    "urgent",
    "sections",
    "key_points",
    "questions",
    "related",
    "keywords",
    "sources",
    "reviewed",
    "level",
    "text",
    "signs",
    "heading",
    "bullets",
    "organisation",
    "url",
    "terms",
    "term",
    "definition",
    "aliases",
    "lay",
    "topic",
    "synonyms",
]
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(TOPIC_KEYS), st.text(max_size=6)), inner, max_size=6),
    ),
    max_leaves=40,
)


@settings(FUZZ, max_examples=max(20, FUZZ.max_examples * 2 // 5))
@given(st.dictionaries(st.sampled_from(TOPIC_KEYS), values, max_size=14))
def test_any_shape_of_yaml_data_gives_problems_not_exceptions(data: dict[str, object]) -> None:
    check_one_file(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


def _dump_library(tmp: Path, data: bytes, folder: str) -> Path:
    root, _ = library_with(tmp, "fuzzed.yaml", data, folder)
    return root


@settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 5))
@given(mutated_topic(), st.sampled_from(["topics/zz", "glossary", "synonyms", "pronunciations"]))
def test_whole_library_with_a_mutated_file_loads_or_raises_content_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, folder: str
) -> None:
    root = _dump_library(tmp_path_factory.mktemp("lib"), data, folder)
    result = load_library(root, check_readability=True)
    assert isinstance(result.library, Library)
    try:
        load_or_raise(root, check_readability=True)
    except ContentError as exc:
        assert exc.problems


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000,
        "{a: " * 60_000,
        "- " * 100_000,
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000)),
        "a: &a [" + ",".join(["x"] * 50) + "]\n" + "".join(f"b{i}: &b{i} [*a, *a, *a]\n" for i in range(40)),
        "x: " + "'" * 200_000,
        "- a\n" * 60_000,
        ("k" * 100_000) + ": v",
    ],
    ids=[
        "deep-flow-list",
        "deep-flow-map",
        "deep-block-list",
        "deep-indent",
        "alias-bomb",
        "quotes",
        "many-items",
        "long-key",
    ],
)
def test_hostile_files_are_refused_quickly(text: str) -> None:
    data = text.encode()[: 256 * 1024]
    started = time.perf_counter()
    check_one_file(data)
    assert time.perf_counter() - started < SLOW_LIMIT_S
