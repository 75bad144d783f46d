"""The reading grade eases drug names only: a medical word the glossary explains still counts in full."""

from __future__ import annotations

import shutil
from pathlib import Path

from guide.content import readability
from guide.content.loader import bundled_content_dir, load_library

BUNDLED = bundled_content_dir() / "en"
TOPIC = "topics/06-side-effects/colitis.yaml"
DRUGS = "pronunciations/drug-names.yaml"


def copy_with(tmp_path: Path, name: str, old: str, new: str) -> list[str]:
    """Errors of a copy of the bundled content with `old` replaced by `new` in one file."""
    root = tmp_path / "en"
    shutil.copytree(BUNDLED, root)
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [f"{p.path}: {p.key}: {p.message}" for p in load_library(root, check_readability=True).errors]


def test_glossary_words_now_count_in_full(tmp_path: Path) -> None:
    """'emergency department' and 'inflammation' are glossary words; they used to count as two
    syllables each, and this summary passed at grade 6."""
    summary = "Go to the emergency department for inflammation of the large intestine."
    errors = [e for e in copy_with_summary(tmp_path, summary) if "summary: reads at grade" in e]
    assert errors, "a summary of long glossary words read as easy"


def copy_with_summary(tmp_path: Path, summary: str) -> list[str]:
    root = tmp_path / "en"
    shutil.copytree(BUNDLED, root)
    path = root / TOPIC
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    path.write_text("".join([*lines[:start], f"summary: {summary}\n", *lines[end:]]), encoding="utf-8")
    return [f"{p.path}: {p.key}: {p.message}" for p in load_library(root, check_readability=True).errors]


def test_a_drug_name_still_passes(tmp_path: Path) -> None:
    """The same summary shape with a patient's drug names: the names cannot be made shorter."""
    errors = copy_with_summary(tmp_path, "You may have pembrolizumab or nivolumab. Ask your team which one.")
    assert not [e for e in errors if "summary: reads at grade" in e]


def test_a_drug_name_without_a_pronunciation_is_an_error(tmp_path: Path) -> None:
    errors = copy_with(tmp_path, DRUGS, "drug_names:\n", "drug_names:\n  - inflammation\n")
    assert any("'inflammation' has no pronunciation" in e for e in errors), errors


def test_a_drug_name_listed_twice_is_an_error(tmp_path: Path) -> None:
    errors = copy_with(tmp_path, DRUGS, "drug_names:\n", "drug_names:\n  - Keytruda\n")
    assert any("'Keytruda' is listed twice" in e for e in errors), errors


def test_the_bundled_drug_list_eases_the_names_and_nothing_else() -> None:
    """Each bundled drug-name word is a medicine name: no everyday or glossary word slipped in."""
    library = load_library(BUNDLED).library
    assert library is not None
    text = (BUNDLED / DRUGS).read_text(encoding="utf-8")
    names = [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("- ")]
    words = {w.lower() for n in names for w in readability.words(n)}
    assert {"pembrolizumab", "keytruda", "aucatzyl", "prednisolone"} <= words
    assert not words & {"emergency", "department", "medicine", "clinical", "inflammation", "immunotherapy"}
