"""The quick way through a topic file that has nothing unusual in it.

Reading YAML through libyaml's events, keeping every position (yamlsafe), is most of a
cold load: 10,000 topics took 3.7 s. yaml-rs (Rust) reads the same files into plain
data five times faster, but it keeps no positions and follows YAML 1.2 where PyYAML
follows 1.1. So this path accepts a file only when its result cannot differ from the
careful path's: no anchors, aliases, tags, directives, tabs, extra documents or
characters YAML forbids; every value of the type the schema wants, and every text one
that YAML 1.1 would also read as text; and no problem of any kind, not even a warning.
For anything else it returns None and the loader reads the file the careful way, which
finds, places and words every problem. tests/content/test_fastread.py checks that both
ways give the same topic.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from functools import lru_cache
from typing import Any

from guide.content import checks
from guide.content.model import Block, BulletList, Section, Source, Topic, UrgencyLevel, UrgentBlock
from guide.content.schema import SECTION_KEYS, SOURCE_KEYS, TOPIC_KEYS, URGENT_KEYS, review_state
from guide.content.yaml_reader import resolves_to_text, yaml_implicit_first_characters

try:
    from yaml_rs import loads as _yaml_rs_loads
except ImportError:  # pragma: no cover - a platform without a wheel: every file goes the careful way
    _yaml_rs_loads = None  # type: ignore[assignment]

ENABLED = _yaml_rs_loads is not None
"""Off only when yaml-rs is missing, or to measure the careful path alone (bench/load_content.py)."""

# Characters libyaml refuses (its reader's rule); the tab, and the line breaks of YAML 1.1 only
# (U+0085, U+2028, U+2029), which YAML 1.2 reads differently; a byte order mark past the start.
# For an ASCII file: every byte outside _PLAIN_ASCII.
_NOT_PLAIN_YAML = re.compile("[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n\r"
# Where an anchor (&), alias (*) or tag (!) could start: the start of a line, after a space or a
# flow indicator. Also catches '&' in running text ("A & E"); such files just take the careful way.
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:?])[&*!]", re.MULTILINE)
# First characters for which YAML 1.1 might read a text of any length as something else if it is
# unquoted (a number, a date, '<<', '=', '~'); texts under six characters are all looked at.
_UNSURE_FIRST = "".join(sorted(c for c in yaml_implicit_first_characters() if c and not c.isalpha()))

_TOPIC_ALLOWED = frozenset(TOPIC_KEYS)
_TOPIC_REQUIRED = frozenset(k for k, needed in TOPIC_KEYS.items() if needed)
_SECTION_KEYS = frozenset(SECTION_KEYS)
_URGENT_ALLOWED = frozenset(URGENT_KEYS)
_URGENT_REQUIRED = frozenset(k for k, needed in URGENT_KEYS.items() if needed)
_SOURCE_KEYS = frozenset(SOURCE_KEYS)
_LEVELS = {level.value: level for level in UrgencyLevel}


class _Doubt(Exception):
    """Something the careful path must look at; raised deep, caught once."""


def topic_from_text(raw: bytes, text: str, path: str) -> Topic | None:
    """The topic in a file (its bytes and their decoded text), or None when the careful path
    must read it (see the module)."""
    return read_topics([(raw, text, path)])[0]


def read_topics(files: list[tuple[bytes, str, str]]) -> list[Topic | None]:
    """topic_from_text for several files, one step at a time for all of them: each step's code
    then stays in the processor's caches, which makes a chunk of files a quarter faster."""
    if not ENABLED:
        return [None] * len(files)
    datas: list[Any] = []
    for raw, text, _ in files:
        data = None
        if not _doubtful(raw, text):
            try:
                data = _yaml_rs_loads(text, parse_datetime=False)
            except Exception:  # any complaint: the careful path words it with a line and column
                data = None
        datas.append(data)
    return [
        _checked_topic(data, text, path) if data.__class__ is dict else None
        for data, (_, text, path) in zip(datas, files, strict=True)
    ]


