"""Text made for the ear: what the engine is given to say, and where each sentence sits on screen."""

from __future__ import annotations

from guide.content.document import BlockKind, topic_blocks
from guide.content.model import Library
from guide.speech.api import Cue
from guide.speech.text import MAX_CHARS, position_words, sentence_spans, spoken_form, topic_utterances

DRUGS = (("PD-1", "P D 1"), ("PD-L1", "P D L 1"), ("CAR-T", "car T"), ("pembrolizumab", "pem bro LIZ you mab"))


def test_pronunciations_are_whole_word_and_ignore_case() -> None:
    said = spoken_form("PD-L1 and PD-1 matter. CAR-T works. Pembrolizumab helps.", DRUGS)
    assert said == "P D L 1 and P D 1 matter. car T works. pem bro LIZ you mab helps."
    # not inside longer words or other codes
    assert spoken_form("PD-10 and XPD-1 and CAR-Tx", DRUGS) == "PD-10 and XPD-1 and CAR-Tx"
    # capitals never change the word: a heading in capitals gets the same pronunciation
    assert spoken_form("IMDELLTRA and pd-1", (("Imdelltra", "im dell tra"), *DRUGS)) == "im dell tra and P D 1"


def test_a_respelling_is_never_respelled_by_another_entry() -> None:
    """"mab" at the end of a drug's respelling is not the abbreviation "mAb" said as letters."""
    pairs = (("mAb", "M eh B"), ("pembrolizumab", "pem bro liz you mab"))
    assert spoken_form("pembrolizumab is a mAb", pairs) == "pem bro liz you mab is a M eh B"


def test_numbers_units_and_symbols_are_read_as_words() -> None:
    said = spoken_form("Take >= 2 mg/kg every 3-4 weeks.")
    assert said == "Take at least 2 milligrams per kilogram every 3 to 4 weeks."
    assert spoken_form("A temperature of 38°C or more.") == "A temperature of 38 degrees Celsius or more."
    assert spoken_form("About 30% of people, ≤ 5 a day.") == "About 30 percent of people, at most 5 a day."
    assert spoken_form("Up to 10,000 cells, 2x a day, 100 mL.") == "Up to 10000 cells, 2 times a day, 100 millilitres."
    assert spoken_form("Rest, e.g. sleep, etc.") == "Rest, for example sleep, et cetera"
    assert spoken_form("2–3 days") == "2 to 3 days"


def test_list_markers_markup_box_drawing_and_urls_are_not_read() -> None:
    assert spoken_form("- a bullet") == "a bullet"
    assert spoken_form("2. Second step") == "2, Second step"
    assert spoken_form("┌──┐ [bold]Hi[/bold] \x1b[31mthere ★") == "Hi there"
    assert spoken_form("See https://www.cancer.gov/about-cancer/x.") == "See cancer dot gov."


def test_sentences_split_but_not_after_abbreviations_or_list_numbers() -> None:
    text = "Dr. Lee said so. Rest, e.g. sleep. 1. Take it."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Dr. Lee said so.", "Rest, e.g. sleep.", "1. Take it."]


def test_long_text_is_split_far_below_the_crash_size_without_cutting_words() -> None:
    text = ("word, " * 3000).strip()  # 18,000 characters: espeak segfaults near 14,000
    spans = sentence_spans(text)
    assert all(e - s <= MAX_CHARS for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text
    assert all(text[s:e].split(", ")[-1].strip(",") == "word" for s, e in spans)


def test_topic_utterances_follow_the_document_blocks(library: Library) -> None:
    topic = library["side-effects"]
    blocks = topic_blocks(topic, library)
    utterances = topic_utterances(topic, library)
    assert utterances, "a topic must have something to say"
    for u in utterances:
        block = blocks[u.block]
        assert block.text[u.start : u.end] == u.text  # the highlight lands exactly on what is said
        assert (u.section, u.paragraph) == (block.section, block.paragraph)
    assert all(blocks[u.block].kind in (BlockKind.URGENT, BlockKind.URGENT_LABEL, BlockKind.URGENT_SIGN)
               for u in utterances if u.cue is Cue.URGENT)
    assert {blocks[u.block].kind for u in utterances if u.cue is Cue.HEADING} == {BlockKind.TITLE, BlockKind.HEADING}
    assert [u.text for u in utterances if u.cue is Cue.LINK] == ["The basics"]
    spoken = " ".join(u.spoken for u in utterances)
    assert "38 degrees Celsius" in spoken and "30 percent" in spoken and "milligrams per kilogram" in spoken
    assert "°" not in spoken and "%" not in spoken and "https" not in spoken
    # urgent warnings come before the summary
    first_urgent = next(i for i, u in enumerate(utterances) if u.cue is Cue.URGENT)
    summary = next(i for i, u in enumerate(utterances) if blocks[u.block].kind is BlockKind.SUMMARY)
    assert first_urgent < summary


def test_library_pronunciations_are_used(library: Library) -> None:
    spoken = " ".join(u.spoken for u in topic_utterances(library["basics"], library))
    assert "P D 1" in spoken and "P D L 1" in spoken and "pem bro LIZ you mab" in spoken
    assert "PD-1" not in spoken


def test_position_words_say_where_and_how_much_is_left(library: Library) -> None:
    utterances = topic_utterances(library["basics"], library)
    said = position_words(utterances, 2, 165)
    assert said.startswith(f"Sentence 3 of {len(utterances)}, section 1 of ")
    assert "left" in said
    assert position_words([], 0, 165) == "Nothing is being read."


def test_a_long_source_line_is_never_cut_inside_its_web_address() -> None:
    title = "Burst Edition: approvals of three medicines, " * 5
    text = f"Food and Drug Administration: {title}https://www.fda.gov/drugs/resources/fda-disco-burst-edition-long-page"
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert any(text[s:e].endswith("https://www.fda.gov/drugs/resources/fda-disco-burst-edition-long-page")
               for s, e in spans)
    assert [spoken_form(text[s:e]) for s, e in spans][-1].endswith("fda dot gov")
