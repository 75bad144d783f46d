"""Typed messages between the reader's widgets, the app and speech.

Widgets never reach into each other: they post one of these and the app decides.
The speech side (self-voicing) listens to FocusMoved and TopicOpened; the kiosk
listens to UserActivity for its idle timer.
"""

from __future__ import annotations

from textual.message import Message

from guide.speech.api import SpeechEvent


class UserActivity(Message):
    """Any key, click, scroll or paste: the person is still there (kiosk idle timers)."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind


class FocusMoved(Message):
    """Focus landed on something: what it is, its kind and where it sits ("3 of 8")."""

    def __init__(
        self, label: str, kind: str, position: int, total: int, children: int = 0, closed: bool = False
    ) -> None:
        super().__init__()
        self.closed = closed
        self.label = label
        self.kind = kind
        self.position = position
        self.total = total
        self.children = children

    @property
    def spoken(self) -> str:
        """"Side effects, section, 3 of 10, 6 topics inside": what self-voicing says."""
        parts = [self.kind]
        if self.total:
            parts.append(f"{self.position} of {self.total}")
        if self.children:
            parts.append(f"{self.children} topic{'s' if self.children != 1 else ''} inside")
        if self.closed:
            parts.append("closed")
        details = ", ".join(p for p in parts if p)
        label = self.label.strip()
        if not label:
            return details
        return f"{label} {details}" if label[-1] in ".!?:" else f"{label}, {details}"


class TopicOpened(Message):
    """A topic is now shown in the reading pane."""

    def __init__(self, topic_id: str, title: str, breadcrumb: str) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.title = title
        self.breadcrumb = breadcrumb


class OpenTopic(Message):
    """A widget asks the app to open a topic (tree selection, related link, search result)."""

    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id


class DefineTerms(Message):
    """A widget asks for the plain definitions of these glossary term ids."""

    def __init__(self, term_ids: tuple[str, ...]) -> None:
        super().__init__()
        self.term_ids = term_ids


class SpeechEventArrived(Message):
    """A SpeechEvent, carried from the speech thread onto the UI thread."""

    def __init__(self, event: SpeechEvent) -> None:
        super().__init__()
        self.event = event


class Announce(Message):
    """A screen or widget asks for words to be said (self-voicing): posted to the app, which owns speech."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
