"""Benchmark: loading content.

Every topic file is read one way: libyaml's events with every position, then the schema's
checks (guide/content/yaml_reader.py, schema.py). The program's own load (load_or_raise)
reads a large folder that loaded cleanly before from a JSON cache (guide/content/cache.py);
both its first (YAML) and its repeat (cached) load are reported.

Figures, each the median of several runs: the bundled content's load as `run` and the other
commands do it (load_or_raise: below the cache's size it always reads the YAML) and its load +
validate (with readability) as `immunoguide validate` does it; the load of a generated library
(10,000 topics by default; targets: at most 3.5 s from YAML, at most 0.5 s from the cache).
As a baseline measured in the same run on the same files, interleaved with the load so both
see the same machine, libyaml's raw event stream alone (no tree, no checks, no model): the
floor of any reader built on libyaml, and the figure to compare across machines (the ratios).

    python bench/load_content.py [--json] [--topics 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_library import make_library

from guide.content.loader import bundled_content_dir, load_library, load_or_raise, topic_files, validate_path

TARGET_LOAD_S = 3.5
TARGET_CACHED_S = 0.5


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Median wall time; the result is kept until the clock stops (a program keeps its library,
    so freeing a million objects is not part of loading)."""
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
        del result
    return statistics.median(times)


def events_only(files: list[Path]) -> Callable[[], None]:
    """libyaml's raw event stream over these files, the texts read beforehand."""
    import yaml._yaml

    texts = [p.read_bytes() for p in files]

    def parse_all() -> None:
        for text in texts:
            parser = yaml._yaml.CParser(text)
            while parser.check_event():
                parser.get_event()

    return parse_all


def against_floor(action: Callable[[], object], files: list[Path], runs: int) -> tuple[float, float]:
    """Median seconds of action and of libyaml's raw events over the same files, runs interleaved
    so both see the same machine load."""
    floor = events_only(files)
    actions, floors = [], []
    for _ in range(runs):
        floors.append(median_seconds(floor, 1))
        actions.append(median_seconds(action, 1))
    return statistics.median(actions), statistics.median(floors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--topics", type=int, default=10_000, help="size of the generated library")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    args = parser.parse_args()

    bundled = bundled_content_dir() / "en"
    bundled_files = topic_files(bundled)
    bundled_load_s, bundled_load_floor_s = against_floor(
        lambda: load_or_raise(bundled), bundled_files, max(5, args.runs)
    )
    bundled_s, bundled_floor_s = against_floor(
        lambda: validate_path(bundled, check_readability=True), bundled_files, max(5, args.runs)
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = make_library(args.topics, Path(tmp))
        check = load_library(root)
        assert check.library is not None and len(check.library.topics) == args.topics, check.problems[:3]
        assert not check.errors, check.errors[:3]
        load_s, floor_s = against_floor(lambda: load_library(root), topic_files(root), max(3, args.runs))
        validate_s = median_seconds(lambda: load_library(root, check_readability=True), 1)
        with tempfile.TemporaryDirectory() as cache_home:
            os.environ["IMMUNOGUIDE_CACHE_DIR"] = cache_home
            first_s = median_seconds(lambda: load_or_raise(root), 1)
            cached_s = median_seconds(lambda: load_or_raise(root), args.runs)
    figures = {
        "bundled_topics": len(bundled_files),
        "bundled_load_ms": round(bundled_load_s * 1000, 1),
        "bundled_load_vs_libyaml_events_ratio": round(bundled_load_s / bundled_load_floor_s, 2),
        "bundled_load_validate_ms": round(bundled_s * 1000, 1),
        "bundled_baseline_libyaml_events_only_ms": round(bundled_floor_s * 1000, 1),
        "bundled_vs_libyaml_events_ratio": round(bundled_s / bundled_floor_s, 2),
        "generated_topics": args.topics,
        "generated_load_s": round(load_s, 3),
        "generated_load_target_s": TARGET_LOAD_S,
        "generated_load_meets_target": load_s <= TARGET_LOAD_S,
        "generated_baseline_libyaml_events_only_s": round(floor_s, 3),
        "generated_vs_libyaml_events_ratio": round(load_s / floor_s, 2),
        "per_topic_load_us": round(load_s / args.topics * 1e6, 1),
        "generated_load_and_readability_s": round(validate_s, 3),
        "program_first_load_s": round(first_s, 3),
        "program_cached_load_s": round(cached_s, 3),
        "program_cached_load_target_s": TARGET_CACHED_S,
        "program_cached_load_meets_target": cached_s <= TARGET_CACHED_S,
        "cached_vs_yaml_load_ratio": round(cached_s / load_s, 3),
        "cpus": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:42s} {value}")


if __name__ == "__main__":
    main()
