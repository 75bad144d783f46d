"""Every immunotherapy drug the guide names has a treatment entry (issue 18).

Drug names are found, not listed: the generic-name endings (-mab, -cel, -leucel, -leukin,
-vec, -domide, -imod) in the glossary, the pronunciations and every topic's text; the
glossary's other names for those drugs (their brands); and any capitalised name a topic
gives a drug as "X, called Y" or "X, sold as Y"; and every capitalised name with a
pronunciation (brands get one so that speech says them right). Each must lead to an entry
by `immunoguide treatment`'s own lookup, unless it is no drug at all (NOT_DRUGS) or one of
the few medicines the guide names that are not immunotherapy (NOT_IMMUNOTHERAPY, with why).
"""

from __future__ import annotations

import re

import pytest

from guide.content.model import Library
from guide.content.readability import words
from guide.content.treatment_summary import find
from guide.treatment_command import Opened, open_care

GENERIC = re.compile(r"^[a-z][a-z-]*(mab|cel|leucel|leukin|vec|domide|imod)$")
CALLED = re.compile(r"\b([a-z][a-z-]+(?: [a-z]+)?),? (?:also )?(?:called|sold as) ([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)")
NOT_IMMUNOTHERAPY = {
    "infliximab": "treats colitis and other side effects",
    "remicade": "infliximab's brand",
    "vedolizumab": "treats colitis",
    "tocilizumab": "treats cytokine release syndrome",
    "actemra": "tocilizumab's brand",
    "roactemra": "tocilizumab's brand",
    "tagrisso": "osimertinib, a targeted tablet",
    "solu-cortef": "hydrocortisone, a steroid",
}
NOT_DRUGS = {"medicare", "qlex", "qvantig", "guillain-barré", "guillain-barre", "stevens-johnson"}
"""Capitalised names with a pronunciation that are no drug (or only half a brand name)."""
BRAND = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?$")


@pytest.fixture(scope="module")
def opened() -> Opened:
    return open_care(None, "en")


def drug_names(library: Library) -> set[str]:
    found: set[str] = set()
    drug_terms = [t for t in library.glossary if GENERIC.match(t.term.casefold()) or GENERIC.match(t.id)]
    for term in drug_terms:
        found.update(n for n in term.names if n[:1].isalpha())
    for written, _ in library.pronunciations:
        if GENERIC.match(written.casefold()) or (BRAND.match(written) and written.casefold() not in NOT_DRUGS):
            found.add(written)
    # A two-word name ("talimogene laherparepvec") is one name, not two drugs.
    whole: dict[str, list[str]] = {}
    for name in [*(w for w, _ in library.pronunciations), *found]:
        if " " in name:
            whole.setdefault(name.split()[-1].casefold(), []).append(name)
    for topic in library.topics:
        for text in topic.all_text():
            for word in words(text):
                if GENERIC.match(word.casefold()):
                    named = [n for n in whole.get(word.casefold(), []) if n.casefold() in text.casefold()]
                    found.add(named[0] if named else word)
            for generic, brand in CALLED.findall(text):
                if GENERIC.match(generic.split()[-1]):
                    found.add(brand)
    return found


def test_the_finder_finds_what_a_reader_would_call_drug_names(opened: Opened) -> None:
    names = {n.casefold() for n in drug_names(opened.library)}
    assert {"pembrolizumab", "keytruda", "yescarta", "tecvayli", "lenalidomide", "aldesleukin", "opdualag"} <= names
    assert len(names) > 60


def test_every_drug_named_in_the_content_and_glossary_has_an_entry(opened: Opened) -> None:
    missing = []
    for name in sorted(drug_names(opened.library)):
        if name.casefold() in NOT_IMMUNOTHERAPY:
            continue
        if not find(opened.care.treatments, name).treatments:
            missing.append(name)
    assert missing == [], f"no treatment entry for: {missing}"


def test_every_entry_name_is_said_right(opened: Opened) -> None:
    """Speech needs a pronunciation for each generic and brand name an entry shows."""
    said = {w.casefold() for w, _ in opened.library.pronunciations}
    glossary = {n.casefold() for t in opened.library.glossary for n in t.names}
    unsaid = [
        name
        for t in opened.care.treatments
        if not t.parts and " and " not in t.name and t.drug_class not in ("bcg", "cytokine")
        for name in (t.name, *t.brands)
        if name.casefold() not in said and name.casefold() not in glossary
    ]
    assert unsaid == []
