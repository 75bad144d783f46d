"""Read YAML as plain data with positions, and nothing else.

The C parser emits events; we build the tree ourselves, iteratively, so that:
no tag can build an object, aliases (and so alias bombs) are refused, absurd
nesting is a clean error, and every value keeps its line and column for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 24
MAX_NODES = 200_000
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_RESOLVER = yaml.resolver.Resolver()


class YamlReadError(Exception):
    """The file is not plain YAML data; says where and why."""

    def __init__(self, line: int, column: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint


@dataclass
class Node:
    """A value with the place it was written (1-based line and column)."""

    value: Any
    line: int
    column: int
    key_places: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        if self.value is None:
            return "nothing"
        if isinstance(self.value, bool):
            return "true/false"
        if isinstance(self.value, (int, float)):
            return "number"
        return "text"

    def plain(self) -> Any:
        """The value with positions stripped (for tests and simple data files)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0]:
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
        else:
            tag = "tag:yaml.org,2002:str"
    value = event.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on")
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


def _check_tag(event: Any) -> None:
    tag = getattr(event, "tag", None)
    if tag is None or tag == "!":
        return
    if tag not in _PLAIN_TAGS:
        mark = event.start_mark
        raise YamlReadError(
            mark.line + 1,
            mark.column + 1,
            f"the YAML tag {tag!r} is not allowed: content is plain data and tags can build objects",
            "remove the tag (the part starting with '!') and write the value as plain text",
        )


def parse(text: str) -> Node | None:
    """Parse one YAML document into Nodes; None for an empty file."""
    root: Node | None = None
    stack: list[tuple[Node, list[Any]]] = []  # (container, pending key holder)
    documents = 0
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise YamlReadError(
                        mark.line + 1,
                        mark.column + 1,
                        "this file holds more than one YAML document",
                        "keep one topic per file; remove the extra '---' line",
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise YamlReadError(
                    mark.line + 1,
                    mark.column + 1,
                    "aliases (*name) are not allowed in content",
                    "write the text out in full instead of pointing to an anchor",
                )
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, _ = stack.pop()
                if not stack:
                    root = node
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                continue
            _check_tag(event)
            count += 1
            if count > MAX_NODES:
                raise YamlReadError(1, 1, f"the file has more than {MAX_NODES} values", "split it up")
            mark = event.start_mark
            if isinstance(event, yaml.ScalarEvent):
                node = Node(_scalar(event), mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.MappingStartEvent):
                node = Node({}, mark.line + 1, mark.column + 1)
            else:
                node = Node([], mark.line + 1, mark.column + 1)
            if stack:
                _attach(stack[-1], node)
            if isinstance(event, yaml.ScalarEvent):
                if not stack:
                    root = node
            else:
                if len(stack) >= MAX_DEPTH:
                    raise YamlReadError(
                        node.line,
                        node.column,
                        f"the data is nested more than {MAX_DEPTH} levels deep",
                        "content needs only a few levels; check the indentation",
                    )
                stack.append((node, []))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "the YAML could not be read"
        raise YamlReadError(line, column, f"YAML syntax: {problem}", _syntax_hint(problem)) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(1, 1, f"YAML syntax: {exc}", "check the file in a YAML-aware editor") from None
    return root


def _attach(parent: tuple[Node, list[Any]], node: Node) -> None:
    container, pending = parent
    if isinstance(container.value, list):
        container.value.append(node)
        return
    if not pending:
        if not isinstance(node.value, (str, int, float, bool)) or isinstance(node.value, bool):
            raise YamlReadError(
                node.line, node.column, "a key must be a plain word", "write the key as text, e.g. title:"
            )
        pending.append(node)
        return
    key_node = pending.pop()
    key = str(key_node.value)
    if key in container.value:
        raise YamlReadError(
            key_node.line,
            key_node.column,
            f"the key {key!r} appears twice in the same block",
            "keep one of them; YAML would silently drop the first",
        )
    container.value[key] = node
    container.key_places[key] = (key_node.line, key_node.column)


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, never tabs"
    if "mapping values" in problem:
        return "text that contains ': ' must be quoted, or the indentation is off"
    if "expected <block end>" in problem or "indentation" in problem:
        return "line up the keys of one block at the same indentation"
    if "found character" in problem:
        return "quote the text that starts with a special character"
    return "check the indentation and quoting on and just before this line"
