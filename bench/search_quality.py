"""Benchmark: how often the answer is in the top three, the guide's search beside plain FTS5.

Runs the public question set (tests/search/questions.tsv) through the guide's search and
through a baseline: SQLite FTS5 with BM25 and the porter stemmer over the text of
`immunoguide show` for each topic, with a stop-word list and nothing else. The held-out
part of the set (written last, never used for tuning) is reported on its own.

    python bench/search_quality.py [--json] [--misses] [--content content/en]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guide.content.loader import bundled_content_dir, load_or_raise
from guide.content.model import Library
from guide.content.search import SearchIndex
from tests.search.baseline import TOP, PlainFts, hit_rate
from tests.search.questions import load_questions


def measure(library: Library) -> dict[str, dict[str, object]]:
    index = SearchIndex(library)
    baseline = PlainFts(library)
    questions = load_questions()
    engines = {
        "guide": lambda q: [r.topic_id for r in index.search(q, limit=TOP)],
        "plain_fts5_bm25": baseline.search,
    }
    figures: dict[str, dict[str, object]] = {}
    for part, chosen in (
        ("tuning", [q for q in questions if not q.held_out]),
        ("held_out", [q for q in questions if q.held_out]),
        ("all", questions),
    ):
        row: dict[str, object] = {"questions": len(chosen)}
        for name, engine in engines.items():
            hits, misses = hit_rate(engine, chosen)
            row[name] = hits
            row[f"{name}_rate"] = round(hits / max(1, len(chosen)), 3)
            row[f"{name}_misses"] = [(q.text, q.answers, found) for q, found in misses]
        figures[part] = row
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list the tuning part's misses (never the held-out's)")
    parser.add_argument("--content", type=Path, default=None, help="a language folder (default: the bundled guide)")
    args = parser.parse_args()
    library = load_or_raise(args.content or bundled_content_dir() / "en")
    figures = measure(library)
    if args.json:
        rates = {p: {k: v for k, v in r.items() if not k.endswith("misses")} for p, r in figures.items()}
        print(json.dumps(rates, indent=2))
        return
    print(f"answer in the top {TOP}        guide          plain FTS5 BM25")
    for part, row in figures.items():
        n = row["questions"]
        print(f"  {part:10s} ({n:3d} questions)  {row['guide']:3d} ({row['guide_rate']:.1%})"
              f"   {row['plain_fts5_bm25']:3d} ({row['plain_fts5_bm25_rate']:.1%})")
    if args.misses:
        misses: list[tuple[str, tuple[str, ...], list[str]]] = figures["tuning"]["guide_misses"]  # type: ignore[assignment]
        for text, answers, found in misses:
            print(f"  miss: {text!r} wants {' or '.join(answers)}; got {', '.join(found) or 'nothing'}")


if __name__ == "__main__":
    main()
