"""The README's example blocks, checked against what the program really prints.

An example is a fenced block whose first line starts with "$ ": a transcript of shell
commands, each followed by what it prints (stdout and stderr, as a terminal shows them).
Every command of a block runs, in order, in one fresh empty folder with `immunoguide`
being this checkout, so an example that writes files (`export ... --to guide-text`) leaves
nothing behind. Trailing spaces are ignored, since editors strip them.

    python -m tests.readme_examples            # list the examples that differ (exit 1 if any)
    python -m tests.readme_examples --write    # rewrite them in README.md from real output

Only deterministic commands that need no sound belong in examples.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PROMPT = "$ "
_FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Example:
    """One example block: where its body is in the README text, and its commands with their output."""

    start: int
    end: int
    steps: tuple[tuple[str, str], ...]
    """(command, what it prints) in order; the output has no trailing newline."""

    @property
    def name(self) -> str:
        return self.steps[-1][0]

    def text(self) -> str:
        """The block's body as the README holds it."""
        return "".join(f"{PROMPT}{command}\n" + (f"{output}\n" if output else "") for command, output in self.steps)


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def examples(readme: str) -> list[Example]:
    found = []
    for fence in _FENCE.finditer(readme):
        body = fence.group(2)
        if not body.startswith(PROMPT):
            continue
        steps: list[tuple[str, list[str]]] = []
        for line in body.rstrip("\n").split("\n"):
            if line.startswith(PROMPT):
                steps.append((line[len(PROMPT):], []))
            else:
                steps[-1][1].append(line)
        found.append(Example(fence.start(2), fence.end(2),
                             tuple((command, _normal("\n".join(out))) for command, out in steps)))
    return found


def fenced_blocks(readme: str) -> list[tuple[str, str]]:
    """Every fenced block as (its language word, its body)."""
    return [(fence.group(1), fence.group(2)) for fence in _FENCE.finditer(readme)]


def _environment(folder: Path) -> dict[str, str]:
    """`immunoguide` is this checkout run by this Python; no colour, C sorting, a fixed width."""
    bin_dir = folder / ".bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "immunoguide"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m guide "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IMMUNOGUIDE_", "NO_COLOR", "COLUMNS"))}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", PYTHONPATH=str(ROOT), NO_COLOR="1",
               TERM="dumb", LC_ALL="C.UTF-8", COLUMNS="80", LINES="24")
    return env


def run(example: Example) -> Example:
    """The same commands with what they print now."""
    with tempfile.TemporaryDirectory(prefix="readme-example-") as tmp:
        folder = Path(tmp)
        env = _environment(folder)
        steps = []
        for command, _ in example.steps:
            done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
            steps.append((command, _normal(done.stdout.replace(tmp, "."))))
    return Example(example.start, example.end, tuple(steps))


def rewrite(readme: str, fresh: list[Example]) -> str:
    """The README with each example's body replaced by its fresh transcript."""
    for example in sorted(fresh, key=lambda e: e.start, reverse=True):
        readme = readme[: example.start] + example.text() + readme[example.end :]
    return readme


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    found = examples(readme)
    fresh = [run(example) for example in found]
    differ = [new for old, new in zip(found, fresh, strict=True) if old.steps != new.steps]
    if "--write" in argv:
        README.write_text(rewrite(readme, fresh), encoding="utf-8")
        print(f"Rewrote {len(differ)} of {len(found)} examples in {README}.")
        return 0
    for example in differ:
        print(f"differs: {example.name}")
    print(f"{len(found) - len(differ)} of {len(found)} examples match; "
          + ("run with --write to update the rest." if differ else "nothing to do."))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
