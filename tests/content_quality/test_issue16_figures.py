"""The figures a clinical review found wrong (issue 16 items 3 and 4), read from the bundled content.

Each test asserts the fact its cited source supports, not the sentence that says it: a
rewording passes, a wrong figure, a dropped caveat or an out-of-date rule fails. The figures
and their sources are in the commit messages of the content fixes.
"""

from __future__ import annotations

import re

import pytest

from guide.content.loader import bundled_content_dir
from guide.content.model import Library, Topic
from guide.content.open import open_library
from guide.content.plaintext import topic_text
from tests.content_quality.topic_text import all_sentences, mentions, paragraphs, ranges, rates, sentences


@pytest.fixture(scope="module")
def library() -> Library:
    return open_library(None, "en")


def _near(value: float, target: float, slack: float) -> bool:
    return abs(value - target) <= slack


def _colitis_figures(topic: Topic) -> list[str]:
    """Sentences that give colitis rates: those with a rate in a paragraph about colitis, leaving
    out the diarrhoea rates (diarrhoea is far more common, and has its own figures)."""
    return [
        s
        for p in paragraphs(topic)
        if mentions(p, r"colitis")
        for s in sentences(p)
        if rates(s) and not mentions(s, r"diarrh")
    ]


def test_colitis_gives_all_grade_rates_per_drug_class(library: Library) -> None:
    """Som 2019: all-grade colitis 7-11.6% with CTLA-4 drugs, 1.3-2.9% with PD-1 drugs."""
    found = _colitis_figures(library["colitis"])
    assert found, "colitis gives no colitis rate"
    text = " ".join(found)
    assert mentions(text, r"any grade", r"all grades", r"all-grade"), "the colitis rates do not say they are all grades"
    ctla4 = [r for s in found if mentions(s, r"CTLA-4", r"ipilimumab") for r in ranges(s)]
    pd1 = [r for s in found if mentions(s, r"PD-1", r"pembrolizumab", r"nivolumab") for r in ranges(s)]
    assert any(_near(lo, 0.07, 0.01) and _near(hi, 0.116, 0.01) for lo, hi in ctla4), ctla4
    assert any(_near(lo, 0.013, 0.005) and _near(hi, 0.029, 0.005) for lo, hi in pd1), pd1


def test_colitis_never_gives_the_severe_rates_as_all_grade(library: Library) -> None:
    """The old text gave about 1 in 20 (CTLA-4) and under 1 in 100 (PD-1): the severe rates."""
    for sentence in _colitis_figures(library["colitis"]):
        if mentions(sentence, r"severe", r"grade [34]", r"serious"):
            continue
        if mentions(sentence, r"CTLA-4", r"ipilimumab"):
            assert all(0.065 <= r <= 0.125 for r in rates(sentence)), sentence
        if mentions(sentence, r"PD-1", r"pembrolizumab", r"nivolumab"):
            assert all(0.01 <= r <= 0.035 for r in rates(sentence)), sentence


def _death_paragraphs(topic: Topic) -> list[str]:
    return [p for p in paragraphs(topic) if mentions(p, r"\bdie", r"death", r"fatal") and rates(p)]


def test_myocarditis_deaths_are_a_range_from_a_quarter_to_a_half(library: Library) -> None:
    """Moslehi 2018 (WHO database, severe cases) about half; the cited 2023 review about 27%."""
    found = [r for p in _death_paragraphs(library["myocarditis"]) for r in ranges(p)]
    assert any(_near(lo, 0.25, 0.03) and _near(hi, 0.5, 0.03) for lo, hi in found), found


def test_myocarditis_says_the_death_estimates_have_fallen(library: Library) -> None:
    topic = library["myocarditis"]
    assert any(
        mentions(s, r"estimate", r"figure")
        and mentions(s, r"fallen", r"\bfell\b", r"dropped", r"gone down", r"lower now")
        for s in all_sentences(topic)
    )


