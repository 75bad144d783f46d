"""The red-flag lists are complete (issue 16 item 1) and chest pain means an ambulance (item 2).

`warning-signs` and the urgent-help part page call themselves "the signs", so a sign missing
from them is a sign a patient is told not to worry about. Each required sign is checked twice:
the block names it from the triage table (so its level is the table's), and the words a
patient reads or hears say it (so the id is not a label on a list that leaves it out).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from guide.content.loader import bundled_content_dir
from guide.content.model import Library, Topic, UrgencyLevel
from guide.content.open import open_library
from guide.content.triage import read_table
from tests.content_quality.topic_text import all_sentences, mentions


class Sign(NamedTuple):
    name: str
    triage: tuple[str, ...]
    """Triage-table ids, any of which names this sign."""
    words: tuple[str, ...]
    """Patterns, any of which says it in the visible list."""


# The heart, muscle and nerve overlap: in myocarditis and other-organ-effects, missing from the lists.
HEART_MUSCLE_NERVE = (
    Sign(
        "a racing or uneven heartbeat",
        ("heartbeat-fast", "heartbeat-uneven-dizzy"),
        (r"heartbeat.*(rac|uneven|skip|pound|fast)",),
    ),
    Sign(
        "new muscle weakness",
        ("muscle-weakness", "weakness-spreading"),
        (r"muscle.*weak|weak.*muscle", r"weakness that spreads"),
    ),
    Sign("drooping eyelids", ("eyelids-double-vision",), (r"droop\w* eyelid", r"eyelids? that droop")),
    Sign("double vision", ("eyelids-double-vision",), (r"double vision", r"seeing double")),
    Sign("trouble swallowing", ("trouble-swallowing",), (r"swallow",)),
    Sign("numbness", ("numbness",), (r"numb",)),
)
# Immune diabetes most often shows as ketoacidosis; the eyes and the brain are the rest.
CHECKPOINT_EXTRA = (
    Sign(
        "severe belly pain",
        ("belly-pain", "sick-with-thirst", "upper-belly-pain-sudden"),
        (r"(bad|severe|very bad) belly pain", r"belly pain.*(bad|severe)"),
    ),
    Sign("great thirst", ("thirst-urine", "sick-with-thirst"), (r"thirst",)),
    Sign(
        "passing much urine",
        ("thirst-urine",),
        (r"passing (much|a lot) more urine", r"passing (much|a lot of) urine", r"peeing (a lot|more)"),
    ),
    Sign(
        "eyesight changes",
        ("eye-changes",),
        (r"eyesight", r"blurred (sight|vision)", r"changes in your (sight|vision)"),
    ),
    Sign("confusion", ("confusion",), (r"confus",)),
)


@pytest.fixture(scope="module")
def library() -> Library:
    return open_library(None, "en")


def _named(topic: Topic) -> set[str]:
    return {sign for block in topic.urgent for sign in block.triage}


def _visible(topic: Topic) -> list[str]:
    return [line for block in topic.urgent for line in (block.text, *block.signs)]


@pytest.mark.parametrize(
    ("topic_id", "signs"),
    [
        ("warning-signs", HEART_MUSCLE_NERVE),
        ("urgent-help", HEART_MUSCLE_NERVE),
        ("checkpoint-inhibitors", CHECKPOINT_EXTRA),
    ],
)
def test_the_red_flag_lists_name_every_sign(library: Library, topic_id: str, signs: tuple[Sign, ...]) -> None:
    topic = library[topic_id]
    named, visible = _named(topic), _visible(topic)
    unnamed = [s.name for s in signs if not named & set(s.triage)]
    unsaid = [s.name for s in signs if not any(mentions(line, *s.words) for line in visible)]
    assert (unnamed, unsaid) == ([], []), (
        f"{topic_id}: not named from the triage table {unnamed}, not in the list {unsaid}"
    )


def test_every_triage_id_these_tests_use_is_in_the_table() -> None:
    """A renamed triage id must fail here by name, not as a puzzling gap in the lists above."""
    table, problems, _ = read_table(bundled_content_dir() / "en")
    assert table is not None and not problems
    wanted = {i for sign in (*HEART_MUSCLE_NERVE, *CHECKPOINT_EXTRA) for i in sign.triage} | {"chest-pain"}
    assert sorted(wanted - set(table.ids())) == []


def test_chest_pain_blocks_say_call_an_ambulance(library: Library) -> None:
    """Every urgent block that lists chest pain is an emergency and says to call an ambulance,
    never to make one's own way to the emergency department."""
    blocks = [(t.id, b) for t in library.topics for b in t.urgent if "chest-pain" in b.triage]
    assert len(blocks) >= 5, "chest pain is named in fewer blocks than expected"
    for topic_id, block in blocks:
        assert block.level is UrgencyLevel.EMERGENCY, topic_id
        assert mentions(block.text, r"call an ambulance"), (topic_id, block.text)
        assert not mentions(block.text, r"go (straight )?to the emergency", r"straight to the (ED|emergency)"), (
            topic_id,
            block.text,
        )


@pytest.mark.parametrize("topic_id", ["warning-signs", "urgent-help", "emergency-department", "myocarditis"])
def test_the_main_urgent_pages_give_the_ambulance_numbers(library: Library, topic_id: str) -> None:
    block = next(b for b in library[topic_id].urgent if "chest-pain" in b.triage)
    for number in ("911", "999", "112"):
        assert number in block.text, (topic_id, number, block.text)


def test_no_sentence_sends_chest_pain_to_the_emergency_department_unaided(library: Library) -> None:
    """Body text and key points too: a sentence that names chest pain and the emergency department
    also says ambulance (the key point is often the only line a listener hears)."""
    bad = [
        (t.id, s)
        for t in library.topics
        for s in all_sentences(t)
        if mentions(s, r"chest pain")
        and mentions(s, r"emergency department", r"\bED\b", r"A&E")
        and not mentions(s, r"ambulance")
    ]
    assert not bad
