"""Topics as linear text: plain text, Markdown and JSON.

Used by `show`, the line-mode reader and the exporters. Plain text has no box
drawing and no layout tricks, so screen readers and braille displays follow it
line by line; colour is added only by the caller, never here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guide.content.model import BulletList, Library, Topic

Style = Callable[[str, str], str]
"""style(kind, text): kind is 'title', 'heading', 'urgent' or 'muted'."""


def _plain(kind: str, text: str) -> str:
    return text


def topic_lines(topic: Topic, library: Library, style: Style = _plain) -> list[str]:
    """The topic in reading order; urgent blocks first (before the summary, as on screen and in speech)."""
    lines = [style("title", topic.title), ""]
    if topic.parent is not None:
        lines[1:1] = [style("muted", f"In: {library.breadcrumb(topic.parent)}")]
    for block in topic.urgent:
        lines.append(style("urgent", block.level.label))
        lines.append(block.text)
        lines.extend(f"- {sign}" for sign in block.signs)
        lines.append("")
    lines += [topic.summary, ""]
    for section in topic.sections:
        lines.append(style("heading", section.heading))
        for item in section.blocks:
            if isinstance(item, BulletList):
                lines.extend(f"- {entry}" for entry in item.items)
            else:
                lines.append(item)
            lines.append("")
    lines.append(style("heading", "Key points"))
    lines.extend(f"- {point}" for point in topic.key_points)
    lines.append("")
    lines.append(style("heading", "Questions to ask your care team"))
    lines.extend(f"- {q}" for q in topic.questions)
    lines.append("")
    related = [library[r].title for r in topic.related if r in library]
    if related:
        lines.append(style("heading", "Related topics"))
        lines.extend(f"- {title}" for title in related)
        lines.append("")
    lines.append(style("heading", "Sources"))
    lines.extend(f"- {s.organisation}: {s.title}. {s.url}" for s in topic.sources)
    lines.append(f"Last reviewed: {topic.reviewed.isoformat()}")
    if topic.checked:
        lines.append(f"Checked: {topic.checked}")
    children = library.children(topic.id)
    if children:
        lines.append("")
        lines.append(style("heading", f"Topics inside ({len(children)})"))
        lines.extend(f"- {c.title}" for c in children)
    return lines


def topic_text(topic: Topic, library: Library, style: Style = _plain) -> str:
    return "\n".join(topic_lines(topic, library, style)).rstrip() + "\n"


def topic_markdown(topic: Topic, library: Library) -> str:
    """The topic as Markdown; urgent blocks come before the summary, as in every other copy."""
    out = [f"# {topic.title}", "", f"*{library.breadcrumb(topic.id)}*", ""]
    for block in topic.urgent:
        out += [f"> **{block.level.label}**", ">", f"> {block.text}"]
        out += [f"> - {s}" for s in block.signs]
        out.append("")
    out += [topic.summary, ""]
    for section in topic.sections:
        out += [f"## {section.heading}", ""]
        for item in section.blocks:
            if isinstance(item, BulletList):
                out += [f"- {entry}" for entry in item.items]
            else:
                out.append(item)
            out.append("")
    out += ["## Key points", "", *(f"- {p}" for p in topic.key_points), ""]
    out += ["## Questions to ask your care team", "", *(f"- {q}" for q in topic.questions), ""]
    related = [library[r] for r in topic.related if r in library]
    if related:
        out += ["## Related topics", "", *(f"- {r.title} (`{r.id}`)" for r in related), ""]
    out += ["## Sources", "", *(f"- {s.organisation}: [{s.title}]({s.url})" for s in topic.sources), ""]
    out.append(f"Last reviewed: {topic.reviewed.isoformat()}")
    if topic.checked:
        out += ["", f"Checked: {topic.checked}"]
    return "\n".join(out) + "\n"


def topic_dict(topic: Topic, library: Library) -> dict[str, Any]:
    """The JSON shape documented in the README; keys in reading order, so a person reading the
    JSON (a screen reader on piped output) meets the urgent blocks before the summary too."""
    return {
        "id": topic.id,
        "title": topic.title,
        "path": [t.title for t in library.ancestors(topic.id)],
        "parent": topic.parent,
        "urgent": [
            {"level": b.level.value, "label": b.level.label, "text": b.text, "signs": list(b.signs)}
            for b in topic.urgent
        ],
        "summary": topic.summary,
        "sections": [
            {
                "heading": s.heading,
                "blocks": [
                    {"bullets": list(b.items)} if isinstance(b, BulletList) else {"paragraph": b} for b in s.blocks
                ],
            }
            for s in topic.sections
        ],
        "key_points": list(topic.key_points),
        "questions": list(topic.questions),
        "related": list(topic.related),
        "children": [c.id for c in library.children(topic.id)],
        "sources": [{"organisation": s.organisation, "title": s.title, "url": s.url} for s in topic.sources],
        "reviewed": topic.reviewed.isoformat(),
        "checked": topic.checked,
    }


def tree_dict(library: Library) -> list[dict[str, Any]]:
    def node(topic: Topic) -> dict[str, Any]:
        return {"id": topic.id, "title": topic.title, "children": [node(c) for c in library.children(topic.id)]}

    return [node(t) for t in library.roots]


def tree_lines(library: Library) -> list[str]:
    """One line per topic; depth shown by indentation only, with the id for `show`."""
    lines: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for topic in library.children(parent):
            lines.append(f"{'  ' * depth}{topic.title} ({topic.id})")
            walk(topic.id, depth + 1)

    walk(None, 0)
    return lines
