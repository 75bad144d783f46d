"""Text made for the ear: a topic as sentences, each shown one way and said another.

The reading pane shows ``Utterance.text`` (an exact slice of a DocBlock, so the
highlight lands on what is heard) while the engine gets ``Utterance.spoken``:
pronunciations applied, symbols and units in words, URLs shortened, no markup or
box drawing. Sentences are kept short (``MAX_CHARS``), far below the length of
text that crashes espeak, so one bad paragraph cannot take speech down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from guide.content.document import BlockKind, DocBlock, topic_blocks
from guide.content.model import Library, Topic
from guide.speech.api import Cue, Utterance

MAX_CHARS = 280
"""Longest piece sent to the engine at once; long sentences are split at commas or spaces."""

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.", "St.", "Fig.", "cf.")
"""Words ending in a full stop that do not end a sentence."""

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")

_CUE_BY_KIND = {
    BlockKind.TITLE: Cue.HEADING,
    BlockKind.HEADING: Cue.HEADING,
    BlockKind.URGENT_LABEL: Cue.URGENT,
    BlockKind.URGENT: Cue.URGENT,
    BlockKind.URGENT_SIGN: Cue.URGENT,
    BlockKind.RELATED: Cue.LINK,
}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (whitespace between them excluded)."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end <= start:
            continue
        word = text[:end].rsplit(None, 1)[-1] if text[:end].strip() else ""
        if any(word.endswith(a) for a in _ABBREVIATIONS) and not word.endswith(".."):
            continue
        if re.fullmatch(r"\(?\d{1,3}[.)]", word) and not text[start:end].strip()[: -len(word)].strip():
            continue  # "1. Take the tablet": a list number, not a sentence
        nxt = _skip_space(text, end)
        if nxt < len(text) and text[nxt].islower():
            continue  # "about 3 p.m. today": not a sentence end
        spans.append((start, end))
        start = nxt
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out.extend(_split_long(text, s, e))
    return out


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _split_long(text: str, start: int, end: int, limit: int = MAX_CHARS) -> list[tuple[int, int]]:
    """Cut a sentence longer than ``limit`` at the last ; : , or space before it (never mid-word or mid-URL)."""
    pieces: list[tuple[int, int]] = []
    urls = [m.span() for m in _URL_RE.finditer(text)]

    def last_mark(window: str, marks: str) -> int:
        for i in range(len(window) - 1, -1, -1):
            if window[i] in marks and not any(a <= start + i < b for a, b in urls):
                return i
        return -1

    while end - start > limit:
        window = text[start : start + limit]
        cut = -1
        for marks in (";:", ",", " "):
            cut = last_mark(window, marks)
            if cut > limit // 3:
                break
        cut = start + (cut + 1 if cut > 0 else limit)
        pieces.append((start, cut if not text[cut - 1].isspace() else cut - 1))
        start = _skip_space(text, cut)
    if end > start:
        pieces.append((start, end))
    return pieces


# --- how things are said -------------------------------------------------------------------

_UNITS = {
    "mg/kg": "milligrams per kilogram",
    "mg/m2": "milligrams per square metre",
    "mg/m²": "milligrams per square metre",
    "mcg": "micrograms",
    "µg": "micrograms",
    "μg": "micrograms",
    "mg": "milligrams",
    "kg": "kilograms",
    "g": "grams",
    "ml": "millilitres",
    "mL": "millilitres",
    "L": "litres",
    "mmHg": "millimetres of mercury",
    "mm": "millimetres",
    "cm": "centimetres",
    "km": "kilometres",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "min": "minutes",
    "mins": "minutes",
    "bpm": "beats a minute",
}
_UNIT_RE = re.compile(
    r"(?<=\d)\s?(" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + r")(?![\w/])"
)

_WORD_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "about",
    "Dr.": "Doctor",
    "Fig.": "figure",
    "cf.": "compare",
    "24/7": "day and night",
    "and/or": "and or",
    "a.m.": "A M",
    "p.m.": "P M",
}
_WORD_ABBR_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(a) for a in sorted(_WORD_ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)"
)

_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*(>=|≥|=>)\s*"), " at least "),
    (re.compile(r"\s*(<=|≤|=<)\s*"), " at most "),
    (re.compile(r"\s*>\s*(?=\d)"), " more than "),
    (re.compile(r"\s*<\s*(?=\d)"), " less than "),
    (re.compile(r"\s*±\s*"), " plus or minus "),
    (re.compile(r"\s*(->|→)\s*"), " to "),
    (re.compile(r"°\s?C\b"), " degrees Celsius"),
    (re.compile(r"°\s?F\b"), " degrees Fahrenheit"),
    (re.compile(r"°"), " degrees"),
    (re.compile(r"(?<=\d)\s?%"), " percent"),
    (re.compile(r"%"), " percent"),
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)"), " times "),
    (re.compile(r"(?<=\d)[x×](?!\w)"), " times"),
    (re.compile(r"(?<=\d),(?=\d{3}\b)"), ""),
    (re.compile(r"(?<=\d)\s*[-–—]\s*(?=\d)"), " to "),
    (re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])"), " or "),
    (re.compile(r"\s+[-–—]\s+"), ", "),
    (re.compile(r"(?<=\d)\+"), " or more"),
    (re.compile(r"(?<=\s)\+(?=\s)"), " plus "),
    (re.compile(r"\s*=\s*"), " equals "),
    (re.compile(r"#(?=\d)"), "number "),
)

_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*•·▪◦‣]\s+|(\d{1,3})[.)]\s+|([a-zA-Z])\)\s+)")
_MARKUP_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|[\x00-\x08\x0b-\x1f\x7f]|\[/?[a-z@][^\]]*\]")
"""Terminal escapes, control characters and Rich-style [tags]: never read aloud."""
_DROP_RE = re.compile(r"[\u2500-\u259f\u25a0-\u25ff\u2190-\u21ff\U0001f000-\U0001faff\u2600-\u27bf*_`#|~^\\{}]")
"""Box drawing, block elements, arrows, emoji, dingbats and markup punctuation."""


def _url_words(match: re.Match[str]) -> str:
    whole = match.group(0)
    url = whole.rstrip(".,;:)")
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]
    return " " + host.replace(".", " dot ") + whole[len(url) :] + " "


@lru_cache(maxsize=64)
def _pronunciation_rule(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One whole-word pattern of every written form, longest first, matching any case ("IMDELLTRA" is
    "Imdelltra"), and the spoken form of each (casefolded; the first definition wins, and validate
    refuses a second one that differs). One pass, so a respelling is never respelled again:
    "mab" inside "pem bro liz you mab" is not the abbreviation "mAb"."""
    spoken: dict[str, str] = {}
    for written, said in pairs:
        spoken.setdefault(written.casefold(), said)
    if not spoken:
        return None
    forms = sorted({w for w, _ in pairs}, key=lambda w: (-len(w), w))
    alternatives = "|".join(re.escape(w) for w in forms)
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w]|-\w)", re.IGNORECASE), spoken


