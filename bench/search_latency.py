"""Benchmark: search latency per query (median of 200 queries) and index build time.

On the bundled content (query median at most 2 ms, index build at most 50 ms) and on a
generated 10,000-topic library (query median at most 20 ms). The baseline, measured in
the same run on the same library, is a plain scan: every topic's text searched for every
query word, no index, no typo help.

    python bench/search_latency.py [--json] [--topics 10000] [--queries 200]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_library import make_library

from guide.content.loader import bundled_content_dir, load_library
from guide.content.model import Library
from guide.content.search import SearchIndex

BUNDLED_TARGET_MS = 2.0
LARGE_TARGET_MS = 20.0
BUNDLED_BUILD_TARGET_MS = 50.0
EVERYDAY = [
    "the runs",
    "my scan got bigger",
    "immunotheraphy",
    "interlukin",
    "itchy skin",
    "tired all the time",
    "cant breathe",
    "fever at night",
    "who do i call",
    "keytruda",
    "side efects",
    "thyroid",
    "rash",
    "blood in my poo",
    "how long does treatment last",
    "car t",
    "checkpoint inhibiters",
    "diarhea",
    "pregnancy",
    "what is immunotherapy",
]


def queries_for(library: Library, count: int, seed: int = 11) -> list[str]:
    """Everyday phrases plus words from the library's own titles, some with a typo."""
    rng = random.Random(seed)
    title_words = sorted({w for t in library.topics for w in t.title.lower().split() if len(w) > 4})
    out = []
    for i in range(count):
        if i % 2 == 0 or not title_words:
            out.append(EVERYDAY[i // 2 % len(EVERYDAY)])
        else:
            word = rng.choice(title_words)
            if i % 4 == 1:  # a dropped letter
                cut = rng.randrange(1, len(word) - 1)
                word = word[:cut] + word[cut + 1 :]
            out.append(word)
    return out


def per_query_ms(search: object, queries: list[str]) -> list[float]:
    times = []
    gc.collect()
    for query in queries:
        started = time.perf_counter()
        search(query)  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return times


def scan_baseline(library: Library) -> object:
    texts = [(t.id, " ".join(t.all_text()).lower()) for t in library.topics]

    def scan(query: str) -> list[str]:
        words = query.lower().split()
        return [tid for tid, text in texts if any(w in text for w in words)][:5]

    return scan


def measure(library: Library, count: int) -> dict[str, float]:
    builds = []
    for _ in range(5 if len(library.topics) < 1000 else 1):
        started = time.perf_counter()
        index = SearchIndex(library)
        builds.append(time.perf_counter() - started)
    build_s = statistics.median(builds)
    queries = queries_for(library, count)
    index.search(queries[0])  # warm caches, as the app does after its first search
    times = per_query_ms(lambda q: index.search(q, limit=10), queries)
    baseline = per_query_ms(scan_baseline(library), queries)
    median = statistics.median(times)
    return {
        "topics": len(library.topics),
        "index_build_ms": round(build_s * 1000, 1),
        "median_ms": round(median, 3),
        "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 3),
        "max_ms": round(max(times), 3),
        "baseline_plain_scan_median_ms": round(statistics.median(baseline), 3),
        "vs_plain_scan_ratio": round(median / statistics.median(baseline), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--topics", type=int, default=10_000, help="size of the generated library")
    parser.add_argument("--queries", type=int, default=200, help="queries per library (the median is reported)")
    args = parser.parse_args()

    bundled = load_library(bundled_content_dir() / "en").library
    assert bundled is not None
    figures: dict[str, object] = {"bundled": measure(bundled, args.queries)}
    figures["bundled"]["target_ms"] = BUNDLED_TARGET_MS  # type: ignore[index]
    with tempfile.TemporaryDirectory() as tmp:
        large = load_library(make_library(args.topics, Path(tmp))).library
        assert large is not None
        figures["generated"] = measure(large, args.queries)
        figures["generated"]["target_ms"] = LARGE_TARGET_MS  # type: ignore[index]
    for name, target in (("bundled", BUNDLED_TARGET_MS), ("generated", LARGE_TARGET_MS)):
        part = figures[name]
        part["meets_target"] = part["median_ms"] <= target  # type: ignore[index,operator]
    bundled_part = figures["bundled"]
    bundled_part["build_target_ms"] = BUNDLED_BUILD_TARGET_MS  # type: ignore[index]
    bundled_part["build_meets_target"] = bundled_part["index_build_ms"] <= BUNDLED_BUILD_TARGET_MS  # type: ignore[index,operator]
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, part in figures.items():
            print(name)
            for key, value in part.items():  # type: ignore[attr-defined]
                print(f"  {key:32s} {value}")


if __name__ == "__main__":
    main()
