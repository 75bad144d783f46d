"""When speech keeps failing: rest, try again later, and say so once.

Owned by the service thread. Failures in a row are counted; at MAX_FAILURES speech
rests (the guide goes on silently, the status line says why) and is tried again
after a delay that doubles each time it fails again, up to MAX_REST seconds, so a
sound device that comes back (headphones plugged in, a busy engine freed) brings
speech back without anyone restarting the guide. F2 (turning speech on) tries at
once. Only the first failure of an outage is announced; the return is announced
when a sentence has been made and played again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

MAX_FAILURES = 3
"""Failures in a row before speech rests: one crash is replaced quietly, three are an outage."""
FIRST_REST = 2.0
MAX_REST = 60.0


@dataclass
class Recovery:
    failures: int = 0
    resting_until: float | None = None
    """When to try again (perf_counter seconds); None while speech is working."""
    reason: str = ""
    """Why speech rests, for the status line; empty while it works."""
    told: bool = False
    """The listener has been told of this outage (so it is said once)."""
    trying: bool = False
    """Tried again after a rest and not yet heard to work: one more failure means rest again."""
    rest: float = FIRST_REST
    clock: object = field(default=time.perf_counter, repr=False)

    @property
    def resting(self) -> bool:
        return self.resting_until is not None

    def now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def failed(self, reason: str, now: bool = False) -> bool:
        """Count a failure; True when speech must rest now: MAX_FAILURES in a row, a failed retry,
        or ``now`` (the caller counted the failures itself, as the sound player does)."""
        if self.resting:
            return False
        self.failures += 1
        if self.failures < MAX_FAILURES and not self.trying and not now:
            return False
        if self.trying:
            self.rest = min(self.rest * 2, MAX_REST)
        self.trying = False
        self.reason = reason
        self.resting_until = self.now() + self.rest
        return True

    def message(self) -> str:
        """The status line (and the one announcement) while speech rests."""
        return (f"Speech is unavailable: {self.reason}. The guide works without it; speech is tried again "
                f"in {self.rest:.0f} seconds, or now with F2.")

    def worked(self) -> bool:
        """A sentence was made or played; True when this ends an outage (time to say speech is back)."""
        self.failures = 0
        back = self.trying
        if back:
            self.trying = self.told = False
            self.rest = FIRST_REST
            self.reason = ""
        return back

    def time_left(self) -> float | None:
        """Seconds until the next try while resting (the service's queue waits no longer)."""
        return None if self.resting_until is None else max(0.0, self.resting_until - self.now())

    def due(self) -> bool:
        return self.resting_until is not None and self.now() >= self.resting_until

    def try_again(self) -> None:
        """Leave the rest: the next failure sends speech straight back to rest, for longer."""
        self.resting_until = None
        self.failures = 0
        self.trying = True
