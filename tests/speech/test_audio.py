"""The real voice: `immunoguide speak` with espeak-ng writes WAVs that sox can hear and measure."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide.content.loader import load_library
from guide.copies.audio import PARAGRAPH_GAP, SECTION_GAP
from guide.speech.api import RATE_STEPS
from guide.speech.service import engine_problem
from guide.speech.text import topic_utterances

pytestmark = [
    pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed"),
    pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed"),
    pytest.mark.slow,
]

FIXTURES = Path(__file__).parent / "fixtures" / "en"


def speak(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guide", "speak", "--content", str(FIXTURES), *args],
                          capture_output=True, text=True, timeout=120)


def sox_stat(path: Path) -> dict[str, float]:
    result = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True, timeout=60)
    stats: dict[str, float] = {}
    for line in result.stderr.splitlines():
        name, _, value = line.partition(":")
        try:
            stats[name.strip()] = float(value.strip())
        except ValueError:
            continue
    return stats


def spoken_seconds_expected(topic_id: str, wpm: int) -> tuple[float, float]:
    """(seconds the words should take at this rate, seconds of pauses the exporter adds)."""
    library = load_library(FIXTURES).library
    assert library is not None
    utterances = topic_utterances(library[topic_id], library)
    words = sum(len(u.spoken.split()) for u in utterances)
    gaps = 0.0
    for before, after in itertools.pairwise(utterances):
        if after.section != before.section:
            gaps += SECTION_GAP
        elif after.paragraph != before.paragraph:
            gaps += PARAGRAPH_GAP
    return words / wpm * 60, gaps


@pytest.fixture(scope="module")
def all_topics(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audio")
    result = speak("--all", "--to", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def test_all_topics_one_wav_each_and_a_playlist_in_reading_order(all_topics: Path) -> None:
    library = load_library(FIXTURES).library
    assert library is not None
    order = [t.id for t in library.reading_order()]
    playlist = (all_topics / "playlist.m3u").read_text().splitlines()
    assert playlist[0] == "#EXTM3U"
    assert [line for line in playlist if not line.startswith("#")] == [f"{i}.wav" for i in order]
    assert [line.split(",", 1)[1] for line in playlist if line.startswith("#EXTINF")] == [
        library.breadcrumb(i) for i in order]
    for topic_id in order:
        stats = sox_stat(all_topics / f"{topic_id}.wav")
        assert stats["RMS     amplitude"] > 0.02, f"{topic_id}.wav is silent"
        assert stats["Maximum amplitude"] > 0.3


def test_duration_fits_the_word_count_at_the_set_rate(all_topics: Path) -> None:
    seconds = sox_stat(all_topics / "basics.wav")["Length (seconds)"]
    words_take, gaps = spoken_seconds_expected("basics", 165)
    speaking = seconds - gaps
    assert 0.8 * words_take < speaking < 1.6 * words_take, (seconds, words_take, gaps)


def test_a_faster_rate_makes_it_shorter(tmp_path: Path) -> None:
    # Both made the same way in the same test, so only the rate differs.
    fast, normal = tmp_path / "fast.wav", tmp_path / "normal.wav"
    for target, rate in ((fast, "230"), (normal, str(RATE_STEPS[2][1]))):
        result = speak("basics", "--to", str(target), "--rate", rate)
        assert result.returncode == 0, result.stderr
    normal_seconds = sox_stat(normal)["Length (seconds)"]
    fast_seconds = sox_stat(fast)["Length (seconds)"]
    _, gaps = spoken_seconds_expected("basics", 230)
    # the words themselves speed up in proportion to the rate (the pauses between paragraphs do not)
    assert (fast_seconds - gaps) < 0.85 * (normal_seconds - gaps)
    assert sox_stat(fast)["RMS     amplitude"] > 0.02


def test_unknown_topic_and_missing_target_are_clear(tmp_path: Path) -> None:
    result = speak("basis", "--to", str(tmp_path / "x.wav"))
    assert result.returncode == 1 and "Did you mean: basics" in result.stderr
    result = speak("--all")
    assert result.returncode == 2 and "--to DIR" in result.stderr
