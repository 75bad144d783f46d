"""Read YAML as plain data with positions, and nothing else.

The C parser emits events; we build the tree ourselves, iteratively, so that:
no tag can build an object, anchors and aliases (and so alias bombs) are
refused, absurd nesting is a clean error, and every value keeps its line and
column for messages. PyYAML's own composer is not used: it recurses in C and
crashes the interpreter on deeply nested input, and it expands aliases.

The loop below is the loader's hot spot (about 100 events per topic), so it
dispatches on the event class once and resolves plain scalars with the
resolver's own regular expressions, indexed by first character.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 24
MAX_NODES = 200_000
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_BOOL_TRUE = {"yes", "true", "on"}

_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_MappingEnd = yaml.MappingEndEvent
_SequenceEnd = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStart = yaml.DocumentStartEvent
_StreamEnd = yaml.StreamEndEvent


class YamlReadError(Exception):
    """The file is not plain YAML data; says where and why."""

    def __init__(self, line: int, column: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint


_NO_PLACES: dict[str, tuple[int, int]] = {}


class Node:
    """A value with the place it was written (1-based line and column).

    A plain class with slots, not a dataclass: a 10,000-topic library makes a
    million of these and construction time shows in the load figures.
    """

    __slots__ = ("column", "key_places", "line", "value")

    def __init__(
        self, value: Any, line: int, column: int, key_places: dict[str, tuple[int, int]] | None = None
    ) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.key_places = _NO_PLACES if key_places is None else key_places

    def __repr__(self) -> str:
        return f"Node({self.value!r}, {self.line}, {self.column})"

    @property
    def kind(self) -> str:
        """The value's type in an editor's words, for 'expected X, found Y' messages."""
        if isinstance(self.value, dict):
            return "a block of 'key: value' lines"
        if isinstance(self.value, list):
            return "a list"
        if self.value is None:
            return "nothing"
        if isinstance(self.value, bool):
            return "true/false"
        if isinstance(self.value, (int, float)):
            return "a number"
        return "text"

    def plain(self) -> Any:
        """The value with positions stripped (for tests and simple data files)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _resolve_plain(value: str) -> str:
    """The implicit tag of an unquoted scalar (YAML 1.1 rules, as PyYAML's SafeLoader)."""
    resolvers = _IMPLICIT.get(value[0] if value else "")
    if resolvers:
        for tag, regexp in resolvers:
            if regexp.match(value):
                return tag
    return _STR


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def yaml_implicit_first_characters() -> set[str]:
    """The first characters of unquoted scalars that YAML 1.1 may read as something other than text."""
    return set(_IMPLICIT)


def resolves_to_text(value: str) -> bool:
    """Whether YAML 1.1 reads this scalar, if written unquoted, as text (dates stay text here)."""
    tag = _resolve_plain(value)
    return tag in (_STR, _TIMESTAMP)


def _scalar_value(value: str, tag: str) -> Any:
    if tag == _STR:
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in _BOOL_TRUE
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    # Timestamps stay text: the schema decides what a valid date is.
    return value


def _refuse(mark: Any, message: str, hint: str) -> YamlReadError:
    return YamlReadError(mark.line + 1, mark.column + 1, message, hint)


def _tag_error(event: Any) -> YamlReadError:
    tag = str(event.tag)
    written = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return _refuse(
        event.start_mark,
        f"the YAML tag '{written}' is not allowed: content is plain data and tags can build objects",
        "remove the tag (the part starting with '!') and write the value as plain text",
    )


def _anchor_error(event: Any) -> YamlReadError:
    return _refuse(
        event.start_mark,
        f"anchors (&{event.anchor}) are not allowed in content",
        "delete the '&name' part; write each value out in full",
    )


