"""What a key reaches among the app's bindings: for routing ("does this key stop speech?"), help and
the key describer. Plain functions over Textual's bindings map, so the window's module stays short."""

from __future__ import annotations

from collections.abc import Iterator

from textual.binding import Binding, BindingsMap

from guide.ui.keys import SPEECH_CONTROL_ACTIONS, WIDGET_KEYS, key_label


def bindings_for_key(bindings: BindingsMap, key: str) -> list[Binding]:
    return list(bindings.key_to_bindings.get(key, ()))


def each_binding(bindings: BindingsMap) -> Iterator[Binding]:
    """Every binding once, in declaration order (a binding with two keys is listed under both)."""
    seen: set[int] = set()
    for found in bindings.key_to_bindings.values():
        for binding in found:
            if id(binding) not in seen:
                seen.add(id(binding))
                yield binding


def is_speech_control(bindings: BindingsMap, key: str, *, pausing: bool) -> bool:
    """True for a key that controls speech (it must not stop it); pause counts only while reading."""
    for binding in bindings_for_key(bindings, key):
        if binding.action.split("(", 1)[0] in SPEECH_CONTROL_ACTIONS:
            return pausing or binding.action != "pause_resume"
    return False


def describe_key(bindings: BindingsMap, key: str) -> str:
    """What a key does, in the words help uses, for the key describer."""
    for binding in bindings_for_key(bindings, key):
        if binding.id:
            return binding.tooltip or binding.description
    label = key_label(key)
    for _, keys, text in WIDGET_KEYS:
        if label in keys.split(" / ") or label.capitalize() in keys.split(" / ") or keys == label:
            return text
    return "This key does nothing in the guide."
