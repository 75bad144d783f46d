"""Every pronunciation checked by ear: what the real espeak-ng makes of each respelling.

The checks run in a child process (the `pronounce` command and guide.speech.phonemes
load the espeak-ng library there), so this test process never holds an engine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide.content.loader import bundled_content_dir, load_library

FIXTURES = Path(__file__).parent / "fixtures" / "en"

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")

_CHECK = """
import json, sys
from guide.speech import phonemes
print(json.dumps({s: [phonemes.phonemes(s), phonemes.problems(s)] for s in json.load(sys.stdin)}))
"""


def heard(spoken: list[str]) -> dict[str, tuple[str, list[str]]]:
    """espeak-ng's phonemes and the problems found, for each spoken form."""
    out = subprocess.run([sys.executable, "-c", _CHECK], input=json.dumps(spoken), capture_output=True,
                         text=True, check=True, timeout=120)
    return {k: (v[0], v[1]) for k, v in json.loads(out.stdout).items()}


def pronounce(*words: str, content: Path | None = None) -> list[dict[str, str]]:
    extra = ["--content", str(content)] if content else []
    out = subprocess.run([sys.executable, "-m", "guide", "pronounce", "--json", *extra, *words],
                         capture_output=True, text=True, check=True, timeout=60)
    return list(json.loads(out.stdout))


def test_every_bundled_entry_is_said_as_words_by_espeak() -> None:
    library = load_library(bundled_content_dir() / "en").library
    assert library is not None
    pairs = library.pronunciations
    assert len(pairs) > 150
    results = heard(sorted({spoken for _, spoken in pairs}))
    bad = [f"{written}: '{spoken}' -> {results[spoken][0]} ({'; '.join(results[spoken][1])})"
           for written, spoken in pairs if results[spoken][1]]
    assert not bad, "\n".join(bad)


def test_the_check_hears_what_a_listener_would_hear() -> None:
    """The faults found in the old list are caught, and a plain respelling passes (so the test above can fail)."""
    results = heard(["pem bro LIZ you mab", "ip ih lim you mab", "C T L A 4", "new moh ny tis", "B C M A",
                     "pem bro liz you mab", "C T L eh 4", "lib tie oh"])
    assert "'LIZ' has a capital" in " ".join(results["pem bro LIZ you mab"][1])
    assert results["pem bro LIZ you mab"][0].count("'") >= 4  # L-I-zed: three letter names, not one syllable
    problems = " ".join(results["ip ih lim you mab"][1])
    assert "'ip' is spelled out" in problems and "'ih' is spelled out" in problems
    assert "a#" in results["C T L A 4"][0] and "article" in " ".join(results["C T L A 4"][1])
    assert "'ny' is spelled out" in " ".join(results["new moh ny tis"][1])
    assert results["B C M A"][1], "a lone A that is the article once a word follows it is refused too"
    for fine in ("pem bro liz you mab", "C T L eh 4", "lib tie oh"):
        assert results[fine][1] == [], fine


def test_pronounce_prints_the_engine_text_and_phonemes_ignoring_case() -> None:
    found = pronounce("IMDELLTRA", "Imdelltra", "CTLA-4")
    assert [f["written"] for f in found] == ["IMDELLTRA", "Imdelltra", "CTLA-4"]
    assert all(set(f) == {"written", "spoken", "phonemes"} for f in found)
    assert found[0]["spoken"] == found[1]["spoken"] == "im dell tra"
    assert found[0]["phonemes"] == found[1]["phonemes"] and "d'El" in found[0]["phonemes"]
    assert found[2]["spoken"] == "C T L eh 4" and "a#" not in found[2]["phonemes"]


def test_pronounce_names_the_syllables_espeak_would_spell(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "guide", "pronounce", "--content", str(FIXTURES), "pembrolizumab"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "said as:  pem bro LIZ you mab" in out.stdout
    assert "'LIZ' has a capital" in out.stdout


def _validate(folder: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-m", "guide", "validate", str(folder), "--json", "--no-readability"],
                         capture_output=True, text=True, timeout=60)
    return dict(json.loads(out.stdout))


def test_validate_reports_a_word_defined_twice_with_both_files_and_lines(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    shutil.copytree(FIXTURES, folder)
    (folder / "pronunciations").mkdir()
    (folder / "pronunciations" / "more.yaml").write_text(
        "pronunciations:\n  CAR-T: car T\n  PEMBROLIZUMAB: pem broh lee zoo mab\n", encoding="utf-8")
    report = _validate(folder)
    problems = report["problems"]
    assert isinstance(problems, list) and len(problems) == 1, problems  # the same spoken form twice is fine
    problem = problems[0]
    assert problem["path"].endswith("pronunciations/more.yaml") and problem["line"] == 3
    first_line = next(i for i, line in enumerate((folder / "pronunciations.yaml").read_text().splitlines(), 1)
                      if line.strip().startswith("pembrolizumab:"))
    assert f"pronunciations.yaml:{first_line}" in problem["message"]
    assert "pem bro LIZ you mab" in problem["message"] and "pem broh lee zoo mab" in problem["message"]
    assert report["ok"] is False