def test_myocarditis_never_gives_half_alone(library: Library) -> None:
    """A paragraph (a key point is read on its own) that gives about half dying also gives the
    lower end, or says half is the highest estimate."""
    topic = library["myocarditis"]
    for paragraph in paragraphs(topic):
        if not (mentions(paragraph, r"\bdie", r"death", r"fatal") and 0.5 in rates(paragraph)):
            continue
        assert min(rates(paragraph)) <= 0.3 or mentions(paragraph, r"highest", r"at most", r"upper"), paragraph
    assert not any(mentions(p, r"close to half", r"nearly half") for p in paragraphs(topic))


def _paragraph_with_rate(topic: Topic, target: float, *words: str) -> list[str]:
    return [p for p in paragraphs(topic) if any(_near(r, target, 0.006) for r in rates(p)) and mentions(p, *words)]


def test_long_term_results_gives_the_keynote_189_headline(library: Library) -> None:
    """Garassino 2023: 5-year survival 19.4% with pembrolizumab and chemo, 11.3% with chemo alone."""
    found = _paragraph_with_rate(library["long-term-results"], 0.194, r"5 years", r"five years", r"5-year")
    assert found, "no 5-year figure near 19 in 100"
    assert any(any(_near(r, 0.113, 0.006) for r in rates(p)) and mentions(p, r"chemo") for p in found), found


def test_long_term_results_calls_the_two_year_completers_a_selected_group(library: Library) -> None:
    completers = [
        p
        for p in paragraphs(library["long-term-results"])
        if mentions(p, r"finished", r"completed") and mentions(p, r"2 years")
    ]
    assert completers, "the 2-year completers are gone; drop this test with them"
    selected = (
        r"gone well",
        r"did well",
        r"selected",
        r"chosen",
        r"subset",
        r"not typical",
        r"only those",
        r"only people",
    )
    for paragraph in completers:
        assert mentions(paragraph, *selected), paragraph


def test_long_term_results_describes_keynote_001_as_small_and_chosen_for_pd_l1(library: Library) -> None:
    """Garon 2019: 23.2% of 101 previously untreated people, phase 1, PD-L1 expression required."""
    topic = library["long-term-results"]
    trial = _paragraph_with_rate(topic, 0.232, r"pembrolizumab")
    assert trial, "no 5-year figure near 23 in 100"
    for paragraph in trial:
        assert mentions(paragraph, r"small", r"101"), paragraph
        assert mentions(paragraph, r"phase 1", r"early"), paragraph
        assert mentions(paragraph, r"PD-L1") and mentions(paragraph, r"chosen", r"selected"), paragraph
    history = _paragraph_with_rate(topic, 0.05, r"before immunotherapy", r"in the past", r"used to")
    for paragraph in history:
        assert mentions(paragraph, r"(cannot|can't|not) be (fairly )?compared", r"not a fair comparison"), paragraph


def test_cured_only_with_its_condition(library: Library) -> None:
    """Every "cured" in the guide hedges (may, might) and says for whom (alive without growth at 3 years)."""
    found = [(t.id, s) for t in library.topics for s in all_sentences(t) if mentions(s, r"\bcured\b")]
    assert found, "no topic says who may be cured; drop this test if that is deliberate"
    for topic_id, sentence in found:
        assert not mentions(sentence, r"likely cured", r"are cured", r"were cured"), (topic_id, sentence)
        assert mentions(sentence, r"\bmay\b", r"\bmight\b", r"\bcould\b"), (topic_id, sentence)
        assert mentions(sentence, r"\d+ years", r"\bif\b", r"\bwho\b"), (topic_id, sentence)