def spoken_form(text: str, pronunciations: Iterable[tuple[str, str]] = ()) -> str:
    """What the engine should say for ``text``: pronunciations, symbols and units in words."""
    said = _MARKUP_RE.sub(" ", text)
    said = _URL_RE.sub(_url_words, said)
    marker = _LIST_MARKER_RE.match(said)
    if marker:
        label = marker.group(1) or marker.group(2)
        said = (f"{label}, " if label else "") + said[marker.end() :]
    rule = _pronunciation_rule(tuple(pronunciations))
    if rule is not None:
        pattern, spoken = rule
        said = pattern.sub(lambda m: f" {spoken[m.group(1).casefold()]} ", said)
    said = _WORD_ABBR_RE.sub(lambda m: _WORD_ABBREVIATIONS[m.group(1)], said)
    said = _UNIT_RE.sub(lambda m: " " + _UNITS[m.group(1)], said)
    for pattern, words in _SYMBOLS:
        said = pattern.sub(words, said)
    said = _DROP_RE.sub(" ", said)
    said = re.sub(r"\s+([,.;:!?])", r"\1", said)
    return re.sub(r"\s+", " ", said).strip()


def block_utterances(block: DocBlock, pronunciations: Sequence[tuple[str, str]] = ()) -> list[Utterance]:
    cue = _CUE_BY_KIND.get(block.kind, Cue.NONE)
    out: list[Utterance] = []
    for start, end in sentence_spans(block.text):
        shown = block.text[start:end]
        spoken = spoken_form(shown, pronunciations)
        if not spoken or not any(ch.isalnum() for ch in spoken):
            continue
        out.append(Utterance(shown, spoken, block.index, start, end, block.section, block.paragraph, cue))
    return out


def topic_utterances(topic: Topic, library: Library) -> list[Utterance]:
    """Every sentence of a topic in reading order, numbered like the reading pane's blocks."""
    out: list[Utterance] = []
    for block in topic_blocks(topic, library):
        out.extend(block_utterances(block, library.pronunciations))
    return out


def announcement(text: str, library: Library | None = None, cue: Cue = Cue.NONE) -> Utterance:
    """A short one-off message (focus change, notice) as an utterance not tied to a block."""
    pairs = library.pronunciations if library is not None else ()
    return Utterance(text, spoken_form(text, pairs)[:MAX_CHARS], cue=cue, end=len(text))


def announcement_parts(
    text: str, cue: Cue = Cue.NONE, pronunciations: Sequence[tuple[str, str]] = ()
) -> list[Utterance]:
    """A message of any length (help, search results) as sentence-sized utterances; the cue on the first."""
    parts: list[Utterance] = []
    for start, end in sentence_spans(text):
        shown = text[start:end]
        spoken = spoken_form(shown, pronunciations)
        if spoken and any(ch.isalnum() for ch in spoken):
            parts.append(Utterance(shown, spoken, -1, start, end, cue=cue if not parts else Cue.NONE))
    return parts or [Utterance(text, spoken_form(text, pronunciations)[:MAX_CHARS] or " ", cue=cue)]


def position_words(utterances: Sequence[Utterance], index: int, words_per_minute: int) -> str:
    """'Sentence 3 of 40, section 2 of 5, about 2 minutes left': the spoken part of "where am I"."""
    total = len(utterances)
    if total == 0 or not 0 <= index < total:
        return "Nothing is being read."
    sections = max(u.section for u in utterances) + 1
    words_left = sum(len(u.spoken.split()) for u in utterances[index:])
    minutes = words_left / max(words_per_minute, 1)
    if minutes < 1:
        left = "less than a minute left"
    else:
        whole = round(minutes)
        left = f"about {whole} minute{'s' if whole != 1 else ''} left"
    return f"Sentence {index + 1} of {total}, section {utterances[index].section + 1} of {sections}, {left}."
