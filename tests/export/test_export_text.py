"""The text export: one file per topic for printing or embossing, wrapped, with no control bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide.content.loader import load_or_raise

from .export_run import FIXTURE_CONTENT, run_guide

CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


@pytest.fixture(scope="module")
def text_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("text")
    done = run_guide("export", "text", "--to", str(out), "--content", str(FIXTURE_CONTENT))
    assert done.returncode == 0, done.stderr
    assert "index.txt" in done.stdout
    return out


def test_one_file_per_topic_named_in_reading_order(text_dir: Path) -> None:
    library = load_or_raise(FIXTURE_CONTENT)
    topic_files = sorted(p.name for p in text_dir.glob("[0-9]*.txt"))
    assert [name.split("-", 1)[1].removesuffix(".txt") for name in topic_files] == [
        t.id for t in library.reading_order()]
    for name in topic_files:
        first_line = (text_dir / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == library[name.split("-", 1)[1].removesuffix(".txt")].title


def test_index_names_every_file_and_each_exists(text_dir: Path) -> None:
    index = (text_dir / "index.txt").read_text(encoding="utf-8")
    named = re.findall(r"\b(\d+-[a-z0-9-]+\.txt|glossary\.txt)\b", index)
    assert len(named) == len(list(text_dir.glob("*.txt"))) - 1
    for name in named:
        assert (text_dir / name).is_file(), name
    assert "    - Eating and drinking with colitis: 09-eating-with-colitis.txt" in index.splitlines()


def test_no_escape_or_control_bytes_and_lines_fit_72_columns(text_dir: Path) -> None:
    for path in text_dir.glob("*.txt"):
        raw = path.read_bytes()
        assert not CONTROL.search(raw), path
        text = raw.decode("utf-8")
        assert text.endswith("\n") and "\r" not in text
        for line in text.splitlines():
            assert len(line) <= 72 or " " not in line.strip(), (path.name, line)


def test_urgent_block_is_first_and_labelled(text_dir: Path) -> None:
    text = (text_dir / "08-colitis.txt").read_text(encoding="utf-8")
    emergency = "EMERGENCY: call an ambulance or go to the emergency department now"
    assert text.index("URGENT: call your care team") < text.index(emergency)
    assert text.index(emergency) < text.index(
        "The treatment can make your bowel sore")
    assert "Last reviewed: 2026-10-20" in text


def test_long_web_address_stays_whole(text_dir: Path) -> None:
    lines = (text_dir / "18-practical.txt").read_text(encoding="utf-8").splitlines()
    url = next(line.strip() for line in lines if "very-long-address" in line)
    assert url.startswith("https://www.cancer.net/") and url.endswith("anywhere-at-all")


@pytest.mark.parametrize("width", [0, 40])
def test_width_option(tmp_path: Path, width: int) -> None:
    done = run_guide("export", "text", "--to", str(tmp_path), "--content", str(FIXTURE_CONTENT),
                     "--width", str(width))
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "07-side-effects.txt").read_text(encoding="utf-8").splitlines()
    long_paragraph = "This treatment can cause side effects. Most are mild. Some need care right away."
    if width == 0:
        assert long_paragraph in lines
    else:
        assert long_paragraph not in lines
        assert all(len(line) <= 40 or " " not in line.strip() for line in lines)
        colitis = (tmp_path / "08-colitis.txt").read_text(encoding="utf-8").splitlines()
        assert "- Who should I call if I get diarrhoea" in colitis and "  at night?" in colitis


def test_audio_option_is_refused_for_text(tmp_path: Path) -> None:
    done = run_guide("export", "text", "--to", str(tmp_path), "--content", str(FIXTURE_CONTENT),
                     "--audio", str(tmp_path))
    assert done.returncode == 1 and "only for `export html`" in done.stderr
    assert not list(tmp_path.glob("*.txt"))