def parse(text: str) -> Node | None:
    """Parse one YAML document into Nodes; None for an empty file. Raises only YamlReadError."""
    try:
        return _build(text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlReadError(
            line,
            column,
            f"the file holds the character {code}, which YAML does not allow ({exc.reason})",
            "delete it; only ordinary letters, spaces and line breaks belong in content",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(1, 1, f"YAML syntax: {exc}", "check the file in a YAML-aware editor") from None


def _build(text: str) -> Node | None:
    # The open container is held in locals (its value, whether it is a mapping, the key waiting
    # for its value and where that key was written); the ones around it wait on the stack.
    stack: list[tuple[Any, Any, bool, Any, Any]] = []
    root: Node | None = None
    items: Any = None  # the open container's dict or list; None at the top level
    places: Any = None  # the open mapping's key_places
    in_mapping = False
    want_key = False
    key: Any = None
    key_place: Any = None
    documents = 0
    count = 0
    get_event: Any = _Parser(text).get_event
    while True:
        event = get_event()
        cls = event.__class__
        if cls is _ScalarEvent:
            if event.anchor is not None:
                raise _anchor_error(event)
            tag = event.tag
            mark = event.start_mark
            if want_key:
                # A mapping key: keep the text as written (`no:` is the word, not false).
                if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
                    raise _tag_error(event)
                key = event.value
                if key in items:
                    raise YamlReadError(
                        mark.line + 1,
                        mark.column + 1,
                        f"the key {key!r} appears twice in the same block",
                        "keep one of them; YAML would silently drop the first",
                    )
                key_place = (mark.line + 1, mark.column + 1)
                want_key = False
                continue
            value = event.value
            if tag is None:
                # Plain words longer than 'false' that start with a letter are always text: skip the resolver.
                if event.implicit[0] and not (len(value) > 5 and value[0].isalpha()):
                    value = _scalar_value(value, _resolve_plain(value))
            elif tag != "!":
                if tag not in _PLAIN_TAGS:
                    raise _tag_error(event)
                value = _scalar_value(value, tag)
            node = Node(value, mark.line + 1, mark.column + 1)
            count += 1
            if count > MAX_NODES:
                raise YamlReadError(
                    node.line, node.column, f"the file has more than {MAX_NODES:,} values", "split it up"
                )
            if in_mapping:
                items[key] = node
                places[key] = key_place
                want_key = True
            elif items is not None:
                items.append(node)
            else:
                root = node
        elif cls is _MappingStart or cls is _SequenceStart:
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
                raise _tag_error(event)
            if event.anchor is not None:
                raise _anchor_error(event)
            mark = event.start_mark
            if want_key:
                raise _refuse(mark, "a key must be a plain word", "write the key as text, e.g. title:")
            if len(stack) >= MAX_DEPTH:
                raise _refuse(
                    mark,
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    "content needs only a few levels; check the indentation",
                )
            opened = cls is _MappingStart
            node = Node({}, mark.line + 1, mark.column + 1, {}) if opened else Node([], mark.line + 1, mark.column + 1)
            count += 1
            if count > MAX_NODES:
                raise YamlReadError(
                    node.line, node.column, f"the file has more than {MAX_NODES:,} values", "split it up"
                )
            if in_mapping:
                items[key] = node
                places[key] = key_place
            elif items is not None:
                items.append(node)
            else:
                root = node
            stack.append((items, places, in_mapping, key, key_place))
            items, places, in_mapping, want_key = node.value, node.key_places, opened, opened
        elif cls is _MappingEnd or cls is _SequenceEnd:
            items, places, in_mapping, key, key_place = stack.pop()
            want_key = in_mapping
        elif cls is _AliasEvent:
            raise _refuse(
                event.start_mark,
                "aliases (*name) are not allowed in content",
                "write the text out in full instead of pointing to an anchor",
            )
        elif cls is _DocumentStart:
            documents += 1
            if documents > 1:
                raise _refuse(
                    event.start_mark,
                    "this file holds more than one YAML document",
                    "keep one topic per file; remove the extra '---' line",
                )
        elif cls is _StreamEnd:
            return root


def _syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlReadError:
    """Word the parser's complaint for an editor, pointing where the mistake is, not where it was noticed."""
    problem = exc.problem or exc.context or "the YAML could not be read"
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in problem and exc.context_mark is not None and exc.context:
        # An unclosed quote or bracket is noticed at the end of the file; show where it starts.
        mark = exc.context_mark
        what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ").replace("scalar", "text")
        problem = f"{what} starts here but never ends"
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.split("\n", line)
    at = lines[line - 1][column - 1 : column] if len(lines) >= line else ""
    if at == "\t":
        return YamlReadError(
            line,
            column,
            "YAML syntax: a tab character here; YAML is indented with spaces only",
            "indent with spaces, never tabs",
        )
    return YamlReadError(line, column, f"YAML syntax: {problem}", _syntax_hint(problem))


def _syntax_hint(problem: str) -> str:
    if "never ends" in problem:
        return "close the quote or bracket that starts here"
    if "tab" in problem:
        return "indent with spaces, never tabs"
    if "mapping values" in problem:
        return "text that contains ': ' must be quoted, or the indentation is off"
    if "expected <block end>" in problem or "indentation" in problem:
        return "line up the keys of one block at the same indentation"
    if "found character" in problem:
        return "quote the text that starts with a special character"
    return "check the indentation and quoting on and just before this line"
