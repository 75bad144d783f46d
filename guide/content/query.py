"""What a typed question means to the search: its words, and the lay phrases and names in it.

People type what they feel ("the runs", "black poo") and what is on the box ("keytruda").
The content already says what those stand for (synonyms and the glossary), so the query
is read against that table here, without SQL: the index only ever receives plain words,
quoted, so nothing typed can act as FTS5 query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from guide.content.model import Library

MAX_QUERY_WORDS = 60
"""Words read from one query; a pasted page is cut here (the first words say what it is about)."""
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Combining marks (accents) left apart from their letters by NFKD."""
_STOP_WORDS_TEXT = (
    "a an and are as at be been but by can do does did for from had has have how i if in into is it its "
    "me my of on or so than that the their them then there these they this to was we were what when "
    "where which who why will with you your im got get gets getting am should could would about any even "
    "just also very really much many more some after before while during off out up over like been "
    "being our us he she his her him there here only still ok okay please thanks hi hello all "
    # What is left of contractions once the apostrophe splits them: "can't" -> can, t.
    "t s d m ll ve re don doesn didn isn wasn won cant dont wont isnt"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
FUZZY_PHRASE_CUTOFF = 88
"""How alike a run of typed words and a known phrase must be (rapidfuzz ratio) to count as it."""


def fold(text: str) -> str:
    """Lower case without accents, so 'Diarrhée' finds 'diarrhee'; ASCII text (most of it) skips the work."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """The words of a text as the index's tokenizer sees them (letters and digits; everything else splits)."""
    return _WORD.findall(fold(text))


def _key(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def telling_words(phrase: tuple[str, ...]) -> list[str]:
    """The words of a phrase that say what it is about (not 'the', 'how', 'will')."""
    return [w for w in phrase if w not in STOP_WORDS]


def phrase_expression(phrase: tuple[str, ...]) -> str:
    """The phrase as typed, or its telling words close together ("lose ... hair" for "will I lose my hair")."""
    telling = telling_words(phrase)
    if len(telling) >= 2 and len(telling) < len(phrase):
        return f"{quoted(phrase)} OR NEAR({' '.join(quoted([w]) for w in telling)}, {len(phrase)})"
    return quoted(phrase)


def quoted(phrase_words: tuple[str, ...] | list[str]) -> str:
    """An FTS5 string for these words: only letters and digits reach SQLite, inside double quotes."""
    return '"' + " ".join(phrase_words) + '"'


@dataclass(frozen=True)
class Meaning:
    """What a known phrase stands for: glossary names to look for, and topics it names outright."""

    label: str
    """How the result line says it matched, e.g. 'lay words: "the runs"'."""
    names: tuple[tuple[str, ...], ...]
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """A run of typed words that is a known phrase, and where in the query it sits."""

    start: int
    end: int
    words: tuple[str, ...]
    """The phrase as the content has it (typed words may be misspelt or have others among them)."""
    meaning: Meaning


Names = tuple[tuple[str, ...], ...]


class PhraseTable:
    """Lay phrases, glossary names and aliases -> what they stand for, found whole in a query."""

    def __init__(self, library: Library) -> None:
        self.meanings: dict[tuple[str, ...], Meaning] = {}
        self._library = library
        by_name: dict[str, tuple[Names, str | None]] = {}
        for term in library.glossary:
            names = tuple(dict.fromkeys(n for n in map(_key, term.names) if n))
            entry = (names, term.topic)
            by_name[term.id.lower()] = entry
            for name in names:
                by_name.setdefault(" ".join(name), entry)
        for phrase, targets in library.synonyms:
            self._add(phrase, "lay words", targets, by_name)
        for term in library.glossary:
            target = (term.id, *([term.topic] if term.topic else []))
            self._add(term.term, "term", target, by_name)
            for other in (*term.aliases, *term.lay):
                self._add(other, "also called", target, by_name)
        # Phrases by their first telling word, for the loose matches below.
        self._loose_index: dict[str, list[tuple[str, ...]]] = {}
        for key in self.meanings:
            telling = telling_words(key)
            if telling and len(key) >= 2:
                self._loose_index.setdefault(telling[0], []).append(key)
        self._texts = [" ".join(k) for k in self.meanings]
        self._keys = list(self.meanings)
        self.longest = max((len(k) for k in self.meanings), default=0)

    def _add(
        self, phrase: str, label: str, targets: tuple[str, ...], by_name: dict[str, tuple[Names, str | None]]
    ) -> None:
        key = _key(phrase)
        if not key:
            return
        names: list[tuple[str, ...]] = []
        topics: list[str] = []
        for target in targets:
            if target in self._library:
                topics.append(target)
            elif (found := by_name.get(" ".join(_key(target))) or by_name.get(target.lower())) is not None:
                term_names, topic = found
                names.extend(n for n in term_names if n != key)
                if topic:
                    topics.append(topic)
        if not (names or topics):
            return
        known = self.meanings.get(key)
        if known is not None:  # "the runs" is a lay phrase and a glossary lay word: one meaning, the first label
            names = [*known.names, *names]
            topics = [*known.topics, *topics]
            label = known.label
        else:
            label = f'{label}: "{phrase}"'
        self.meanings[key] = Meaning(label, tuple(dict.fromkeys(names)), tuple(dict.fromkeys(topics)))

    def find(self, typed: list[str], known: set[str]) -> list[Phrase]:
        """Known phrases in the typed words, whole, misspelt or loose; longest first, not overlapping.

        A misspelt run ("teh runs", "interlukin") must be like a phrase of the same number of
        words; a phrase that merely contains the query is not a hit.
        """
        candidates = [*self._whole(typed, known), *self._loose(typed)]
        candidates.sort(key=lambda c: (-len(c[0].words), c[0].start))
        found: list[Phrase] = []
        taken: set[int] = set()
        for phrase, positions in candidates:
            if not taken.intersection(positions):
                found.append(phrase)
                taken.update(positions)
        return sorted(found, key=lambda p: p.start)

    def _whole(self, typed: list[str], known: set[str]) -> Iterator[tuple[Phrase, range]]:
        for size in range(min(self.longest, len(typed)), 0, -1):
            for start in range(len(typed) - size + 1):
                window = tuple(typed[start : start + size])
                if all(w in STOP_WORDS for w in window):
                    continue
                key: tuple[str, ...] | None = window if window in self.meanings else None
                text = " ".join(window)
                # Only a run with a word the guide never uses can be a misspelling of a phrase.
                if key is None and len(text) >= 6 and size <= 4 and not known.issuperset(window):
                    close = process.extract(
                        text, self._texts, scorer=fuzz.ratio, score_cutoff=FUZZY_PHRASE_CUTOFF, limit=3
                    )
                    key = next((self._keys[at] for _, _, at in close if len(self._keys[at]) == size), None)
                if key is not None:
                    yield Phrase(start, start + size, key, self.meanings[key]), range(start, start + size)

    def _loose(self, typed: list[str]) -> Iterator[tuple[Phrase, list[int]]]:
        """Phrases meant but not typed exactly: their telling words all come in order, close together,
        and either there are two or more of them ("when do side effects usually start") or only one
        small word differs ("how long will I be on immunotherapy" for "how long will I be on it")."""
        for start, word in enumerate(typed):
            for key in self._loose_index.get(word, ()):
                if key == tuple(typed[start : start + len(key)]):
                    continue  # whole: found already
                telling = telling_words(key)
                at, positions = start, [start]
                for wanted in telling[1:]:
                    try:
                        at = typed.index(wanted, at + 1, start + len(key) + 3)
                    except ValueError:
                        break
                    positions.append(at)
                else:
                    # The typed words lined up with the whole phrase: as many before and after as it has.
                    before, after = key.index(word), key[::-1].index(telling[-1])
                    window = typed[max(0, start - before) : at + 1 + after]
                    allowed = max(1, len(key) // 3) if len(telling) >= 2 else (1 if len(key) >= 4 else 0)
                    differences = Levenshtein.distance(window, list(key))
                    if differences <= allowed:
                        yield Phrase(start, at + 1, key, self.meanings[key]), positions