def test_osimertinib_for_egfr_changed_stage_3_lung_cancer(library: Library) -> None:
    """FDA, 25 September 2024 (LAURA): osimertinib after chemoradiation when the cancer has an EGFR change."""
    topic = library["radiotherapy-plus-immunotherapy"]
    egfr = [p for p in paragraphs(topic) if mentions(p, r"EGFR")]
    assert any(mentions(p, r"osimertinib") and mentions(p, r"chemoradiation") for p in egfr), egfr
    assert not any(mentions(s, r"durvalumab") and mentions(s, r"now (a|the) usual") for s in all_sentences(topic))


def test_t_vec_is_the_one_approved_virus_in_the_united_states_only(library: Library) -> None:
    """Other countries have approved other oncolytic viruses, so "the only one" needs its country."""
    for topic in library.topics:
        for sentence in all_sentences(topic):
            only = mentions(sentence, r"\b(one|only) approved\b", r"\bonly\b.*\bapproved\b")
            if only and mentions(sentence, r"T-VEC", r"virus", r"Imlygic"):
                assert mentions(sentence, r"United States", r"\bUS\b"), (topic.id, sentence)
    summary = library["oncolytic-virus-therapy"].summary
    assert mentions(summary, r"United States") and mentions(summary, r"T-VEC")


def test_car_t_no_driving_for_at_least_two_weeks(library: Library) -> None:
    """The June 2025 labels: at least 2 weeks. The old 8 weeks (about 60 days) only as the old rule."""
    aftercare = library["car-t-aftercare"]
    assert any(mentions(s, r"\bdrive") and mentions(s, r"at least (2|two) weeks") for s in all_sentences(aftercare))
    old_rule = (r"\bbefore\b", r"\bolder\b", r"\bold\b", r"used to", r"\bwere\b", r"\bwas\b", r"had to")
    for topic in library.topics:
        for sentence in all_sentences(topic):
            if not mentions(sentence, r"\bdriv"):
                continue
            if mentions(sentence, r"\b(2|two) weeks"):
                assert mentions(sentence, r"at least (2|two) weeks"), (topic.id, sentence)
            if mentions(sentence, r"\b(8|eight) weeks", r"60 days", r"two months"):
                assert mentions(sentence, *old_rule), (topic.id, sentence)
        assert not any(mentions(p, r"60 days", r"sixty days") for p in paragraphs(topic)), topic.id
        assert not any(mentions(s.title, r"60 days", r"sixty days") for s in topic.sources), topic.id


def _fda_rems_mentions(library: Library) -> list[tuple[str, str]]:
    """Every place the guide dates the FDA's June 2025 CAR-T change: topic text, source lines and
    the treatment files (which the library does not hold, so they are read as text)."""
    found: list[tuple[str, str]] = []
    for topic in library.topics:
        texts = [*paragraphs(topic), *(f"{s.organisation}, {s.title}" for s in topic.sources)]
        found += [(topic.id, t) for t in texts if mentions(t, r"June 2025")]
    for path in sorted((bundled_content_dir() / library.language / "treatments").glob("*.yaml")):
        found += [(path.name, line) for line in path.read_text(encoding="utf-8").splitlines() if "June 2025" in line]
    return [
        (where, t) for where, t in found if mentions(t, r"FDA", r"Food and Drug", r"REMS", r"Risk Evaluation", r"CAR")
    ]


def test_one_date_for_the_june_2025_fda_announcement(library: Library) -> None:
    days = {
        (match.group(1) or match.group(2)): where
        for where, text in _fda_rems_mentions(library)
        for match in re.finditer(r"\b(\d{1,2}) June 2025|June (\d{1,2}),? 2025", text)
    }
    assert len(days) <= 1, f"the FDA's June 2025 CAR-T change has more than one date: {days}"


def test_no_source_line_ends_in_a_question_mark_and_a_full_stop(library: Library) -> None:
    """The renderers write 'organisation: title. url'; a title that is a question read 'working?.'."""
    bad = [
        (t.id, line)
        for t in library.topics
        for line in topic_text(t, library).splitlines()
        if re.search(r"[?!]\.(\s|$)", line)
    ]
    assert not bad
