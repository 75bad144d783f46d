"""The plain command line, driven as people and scripts drive it: the real command in a subprocess
(exit status, stdout, stderr) plus in-process calls where only the output matters."""

from __future__ import annotations

import inspect
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from guide import __version__
from guide.cli import build_parser, main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "library" / "en"
BROKEN = Path(__file__).resolve().parent / "content" / "broken"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m guide ARGS` exactly as a user would run it (no terminal: stdout is a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "guide", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


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
    monkeypatch.setattr(guide.ui.command, "start", lambda *given: started.append(given) or 0)
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
    assert defaults == (args.content, args.lang, args.theme, args.speech)


def test_options_go_through_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    started = _record_starts(monkeypatch)
    assert main(["--theme", "guide-light"]) == 0
    assert main(["run", "--speech", "on", "--lang", "en"]) == 0
    assert started == [(None, "en", "guide-light", None), (None, "en", None, "on")]


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


# --- topics ---------------------------------------------------------------


def test_topics_prints_the_tree_with_ids_indented_by_depth() -> None:
    result = run("topics", "--content", str(FIXTURE))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "The basics (basics)"
    assert "  Diarrhoea and colitis (colitis)" in lines
    assert "    Eating and drinking with colitis (eating-with-colitis)" in lines
    assert len(lines) == 17
    assert not any(ch in result.stdout for ch in "│├└─┌┐")


def test_topics_json_shape() -> None:
    result = run("topics", "--json", "--content", str(FIXTURE))
    assert result.returncode == 0
    tree = json.loads(result.stdout)
    assert [t["id"] for t in tree] == ["basics", "types", "side-effects", "results", "urgent-help"]

    def walk(nodes: list[dict[str, object]]) -> int:
        count = 0
        for node in nodes:
            assert set(node) == {"id", "title", "children"}
            count += 1 + walk(node["children"])  # type: ignore[arg-type]
        return count

    assert walk(tree) == 17
    side = tree[2]
    assert [c["id"] for c in side["children"]][:2] == ["colitis", "skin-rash"]
    assert side["children"][0]["children"][0]["id"] == "eating-with-colitis"


# --- show -----------------------------------------------------------------


def test_show_text_is_linear_plain_text() -> None:
    result = run("show", "colitis", "--content", str(FIXTURE))
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("Diarrhoea and colitis\nIn: Side effects\n")
    # Urgent blocks come before the body, labelled in words (never colour alone).
    assert text.index("URGENT: call your care team now") < text.index("What colitis is")
    assert "EMERGENCY: go to the emergency department now" in text
    assert "- Loose or watery stools" in text
    assert "Questions to ask your care team" in text
    assert "Last reviewed: 2026-10-20" in text
    assert "Eating and drinking with colitis" in text  # the topic inside
    assert "\x1b" not in text
    assert not any(ch in text for ch in "│├└─┌┐═║")


def test_show_markdown() -> None:
    result = run("show", "colitis", "--format", "markdown", "--content", str(FIXTURE))
    assert result.returncode == 0
    md = result.stdout
    assert md.startswith("# Diarrhoea and colitis\n")
    assert "## What colitis is" in md
    assert "> **URGENT: call your care team now**" in md
    assert "- National Cancer Institute: [Immunotherapy side effects](https://www.cancer.gov/" in md


def test_show_json_shape() -> None:
    result = run("show", "colitis", "--format", "json", "--content", str(FIXTURE))
    assert result.returncode == 0
    topic = json.loads(result.stdout)
    assert set(topic) == {
        "id",
        "title",
        "path",
        "parent",
        "summary",
        "urgent",
        "sections",
        "key_points",
        "questions",
        "related",
        "children",
        "sources",
        "reviewed",
    }
    assert topic["id"] == "colitis"
    assert topic["path"] == ["Side effects"]
    assert topic["urgent"][0] == {
        "level": "call-team-now",
        "label": "URGENT: call your care team now",
        "text": "Call your care team now if you have any of these.",
        "signs": ["Four or more extra stools a day", "Blood in your stools"],
    }
    assert topic["sections"][0]["blocks"][1] == {"bullets": ["Loose or watery stools", "Cramps or belly pain"]}
    assert topic["sections"][0]["blocks"][0] == {"paragraph": "Colitis means the large bowel is swollen and sore."}
    assert topic["children"] == ["eating-with-colitis"]
    assert topic["sources"][0]["url"].startswith("https://")
    assert topic["reviewed"] == "2026-10-20"


def test_unknown_id_names_the_closest_ids_and_exits_1() -> None:
    result = run("show", "colitus", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "No topic has the id 'colitus'" in result.stderr
    assert "Did you mean: colitis" in result.stderr
    assert "immunoguide topics" in result.stderr
    no_traceback(result)


def test_unknown_id_far_from_any_id_still_suggests_by_meaning() -> None:
    result = run("show", "the-runs", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert "colitis" in result.stderr


def test_show_on_broken_content_explains_instead_of_crashing(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "en"
    shutil.copytree(FIXTURE, root)
    shutil.copy(BROKEN / "python-tag.yaml", root / "topics" / "python-tag.yaml")
    result = run("show", "basics", "--content", str(root))
    assert result.returncode == 1
    assert "python-tag.yaml:5:8" in result.stderr
    assert "run `immunoguide validate`" in result.stderr
    no_traceback(result)


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


# --- search ---------------------------------------------------------------


def test_search_prints_numbered_results_with_where_and_why() -> None:
    result = run("search", "the", "runs", "--content", str(FIXTURE))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1. Diarrhoea and colitis (colitis)"
    assert lines[1] == "   Side effects > Diarrhoea and colitis"
    assert lines[3] == '   Matched: lay words: "the runs"'


def test_search_json_shape_and_limit() -> None:
    result = run("search", "immunotheraphy", "--json", "--limit", "2", "--content", str(FIXTURE))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["query"] == "immunotheraphy"
    assert 1 <= len(data["results"]) <= 2
    first = data["results"][0]
    assert set(first) == {"id", "title", "path", "score", "snippet", "why"}
    assert first["id"] == "what-is-immunotherapy"
    assert first["path"] == ["The basics"]  # the same shape as `show --format json`
    assert isinstance(first["score"], float) and first["score"] > 0
    assert "immunotherapy" in first["snippet"].lower()
    assert "immunotherapy" in first["why"]


def test_search_with_nothing_found_says_so_and_exits_1() -> None:
    result = run("search", "zzzqqq", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert "Nothing found for 'zzzqqq'." in result.stdout
    assert "Try a shorter or everyday word" in result.stdout
    no_traceback(result)


def test_search_json_with_nothing_found() -> None:
    result = run("search", "zzzqqq", "--json", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"query": "zzzqqq", "results": []}


def test_search_limit_must_be_positive() -> None:
    result = run("search", "rash", "--limit", "0", "--content", str(FIXTURE))
    assert result.returncode == 2
    no_traceback(result)


# --- validate -------------------------------------------------------------


def test_validate_clean_content_exits_0() -> None:
    result = run("validate", str(FIXTURE))
    assert result.returncode == 0, result.stdout
    assert "is valid" in result.stdout


def test_validate_broken_file_exits_1_with_file_line_column(tmp_path: Path) -> None:
    result = run("validate", str(BROKEN / "unknown-key.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{BROKEN / 'unknown-key.yaml'}:5:1: error: titel: unknown key 'titel' in a topic" in result.stdout
    assert "fix: did you mean 'title'?" in result.stdout
    no_traceback(result)


def test_validate_every_broken_file_exits_1_never_a_traceback(tmp_path: Path) -> None:
    """One process per broken file, placed in a library as an editor would, checked after each edit."""
    import shutil

    root = tmp_path / "en"
    shutil.copytree(FIXTURE, root)
    for path in sorted(BROKEN.rglob("*.yaml")):
        folder = path.parent.name if path.parent != BROKEN else "topics/zz"
        dest = root / folder / path.name
        dest.parent.mkdir(exist_ok=True)
        shutil.copy(path, dest)
        result = run("validate", str(dest), cwd=tmp_path)
        dest.unlink()
        assert result.returncode == 1, path.name
        assert f"{path.name}:" in result.stdout and "error:" in result.stdout, path.name
        no_traceback(result)


def test_validate_library_with_broken_file_exits_1(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "en"
    shutil.copytree(FIXTURE, root)
    for name in ("alias-bomb.yaml", "duplicate-id.yaml", "future-date.yaml"):
        shutil.copy(BROKEN / name, root / "topics" / name)
    (root / "topics" / "bad-bytes.yaml").write_bytes(b"id: x\ntitle: \xff\xfe\n")
    result = run("validate", str(root), cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    assert "4 error(s)" in result.stdout
    for name in ("alias-bomb.yaml:2:6", "future-date.yaml:24:11", "bad-bytes.yaml:2:8"):
        assert name in result.stdout
    assert "the id 'colitis' is already used by" in result.stdout


def test_validate_json_shape(tmp_path: Path) -> None:
    result = run("validate", "--json", str(BROKEN / "future-date.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["errors"] == 1 and data["warnings"] == 0
    (problem,) = data["problems"]
    assert set(problem) == {"path", "line", "column", "key", "message", "hint", "severity"}
    assert (problem["line"], problem["column"], problem["key"], problem["severity"]) == (24, 11, "reviewed", "error")
    clean = json.loads(run("validate", "--json", str(FIXTURE)).stdout)
    assert clean == {"ok": True, "errors": 0, "warnings": 0, "problems": []}


def test_validate_missing_path_exits_1() -> None:
    result = run("validate", "/no/such/folder")
    assert result.returncode == 1
    assert "no content found here" in result.stdout
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
