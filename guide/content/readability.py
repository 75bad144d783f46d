"""Flesch-Kincaid grade level, offline and dependency-free.

Written here rather than taken from textstat: textstat's current release fetches
NLTK data at run time and fails with no network, and the formula itself is two
lines. The syllable counter is the usual vowel-group heuristic with common
English corrections; it agrees with dictionary counts for most plain words.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! or ? (with any closing quote or bracket, which the split drops) and a
# space before a capital, a digit or an opening quote. It starts with the punctuation, not a
# look-behind, so the regex engine can skip to the candidates instead of trying every position.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z0-9\"'(])")
_WORD = re.compile(r"[A-Za-z]++(?:['’][A-Za-z]++)*+|\d++(?:[.,]\d++)*+")  # possessive: no backtracking to try
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "etc.", "approx.")


_ABBREVIATION = re.compile("|".join(re.escape(a) for a in _ABBREVIATIONS))
_STARTS_SENTENCE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"'(")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences; list items without a full stop count as one each."""
    text = text.strip()
    if "\u2024" not in text and _SENTENCE_END.search(text) is None:
        return [text] if text else []  # the usual case: one sentence (protecting abbreviations only joins)
    if not _ABBREVIATION.search(text):
        return [p.strip() for p in _split(text) if p.strip()]
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\u2024"))
    return [p.replace("\u2024", ".").strip() for p in _split(protected) if p.strip()]


def _split(text: str) -> list[str]:
    """text cut after each sentence end; the end's punctuation stays with its sentence."""
    parts = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        parts.append(text[start : end.start() + 1])
        start = end.end()
    parts.append(text[start:])
    return parts


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Estimate syllables in one word (numbers count as one per digit group)."""
    w = word.lower().replace("’", "'")
    if not w or w[0].isdigit():
        return 1 if len(w) <= 2 else 2
    w = w.split("'")[0] or w
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if w.endswith(("ed",)) and not w.endswith(("ted", "ded")) and count > 1:
        count -= 1
    if w.endswith("es") and not w.endswith(("ses", "zes", "ches", "shes", "ges", "ces", "xes")) and count > 1:
        count -= 1
    # Vowel pairs that are usually said as two syllables.
    count += len(re.findall(r"ia|io(?!u)|eo|ua|iu", w))
    return max(1, count)


FAMILIAR_SYLLABLES = 2
"""The words of drug names (generic and brand) count as this many syllables at most: a patient's
own medicine cannot be called anything shorter. Every other word counts in full, however often
the guide explains it, so the grade is what a reader meets."""


def _formula(words_count: int, sentence_count: int, syllable_count: int) -> float:
    if not sentence_count or not words_count:
        return 0.0
    return 0.39 * words_count / sentence_count + 11.8 * syllable_count / words_count - 15.59


@dataclass(frozen=True)
class GradeReport:
    grade: float
    hardest_sentence: str
    hardest_grade: float


_ASCII_WORDS = bytes(
    c if chr(c) in string.ascii_letters else 0 if chr(c) in string.digits + "'" else 32 for c in range(256)
)
"""For plain ASCII prose: letters stay, digits and apostrophes (which _WORD treats specially)
become NUL, anything else a space."""


def _sentence_words(sentence: str) -> list[str] | list[bytes]:
    """The words of a sentence as _WORD finds them. In ASCII prose with no digit or apostrophe a
    word is just a run of letters, and bytes cut at every other character give the same words
    several times faster than the pattern; the Grader looks words up either way."""
    if sentence.isascii():
        letters = sentence.encode().translate(_ASCII_WORDS)
        if b"\0" not in letters:
            return letters.split()
    return _WORD.findall(sentence)


class Grader(dict[str | bytes, int]):
    """Grades passages against one set of drug-name words (familiar, lower case).

    As a dict it holds the syllables each word counts for, worked out once per word: a library
    repeats the same few thousand words, and a lookup is much cheaper than the count. Make one
    per library and grade all its passages with it.
    """

    def __init__(self, familiar: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.familiar = familiar

    def __missing__(self, key: str | bytes) -> int:
        word = key.decode() if isinstance(key, bytes) else key
        count = syllables(word)
        if count > FAMILIAR_SYLLABLES and word.lower() in self.familiar:
            count = FAMILIAR_SYLLABLES
        self[key] = count
        return count

    def _counts(self, sentences: list[str]) -> list[tuple[int, int]]:
        """(words, syllables) of each sentence; drug-name words count as at most FAMILIAR_SYLLABLES."""
        weigh = self.__getitem__
        return [(len(found), sum(map(weigh, found))) for found in map(_sentence_words, sentences)]

    def grade(self, text: str) -> float:
        """Flesch-Kincaid grade level of a passage (0 for empty text)."""
        sentences = split_sentences(text)
        counts = self._counts(sentences)
        return _formula(sum(w for w, _ in counts), len(sentences), sum(s for _, s in counts))

    def assess(self, texts: list[str]) -> GradeReport:
        """Grade a block of paragraphs and point to the sentence that is hardest to read.

        Each sentence is counted once. The block's sentence count follows the rule of
        reading the paragraphs as one passage: a sentence that starts in lower case (a
        bullet like "loose stools") runs on from the one before it.
        """
        sentences = [s for t in texts for s in split_sentences(t)]
        if not sentences:
            return GradeReport(0.0, "", 0.0)
        counts = self._counts(sentences)
        grades = [0.39 * w + 11.8 * syl / w - 15.59 if w else 0.0 for w, syl in counts]  # _formula of one sentence
        passages = 1 + sum(1 for s in sentences[1:] if s[0] in _STARTS_SENTENCE)
        total = _formula(sum(w for w, _ in counts), passages, sum(syl for _, syl in counts))
        hardest = max(range(len(sentences)), key=grades.__getitem__)
        return GradeReport(round(total, 1), sentences[hardest], round(grades[hardest], 1))


def grade(text: str, familiar: frozenset[str] = frozenset()) -> float:
    """Flesch-Kincaid grade level of one passage (Grader.grade, for a single text)."""
    return Grader(familiar).grade(text)


def assess(texts: list[str], familiar: frozenset[str] = frozenset()) -> GradeReport:
    """Grader.assess for a single block of paragraphs."""
    return Grader(familiar).assess(texts)
