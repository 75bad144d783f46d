"""The triage table (issue 16 item 2): one level per sign, and every urgent block agrees with it.

The bundled content must pass; copies of it with one fault each must fail with a message that
names the sign and says what to do.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guide.content import readability
from guide.content.loader import bundled_content_dir, load_library
from guide.content.model import Library, UrgencyLevel
from guide.content.triage import TriageTable, read_table

BUNDLED = bundled_content_dir() / "en"


@pytest.fixture(scope="module")
def bundled() -> tuple[Library, TriageTable]:
    result = load_library(BUNDLED)
    assert result.library is not None and not result.errors, result.errors[:3]
    table, problems, _ = read_table(BUNDLED)
    assert table is not None and not problems
    return result.library, table


def levels_of(library: Library, sign_id: str) -> dict[str, set[UrgencyLevel]]:
    found: dict[str, set[UrgencyLevel]] = {}
    for topic in library.topics:
        for block in topic.urgent:
            if sign_id in block.triage:
                found.setdefault(topic.id, set()).add(block.level)
    return found


def test_every_urgent_block_names_signs_of_its_own_level(bundled: tuple[Library, TriageTable]) -> None:
    library, table = bundled
    blocks = [(t.id, b) for t in library.topics for b in t.urgent]
    assert len(blocks) > 70
    for topic_id, block in blocks:
        assert block.triage, f"{topic_id}: an urgent block names no sign"
        for sign_id in block.triage:
            sign = table.get(sign_id)
            assert sign is not None, f"{topic_id}: {sign_id}"
            assert sign.level is block.level, f"{topic_id}: {sign_id}"


@pytest.mark.parametrize(
    ("sign_id", "topics"),
    [
        ("confusion", {"car-t-cell-therapy", "car-t-aftercare", "icans", "bispecific-antibodies"}),
        ("skin-blisters", {"emergency-department", "checkpoint-inhibitors", "warning-signs", "skin-side-effects"}),
    ],
)
def test_the_contradictions_the_review_found_are_one_level_now(
    bundled: tuple[Library, TriageTable], sign_id: str, topics: set[str]
) -> None:
    library, _ = bundled
    found = levels_of(library, sign_id)
    assert topics <= set(found)
    assert {level for levels in found.values() for level in levels} == {UrgencyLevel.EMERGENCY}


def test_chest_pain_means_an_ambulance_wherever_it_is_listed(bundled: tuple[Library, TriageTable]) -> None:
    library, _ = bundled
    blocks = [b for t in library.topics for b in t.urgent if "chest-pain" in b.triage]
    assert len(blocks) >= 8
    assert all("ambulance" in b.text for b in blocks), [b.text for b in blocks if "ambulance" not in b.text]


def test_sign_texts_are_short_and_plain(bundled: tuple[Library, TriageTable]) -> None:
    """The table's texts are what a treatment summary and a wallet card say: each level's list at
    grade 6 at most, the rule for an urgent block, and each short enough for a card line."""
    library, table = bundled
    familiar = frozenset(w.lower() for name, _ in library.pronunciations for w in readability.words(name))
    grader = readability.Grader(familiar)
    for level in UrgencyLevel:
        report = grader.assess([s.text for s in table.signs if s.level is level])
        assert report.grade <= 6, report.hardest_sentence
    assert all(len(s.text) <= 100 for s in table.signs)


def broken_copy(tmp_path: Path, edit: dict[str, tuple[str, str]]) -> list[str]:
    """A copy of the bundled content with each file's first `old` replaced by `new`; its errors."""
    root = tmp_path / "en"
    shutil.copytree(BUNDLED, root)
    for name, (old, new) in edit.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [f"{p.path}:{p.line}: {p.key}: {p.message} / {p.hint}" for p in load_library(root).errors]


COLITIS = "topics/06-side-effects/colitis.yaml"


def test_a_sign_in_a_block_of_the_other_level_fails(tmp_path: Path) -> None:
    errors = broken_copy(tmp_path, {COLITIS: ("triage: [loose-stools, belly-pain]", "triage: [loose-stools, fit]")})
    assert len(errors) == 1
    assert "colitis.yaml:12: urgent[1].triage[2]: 'fit' is emergency in the triage table" in errors[0]
    assert "this block is call-team-now" in errors[0]


def test_the_same_sign_with_two_levels_in_the_table_fails(tmp_path: Path) -> None:
    extra = "  - id: fit\n    level: call-team-now\n    text: Any fit at all\n"
    errors = broken_copy(tmp_path, {"triage.yaml": ("  # call your team now\n", f"{extra}  # call your team now\n")})
    assert len(errors) == 1
    assert re.search(r"the sign 'fit' is already in the table \(line \d+, emergency\); a sign has one level", errors[0])


def test_an_unknown_sign_fails_with_the_closest_ids(tmp_path: Path) -> None:
    errors = broken_copy(tmp_path, {COLITIS: ("[loose-stools, belly-pain]", "[loose-stools, belly-pian]")})
    assert len(errors) == 1
    assert "the triage table has no sign 'belly-pian' / did you mean 'belly-pain'" in errors[0]


def test_a_block_that_names_no_sign_fails(tmp_path: Path) -> None:
    errors = broken_copy(tmp_path, {COLITIS: ("    triage: [very-unwell-no-team]\n", "")})
    assert len(errors) == 1
    assert "urgent[2]: this urgent block names none of the triage table's signs" in errors[0]


def test_the_same_written_sign_at_two_levels_fails(tmp_path: Path) -> None:
    """Even when the ids agree, one sentence must not sit in an emergency and a call-team block."""
    errors = broken_copy(tmp_path, {COLITIS: ("      - Bad belly pain, tenderness or cramps", "      - Chest pain")})
    assert len(errors) == 1
    assert "the sign 'Chest pain' is" in errors[0] and "give each sign one level" in errors[0]


def test_content_without_a_table_is_not_held_to_one(tmp_path: Path) -> None:
    """The small fixture libraries of other tests have no triage.yaml and no 'triage' fields."""
    root = tmp_path / "en"
    shutil.copytree(BUNDLED, root)
    (root / "triage.yaml").unlink()
    shutil.rmtree(root / "treatments", ignore_errors=True)
    assert not load_library(root).errors
