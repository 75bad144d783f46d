"""`immunoguide validate`: every problem with file:line:column, JSON, and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_run import BROKEN, FIXTURE, no_traceback, run


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
