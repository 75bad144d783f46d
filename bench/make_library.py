"""Generate a valid, readable content library of N topics for benchmarks.

Real content is small (tens of topics), so loader and search speed at clinic or
multi-language scale can only be measured on a generated library. The topics are
shaped like real ones: ~1.5 KB of short plain sentences, 4 levels deep, with
glossary terms, lay synonyms and related links, and they pass `validate`.

    python bench/make_library.py 10000 /tmp/lib10k     # writes /tmp/lib10k/en
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "pl", "tr"]
_VOWELS = ["a", "e", "i", "o", "u"]
_CODAS = ["", "n", "m", "l", "x", "t", "b"]
_EVERYDAY = [
    "skin",
    "rash",
    "itch",
    "cough",
    "fever",
    "pain",
    "belly",
    "bowel",
    "stools",
    "tired",
    "sleep",
    "food",
    "water",
    "drink",
    "walk",
    "rest",
    "blood",
    "test",
    "scan",
    "nurse",
    "doctor",
    "team",
    "drug",
    "dose",
    "week",
    "day",
    "night",
    "home",
    "work",
    "family",
    "friend",
    "heart",
    "lung",
    "liver",
    "gland",
    "joint",
    "muscle",
    "eye",
    "mouth",
    "head",
    "back",
    "chest",
    "hand",
    "foot",
    "weight",
    "hunger",
    "mood",
    "worry",
    "help",
    "plan",
]
_SENTENCES = [
    "Tell your team if your {a} gets worse.",
    "Some people have {a} for a few {b}s.",
    "Your team may check your {a} each {b}.",
    "Write down when the {a} starts and stops.",
    "A {a} test can show if your {b} is well.",
    "Most {a} problems are mild and go away.",
    "Ask your nurse what to do about {a}.",
    "The {a} can change how your {b} feels.",
    "Keep a note of your {a} and your {b}.",
    "Call your team if you are not sure.",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(2, 3)))


def _sentence(rng: random.Random, name: str) -> str:
    a = rng.choice([name, *rng.sample(_EVERYDAY, 2)])
    return rng.choice(_SENTENCES).format(a=a, b=rng.choice(_EVERYDAY))


def _paragraph(rng: random.Random, name: str, count: int) -> str:
    return " ".join(_sentence(rng, name) for _ in range(count))


def _tree(n: int) -> list[tuple[str, str | None, int]]:
    """(id, parent id, depth) for n topics, 4 levels: 10 roots, 100 below them, 1,000 below those, the rest."""
    bounds = [0, 10, 110, 1110]
    topics: list[tuple[str, str | None, int]] = []
    for i in range(n):
        depth = max(d for d, start in enumerate(bounds) if i >= start)
        parent = None
        if depth:
            start, size = bounds[depth - 1], bounds[depth] - bounds[depth - 1]
            parent = f"topic-{start + (i - bounds[depth]) % size + 1}"
        topics.append((f"topic-{i + 1}", parent, depth))
    return topics


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def topic_yaml(rng: random.Random, topic_id: str, parent: str | None, order: int, name: str, related: str) -> str:
    lines = [f"id: {topic_id}"]
    if parent:
        lines.append(f"parent: {parent}")
    lines += [
        f"order: {order}",
        f"title: {_quote(name.capitalize() + ' and your ' + rng.choice(_EVERYDAY))}",
        f"keywords: [{name}, {rng.choice(_EVERYDAY)}]",
        "summary: >",
        f"  {_paragraph(rng, name, 3)}",
    ]
    if rng.random() < 0.2:
        lines += [
            "urgent:",
            "  - level: call-team-now",
            f"    text: {_quote('Call your care team now if you have a high ' + rng.choice(_EVERYDAY) + '.')}",
            "    signs:",
            f"      - {_quote('A fever over 38 degrees')}",
        ]
    lines.append("sections:")
    for s in range(3):
        lines += [
            f"  - heading: {_quote(rng.choice(['What', 'Why', 'When', 'How']) + ' about ' + name + ' ' + str(s + 1))}",
            "    text:",
            f"      - {_quote(_paragraph(rng, name, 4))}",
            "      - bullets:",
            f"          - {_quote(rng.choice(_EVERYDAY).capitalize() + ' changes')}",
            f"          - {_quote('New ' + rng.choice(_EVERYDAY))}",
        ]
    lines += [
        "key_points:",
        f"  - {_quote(_sentence(rng, name))}",
        "questions:",
        f"  - {_quote('Who do I call about my ' + rng.choice(_EVERYDAY) + '?')}",
        f"related: [{related}]",
        "sources:",
        "  - organisation: National Cancer Institute",
        "    title: Immunotherapy side effects",
        "    url: https://www.cancer.gov/about-cancer/treatment/types/immunotherapy/side-effects",
        "reviewed: 2026-01-15",
    ]
    return "\n".join(lines) + "\n"


def make_library(n: int, out: Path, seed: int = 7) -> Path:
    """Write an n-topic language folder under out/en and return its path."""
    rng = random.Random(seed)
    root = Path(out) / "en"
    topics_dir = root / "topics"
    topics_dir.mkdir(parents=True, exist_ok=True)
    tree = _tree(n)
    names = [_word(rng) for _ in range(n)]
    for i, (topic_id, parent, depth) in enumerate(tree):
        folder = topics_dir / (f"part-{i % 10}" if depth else "roots")
        folder.mkdir(exist_ok=True)
        related = tree[rng.randrange(n)][0]
        if related == topic_id:
            related = tree[(i + 1) % n][0]
        (folder / f"{topic_id}.yaml").write_text(
            topic_yaml(rng, topic_id, parent, i, names[i], related), encoding="utf-8"
        )
    terms = ["terms:"]
    for i in range(min(n, 300)):
        terms += [
            f"  - id: term-{i}",
            f"    term: {names[i]}",
            f"    definition: {_quote('A word for a kind of ' + rng.choice(_EVERYDAY) + ' problem.')}",
            f"    lay: [{_quote('sore ' + rng.choice(_EVERYDAY))}]",
            f"    topic: {tree[i][0]}",
        ]
    (root / "glossary.yaml").write_text("\n".join(terms) + "\n", encoding="utf-8")
    synonyms = ["synonyms:"] + [f"  {_quote('my ' + names[i] + ' hurts')}: [term-{i}]" for i in range(min(n, 100))]
    (root / "synonyms.yaml").write_text("\n".join(synonyms) + "\n", encoding="utf-8")
    (root / "pronunciations.yaml").write_text("pronunciations:\n  PD-1: P D 1\n", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of topics")
    parser.add_argument("out", type=Path, help="folder to write into (the language folder is out/en)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(make_library(args.count, args.out, args.seed))


if __name__ == "__main__":
    main()
