"""Every medical-looking word a patient meets in a topic is explained by the guide.

A listener cannot look up a word they half heard, so the guide promises that each
medical term in a topic is in the glossary (as its term or an alias), and that a
drug name at least has a pronunciation, so speech says it right. Terms are found by
pattern, not from a hand-kept list, so a new topic cannot slip a new term past the
check: disease and drug-name endings (-itis, -mab, -cel, -ib, -osis, -oma, ...)
and capitalised abbreviations of two or more letters (PD-L1, CRS, ICANS).

The check runs once per topic folder, so each content family sees its own gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide.content.loader import bundled_content_dir, load_library
from guide.content.model import GlossaryTerm, Library, Section, Source, Topic

CONTENT = bundled_content_dir() / "en"

# A word: letters and digits, joined by hyphens, apostrophes or the star in HLA-A*02.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’*-][A-Za-z0-9]+)*")
# Endings that mark disease names, drug names and medical fields.
MEDICAL_SUFFIXES = ("itis", "mab", "cel", "leucel", "ib", "osis", "aemia", "emia", "oma", "ology", "ectomy")
# Of those, the endings of drug names: a pronunciation is enough for these.
DRUG_SUFFIXES = ("mab", "cel", "leucel", "ib")
# An abbreviation inside a word: capitals and digits (joined by - or *) with at least
# two capitals, standing alone or as a hyphen-part ("anti-PD-1"), maybe with a plural s.
_ABBREVIATION = re.compile(r"(?:^|(?<=[-*]))([A-Z0-9]+(?:[-*][A-Z0-9]+)*)(s?)(?=$|[-*])")

# Plain words the patterns catch by accident. Keep this short: a medical word belongs
# in the glossary, not here. test_allow_list_is_honest fails for words no pattern catches.
ALLOWED = frozenset(
    {
        "diagnosis",  # plain English; the guide uses it in its everyday sense
        "terminology",  # in the name "Common Terminology Criteria"; a plain word
        "OK",
        "US",  # the country, as in "the US"
        "UK",
        "II",  # Roman numerals in stage and phase names
        "III",
    }
)

_LONGEST_NAME = 5  # words; glossary names longer than this are never needed to cover a word


@dataclass(frozen=True)
class Term:
    """A medical-looking word found in a topic, and what counts as explaining it."""

    word: str
    kind: str  # "abbreviation", "drug" or "term"
    topic_id: str


def _norm(text: str) -> tuple[str, ...]:
    return tuple(t.casefold().replace("’", "'") for t in _TOKEN.findall(text))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


# Shortest word each ending counts in: keeps "cancel", "crib" and "coma"-length words out,
# while every real drug name (imatinib, lifileucel) is far longer.
_MIN_LENGTH = {"cel": 7, "ib": 6}


def _suffix_kind(part: str) -> str | None:
    lower = part.casefold()
    for form in dict.fromkeys((lower, _singular(lower))):
        if not form.isalpha():
            continue
        for suffix in MEDICAL_SUFFIXES:
            if form.endswith(suffix) and len(form) >= max(_MIN_LENGTH.get(suffix, 5), len(suffix) + 2):
                return "drug" if suffix in DRUG_SUFFIXES else "term"
    return None


def medical_words(text: str) -> list[tuple[int, str, str]]:
    """(token index, word, kind) for each word in the text that looks medical."""
    found: list[tuple[int, str, str]] = []
    for index, token in enumerate(_TOKEN.findall(text)):
        for match in _ABBREVIATION.finditer(token):
            core = match.group(1)
            if sum(c.isupper() for c in core) >= 2 and core not in ALLOWED:
                found.append((index, core, "abbreviation"))
        for part in re.split(r"[-*']", token):
            kind = _suffix_kind(part)
            if kind and part.casefold() not in {a.casefold() for a in ALLOWED}:
                found.append((index, part, kind))
    return found


class Explained:
    """The written forms the guide explains: glossary names, and spoken drug names."""

    def __init__(self, glossary: Iterable[GlossaryTerm], pronunciations: Iterable[tuple[str, str]]) -> None:
        self.defined = {_norm(name) for term in glossary for name in term.names}
        self.spoken = {_norm(written) for written, _ in pronunciations}

    @classmethod
    def by_speech(cls, pronunciations: Iterable[tuple[str, str]]) -> Explained:
        """Only what speech knows how to say counts: for the pronunciation check."""
        explained = cls((), pronunciations)
        explained.defined = explained.spoken
        return explained

    def covers(self, tokens: tuple[str, ...], index: int, word: str, kind: str) -> bool:
        """True if the word, alone or inside a longer name around it, is explained."""
        known = self.defined | self.spoken if kind == "drug" else self.defined
        word_forms = {(word.casefold(),), (_singular(word.casefold()),)}
        if word_forms & known:
            return True
        for start in range(max(0, index - _LONGEST_NAME + 1), index + 1):
            for end in range(index + 1, min(len(tokens), start + _LONGEST_NAME) + 1):
                span = tokens[start:end]
                if span in known or (span[-1].endswith("s") and (*span[:-1], _singular(span[-1])) in known):
                    return True
        return False


def unexplained(topics: Iterable[Topic], explained: Explained) -> list[Term]:
    """Every medical-looking word in these topics that the guide does not explain."""
    missing: dict[tuple[str, str], Term] = {}
    for topic in topics:
        for text in topic.all_text():
            tokens = _norm(text)
            for index, word, kind in medical_words(text):
                if not explained.covers(tokens, index, word, kind):
                    missing.setdefault((word.casefold(), topic.id), Term(word, kind, topic.id))
    return list(missing.values())


GLOSSARY_FIX = (
    "are not explained. Add each to a glossary file as a term or alias "
    "(drug names may instead get a pronunciation), or reword the sentence"
)
SPEECH_FIX = "have no pronunciation. Add each to a pronunciations file (written form: how to say it)"


def _report(missing: list[Term], fix: str = GLOSSARY_FIX) -> str:
    ordered = sorted(missing, key=lambda t: (t.topic_id, t.word))
    lines = [f"  {t.word!r} ({t.kind}) in topic {t.topic_id}" for t in ordered]
    return f"{len(missing)} medical word(s) {fix}:\n" + "\n".join(lines)


def _families() -> list[str]:
    topics_dir = CONTENT / "topics"
    return sorted(p.name for p in topics_dir.iterdir() if p.is_dir()) if topics_dir.is_dir() else []


@pytest.fixture(scope="module")
def library() -> Library:
    # load_library, not load_or_raise: one family's unfinished file must not hide every
    # other family's result. Topics that failed to parse are simply absent.
    result = load_library(CONTENT)
    assert result.library is not None, "the bundled content could not be loaded at all"
    return result.library


def _topics_in(library: Library, family: str) -> list[Topic]:
    return [t for t in library.topics if Path(t.path).parent.name == family]


@pytest.mark.parametrize("family", _families())
def test_every_medical_word_in_the_family_is_explained(library: Library, family: str) -> None:
    topics = _topics_in(library, family)
    if not topics:
        pytest.skip(f"no topics in {family} yet")
    missing = unexplained(topics, Explained(library.glossary, library.pronunciations))
    assert not missing, _report(missing)


@pytest.mark.parametrize("family", _families())
def test_every_abbreviation_and_drug_name_can_be_spoken(library: Library, family: str) -> None:
    """Speech spells out what it cannot say: each abbreviation and drug name needs a pronunciation."""
    topics = _topics_in(library, family)
    if not topics:
        pytest.skip(f"no topics in {family} yet")
    by_speech = Explained.by_speech(library.pronunciations)
    missing = [t for t in unexplained(topics, by_speech) if t.kind in ("abbreviation", "drug")]
    assert not missing, _report(missing, SPEECH_FIX)


# --- the checker itself -------------------------------------------------------------


def _topic(text: str, topic_id: str = "demo") -> Topic:
    import datetime as dt

    return Topic(
        id=topic_id,
        title="Demo",
        summary="A demo.",
        parent=None,
        order=0,
        sections=(Section("Body", (text,)),),
        key_points=("One.",),
        questions=("Why?",),
        related=(),
        sources=(Source("NCI", "Demo", "https://www.cancer.gov/"),),
        reviewed=dt.date(2026, 11, 22),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drugs that block PD-L1 can cause colitis.", {"PD-L1", "colitis"}),
        ("Pembrolizumab and nivolumab are given by drip.", {"Pembrolizumab", "nivolumab"}),
        ("It treats some lymphomas and leukaemia.", {"lymphomas", "leukaemia"}),
        ("Watch for CRS and ICANS after the first doses.", {"CRS", "ICANS"}),
        ("An anti-PD-1 drug, and lifileucel, and ADCs.", {"PD-1", "lifileucel", "ADC"}),
        ("It needs the tissue type HLA-A*02.", {"HLA-A*02"}),
        ("Osimertinib, oncology and a mastectomy.", {"Osimertinib", "oncology", "mastectomy"}),
    ],
)
def test_patterns_find_medical_words(text: str, expected: set[str]) -> None:
    assert {word for _, word, _ in medical_words(text)} == expected


@pytest.mark.parametrize(
    "text",
    [
        "The T cell is a kind of white blood cell.",
        "Ask your care team which drug you will have. I will call you.",
        "Your diagnosis is explained here, and the US rules are given.",
        "Press cancel, then tick the crib sheet and walk past the coma ward.",
    ],
)
def test_plain_words_are_not_flagged(text: str) -> None:
    assert medical_words(text) == []


def test_an_unexplained_term_is_reported_and_a_glossary_entry_fixes_it() -> None:
    topic = _topic("Drugs that block PD-L1, such as atezolizumab, can cause pneumonitis and non-Hodgkin lymphoma.")
    nothing = Explained((), ())
    assert {t.word for t in unexplained([topic], nothing)} == {"PD-L1", "atezolizumab", "pneumonitis", "lymphoma"}

    glossary = [
        GlossaryTerm("pd-l1", "PD-L1", "A protein."),
        GlossaryTerm("pneumonitis", "pneumonitis", "Swollen lungs."),
        GlossaryTerm("lymphoma", "non-Hodgkin lymphoma", "A blood cancer."),
    ]
    # A drug name is explained by a pronunciation; a disease name is not.
    spoken = [("atezolizumab", "ah teh zoh LIZ you mab"), ("pneumonitis", "new moh NYE tis")]
    assert unexplained([topic], Explained(glossary, spoken)) == []
    assert {t.word for t in unexplained([topic], Explained(glossary[1:], spoken))} == {"PD-L1"}
    assert {t.word for t in unexplained([topic], Explained(glossary[:2], spoken))} == {"lymphoma"}


def test_plural_forms_are_covered_by_the_singular_entry() -> None:
    topic = _topic("Some melanomas respond, and ADCs carry a drug.")
    glossary = [GlossaryTerm("melanoma", "melanoma", "A skin cancer."), GlossaryTerm("adc", "ADC", "A drug.")]
    assert unexplained([topic], Explained(glossary, ())) == []


def test_allow_list_is_honest() -> None:
    """Each allowed word must be one the patterns would otherwise catch; else it is dead weight."""
    for word in ALLOWED:
        caught_as_abbreviation = any(sum(c.isupper() for c in m.group(1)) >= 2 for m in _ABBREVIATION.finditer(word))
        assert caught_as_abbreviation or _suffix_kind(word), f"{word!r} is not caught by any pattern; remove it"
