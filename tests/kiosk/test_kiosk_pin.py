"""The staff PIN: which PINs may be chosen, the salted hash, writing it into the config file, and
the gate that locks the prompt after five wrong tries (driven by a fake clock, no waiting)."""

from __future__ import annotations

import os
from pathlib import Path

from guide.kiosk.config import TEMPLATE, load_config
from guide.kiosk.pin import (
    PinGate,
    PinOutcome,
    find_pin_hash_line,
    hash_pin,
    pin_problem,
    verify_pin,
    write_pin_hash,
)

from .fake_clock import FakeClock

GOOD_PIN = "482913"


def test_five_wrong_pins_lock_the_prompt_for_minutes() -> None:
    clock = FakeClock()
    gate = PinGate(lambda pin: pin == "482913", max_tries=5, lockout_seconds=180, clock=clock)
    results = [gate.attempt("000000") for _ in range(5)]
    assert [r.outcome for r in results] == [PinOutcome.WRONG] * 4 + [PinOutcome.LOCKED]
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert "1 try left" in results[3].message()
    # While locked even the right PIN is refused.
    clock.advance(60)
    locked = gate.attempt("482913")
    assert locked.outcome is PinOutcome.LOCKED
    assert locked.locked_seconds == 120
    assert "2 min 00 s" in locked.message()
    clock.advance(120.5)
    assert gate.attempt("482913").outcome is PinOutcome.ACCEPTED



def test_a_right_pin_clears_earlier_wrong_tries() -> None:
    gate = PinGate(lambda pin: pin == "482913", clock=FakeClock())
    for _ in range(4):
        gate.attempt("1")
    assert gate.attempt("482913").outcome is PinOutcome.ACCEPTED
    assert gate.attempt("1").tries_left == 4



def test_no_pin_set_says_how_to_set_one() -> None:
    result = PinGate(None).attempt("123456")
    assert result.outcome is PinOutcome.NO_PIN
    assert "--set-pin" in result.message()



def test_pin_rules() -> None:
    assert pin_problem(GOOD_PIN) is None
    assert pin_problem("12a456")
    assert pin_problem("1234")  # too short
    assert pin_problem("111111") and pin_problem("123456")
    assert pin_problem("٤٨٢٩١٣")  # non-ASCII digits are refused



def test_pin_hash_is_salted_and_checked_in_constant_time() -> None:
    first, second = hash_pin(GOOD_PIN), hash_pin(GOOD_PIN)
    assert first != second  # salted
    assert GOOD_PIN not in first
    assert verify_pin(GOOD_PIN, first) and verify_pin(GOOD_PIN, second)
    assert not verify_pin("482914", first)
    assert not verify_pin(GOOD_PIN, first[:-4] + "AAA=")
    assert not verify_pin(GOOD_PIN, "scrypt$1048576000$8$1$AAAA$AAAA")  # absurd cost refused, not run



def test_write_pin_hash_keeps_other_lines_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("# clinic 3\nidle_seconds: 45\npin_hash: null\ntheme: guide-light\n", encoding="utf-8")
    os.chmod(path, 0o640)
    stored = hash_pin(GOOD_PIN)
    write_pin_hash(path, stored, new_file=TEMPLATE)
    text = path.read_text()
    assert text.startswith("# clinic 3\nidle_seconds: 45\n")
    assert text.count("pin_hash:") == 1
    assert path.stat().st_mode & 0o777 == 0o640
    config = load_config(path)
    assert config.problems == () and config.idle_seconds == 45 and config.pin_hash == stored
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.yaml"]  # no temporary left behind


def test_set_pin_on_a_new_machine_writes_the_explained_template_for_this_user_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "kiosk.yaml"
    stored = hash_pin(GOOD_PIN)
    write_pin_hash(path, stored, new_file=TEMPLATE)
    assert path.stat().st_mode & 0o777 == 0o600  # the hash is not for other users to copy and attack
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Kiosk settings for immunoguide")
    assert f'pin_hash: "{stored}"' in text and text.count("pin_hash:") == 1
    config = load_config(path)
    assert config.problems == () and config.pin_hash == stored


def test_a_hash_line_is_found_without_a_yaml_parser_and_only_if_well_formed() -> None:
    stored = hash_pin(GOOD_PIN)
    assert find_pin_hash_line(f"idle_seconds: [\npin_hash: '{stored}'  # staff\n") == (2, stored)
    assert find_pin_hash_line("pin_hash: 1234\n") is None
    assert find_pin_hash_line("  pin_hash: " + stored + "\n") is None  # nested, not the setting
