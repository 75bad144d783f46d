"""The layering rules from docs/ARCHITECTURE.md, checked in fresh interpreters: the content and speech
layers never pull in Textual, and `import guide` stays cheap (the plain commands and the line
reader must start fast and must work where Textual cannot)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import guide

GUIDE = Path(guide.__file__).resolve().parent


def modules_under(package: str) -> list[str]:
    """Every module in a sub-package, found on disk so new modules are covered without editing this test."""
    path = GUIDE / package.removeprefix("guide.").replace(".", "/")
    return sorted(f"{package}.{m.name}" for m in pkgutil.iter_modules([str(path)]))


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport sys\nloaded = sorted(sys.modules)\nimport json\nprint(json.dumps(loaded))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in {"textual", "rich", "textual_serve", "pyttsx3"})


def test_the_layers_have_modules_to_check() -> None:
    assert "guide.content.loader" in modules_under("guide.content")
    assert "guide.speech.api" in modules_under("guide.speech")


@pytest.mark.parametrize("module", modules_under("guide.content"))
def test_content_module_does_not_import_textual_or_speech(module: str) -> None:
    loaded = imported_after(f"import {module}")
    assert heavy(loaded) == []
    assert not any(m.startswith(("guide.ui", "guide.speech")) for m in loaded)


@pytest.mark.parametrize("module", modules_under("guide.speech"))
def test_speech_module_does_not_import_textual(module: str) -> None:
    loaded = imported_after(f"import {module}")
    assert not any(m.split(".")[0] in {"textual", "rich", "textual_serve"} for m in loaded)
    assert not any(m.startswith("guide.ui") for m in loaded)


def test_loading_and_searching_content_does_not_import_textual() -> None:
    """Not just importing: actually using the content layer stays free of Textual."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "library" / "en"
    code = (
        "from pathlib import Path\n"
        "from guide.content.loader import load_or_raise\n"
        "from guide.content.search import SearchIndex\n"
        "from guide.content import plaintext, document\n"
        f"lib = load_or_raise(Path({str(fixture)!r}), check_readability=True)\n"
        "SearchIndex(lib).search('the runs')\n"
        "plaintext.topic_text(lib['colitis'], lib)\n"
    )
    assert heavy(imported_after(code)) == []


def test_import_guide_is_cheap() -> None:
    loaded = imported_after("import guide")
    ours = sorted(m for m in loaded if m.startswith("guide"))
    assert ours == ["guide"]
    assert heavy(loaded) == [] and "yaml" not in loaded and "rapidfuzz" not in loaded


def test_plain_commands_do_not_import_textual() -> None:
    """`immunoguide show/search/topics/validate` are the screen-reader path: no TUI cost."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "library" / "en"
    code = (
        "import contextlib, io\n"
        "from guide.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['show', 'colitis', '--content', {str(fixture)!r}])\n"
        f"    main(['search', 'rash', '--content', {str(fixture)!r}])\n"
        f"    main(['validate', {str(fixture)!r}])\n"
    )
    assert heavy(imported_after(code)) == []


def test_starting_the_reader_imports_only_what_the_first_screen_needs() -> None:
    """Every module imported on the way to the first screen costs every start. Content loading
    (YAML), the speech engine and its text rules, search, the CLI's parser and its error and
    spelling helpers, and json are imported when first used, or in the content process."""
    loaded = imported_after(
        "import guide.ui.command\n"
        "guide.ui.command.start = lambda: 0  # `immunoguide` as a patient starts it, up to the reader\n"
        "import guide.cli\n"
        "assert guide.cli.main([]) == 0\n"
        "import guide.ui.app, guide.speech.deferred, guide.content.rows"
    )
    later = {
        "yaml", "guide.content.loader", "guide.content.problems", "guide.content.search",
        "guide.content.cache", "guide.speech.text", "guide.speech.service", "pyttsx3",
        "multiprocessing", "argparse", "json",
    }
    assert sorted(loaded & later) == []
