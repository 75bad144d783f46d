"""The kiosk config file: safe defaults, problems named by line, `kiosk --set-pin` and `--show-config`."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from guide.cli import build_parser
from guide.kiosk.command import kiosk_command
from guide.kiosk.config import DEFAULT_IDLE_SECONDS, config_path, load_config
from guide.kiosk.pin import hash_pin, verify_pin
from guide.kiosk.rules import Feature

GOOD_PIN = "482913"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.yaml")
    assert not config.exists and not config.problems
    assert config.idle_seconds == DEFAULT_IDLE_SECONDS == 120
    assert config.warning_seconds == 30
    assert config.pin_hash is None
    assert config.defaults.speech is True


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, f"""
idle_seconds: 90
warning_seconds: 25
pin_hash: "{hash_pin(GOOD_PIN)}"
language: es
theme: guide-light
speech: false
speech_rate: slower
speech_volume: louder
usage_counts: true
features:
  search: false
  theme: true
""")
    config = load_config(path)
    assert config.problems == ()
    assert (config.idle_seconds, config.warning_seconds) == (90, 25)
    assert config.pin_hash and verify_pin(GOOD_PIN, config.pin_hash)
    d = config.defaults
    # "slower" and "louder" are names an earlier version wrote: they load as the steps nearest them
    assert (d.language, d.theme, d.speech, d.rate, d.volume) == ("es", "guide-light", False, "relaxed", "loud")
    assert config.usage_counts is True
    assert not config.allows(Feature.SEARCH) and config.allows(Feature.THEME) and config.allows(Feature.GLOSSARY)


def test_broken_yaml_names_the_line_and_keeps_the_pin(tmp_path: Path) -> None:
    stored = hash_pin(GOOD_PIN)
    path = write(tmp_path, f'idle_seconds: 60\npin_hash: "{stored}"\nfeatures:\n  search: true\n   glossary: [oops\n')
    config = load_config(path)
    assert config.idle_seconds == 120  # whole file falls back to safe defaults
    first = config.problems[0]
    assert first.line == 5
    assert f"{path}:5:" in first.format()
    assert "safe defaults" in first.message
    assert config.pin_hash == stored  # staff can still get out
    assert any(p.line == 2 and "PIN" in p.message for p in config.problems)


def test_wrong_values_fall_back_one_by_one_with_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_seconds: soon\nwarning_seconds: 5\nspeech_rate: turbo\nidle_secnds: 3\n"
                           "pin_hash: 1234\nfeatures:\n  serch: true\n  export: maybe\nspeech: false\ntheme: neon\n")
    config = load_config(path)
    by_line = {p.line: p.message for p in config.problems}
    assert "idle_seconds must be a number" in by_line[1]
    assert config.idle_seconds == 120
    assert "at least 20" in by_line[2] and config.warning_seconds == 20
    assert "speech_rate must be one of" in by_line[3] and config.defaults.rate == "normal"
    assert "did you mean idle_seconds" in by_line[4]
    assert "--set-pin" in by_line[5] and config.pin_hash is None
    assert "did you mean search" in by_line[7]
    assert "true or false" in by_line[8] and not config.allows(Feature.EXPORT)
    assert config.defaults.speech is False  # the good line is still used
    assert "theme must be one of" in by_line[10] and config.defaults.theme == "guide-high-contrast"


def test_yaml_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_seconds: !!python/object/apply:os.system ['echo hacked']\n")
    config = load_config(path)
    assert config.problems and config.problems[0].line == 1
    assert config.idle_seconds == 120


def test_config_path_prefers_explicit_then_site_then_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))
    assert config_path() == tmp_path / "user" / "immunoguide" / "kiosk.yaml"
    site = tmp_path / "site" / "immunoguide" / "kiosk.yaml"
    site.parent.mkdir(parents=True)
    site.write_text("idle_seconds: 60\n")
    assert config_path() == site
    assert config_path(str(tmp_path / "x.yaml")) == tmp_path / "x.yaml"


def run_cli(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_CONFIG_DIRS": str(tmp_path / "site")}
    return subprocess.run([sys.executable, "-m", "guide", "kiosk", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=60)


def test_set_pin_from_a_script_then_show_config(tmp_path: Path) -> None:
    result = run_cli(["--set-pin"], tmp_path, stdin=f"{GOOD_PIN}\n{GOOD_PIN}\n")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "cfg" / "immunoguide" / "kiosk.yaml"
    assert str(path) in result.stdout
    text = path.read_text()
    assert GOOD_PIN not in text and "pin_hash:" in text
    config = load_config(path)
    assert config.problems == () and config.pin_hash and verify_pin(GOOD_PIN, config.pin_hash)
    shown = run_cli(["--show-config"], tmp_path)
    assert shown.returncode == 0
    assert f"Kiosk config: {path} (found)" in shown.stdout
    assert "pin_hash: set" in shown.stdout and "idle_seconds: 120" in shown.stdout


def test_set_pin_refuses_mismatch_and_weak_pins(tmp_path: Path) -> None:
    mismatch = run_cli(["--set-pin"], tmp_path, stdin=f"{GOOD_PIN}\n482914\n")
    assert mismatch.returncode == 1 and "differ" in mismatch.stderr
    weak = run_cli(["--set-pin"], tmp_path, stdin="123456\n123456\n")
    assert weak.returncode == 1 and "too easy" in weak.stderr
    assert not (tmp_path / "cfg" / "immunoguide" / "kiosk.yaml").exists()


def test_show_config_of_a_broken_file_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "idle_seconds: 60\nwarning_seconds: [\n")
    result = run_cli(["--config", str(path), "--show-config", "--idle-seconds", "15"], tmp_path)
    assert result.returncode == 1
    assert f"{path}:3:" in result.stdout or f"{path}:2:" in result.stdout
    assert "idle_seconds: 15" in result.stdout  # the command line still applies
    assert "pin_hash: NOT SET" in result.stdout


def test_serve_refuses_a_public_address_without_the_flag(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "guide", "serve", "--host", "0.0.0.0", "--port", "1"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2 and "--public" in result.stderr


def test_served_command_is_this_python_and_this_guide(tmp_path: Path) -> None:
    config = tmp_path / "with space" / "kiosk.yaml"
    args = build_parser().parse_args(["serve", "--config", str(config), "--idle-seconds", "90"])
    command = shlex.split(kiosk_command(args))
    assert command[:5] == ["exec", sys.executable, "-m", "guide", "kiosk"]  # exec: one process a session
    assert command[command.index("--config") + 1] == str(config)
    assert command[command.index("--idle-seconds") + 1] == "90.0"
