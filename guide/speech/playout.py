"""What the service thread does after every command: get the wanted sentence playing.

A plain function over the service's parts (reading state, engines, the sound now
playing), called only on the service thread. The wanted sentence plays from the
replay cache when it has been made; otherwise the engine is asked for it and the
player starts on its audio at once, while it is still being made. While one plays,
the next one likely wanted is made, so it starts as soon as this one ends.
"""

from __future__ import annotations

from collections.abc import Callable

from guide.speech.api import Utterance
from guide.speech.engines import EngineFailed, Engines
from guide.speech.players import NowPlaying
from guide.speech.reading import Reading


def pump(
    reading: Reading,
    engines: Engines,
    sound: NowPlaying,
    started: Callable[[Utterance, int], None],
    failed: Callable[[EngineFailed | None], None],
) -> None:
    """Start what should be heard, or have it made; then make the next sentence ahead of time."""
    want, index = reading.want, reading.want_index
    if want is not None and not sound.playing:
        tone = reading.tone_for(want, index)
        audio = engines.audio(want, tone)
        if audio is None:
            failed(engines.request(want, tone))
            # retired: the failure may have sent speech to rest
            audio = None if engines.retired else engines.audio(want, tone)
        if audio is not None and not audio.failed:
            sound.play(audio, want)
            reading.started(want, index)
            started(want, index)
    upcoming = reading.upcoming()
    # retired: the failure above may have sent speech to rest
    if upcoming is not None and not engines.busy and not engines.retired:
        utterance, index = upcoming
        tone = reading.tone_for(utterance, index)
        if not engines.known(utterance, tone):
            failed(engines.request(utterance, tone))
