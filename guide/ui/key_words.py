"""Words for keys that would otherwise say nothing: an edge of the topic list, a typed character."""

from __future__ import annotations

from textual import events
from textual.widget import Widget

from guide.ui.keys import SPOKEN_SYMBOLS
from guide.ui.widgets.topic_tree import TopicTree


def edge_words(focused: Widget | None, key: str) -> str:
    """'Top of the list.' or 'End of the list.' when Up or Down cannot move in the topic list."""
    if isinstance(focused, TopicTree):
        if key == "up" and focused.cursor_line <= 0:
            return "Top of the list."
        if key == "down" and focused.cursor_line >= focused.last_line:
            return "End of the list."
    return ""


def typed_words(event: events.Key, focused: Widget | None) -> str:
    """A character typed into a text box, as said when typing is echoed ('space', 'full stop');
    '' for any other key. Asked before the key is handed on (which marks it as forwarded)."""
    from textual.widgets import Input

    if event.is_forwarded or not event.is_printable or not event.character or not isinstance(focused, Input):
        return ""
    character = event.character
    return "space" if character == " " else SPOKEN_SYMBOLS.get(character, character)
