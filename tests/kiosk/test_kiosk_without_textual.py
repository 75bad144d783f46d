"""The kiosk's non-Textual half: its config, rules, PIN and commands import no terminal UI, so
`kiosk --show-config` and `kiosk --set-pin` work over ssh or in a script on a machine where the
kiosk's screen is not running (and start without Textual's import cost)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TEXTUAL = ("textual", "rich", "textual_serve")
NO_UI_MODULES = ["guide.kiosk.config", "guide.kiosk.rules", "guide.kiosk.pin", "guide.kiosk.command",
                 "guide.kiosk.start"]


def ui_modules_after(code: str, env: dict[str, str] | None = None, stdin: str = "") -> list[str]:
    """The Textual-side modules a fresh interpreter has loaded after running ``code``."""
    script = (f"{code}\nimport sys, json\n"
              f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {TEXTUAL!r}"
              " or m in ('guide.kiosk.app', 'guide.kiosk.screens', 'guide.kiosk.web'))))")
    result = subprocess.run([sys.executable, "-c", script], input=stdin, capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_the_check_sees_textual_when_it_is_imported() -> None:
    assert "textual" in ui_modules_after("import guide.kiosk.app")


@pytest.mark.parametrize("module", NO_UI_MODULES)
def test_module_imports_no_textual(module: str) -> None:
    assert ui_modules_after(f"import {module}") == []


def test_show_config_and_set_pin_run_without_textual(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_CONFIG_DIRS": str(tmp_path / "site")}
    code = ("import contextlib, io\nfrom guide.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['kiosk', '--set-pin']) == 0\n"
            "    assert main(['kiosk', '--show-config']) == 0\n")
    assert ui_modules_after(code, env, stdin="482913\n482913\n") == []
    assert "pin_hash:" in (tmp_path / "cfg" / "immunoguide" / "kiosk.yaml").read_text(encoding="utf-8")
