"""The parser behind the kiosk's drivers, fed in process: any bytes at all give events or
nothing, never an exception, and an ordinary key after garbage still arrives."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.geometry import Size

from guide.kiosk.input_guard import (
    MAX_COLUMNS,
    MAX_PASTE_CHARACTERS,
    MAX_PASTE_SECONDS,
    MAX_ROWS,
    GuardedParser,
    clamp_size,
    guard_size,
)
from tests.kiosk.fake_clock import FakeClock

ESCAPE_PIECES = st.sampled_from([b"\x1b", b"[", b"<", b"?", b";", b":", b"u", b"~", b"t", b"M", b"$y",
                                 b"1114112", b"99999999999999999999", b"-1", b"0", b"48", b"200~", b"\xff"])
STREAMS = st.lists(st.one_of(st.binary(max_size=12), ESCAPE_PIECES), max_size=40).map(b"".join)


def keys(messages: Sequence[object]) -> list[str]:
    return [m.key for m in messages if isinstance(m, events.Key)]


def test_the_sequences_that_crashed_textual_give_no_exception() -> None:
    for bad in (b"\x1b[1114112u", b"\x1b[99999999999999999999A", b"\xff", b"\xc3\x28", b"\x9b"):
        parser = GuardedParser()
        parser.feed_bytes(bad)
        parser.tick()
        assert keys(parser.feed_bytes(b"a")) == ["a"]


def test_a_dropped_read_is_counted_and_the_parser_starts_again() -> None:
    parser = GuardedParser()
    parser.feed_bytes(b"\x1b[1114112u")
    assert parser.dropped == 1
    assert keys(parser.feed_bytes(b"q")) == ["q"]


def test_keys_typed_in_the_same_read_as_a_bad_sequence_still_arrive() -> None:
    """Under load a terminal's reads run together: a scanner's garbage and the visitor's next keys
    come in one read, and only the garbage may go."""
    for bad in (b"\x1b[1114112u", b"\x1b[99999999999999999999A", b"\xff", b"\x9b"):
        parser = GuardedParser()
        assert keys(parser.feed_bytes(b"a" + bad + b"hi\r")) == ["a", "h", "i", "enter"], bad
    parser = GuardedParser()
    assert keys(parser.feed_bytes(b"\x1b[1114112u\x1b[1114112u\x1b[B")) == ["down"]
    assert parser.dropped == 2


def test_a_paste_start_with_no_end_does_not_make_the_kiosk_deaf() -> None:
    """"\\e[200~" alone would make Textual take every later key as pasted text, for ever."""
    clock = FakeClock()
    parser = GuardedParser(clock=clock)
    assert keys(parser.feed_bytes(b"\x1b[200~abc")) == []
    clock.advance(MAX_PASTE_SECONDS + 0.5)
    parser.tick()
    assert keys(parser.feed_bytes(b"\x1b[24~\x1b[24~q")) == ["f12", "f12", "q"]


def test_a_normal_paste_arrives_whole_and_an_overlong_one_is_cut_off() -> None:
    parser = GuardedParser()
    pasted = [m for m in parser.feed_bytes(b"\x1b[200~nivo and ipi\x1b[201~") if isinstance(m, events.Paste)]
    assert [p.text for p in pasted] == ["nivo and ipi"]
    parser = GuardedParser()
    flood = b"\x1b[200~" + b"x" * (MAX_PASTE_CHARACTERS + 100) + b"\x1b[201~" + b"a"
    out = parser.feed_bytes(flood)
    assert keys(out) == ["a"]  # the rest of the flood and its end marker are dropped, no stray "~"
    assert not any(isinstance(m, events.Paste) for m in out)


@settings(max_examples=3000, deadline=None)
@given(STREAMS)
def test_any_byte_stream_is_taken_without_an_exception(stream: bytes) -> None:
    parser = GuardedParser()
    for cut in range(0, len(stream), 7):  # in reads of a few bytes, as a slow terminal sends them
        parser.feed_bytes(stream[cut:cut + 7])
    parser.feed_bytes(b"\x1b")
    parser.tick()


def test_sizes_are_clamped_and_absurd_ones_ignored() -> None:
    assert clamp_size(30000, 30000) == Size(MAX_COLUMNS, MAX_ROWS)
    assert clamp_size(120, 40) == Size(120, 40)
    for width, height in ((-5, -5), (0, 10), (10, 0), ("80", 24), (80.5, 24), (True, 24), (None, None)):
        assert clamp_size(width, height) is None
    huge = events.Resize(Size(30000, 30000), Size(30000, 30000))
    clamped = guard_size(huge)
    assert isinstance(clamped, events.Resize) and clamped.size == Size(MAX_COLUMNS, MAX_ROWS)
    assert guard_size(events.Resize(Size(0, 0), Size(0, 0))) is None
