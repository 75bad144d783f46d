"""The suite's fake speech service stays a faithful SpeechService: every member of the Protocol, same shape."""

from __future__ import annotations

import inspect

from guide.speech.api import RATE_STEPS, VOLUME_STEPS, EventKind, SpeechEvent, SpeechService, Unit, Utterance

from .speech_fake import RecordingSpeech, as_service

MEMBERS = sorted(name for name in vars(SpeechService) if not name.startswith("_"))


def test_the_fake_has_every_protocol_member_with_the_same_signature() -> None:
    assert {"enabled", "stop"} <= set(MEMBERS)  # properties and methods are both found
    for name in MEMBERS:
        wanted, given = vars(SpeechService)[name], inspect.getattr_static(RecordingSpeech, name, None)
        assert given is not None, f"the fake lacks {name}"
        if isinstance(wanted, property):
            assert isinstance(given, property), f"{name} must be a property"
        else:
            assert inspect.signature(given) == inspect.signature(wanted), name


def test_the_fake_moves_and_steps_like_the_real_service() -> None:
    speech = RecordingSpeech(enabled=True)
    heard: list[SpeechEvent] = []
    as_service(speech).subscribe(heard.append)
    document = [Utterance(f"S{i}.", f"S{i}.", section=i // 4, paragraph=i // 2) for i in range(8)]
    speech.read(document, start=1)
    speech.move(Unit.PARAGRAPH, 1)
    assert speech.where() == (2, 8)
    speech.move(Unit.SECTION, 1)
    assert speech.where() == (4, 8)
    speech.move(Unit.SECTION, -1)
    assert speech.where() == (0, 8)
    assert [e.index for e in heard if e.kind is EventKind.STARTED] == [1, 2, 4, 0]
    rates, volumes = [name for name, _ in RATE_STEPS], [name for name, _ in VOLUME_STEPS]
    up, down = rates[rates.index("normal") + 1:], volumes[:volumes.index("normal")][::-1]
    assert [speech.change_rate(1) for _ in range(len(up) + 1)] == [*up, up[-1]]  # stops at the fastest
    assert [speech.change_volume(-1) for _ in range(len(down) + 1)] == [*down, down[-1]]  # never silent


def test_only_what_is_said_with_speech_on_counts_as_heard() -> None:
    speech = RecordingSpeech(enabled=False)
    speech.announce("Welcome")
    speech.set_enabled(True)
    speech.announce("Hello")
    assert speech.said() == ["Welcome", "Hello"]
    assert [call[1] for call in speech.sounds()] == ["Hello"]
