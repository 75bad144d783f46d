"""The layers of docs/ARCHITECTURE.md, read from the code's own import statements.

Every import counts: at the top of a module, inside a function (the lazy ones) and under
TYPE_CHECKING, since each is a dependency a reader of the code has to follow. The rules:
imports point down the layers, never up; no two modules import each other, directly or
round a longer circle; nothing imports the command line.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pytest

import guide

GUIDE = Path(guide.__file__).resolve().parent

LAYERS: tuple[tuple[str, ...], ...] = (
    ("guide", "guide.exit_codes"),
    ("guide.content",),
    ("guide.speech",),
    ("guide.settings",),
    ("guide.ui",),
    (
        "guide.copies",
        "guide.kiosk",
        "guide.line_reader",
        "guide.pronounce",
        "guide.text_commands",
        "guide.treatment_command",
    ),
    ("guide.cli",),
    ("guide.__main__",),
)
"""From the bottom up. A module may import from its own layer or any layer below it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(GUIDE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(GUIDE.rglob("*.py"))}


def resolve(name: str) -> str | None:
    """The guide module an imported name lives in (a module, or the package that defines it)."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every guide module this one imports, anywhere in its text."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "guide" and (target := resolve(name)) and target != module:
                found.add(target)
    return frozenset(found)


def layer_of(module: str) -> int:
    best, length = -1, -1
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = number, len(prefix)
    return best


def circles(nodes: Iterable[str], edges: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more nodes (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges(node):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in nodes:
        if node not in index:
            visit(node)
    return groups


def test_every_module_has_a_layer() -> None:
    assert [m for m in modules() if layer_of(m) < 0] == []
    assert "guide.kiosk.app" in modules() and "guide.content.loader" in modules()


@pytest.mark.parametrize("module", sorted(modules()))
def test_imports_point_down(module: str) -> None:
    upward = sorted(t for t in imports_of(module) if layer_of(t) > layer_of(module))
    assert upward == [], f"{module} (layer {layer_of(module)}) imports from a higher layer"


def test_nothing_imports_the_command_line() -> None:
    assert sorted(m for m in modules() if "guide.cli" in imports_of(m)) == ["guide.__main__"]


def test_no_module_imports_another_that_imports_it_back() -> None:
    assert circles(modules(), imports_of) == []


def test_the_checks_see_a_circle_and_an_upward_import() -> None:
    """The checks above can fail: a circle of three is found, an imported name is traced to the
    module that defines it, and the layers rank speech below the UI and the UI below the kiosk."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph, graph.__getitem__) == [["a", "b", "c"]]
    assert resolve("guide.ui.app.GuideApp") == "guide.ui.app"
    assert resolve("guide.content.plaintext") == "guide.content.plaintext"
    assert layer_of("guide.speech.service") < layer_of("guide.ui.app") < layer_of("guide.kiosk.app")


def test_no_module_is_over_400_lines() -> None:
    root = GUIDE.parent
    files = [*GUIDE.rglob("*.py"), *(root / "tests").rglob("*.py"), *(root / "bench").rglob("*.py")]
    long = sorted(str(f.relative_to(root)) for f in files if len(f.read_text(encoding="utf-8").splitlines()) > 400)
    assert long == []
