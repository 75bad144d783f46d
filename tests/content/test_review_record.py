"""A review date says what was checked that day, and every place that shows the date shows that too."""

from __future__ import annotations

import shutil
from pathlib import Path

from guide.content.loader import bundled_content_dir, load_library
from guide.content.plaintext import topic_dict, topic_text

BUNDLED = bundled_content_dir() / "en"
CHECKED_TODAY = {
    "warning-signs", "urgent-help", "emergency-department", "checkpoint-inhibitors", "colitis", "myocarditis",
    "long-term-results", "car-t-aftercare", "car-t-cell-therapy",
}  # fmt: skip


def test_every_bundled_topic_says_what_its_date_vouches_for() -> None:
    library = load_library(BUNDLED).library
    assert library is not None
    assert all(t.checked for t in library.topics), [t.id for t in library.topics if not t.checked]
    by_id = {t.id: t for t in library.topics}
    assert "Som 2019" in by_id["colitis"].checked
    assert all(by_id[i].reviewed.isoformat() == "2026-12-01" for i in CHECKED_TODAY & by_id.keys())
    old = [t for t in library.topics if t.reviewed.isoformat() == "2026-11-22"]
    assert old and all("not re-checked" in t.checked for t in old)


def test_a_date_without_a_record_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "en"
    shutil.copytree(BUNDLED, root)
    path = root / "topics/06-side-effects/colitis.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(True) if not line.startswith("checked:")), "utf-8")
    result = load_library(root)
    found = [p for p in result.problems if p.path.endswith("colitis.yaml") and p.key == "reviewed"]
    assert [(p.severity, p.message) for p in found] == [("warning", "the review date does not say what was checked")]
    assert result.library is not None and "colitis" in {t.id for t in result.library.topics}


def test_show_prints_what_was_checked_beside_the_date() -> None:
    library = load_library(BUNDLED).library
    assert library is not None
    colitis = library["colitis"]
    text = topic_text(colitis, library)
    assert "Last reviewed: 2026-12-01" in text and f"Checked: {colitis.checked}" in text
    assert topic_dict(colitis, library)["checked"] == colitis.checked
