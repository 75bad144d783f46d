"""Rate and volume steps: the range listeners use, never silence, and words that say which way."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from guide.settings import load_settings
from guide.speech.api import OLD_RATE_NAMES, OLD_VOLUME_NAMES, RATE_STEPS, VOLUME_STEPS, step_words


def test_rates_run_from_dictation_pace_to_screen_reader_speed_in_at_least_seven_steps() -> None:
    rates = [wpm for _, wpm in RATE_STEPS]
    assert len(rates) >= 7 and rates == sorted(rates)
    assert rates[0] <= 85 and rates[-1] >= 450
    assert len({name for name, _ in RATE_STEPS}) == len(RATE_STEPS)
    # no step is more than about a third faster than the one before, so each key is a step, not a jump
    assert all(b / a <= 1.45 for a, b in itertools.pairwise(rates))


def test_volume_never_reaches_silence() -> None:
    levels = [level for _, level in VOLUME_STEPS]
    assert levels == sorted(levels) and levels[0] >= 0.25 and levels[-1] == 1.0


def test_each_step_says_its_direction_and_level() -> None:
    assert step_words("rate", "normal", "brisk", +1) == "Faster: brisk"
    assert step_words("rate", "slow", "very slow", -1) == "Slower: very slow"
    assert step_words("rate", "top speed", "top speed", +1) == "Fastest already: top speed"
    assert step_words("volume", "normal", "loud", +1) == "Louder: loud"
    assert step_words("volume", "quietest", "quietest", -1) == "Quietest already: quietest"


def test_settings_saved_with_the_old_step_names_still_load(tmp_path: Path) -> None:
    names = dict(RATE_STEPS)
    for old, new in OLD_RATE_NAMES.items():
        path = tmp_path / f"{old}.json"
        path.write_text(json.dumps({"rate": old, "volume": "louder"}), encoding="utf-8")
        settings, notice = load_settings(path)
        assert notice is None, notice
        assert settings.rate == new and settings.volume == OLD_VOLUME_NAMES["louder"]
        assert new in names
    # each old name lands on the step nearest the speed it meant (110, 135, 195 and 230 words a minute)
    assert [names[OLD_RATE_NAMES[o]] for o in ("slowest", "slower", "faster", "fastest")] == [110, 140, 220, 220]