def _checked_topic(data: dict[str, Any], text: str, path: str) -> Topic | None:
    found = _Texts()
    try:
        topic = _topic(data, text, path, found)
        found.check()
    except _Doubt:
        return None
    return topic


def _doubtful(raw: bytes, text: str) -> bool:
    # Most files are ASCII, for which deleting the allowed bytes says the same much faster.
    if raw.translate(None, _PLAIN_ASCII) if raw.isascii() else _NOT_PLAIN_YAML.search(text):
        return True
    if ("&" in text or "*" in text or "!" in text) and _NODE_PROPERTY.search(text):
        return True
    return "%" in text and (text.startswith("%") or "\n%" in text)  # a directive


class _Texts:
    """Every text of one file, checked at the end all together: a few searches per file rather
    than several per text (most of a topic's texts are list items).

    A single text (a title, a summary) is tidied as the careful path does, at once. List items
    are taken as they are, kept by their length limit; the check then makes sure each is one
    line with no space at either end, so tidying would not change it.
    """

    __slots__ = ("by_limit", "items", "singles")

    def __init__(self) -> None:
        self.singles: list[str] = []
        self.items: list[Any] = []
        self.by_limit: dict[int, list[Any]] = {64: [], 80: [], 600: [], 1200: []}

    def one(self, raw: Any, max_len: int) -> str:
        """FileReader.text when there is nothing to report."""
        if raw.__class__ is not str or ((len(raw) < 6 or not raw[0].isalpha()) and not resolves_to_text(raw)):
            raise _Doubt  # not text, or unquoted it would be true/false, a number or nothing in YAML 1.1
        value = checks.tidy(raw)
        if not value or len(value) > max_len:
            raise _Doubt
        self.singles.append(raw)
        return value

    def many(self, raw: Any, max_len: int, minimum: int) -> tuple[str, ...]:
        """FileReader.texts when there is nothing to report (confirmed by check())."""
        if raw.__class__ is not list or len(raw) < minimum:
            raise _Doubt
        self.items += raw
        self.by_limit[max_len] += raw
        return tuple(raw)

    def paragraph(self, raw: Any) -> Any:
        self.items.append(raw)
        self.by_limit[1200].append(raw)
        return raw

    def ident(self, raw: Any) -> str:
        value = self.one(raw, 64)
        if not checks.ID_PATTERN.match(value):
            raise _Doubt
        return value

    def check(self) -> None:
        items = self.items
        try:
            joined = "\n".join(items)
        except TypeError:  # an item that is not text
            raise _Doubt from None
        if items and (joined.count("\n") != len(items) - 1 or "" in items or list(map(str.strip, items)) != items):
            raise _Doubt  # an item of several lines, empty, or with space at an end: tidying would change it
        for max_len, group in self.by_limit.items():
            if group and max(map(len, group)) > max_len:
                raise _Doubt
        for item in items:
            if (len(item) < 6 or item[0] in _UNSURE_FIRST) and not resolves_to_text(item):
                raise _Doubt  # unquoted, YAML 1.1 would read it as true/false, a number or nothing
        if checks.may_have_faults("\n".join([joined, *self.singles])):
            raise _Doubt


def _mapping(raw: Any, allowed: frozenset[str], required: frozenset[str]) -> dict[str, Any]:
    if raw.__class__ is not dict or not (allowed >= raw.keys() >= required):
        raise _Doubt
    return raw  # type: ignore[no-any-return]


def _items(raw: Any, minimum: int) -> list[Any]:
    if raw.__class__ is not list or len(raw) < minimum:
        raise _Doubt
    return raw  # type: ignore[no-any-return]


