"""Smoke test: the bundled guide exports to HTML and text (relies only on the ten top-level parts)."""

from __future__ import annotations

import re
from pathlib import Path

from guide.content.loader import bundled_content_dir, load_or_raise

from .export_run import run_guide

TOP_LEVEL = ["basics", "types", "combinations", "who-and-when", "treatment-course", "side-effects",
             "urgent-help", "monitoring", "outcomes", "practical"]


def test_bundled_guide_exports_a_page_and_a_file_for_each_part(tmp_path: Path) -> None:
    library = load_or_raise(bundled_content_dir() / "en")
    html = run_guide("export", "html", "--to", str(tmp_path / "html"), timeout=120)
    text = run_guide("export", "text", "--to", str(tmp_path / "text"), timeout=120)
    assert html.returncode == 0 and text.returncode == 0, html.stderr + text.stderr
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    contents = (tmp_path / "text" / "index.txt").read_text(encoding="utf-8")
    for topic_id in TOP_LEVEL:
        page = (tmp_path / "html" / "topics" / f"{topic_id}.html").read_text(encoding="utf-8")
        assert page.count("<h1>") == 1 and f'href="topics/{topic_id}.html"' in index
        files = [p.name for p in (tmp_path / "text").glob("*.txt") if re.fullmatch(rf"\d+-{topic_id}\.txt", p.name)]
        assert len(files) == 1, topic_id
        assert library[topic_id].title in contents
    assert len(list((tmp_path / "html" / "topics").glob("*.html"))) == len(library.topics)
