"""Glossary words are found as whole words, longest name first, any case, with exact offsets."""

from __future__ import annotations

from guide.content.loader import load_or_raise
from guide.content.model import GlossaryTerm, Library
from guide.ui.glossary_marks import GlossaryMarker


def _marker(*terms: GlossaryTerm) -> GlossaryMarker:
    return GlossaryMarker(Library(language="en", topics=(), glossary=terms))


def test_longest_name_whole_words_and_case() -> None:
    marker = _marker(
        GlossaryTerm("immune-system", "immune system", "x"),
        GlossaryTerm("immune", "immune", "x"),
        GlossaryTerm("pd-l1", "PD-L1", "x", aliases=("PD L1",)),
    )
    text = "Your Immune System. Immune cells. immunes. anti-PD-L1 and PD-L1, pd-l1x, PD L1."
    marks = [(text[m.start:m.end], m.term_id) for m in marker.marks(text)]
    assert marks == [
        ("Immune System", "immune-system"),
        ("Immune", "immune"),
        ("PD-L1", "pd-l1"),
        ("PD L1", "pd-l1"),
    ]


def test_every_bundled_glossary_name_is_found_in_a_sentence() -> None:
    library = load_or_raise(None)
    marker = GlossaryMarker(library)
    for entry in library.glossary:
        for name in entry.names:
            text = f"About {name} here."
            assert any(text[m.start : m.end].lower() == name.lower() for m in marker.marks(text)), name
