"""The quick reading of plain topic files (guide/content/fastread.py) never changes what the
guide shows or says: whenever it accepts a file, the careful reading gives the very same topic
and no problem at all; whatever it doubts goes the careful way, which words the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide.content import fastread, loader
from guide.content.loader import bundled_content_dir, load_library
from guide.content.model import Topic
from guide.content.problems import Problem

from ._library import FIXTURE, generated_library, same_content
from .test_fuzz_loader import FUZZ, mutated_topic

BUNDLED_TOPICS = sorted((bundled_content_dir() / "en" / "topics").rglob("*.yaml"))
FIXTURE_TOPICS = sorted((FIXTURE / "topics").rglob("*.yaml"))

pytestmark = pytest.mark.skipif(not fastread.ENABLED, reason="yaml-rs is not installed here")


def both_ways(data: bytes) -> tuple[Topic | None, Topic | None, list[Problem]]:
    """The quick topic (or None), and the careful topic with the careful path's problems."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None, None, []
    quick = fastread.topic_from_text(data, text, "t.yaml")
    _, careful, problems, _ = loader._careful_topic(text, "t.yaml")
    return quick, careful, problems


def test_a_part_rebuilt_as_a_plain_tuple_is_not_the_same_content() -> None:
    """Why the comparisons here use same_content: == alone would let a quick way that built plain
    tuples in place of Source or Section pass as identical."""
    topic = load_library(FIXTURE).library.topics[0]  # type: ignore[union-attr]
    odd = topic._replace(sources=tuple(tuple(source) for source in topic.sources))
    assert odd == topic
    assert not same_content(odd, topic)


def assert_same_when_quick(data: bytes) -> Topic | None:
    quick, careful, problems = both_ways(data)
    if quick is not None:
        assert problems == []
        assert same_content(quick, careful)
    return quick


def test_bundled_topics_read_the_same_both_ways_and_most_take_the_quick_way() -> None:
    quick = [path for path in BUNDLED_TOPICS if assert_same_when_quick(path.read_bytes()) is not None]
    assert len(BUNDLED_TOPICS) > 50
    assert len(quick) >= 0.9 * len(BUNDLED_TOPICS)


BASE = b"""id: sample
parent: basics
order: 4
title: A sample topic
summary: >
  This is a short summary. It is plain.
sections:
  - heading: First part
    text:
      - This is the first paragraph of the topic.
      - bullets:
          - One point here
          - Another point
key_points:
  - Keep this in mind.
questions:
  - What should I ask?
related: [basics]
keywords: [sample, test]
sources:
  - organisation: National Cancer Institute
    title: Immunotherapy
    url: https://www.cancer.gov/about-cancer/treatment/types/immunotherapy
reviewed: 2026-01-15
"""


def test_a_plain_file_takes_the_quick_way() -> None:
    quick = assert_same_when_quick(BASE)
    assert quick is not None and quick.summary == "This is a short summary. It is plain."
    assert quick.order == 4 and quick.keywords == ("sample", "test")


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (b"title: A sample topic", b"title: yes", "YAML 1.1 reads an unquoted yes as true"),
        (b"  - Keep this in mind.", b"  - off", "YAML 1.1 reads off as false"),
        (b"keywords: [sample, test]", b"keywords: [sample, 1:30]", "YAML 1.1 reads 1:30 as the number 90"),
        (b"keywords: [sample, test]", b"keywords: [sample, ~]", "nothing, not text"),
        (b"order: 4", b"order: 010", "YAML 1.1 reads 010 as 8, YAML 1.2 as 10"),
        (b"order: 4", b"order: 0o10", "YAML 1.2 reads 0o10 as 8, YAML 1.1 as text"),
        (b"order: 4", b"order: 1_000", "YAML 1.1 reads 1_000 as a number"),
        (b"title: A sample topic", b"title: &t A sample topic", "an anchor"),
        (b"related: [basics]", b"related: [*t]", "an alias"),
        (b"title: A sample topic", b"title: !shout A sample topic", "a tag yaml-rs would ignore"),
        (b"id: sample", b"%YAML 1.1\n---\nid: sample", "a directive"),
        (b"reviewed: 2026-01-15\n", b"reviewed: 2026-01-15\n---\nid: other\n", "a second document"),
        (b"order: 4", b"order: 4 # place\x01", "a control character in a comment"),
        (b"  - Keep this in mind.", b"  - Keep this\tin mind.", "a tab"),
        (b"order: 4", "order: 4 # a note\u2028colour: red".encode(), "a line break only YAML 1.1 knows"),
        (b"order: 4", "order: 4 # a note\x85colour: red".encode(), "the other one"),
        (b"reviewed: 2026-01-15", b"reviewed: 2019-01-15", "a stale review date is a warning"),
        (b"reviewed: 2026-01-15", b"reviewed: 2999-01-15", "a review date in the future"),
        (b"order: 4", b"order: 4\norder: 5", "a key given twice"),
        (b"order: 4", b"colour: red", "an unknown key"),
        (b"  - Keep this in mind.", b'  - "Keep this in mind. "', "space that tidying removes"),
        (b"  - Keep this in mind.", b'  - "Keep [b]this[/b] in mind."', "markup-like text"),
        (b"  - Keep this in mind.", b'  - "Keep \\e[31mthis"', "an escape sequence written as \\e"),
        (b"parent: basics", b"parent: sample", "its own parent"),
        (b"https://www", b"http://www", "a link without https"),
    ],
)
def test_anything_doubtful_is_read_the_careful_way(old: bytes, new: bytes, why: str) -> None:
    assert old in BASE
    data = BASE.replace(old, new, 1)
    assert fastread.topic_from_text(data, data.decode(), "t.yaml") is None, why


