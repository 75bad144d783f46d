"""A patient can find the Side effects and Urgent help topics the way they ask.

Each row is something a person may type or say when a symptom worries them: lay
words, medical terms, abbreviations and misspellings. Search over the bundled guide
must put the topic that answers it in the top three. If a row fails, improve the
topic's keywords, the glossary lay words or the synonyms, not this table.
"""

from __future__ import annotations

import pytest

from guide.content.model import UrgencyLevel
from guide.content.search import SearchIndex

CONCEPTS: list[tuple[str, str]] = [
    # What to expect, grading, treatment
    ("when do side effects start", "side-effects-overview"),
    ("immune related adverse event", "side-effects-overview"),
    ("irAE", "side-effects-overview"),
    ("CTCAE grade 3", "side-effect-grading"),
    ("how bad is my side effect", "side-effect-grading"),
    ("do steroids stop immunotherapy working", "side-effect-grading"),
    ("prednisone", "side-effect-grading"),
    ("infliximab", "side-effect-grading"),
    ("coming off steroids", "side-effect-grading"),
    ("can I restart immunotherapy after a side effect", "side-effect-grading"),
    # Infusion, tiredness, flu
    ("reaction to the drip", "infusion-reactions-fatigue"),
    ("always tired", "infusion-reactions-fatigue"),
    ("fatigue", "infusion-reactions-fatigue"),
    ("flu-like symptoms", "infusion-reactions-fatigue"),
    # Skin
    ("itchy skin", "skin-side-effects"),
    ("rash", "skin-side-effects"),
    ("white patches on my skin", "skin-side-effects"),
    ("vitilligo", "skin-side-effects"),
    ("Stevens-Johnson syndrome", "skin-side-effects"),
    # Bowel
    ("the runs", "colitis"),
    ("diarrhea", "colitis"),
    ("diarhoea", "colitis"),
    ("I have had diarrhoea for three days", "colitis"),
    ("blood in my poo", "colitis"),
    ("colitis", "colitis"),
    # Liver, lungs
    ("yellow eyes", "hepatitis"),
    ("dark pee", "hepatitis"),
    ("hepatitis", "hepatitis"),
    ("cough that won't go away", "pneumonitis"),
    ("out of breath", "pneumonitis"),
    ("pneumonitis", "pneumonitis"),
    ("pnemonitis", "pneumonitis"),
    # Hormones
    ("underactive thyroid", "thyroid-problems"),
    ("feeling cold all the time", "thyroid-problems"),
    ("hypothyroidism", "thyroid-problems"),
    ("hypophysitis", "pituitary-adrenal"),
    ("hypofysitis", "pituitary-adrenal"),
    ("adrenal crisis", "pituitary-adrenal"),
    ("headache that won't go away", "pituitary-adrenal"),
    ("very thirsty and peeing a lot", "type-1-diabetes"),
    ("diabetic ketoacidosis", "type-1-diabetes"),
    ("DKA", "type-1-diabetes"),
    # Heart and other organs
    ("myocarditis", "myocarditis"),
    ("heart inflammation", "myocarditis"),
    ("pins and needles", "other-organ-effects"),
    ("sore joints", "other-organ-effects"),
    ("blurry vision", "other-organ-effects"),
    ("nephritis", "other-organ-effects"),
    ("myasthenia gravis", "other-organ-effects"),
    # CAR-T and bispecifics
    ("cytokine release syndrome", "cytokine-release-syndrome"),
    ("cytokine storm", "cytokine-release-syndrome"),
    ("CRS", "cytokine-release-syndrome"),
    ("fever after car-t", "cytokine-release-syndrome"),
    ("tocilizumab", "cytokine-release-syndrome"),
    ("ICANS", "icans"),
    ("neurotoxicity", "icans"),
    ("ICE score", "icans"),
    ("trouble finding words", "icans"),
    ("can I drive after CAR-T", "car-t-aftercare"),
    ("how long stay near the hospital", "car-t-aftercare"),
    # Urgent help
    ("when should I call the nurse", "warning-signs"),
    ("high temperature", "warning-signs"),
    ("who do I call at night", "warning-signs"),
    ("should I go to A and E", "emergency-department"),
    ("emergency room", "emergency-department"),
    ("chest pain", "emergency-department"),
    ("what do I tell the hospital", "emergency-department"),
    ("wallet card", "wallet-card"),
    ("alert card", "wallet-card"),
    ("side effects months after finishing treatment", "after-treatment-ends"),
    ("delayed side effects", "after-treatment-ends"),
]







# Topics whose subject has red-flag symptoms in the content brief: each must carry an
# urgent block, so the guide shows and speaks the warning before anything else.
RED_FLAG_TOPICS: dict[str, UrgencyLevel] = {
    "colitis": UrgencyLevel.CALL_TEAM,
    "hepatitis": UrgencyLevel.CALL_TEAM,
    "pneumonitis": UrgencyLevel.EMERGENCY,
    "thyroid-problems": UrgencyLevel.CALL_TEAM,
    "pituitary-adrenal": UrgencyLevel.EMERGENCY,
    "type-1-diabetes": UrgencyLevel.EMERGENCY,
    "myocarditis": UrgencyLevel.EMERGENCY,
    "skin-side-effects": UrgencyLevel.EMERGENCY,
    "other-organ-effects": UrgencyLevel.EMERGENCY,
    "cytokine-release-syndrome": UrgencyLevel.CALL_TEAM,
    "icans": UrgencyLevel.EMERGENCY,
    "warning-signs": UrgencyLevel.CALL_TEAM,
    "emergency-department": UrgencyLevel.EMERGENCY,
}


@pytest.mark.parametrize(("topic_id", "level"), sorted(RED_FLAG_TOPICS.items()))
def test_red_flag_topic_has_its_urgent_block(index: SearchIndex, topic_id: str, level: UrgencyLevel) -> None:
    topic = index.library.get(topic_id)
    assert topic is not None, f"no topic has the id {topic_id!r}"
    assert level in {block.level for block in topic.urgent}, f"{topic_id} has no {level.value} block"


def test_urgent_thresholds_match_the_brief(index: SearchIndex) -> None:
    """The call-now limits a patient acts on must be the exact ones the sources give."""
    topic = index.library.get("warning-signs")
    assert topic is not None
    signs = " ".join(sign for block in topic.urgent for sign in block.signs)
    assert "More than 4 loose stools in 24 hours" in signs
    assert "38.3 degrees Celsius even once" in signs
    assert "38.0 degrees Celsius that lasts more than an hour" in signs
