"""The grade-level gate: what makes a passage pass or fail, as an editor would see it."""

from __future__ import annotations

from guide.content.readability import assess, grade, split_sentences


def test_short_plain_sentences_read_at_a_low_grade() -> None:
    assert grade("Call your team. Drink water. Rest when you are tired.") < 3


def test_long_latinate_sentences_read_at_a_high_grade() -> None:
    assert grade("Immunological complications necessitate comprehensive multidisciplinary evaluation.") > 15


def test_the_hardest_sentence_is_named() -> None:
    report = assess(["You may feel tired.", "Pharmacological interventions ameliorate discomfort considerably."])
    assert report.hardest_sentence == "Pharmacological interventions ameliorate discomfort considerably."
    assert report.hardest_grade > report.grade


def test_drug_names_count_as_at_most_two_syllables() -> None:
    text = "Pembrolizumab can cause colitis."
    plain = assess([text])
    familiar = assess([text], frozenset({"pembrolizumab"}))
    assert familiar.grade < plain.grade


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert split_sentences("Use a mild soap, e.g. a baby soap. Then rinse.") == [
        "Use a mild soap, e.g. a baby soap.",
        "Then rinse.",
    ]


def test_bullets_in_lower_case_run_on_as_one_passage() -> None:
    """Lower-case list items read as one run-on sentence, so a long list weighs on the grade."""
    items = ["loose stools", "cramps or belly pain", "blood in your stools", "feeling sick"]
    as_run_on = assess(items).grade
    as_sentences = assess([i.capitalize() + "." for i in items]).grade
    assert as_run_on > as_sentences


def test_empty_text_is_grade_zero() -> None:
    assert grade("") == 0.0
    assert assess([]).grade == 0.0