def test_text_that_only_looks_like_yaml_syntax_reads_the_same_both_ways() -> None:
    data = BASE.replace(b"  - Keep this in mind.", b'  - "A & E, or *urgent* care!"')
    quick, careful, problems = both_ways(data)
    assert quick is None  # '&' and '*' after a space: the quick way does not try
    assert careful is not None and careful.key_points == ("A & E, or *urgent* care!",) and not problems


TRICKY_SCALARS = [
    "yes", "No", "ON", "off", "y", "n", "~", "null", "Null", "010", "0o17", "0x1F", "1_000", "+5", "-3",
    "1e3", "1.5", ".inf", ".NaN", "2026-01-15", "2026-01-15 10:00:00", "1:30", "<<", "=", "'quoted'",
    '"tab\\there"', '"\\x41"', '"\\u00e9t\\u00e9"', "a # comment", "Plain words here", "'it''s'", "[a, b]",
    "{a: b}", '"line\\nbreak"', "'  spaced  '", "- nested", "|\n  kept\n  lines", ">-\n  folded\n  lines",
    "Étude", "über-long " * 20, "&a text", "*a", "!tag text", "!!str 5", "08", "1:20:30", "A\u2028B",
]  # fmt: skip


@st.composite
def topic_with_a_tricky_value(draw: st.DrawFn) -> bytes:
    """A valid file with one value (after 'key: ' or '- ') replaced by a scalar the two YAML
    versions, or quoting, could read differently."""
    lines = draw(st.sampled_from([*FIXTURE_TOPICS, *BUNDLED_TOPICS[:20]])).read_bytes().split(b"\n")
    places = [i for i, line in enumerate(lines) if b": " in line or line.lstrip().startswith(b"- ")]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(places))
        line = lines[i]
        cut = line.index(b"- ") + 2 if line.lstrip().startswith(b"- ") else line.index(b": ") + 2
        lines[i] = line[:cut] + draw(st.sampled_from(TRICKY_SCALARS)).encode()
    return b"\n".join(lines)


@FUZZ
@given(topic_with_a_tricky_value())
def test_tricky_values_never_read_differently(data: bytes) -> None:
    assert_same_when_quick(data)


@FUZZ
@given(mutated_topic())
def test_mutated_files_never_read_differently(data: bytes) -> None:
    assert_same_when_quick(data)


@pytest.fixture(scope="module")
def library_with_faults(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated library whose faults are only seen across files (a link to no topic, an id
    used twice), so the files themselves take the quick way and keep no places."""
    root = generated_library(120, tmp_path_factory.mktemp("lib"))
    files = loader.topic_files(root)
    text = files[5].read_text(encoding="utf-8")
    files[5].write_text(text.replace("related: [", "related: [no-such-topic, ", 1), encoding="utf-8")
    first_id = files[0].read_text(encoding="utf-8").split("\n", 1)[0]
    text = files[9].read_text(encoding="utf-8").split("\n", 1)[1]
    files[9].write_text(first_id + "\n" + text, encoding="utf-8")
    return root


def test_problems_across_files_name_the_same_line_and_column_either_way(
    library_with_faults: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = load_library(library_with_faults)
    monkeypatch.setattr(fastread, "ENABLED", False)
    careful = load_library(library_with_faults)
    assert same_content(quick.library, careful.library)
    assert quick.problems == careful.problems
    messages = {p.message: p for p in quick.problems}
    unresolved = messages["no topic has the id 'no-such-topic'"]
    assert (unresolved.key, unresolved.column) == ("related[1]", 11)
    assert unresolved.line > 1
    assert any("is already used by" in m for m in messages)
