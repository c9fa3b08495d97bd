"""A clock that long computations check, so that a time limit holds.

A time limit is only honoured if every stage that can run long looks at
the clock: the loops in Python check :meth:`Deadline.expired` every few
thousand steps, and a solver that runs in C is handed
:meth:`Deadline.remaining`. A stage that cannot stop halfway raises
:class:`TimeUp`, which its caller catches to fall back on what it has.
"""

from __future__ import annotations

import math
import time


class TimeUp(Exception):
    """The deadline passed inside a stage (caught by the stage's caller)."""


class Deadline:
    """A point in time after which a computation stops looking for better.

    Examples
    --------
    >>> Deadline(60).expired(), Deadline(0).expired()
    (False, True)
    >>> Deadline(None).remaining()
    inf
    >>> 29 < Deadline(60).share(0.5).remaining() <= 30
    True
    """

    def __init__(self, seconds: float | None, *, _end: float | None = None):
        if _end is not None:
            self.end = _end
        else:
            self.end = math.inf if seconds is None else time.monotonic() + max(0.0, seconds)

    def remaining(self) -> float:
        """Seconds left (0.0 once passed; ``inf`` for no limit)."""
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.end

    def check(self) -> None:
        """Raise :class:`TimeUp` once the deadline has passed."""
        if time.monotonic() >= self.end:
            raise TimeUp

    def share(self, fraction: float) -> Deadline:
        """A deadline that ends after ``fraction`` of the time now left."""
        if math.isinf(self.end):
            return self
        now = time.monotonic()
        return Deadline(None, _end=now + fraction * max(0.0, self.end - now))
