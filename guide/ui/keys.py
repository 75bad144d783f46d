"""Every key of the reader, in one table: the app's BINDINGS, the help screen and the README.

Ids are "group.name"; the help screen groups keys by the part before the dot, so a
subclass (the kiosk) that adds or removes bindings changes help with them.
Keys were chosen because they arrive in common terminals and in tmux: letters,
punctuation, arrows, Enter, Space, Backspace, Home, Escape and F1-F8 (no
ctrl+enter, no ctrl+?, no ctrl+s which freezes some terminals).
"""

from __future__ import annotations

from textual.binding import Binding

GROUPS: dict[str, str] = {
    "move": "Moving around",
    "find": "Finding things",
    "view": "Seeing and help",
    "speech": "Speech",
}

WIDGET_KEYS: tuple[tuple[str, str, str], ...] = (
    ("move", "Up / Down", "Move to the previous or next topic, or paragraph in the text"),
    ("move", "Enter", "Open the topic; in the text, follow a link or explain the marked words"),
    ("move", "Space", "Open or close a part of the topic list"),
    ("move", "Right / Left", "In the topic list: open a part or step into it; close it or step out"),
    ("move", "Page Up / Page Down", "Move through the text a screen at a time (the cursor goes with it)"),
    ("move", "Home / End", "The first or last paragraph, or the first or last topic in the list"),
    ("move", "Backspace in a search", "Goes back when the box is empty, and in a search reopened by "
     "Back; letters always type there"),
)
"""Keys handled by the widgets themselves (not app bindings), listed in help too."""

SPEECH_CONTROL_ACTIONS = frozenset(
    {
        "pause_resume",
        "speech_move",
        "repeat",
        "spell_word",
        "where",
        "rate",
        "volume",
        "toggle_speech",
    }
)
"""Actions that steer speech itself; every other key (Escape and s included) stops speech before acting."""


def reader_bindings() -> list[Binding]:
    return [
        Binding("tab", "switch_pane", "Switch", id="move.switch-pane", priority=True, show=False,
                tooltip="Move between the topic list and the text"),
        Binding("n", "next_topic", "Next", id="move.next-topic", tooltip="Next topic in reading order"),
        Binding("p", "previous_topic", "Previous", id="move.previous-topic", show=False,
                tooltip="Previous topic in reading order"),
        Binding("backspace", "back", "Back", id="move.back", tooltip="Go back to what you saw before"),
        Binding("b", "back", "Back", id="move.back-letter", show=False, tooltip="Go back to what you saw before"),
        Binding("f", "forward", "Forward", id="move.forward", show=False, tooltip="Go forward again after going back"),
        Binding("alt+left", "back", "Back", id="move.back-alt", show=False, tooltip="Go back to what you saw before"),
        Binding("alt+right", "forward", "Forward", id="move.forward-alt", show=False,
                tooltip="Go forward again after going back"),
        Binding("greater_than_sign", "speech_move('section', 1)", "Next section", id="move.next-section",
                show=False, tooltip="Next section"),
        Binding("less_than_sign", "speech_move('section', -1)", "Previous section", id="move.previous-section",
                show=False, tooltip="Previous section"),
        Binding("o", "contents", "Contents", id="move.contents", show=False,
                tooltip="Contents: the sections of this page; Enter goes to one"),
        Binding("h", "go_start", "Start", id="move.start", show=False,
                tooltip="The start page"),
        Binding("l", "toggle_tree", "List", id="move.topics",
                tooltip="Show or hide the list of topics"),
        Binding("slash", "search", "Search", id="find.search", tooltip="Search the guide"),
        Binding("g", "glossary", "Words", id="find.glossary", tooltip="Word list: plain meanings of medical words"),
        Binding("m", "my_treatment", "My treatment", id="find.my-treatment", show=False,
                tooltip="My treatment: type its name to see what applies to you"),
        Binding("ctrl+f", "find_in_page", "Find", id="find.in-page", show=False,
                tooltip="Find words in this page: the matches are marked, Enter goes to one"),
        Binding("f3,ctrl+n", "find_next(1)", "Next match", id="find.next-match", show=False,
                tooltip="Next match of the words found in this page"),
        Binding("ctrl+p", "find_next(-1)", "Previous match", id="find.previous-match", show=False,
                tooltip="Previous match of the words found in this page"),
        Binding("d", "define", "Define", id="find.define", show=False,
                tooltip="Explain the marked words in this paragraph"),
        Binding("f1", "help", "Help", id="view.help", tooltip="Help: every key, and the key describer"),
        Binding("question_mark", "help", "Help", id="view.help-question", show=False,
                tooltip="Help: every key, and the key describer"),
        Binding("i", "notices", "Notices", id="view.notices", show=False,
                tooltip="The last notices in full (a notice cut short on the status line ends with i)"),
        Binding("t", "cycle_theme", "Colours", id="view.theme", show=False,
                tooltip="Change the colours: dark, light, high contrast, terminal colours"),
        Binding("escape", "escape", "Close", id="view.escape", show=False,
                tooltip="Close a window or the topic panel; stop speech"),
        Binding("q", "quit", "Quit", id="view.quit", tooltip="Quit the guide"),
        Binding("f2", "toggle_speech", "Speech", id="speech.toggle", tooltip="Turn speech on or off"),
        Binding("r", "read_topic", "Read", id="speech.read", show=False, tooltip="Read the topic aloud from the top"),
        Binding("c", "read_section", "Read section", id="speech.read-section", show=False,
                tooltip="Read aloud from the section you are in"),
        Binding("space", "pause_resume", "Pause", id="speech.pause", show=False, priority=True,
                tooltip="Pause or resume reading (while reading)"),
        Binding("s", "stop_speech", "Stop", id="speech.stop", show=False, tooltip="Stop speech"),
        Binding("full_stop", "speech_move('sentence', 1)", "Next sentence", id="speech.next-sentence", show=False,
                tooltip="Next sentence"),
        Binding("comma", "speech_move('sentence', -1)", "Previous sentence", id="speech.previous-sentence",
                show=False, tooltip="Previous sentence"),
        Binding("right_square_bracket", "speech_move('paragraph', 1)", "Next paragraph",
                id="speech.next-paragraph", show=False, tooltip="Next paragraph"),
        Binding("left_square_bracket", "speech_move('paragraph', -1)", "Previous paragraph",
                id="speech.previous-paragraph", show=False, tooltip="Previous paragraph"),
        Binding("a", "repeat", "Again", id="speech.repeat", show=False, tooltip="Say the last sentence again"),
        Binding("e", "spell_word", "Spell", id="speech.spell", show=False,
                tooltip="Spell the longest word of the sentence, letter by letter (a drug name); again for the next"),
        Binding("w", "where", "Where", id="speech.where", show=False,
                tooltip="Where am I: the topic, the position and how much is left"),
        Binding("plus,equals_sign", "rate(1)", "Faster", id="speech.faster", show=False, tooltip="Speak faster"),
        Binding("minus", "rate(-1)", "Slower", id="speech.slower", show=False, tooltip="Speak slower"),
        Binding("f8", "volume(1)", "Louder", id="speech.louder", show=False, tooltip="Louder"),
        Binding("f7", "volume(-1)", "Quieter", id="speech.quieter", show=False,
                tooltip="Quieter (never silent)"),
        Binding("v", "choose_voice", "Voice", id="speech.voice", show=False,
                tooltip="Choose a voice by language"),
    ]


