"""The real guide with the real speech service (espeak-ng engine processes) and a recording sink:
what a listener hears when they press keys, and that the highlight follows the voice."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from guide.content.model import Library
from guide.settings import Settings
from guide.speech.players import RecordingPlayer
from guide.speech.service import EngineSpeechService, engine_problem
from guide.speech.text import topic_utterances
from guide.ui.app import GuideApp, build_app

pytestmark = [pytest.mark.skipif(engine_problem() is not None, reason="espeak-ng is not installed"),
              pytest.mark.slow]


async def until(pilot: Pilot[Any], test: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def highlighted(app: GuideApp) -> tuple[int, str] | None:
    block, span = app.reading_pane.speaking_block, app.reading_pane.speaking_span
    if block is None or span is None:
        return None
    return block.index, block.text[span[0] : span[1]]


async def test_read_key_speaks_the_topic_highlight_follows_and_any_key_stops(library: Library, tmp_path: Path) -> None:
    player = RecordingPlayer(time_scale=1.0)  # real-length sentences: they play while we press keys
    service = EngineSpeechService(player, enabled=True)
    doc = topic_utterances(library["side-effects"], library)

    try:
        app = build_app(library, service, Settings(speech=True), settings_path=tmp_path / "settings.json")
        async with app.run_test(size=(120, 40)) as pilot:
            await app.open_topic("side-effects")
            await pilot.pause()
            heard = len(player.records)
            await pilot.press("r")
            await until(pilot, lambda: len(player.records) > heard and player.records[-1].utterance == doc[0])
            await until(pilot, lambda: highlighted(app) == (doc[0].block, doc[0].text))

            # next sentence, while reading: the voice and the highlight move together
            await pilot.press("full_stop")
            await until(pilot, lambda: player.records[-1].utterance == doc[1])
            await until(pilot, lambda: highlighted(app) == (doc[1].block, doc[1].text))
            assert service.where() == (1, len(doc))

            # any other key stops the reading at once, before doing its own thing
            # (which may be to announce where the focus went)
            playing = player.records[-1]
            count = len(player.records)
            await pilot.press("down")
            await until(pilot, lambda: playing.ended is not None, timeout=1.0)
            assert not playing.completed
            await pilot.pause(0.4)
            after = [r.utterance for r in player.records[count:]]
            assert all(u.block == -1 for u in after), "reading must not go on after the key"
            assert service.where()[0] == 1
    finally:
        service.close()
