"""The reading state: what is being read, where, and what should be heard next.

Owned by the service thread. It decides *what* should be heard (``want``) and
never touches a process: the service makes and plays the sentence, and gives
this state a ``silence`` callback for the moments it must cut the sound off.
The UI thread only reads ``mode`` and ``position`` (whole values, replaced, never
changed in place) for the status line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from guide.speech.api import Cue, Unit, Utterance
from guide.speech.text import announcement


class Mode(StrEnum):
    IDLE = "idle"
    READING = "reading"
    ANNOUNCING = "announcing"
    """Saying something that is not the document (a focus change, a notice, a setting's word)."""
    PAUSED = "paused"
    """A document is open and stopped part-way; resume carries on from the same sentence."""


class Reading:
    def __init__(self, silence: Callable[[], None], enabled: Callable[[], bool]) -> None:
        self._silence = silence
        self._enabled = enabled
        self.doc: list[Utterance] = []
        self.index = -1
        self.mode = Mode.IDLE
        self.want: Utterance | None = None
        """The utterance to play as soon as its WAV is ready; None when nothing is waiting."""
        self.want_index = -1
        self.last: tuple[Utterance, int] | None = None
        """What was last heard and its index, for repeat."""
        self.resume_after = False
        """An announcement interrupted the reading, which carries on when it ends."""
        self.announcing_next: list[Utterance] = []
        """The rest of a long announcement, said after the part being said now."""
        self.position = (-1, 0)

    def status_part(self) -> str:
        """What the status line says about the reading: ", reading 3 of 40", ", speaking" or nothing."""
        index, total = self.position
        if self.mode == Mode.ANNOUNCING:
            return ", speaking"
        if self.mode in (Mode.READING, Mode.PAUSED) and total and index >= 0:
            return f", {self.mode} {index + 1} of {total}"
        return ""

    # --- what the commands do -----------------------------------------------------------------

    def read(self, utterances: Sequence[Utterance], start: int) -> None:
        self._silence()
        self.doc = list(utterances)
        start = max(0, min(start, len(self.doc) - 1))
        if self.doc:
            self.play(start)
        else:
            self.mode, self.index = Mode.IDLE, -1
        self.position = (self.index, len(self.doc))

    def announce(self, parts: Sequence[Utterance]) -> None:
        self.say(parts[0])
        self.announcing_next = list(parts[1:])

    def stop(self) -> None:
        self._silence()
        self.want = None
        self.announcing_next = []
        if self.mode != Mode.IDLE:
            self.mode = Mode.PAUSED if self.doc else Mode.IDLE

    def pause(self) -> bool:
        """True if something was paused."""
        if self.mode not in (Mode.READING, Mode.ANNOUNCING):
            return False
        self._silence()
        self.want = None
        self.announcing_next = []
        self.mode = Mode.PAUSED
        return True

    def resume(self) -> bool:
        """True if the reading goes on again."""
        if not (self.doc and self.mode != Mode.READING and 0 <= self.index < len(self.doc)):
            return False
        self.play(self.index)
        return True

    def switched(self, enabled: bool) -> None:
        """Speech was turned on or off: stop, and say so whichever it is."""
        self._silence()
        self.want = None
        self.mode = Mode.PAUSED if self.doc and self.mode != Mode.IDLE else Mode.IDLE
        self.resume_after = False
        self.say(announcement("Speech on" if enabled else "Speech off"), force=True)

    def move(self, unit: Unit, step: int) -> None:
        if not self.doc:
            self.say(announcement("Nothing is being read."))
            return
        i = max(0, self.index)
        target = _target(self.doc, i, unit, step)
        if target >= len(self.doc):
            self.index = i
            self.say(announcement("End of topic."))
            self.resume_after = False
            return
        self.play(max(0, target))

    def repeat(self) -> None:
        if self.last is None:
            return
        utterance, index = self.last
        if index >= 0 and self.doc and index < len(self.doc) and self.doc[index] is utterance:
            self.play(index)
        else:
            self.say(utterance)

    # --- what playback tells it ---------------------------------------------------------------

    def started(self, utterance: Utterance, index: int) -> None:
        self.want = None
        self.last = (utterance, index)

    def ended(self) -> bool:
        """An utterance played to its end (or failed): go on. True if the document just finished."""
        if self.mode == Mode.READING:
            if self.index + 1 < len(self.doc):
                self.play(self.index + 1)
                return False
            self.mode = Mode.IDLE
            return True
        if self.mode == Mode.ANNOUNCING:
            if self.announcing_next:
                self.want, self.want_index = self.announcing_next.pop(0), -1
            elif self.resume_after and self.doc and 0 <= self.index < len(self.doc):
                self.play(self.index)
            else:
                self.mode = Mode.PAUSED if self.doc and 0 <= self.index < len(self.doc) else Mode.IDLE
        return False

    def again(self) -> None:
        """The sound that started last broke off (its engine died): want it again, from its start."""
        if self.last is not None and self.mode in (Mode.READING, Mode.ANNOUNCING):
            self.want, self.want_index = self.last

    def upcoming(self) -> tuple[Utterance, int] | None:
        """The utterance likely to be wanted next, worth making before it is asked for."""
        if self.mode == Mode.READING and 0 <= self.index + 1 < len(self.doc):
            return self.doc[self.index + 1], self.index + 1
        if self.mode == Mode.ANNOUNCING and self.announcing_next:
            return self.announcing_next[0], -1
        return None

    def tone_for(self, utterance: Utterance, index: int) -> bool:
        """Cue tones at the start of a heading or link, and once before a run of urgent sentences."""
        if utterance.cue is Cue.NONE:
            return False
        if index < 0:
            return True
        if utterance.cue is Cue.URGENT:
            return index == 0 or self.doc[index - 1].cue is not Cue.URGENT
        return utterance.start == 0

    # --- the two ways to want something -------------------------------------------------------

    def say(self, utterance: Utterance, force: bool = False) -> None:
        if not (self._enabled() or force):
            return
        # A word said over the reading ("faster", "where am I") leaves the reading going on after it.
        self.resume_after = self.mode == Mode.READING or (self.mode == Mode.ANNOUNCING and self.resume_after)
        self._silence()
        self.announcing_next = []
        self.mode = Mode.ANNOUNCING
        self.want, self.want_index = utterance, -1

    def play(self, index: int) -> None:
        self._silence()
        self.announcing_next = []
        self.mode = Mode.READING
        self.index = index
        self.want, self.want_index = self.doc[index], index
        self.position = (index, len(self.doc))


def _target(doc: Sequence[Utterance], i: int, unit: Unit, step: int) -> int:
    """Where a move by one sentence, paragraph or section from ``i`` lands (len(doc) past the end)."""
    if unit is Unit.SENTENCE:
        return i + step

    def group(u: Utterance) -> int:
        return u.section if unit is Unit.SECTION else u.paragraph

    if step > 0:
        return next((j for j in range(i + 1, len(doc)) if group(doc[j]) != group(doc[i])), len(doc))
    # back: to the start of the previous group
    start = i
    while start > 0 and group(doc[start - 1]) == group(doc[i]):
        start -= 1
    target = start - 1
    while target > 0 and group(doc[target - 1]) == group(doc[target]):
        target -= 1
    return target
