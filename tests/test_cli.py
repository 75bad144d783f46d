"""The command line as a whole, driven as people and scripts drive it: --version and --help, the
parser and dispatch, usage mistakes, and colour only where a person sees it (the real command in a
subprocess, plus in-process calls where only the output matters). Each command's own output is
tested in test_cli_show, test_cli_search and test_cli_validate."""

from __future__ import annotations

import inspect
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from guide import __version__
from guide.cli import build_parser, main

from .cli_run import FIXTURE, no_traceback, run


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"immunoguide {__version__}"


def test_top_level_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name in subcommands():
        assert name in result.stdout


def test_every_subcommand_is_known() -> None:
    """The list the --help tests below walk through: all the commands the README promises."""
    assert set(subcommands()) >= {
        "run",
        "validate",
        "topics",
        "show",
        "search",
        "read",
        "export",
        "speak",
        "kiosk",
        "serve",
    }


def _record_starts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    import guide.ui.command

    started: list[tuple[object, ...]] = []

    def start(*given: object) -> int:
        started.append(given)
        return 0

    monkeypatch.setattr(guide.ui.command, "start", start)
    return started


@pytest.mark.parametrize("argv", [[], ["run"]])
def test_no_options_start_the_reader_as_run_with_its_defaults(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`immunoguide` and `immunoguide run` skip the parser (a quicker start), so the reader's own
    defaults must be the ones argparse gives `run`."""
    import guide.ui.command

    defaults = tuple(p.default for p in inspect.signature(guide.ui.command.start).parameters.values())
    started = _record_starts(monkeypatch)
    assert main(argv) == 0
    assert started == [()]  # no parser: the reader's defaults
    args = build_parser("run").parse_args(["run"])
    assert defaults == (args.content, args.lang, args.theme, args.speech, args.show_cursor)


def test_options_go_through_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    started = _record_starts(monkeypatch)
    assert main(["--theme", "guide-light"]) == 0
    assert main(["run", "--speech", "on", "--lang", "en"]) == 0
    assert started == [(None, "en", "guide-light", None, False), (None, "en", None, "on", False)]


@pytest.mark.parametrize("name", subcommands())
def test_subcommand_help_exits_zero_without_importing_its_module(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main([name, "--help"])
    assert leaving.value.code == 0
    assert f"usage: immunoguide {name}" in capsys.readouterr().out


def test_subcommand_help_in_a_real_process() -> None:
    """--help answers before any lazily imported module (TUI, speech, kiosk) is loaded."""
    code = (
        "import sys; from guide.cli import main\n"
        "for name in sys.argv[1:]:\n"
        "    try: main([name, '--help'])\n"
        "    except SystemExit as e: assert e.code == 0, name\n"
        "heavy = [m for m in sys.modules if m.startswith(('textual', 'pyttsx3', 'guide.ui', 'guide.speech'))]\n"
        "print('heavy:', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *subcommands()], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "heavy: []" in result.stdout


def test_usage_mistake_exits_2() -> None:
    result = run("show")
    assert result.returncode == 2
    assert "usage:" in result.stderr
    no_traceback(result)


def test_python_dash_m_guide_is_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "guide", "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"immunoguide {__version__}"


def test_unknown_language_or_folder_says_what_exists(tmp_path: Path) -> None:
    result = run("show", "basics", "--lang", "xx")
    assert result.returncode == 1
    assert "no content for language 'xx'" in result.stderr
    assert "Bundled languages: en" in result.stderr
    assert "run `immunoguide validate`" not in result.stderr  # not an editing mistake
    no_traceback(result)
    result = run("topics", "--content", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "no content for the folder" in result.stderr
# --- colour ---------------------------------------------------------------


def run_on_terminal(*args: str, no_color: bool) -> bytes:
    """Run with stdout on a pseudo-terminal, as a person at a terminal would see it."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    if no_color:
        env["NO_COLOR"] = "1"
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "guide", *args], stdout=follower, stderr=follower, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(leader)
    return b"".join(chunks)


def test_colour_only_on_a_terminal_without_no_color() -> None:
    coloured = run_on_terminal("show", "colitis", "--content", str(FIXTURE), no_color=False)
    assert b"\x1b[" in coloured  # proves the check below can fail
    plain = run_on_terminal("show", "colitis", "--content", str(FIXTURE), no_color=True)
    assert b"\x1b" not in plain
    assert b"Diarrhoea and colitis" in plain


@pytest.mark.parametrize(
    "args",
    [["topics"], ["show", "colitis"], ["search", "the", "runs"], ["search", "zzzqqq"], ["validate"]],
    ids=["topics", "show", "search", "search-empty", "validate"],
)
def test_piped_output_has_no_escape_bytes(args: list[str]) -> None:
    extra = [str(FIXTURE)] if args == ["validate"] else ["--content", str(FIXTURE)]
    result = subprocess.run([sys.executable, "-m", "guide", *args, *extra], capture_output=True, timeout=60)
    assert b"\x1b" not in result.stdout + result.stderr
    assert b"Traceback" not in result.stderr