KEY_NAMES: dict[str, str] = {
    "slash": "/",
    "question_mark": "?",
    "full_stop": ".",
    "comma": ",",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "backspace": "Backspace",
    "escape": "Escape",
    "home": "Home",
    "space": "Space",
    "tab": "Tab",
    "enter": "Enter",
    "alt+left": "Alt+Left",
    "alt+right": "Alt+Right",
    "ctrl+f": "Ctrl+F",
    "ctrl+n": "Ctrl+N",
    "ctrl+p": "Ctrl+P",
}


SPOKEN_SYMBOLS: dict[str, str] = {
    "/": "slash",
    "?": "question mark",
    ".": "full stop",
    ",": "comma",
    "]": "right bracket",
    "[": "left bracket",
    ">": "greater than",
    "<": "less than",
    "+": "plus",
    "=": "equals",
    "-": "minus",
}
"""Punctuation keys as they are said: an engine reads ">" as nothing and "+:" as "plus colon"."""


def spoken_keys(label: str) -> str:
    """A key label as said aloud: '+ or =' -> 'plus or equals', '>' -> 'greater than'."""
    return " ".join(SPOKEN_SYMBOLS.get(word, word) for word in label.split(" "))


def key_label(keys: str) -> str:
    """'plus,equals_sign' -> '+ or ='; 'f1' -> 'F1'."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        if key in KEY_NAMES:
            out.append(KEY_NAMES[key])
        elif key.startswith("f") and key[1:].isdigit():
            out.append(key.upper())
        else:
            out.append(key)
    return " or ".join(out)


def help_rows(bindings: list[Binding]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(keys, what it does)]) for help and the README, from the live bindings.

    Bindings with the same group and words (b and Backspace) share one row.
    """
    grouped: dict[str, list[tuple[str, str]]] = {g: [] for g in GROUPS}
    for group, keys, text in WIDGET_KEYS:
        grouped[group].append((keys, text))
    labels: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        if not binding.id:
            continue
        group = binding.id.split(".", 1)[0]
        labels.setdefault((group, binding.tooltip or binding.description), []).append(key_label(binding.key))
    for (group, text), key_labels in labels.items():
        grouped.setdefault(group, []).append((" or ".join(key_labels), text))
    return [(GROUPS.get(g, g.capitalize()), rows) for g, rows in grouped.items() if rows]