def _topic(data: dict[str, Any], text: str, path: str, found: _Texts) -> Topic:
    _mapping(data, _TOPIC_ALLOWED, _TOPIC_REQUIRED)
    topic_id = found.ident(data["id"])
    parent = data.get("parent")
    if parent is not None:
        parent = found.ident(parent)
        if parent == topic_id:
            raise _Doubt
    order = data.get("order", 0)
    # YAML 1.1 and 1.2 read '010' or '0o10' differently: take the number only as plainly written.
    if "order" in data and (order.__class__ is not int or _written_order(text) != str(order)):
        raise _Doubt
    urgent = tuple([_urgent(raw, found) for raw in _items(data["urgent"], 1)]) if "urgent" in data else ()
    sections = tuple([_section(raw, found) for raw in _items(data["sections"], 1)])
    sources = tuple([_source(raw) for raw in _items(data["sources"], 1)])
    written = data["reviewed"]
    reviewed = _fresh_date(written, _today()) if written.__class__ is str else None
    if reviewed is None:
        raise _Doubt  # invalid, in the future, or stale: a message with its line is due
    related = found.many(data.get("related", []), 64, 0)
    try:
        if not all(map(checks.ID_PATTERN.match, related)):
            raise _Doubt
    except TypeError:  # an item that is not text
        raise _Doubt from None
    return Topic(
        id=topic_id,
        title=found.one(data["title"], 90),
        summary=found.one(data["summary"], 700),
        parent=parent,
        order=order,
        sections=sections,
        key_points=found.many(data["key_points"], 600, 1),
        questions=found.many(data["questions"], 600, 1),
        related=related,
        sources=sources,
        reviewed=reviewed,
        urgent=urgent,
        keywords=found.many(data.get("keywords", []), 80, 0),
        path=path,
    )


def _urgent(raw: Any, found: _Texts) -> UrgentBlock:
    block = _mapping(raw, _URGENT_ALLOWED, _URGENT_REQUIRED)
    level = _LEVELS.get(block["level"]) if block["level"].__class__ is str else None
    if level is None:
        raise _Doubt
    return UrgentBlock(level, found.one(block["text"], 800), found.many(block.get("signs", []), 600, 0))


_BULLET_KEYS = frozenset({"bullets"})


def _section(raw: Any, found: _Texts) -> Section:
    section = _mapping(raw, _SECTION_KEYS, _SECTION_KEYS)
    blocks = _items(section["text"], 1)
    built: list[Block] = []
    for block in blocks:
        if block.__class__ is dict:
            bullets = _mapping(block, _BULLET_KEYS, _BULLET_KEYS)
            built.append(BulletList(found.many(bullets["bullets"], 600, 1)))
        else:
            built.append(found.paragraph(block))
    return Section(found.one(section["heading"], 90), tuple(built))


def _source(raw: Any) -> Source:
    source = _mapping(raw, _SOURCE_KEYS, _SOURCE_KEYS)
    written = (source["organisation"], source["title"], source["url"])
    if written[0].__class__ is not str or written[1].__class__ is not str or written[2].__class__ is not str:
        raise _Doubt
    built = _checked_source(*written)
    if built is None:
        raise _Doubt
    return built


@lru_cache(maxsize=4096)
def _checked_source(organisation: str, title: str, url: str) -> Source | None:
    """The same few sources recur across a library: each is checked once (as _Texts would)."""
    try:
        found = _Texts()
        built = Source(found.one(organisation, 200), found.one(title, 300), found.one(url, 500))
        found.check()
    except _Doubt:
        return None
    return built if checks.url_fault(built.url) is None else None


def _written_order(text: str) -> str:
    """The value on the 'order:' line as written, without a comment ('' if there is no such line)."""
    if text.startswith("order:"):
        start = 0
    else:
        start = text.find("\norder:") + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start + 6 : end if end >= 0 else len(text)].partition(" #")[0].strip()


@lru_cache(maxsize=4096)
def _fresh_date(value: str, today: dt.date) -> dt.date | None:
    """The review date if it is valid, not in the future and not stale; else None (the same few
    dates recur across a library: each is judged once a day)."""
    reviewed = checks.parse_date(value)
    return reviewed if reviewed is not None and review_state(reviewed, today) == "current" else None


_clock: list[Any] = [-1.0, dt.date.min]


def _today() -> dt.date:
    """Today's date, asked of the system at most once a second (it costs more than reading a topic's
    date), so a kiosk that runs past midnight still judges review dates by the right day."""
    now = time.monotonic()
    if now - _clock[0] > 1.0:
        _clock[:] = [now, dt.date.today()]
    return _clock[1]  # type: ignore[no-any-return]
