"""Benchmark: loading content.

The program's own load (load_or_raise) reads a large folder that loaded cleanly
before from a JSON cache (guide/content/cache.py); both the first (cold, YAML) and
the repeat (warm, cached) load are reported.

Figures: load + validate (with readability) of the bundled content, median of several
runs; load of a generated 10,000-topic library (target under 1.5 s on a 2-core
machine), which the loader reads in two processes, plain files the quick way
(guide/content/fastread.py); the same load in one process
(generated_load_one_process_s); and, as the baseline run in the same process on the
same files, the careful way alone in one process (generated_load_careful_only_one_process_s),
which is how every file was read before the quick way. The load average is printed
because the two-process figure only means something when the second core is free.
Also measured on the same files: libyaml's raw event stream with no tree, checks or
model, the floor of the careful way.

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

from guide.content import fastread, parallel
from guide.content.loader import bundled_content_dir, load_library, load_or_raise, topic_files, validate_path

TARGET_10K_S = 1.5


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


def load_and_floor(root: Path, runs: int) -> tuple[float, float]:
    """Median seconds of load_library and of libyaml's raw event stream alone (no Python tree,
    no checks, no model) on the same files, runs interleaved so both see the same machine load."""
    import yaml._yaml

    texts = [p.read_bytes() for p in topic_files(root)]

    def parse_all() -> None:
        for text in texts:
            parser = yaml._yaml.CParser(text)
            while parser.check_event():
                parser.get_event()

    loads, floors = [], []
    for _ in range(runs):
        floors.append(median_seconds(parse_all, 1))
        loads.append(median_seconds(lambda: load_library(root), 1))
    return statistics.median(loads), statistics.median(floors)


def one_process_load(root: Path, runs: int, *, quick: bool = True) -> float:
    """Median seconds of load_library with the second process turned off: what the parallel read
    gains (generated_load_s against this). quick=False reads every file the careful way (libyaml's
    events with positions, then the schema): how the loader worked before the quick way."""
    threshold, enabled = parallel.PARALLEL_MIN_FILES, fastread.ENABLED
    parallel.PARALLEL_MIN_FILES = sys.maxsize
    fastread.ENABLED = enabled and quick
    try:
        return median_seconds(lambda: load_library(root), runs)
    finally:
        parallel.PARALLEL_MIN_FILES, fastread.ENABLED = threshold, enabled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--topics", type=int, default=10_000, help="size of the generated library")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    args = parser.parse_args()

    bundled = bundled_content_dir() / "en"
    bundled_topics = len(topic_files(bundled))
    bundled_s = median_seconds(lambda: validate_path(bundled, check_readability=True), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        root = make_library(args.topics, Path(tmp))
        check = load_library(root)
        assert check.library is not None and len(check.library.topics) == args.topics, check.problems[:3]
        assert not check.errors, check.errors[:3]
        load_s, floor_s = load_and_floor(root, max(3, args.runs))
        one_process_s = one_process_load(root, max(3, args.runs))
        careful_s = one_process_load(root, 3, quick=False)
        validate_s = median_seconds(lambda: load_library(root, check_readability=True), 1)
        with tempfile.TemporaryDirectory() as cache_home:
            os.environ["IMMUNOGUIDE_CACHE_DIR"] = cache_home
            first_s = median_seconds(lambda: load_or_raise(root), 1)
            cached_s = median_seconds(lambda: load_or_raise(root), args.runs)
    figures = {
        "bundled_topics": bundled_topics,
        "bundled_load_validate_ms": round(bundled_s * 1000, 1),
        "generated_topics": args.topics,
        "generated_load_s": round(load_s, 3),
        "generated_load_target_s": TARGET_10K_S,
        "generated_load_meets_target": load_s < TARGET_10K_S,
        "program_first_load_s": round(first_s, 3),
        "program_cached_load_s": round(cached_s, 3),
        "program_cached_load_meets_target": cached_s < TARGET_10K_S,
        "cached_vs_yaml_load_ratio": round(cached_s / load_s, 3),
        "generated_load_and_readability_s": round(validate_s, 3),
        "baseline_libyaml_events_only_s": round(floor_s, 3),
        "load_vs_libyaml_events_ratio": round(load_s / floor_s, 2),
        "per_topic_load_us": round(load_s / args.topics * 1e6, 1),
        "generated_load_one_process_s": round(one_process_s, 3),
        "parallel_vs_one_process_ratio": round(load_s / one_process_s, 3),
        "generated_load_careful_only_one_process_s": round(careful_s, 3),
        "one_process_quick_vs_careful_ratio": round(one_process_s / careful_s, 3),
        "cpus": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:36s} {value}")


if __name__ == "__main__":
    main()
