"""Every drug name issue 16 added is in a topic, in the glossary, and spoken by its respelling.

A listener who half hears "retifanlimab" can only look it up if the glossary has it, and
espeak-ng reads a brand such as "Zynyz" as letters unless the guide respells it.
"""

from __future__ import annotations

import pytest

from guide.content.model import Library
from guide.content.open import open_library
from guide.speech.text import spoken_form
from tests.content_quality.topic_text import mentions, paragraphs

# Generic name and brand, as the drug lists of issue 16 item 4 name them.
NEW_DRUGS = (
    ("tremelimumab", "Imjudo"),
    ("toripalimab", "Loqtorzi"),
    ("tislelizumab", "Tevimbra"),
    ("retifanlimab", "Zynyz"),
    ("cosibelimab", "Unloxcyt"),
    ("atezolizumab", "Tecentriq Hybreza"),
    ("obecabtagene autoleucel", "Aucatzyl"),
)
NEW_NAMES = tuple(dict.fromkeys(name for pair in NEW_DRUGS for name in pair if name != "atezolizumab"))


@pytest.fixture(scope="module")
def library() -> Library:
    return open_library(None, "en")


@pytest.mark.parametrize("name", NEW_NAMES)
def test_the_name_has_a_glossary_entry(library: Library, name: str) -> None:
    entries = [g for g in library.glossary if any(n.casefold() == name.casefold() for n in g.names)]
    assert entries, f"no glossary term or alias is {name!r}"
    assert all(len(g.definition.split()) >= 5 for g in entries), entries


@pytest.mark.parametrize(("generic", "brand"), NEW_DRUGS)
def test_generic_and_brand_lead_to_the_same_entry(library: Library, generic: str, brand: str) -> None:
    """A person who knows only the brand on the box finds the same definition as one who knows the drug."""
    if generic == "atezolizumab":  # the under-the-skin form has its own entry, which says it is atezolizumab
        entry = next(g for g in library.glossary if brand in g.names)
        assert mentions(entry.definition, r"atezolizumab") and mentions(entry.definition, r"under the skin")
        return
    by_generic = {g.id for g in library.glossary if generic.casefold() in (n.casefold() for n in g.names)}
    by_brand = {g.id for g in library.glossary if brand.casefold() in (n.casefold() for n in g.names)}
    assert by_generic & by_brand, (generic, by_generic, brand, by_brand)


@pytest.mark.parametrize("name", NEW_NAMES)
def test_the_name_is_spoken_by_its_respelling(library: Library, name: str) -> None:
    said = spoken_form(f"Ask about {name} today.", library.pronunciations)
    assert name.casefold() not in said.casefold(), f"speech says {name!r} as written: {said!r}"
    assert said.startswith("Ask about ") and said.endswith(" today.")


@pytest.mark.parametrize("name", NEW_NAMES)
def test_the_name_is_in_a_topic(library: Library, name: str) -> None:
    """The drug lists named them; a glossary entry for a drug no topic mentions would be a loose end."""
    assert any(name.casefold() in p.casefold() for t in library.topics for p in paragraphs(t)), name
