"""The signed triad census, kept up to date as ties change.

A timeline changes a few ties from one step to the next; recounting every
triangle at every step (:func:`kg.signed.triads.triad_census`) repeats
work on the triangles nothing touched. A tie that appears, ends or
changes sign touches only the triangles through it: one per common
neighbour of its two ends. :class:`IncrementalCensus` keeps the
neighbours of every actor (in hash maps, so the common neighbours of a
pair cost the smaller of the two neighbourhoods) and the count of each
triad type (``+++``, ``++-``, ``+--``, ``---``), and updates the counts
of just those triangles on each change.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from kg.signed.triads import TRIAD_TYPES

_NONE: frozenset = frozenset()


class IncrementalCensus:
    """The triad census of a signed graph that changes one tie at a time.

    Examples
    --------
    >>> census = IncrementalCensus([("a", "b", 1), ("a", "c", 1)])
    >>> census.set("b", "c", -1)
    >>> census.counts()
    {'+++': 0, '++-': 1, '+--': 0, '---': 0}
    >>> census.set("b", "c", 1)          # the tie changes sign
    >>> census.set("a", "c", None)       # a tie ends
    >>> census.counts(), census.triangles, census.share
    ({'+++': 0, '++-': 0, '+--': 0, '---': 0}, 0, None)
    """

    def __init__(self, ties: Iterable[tuple[Hashable, Hashable, int]] = ()):
        # the positive and the negative neighbours of each actor, apart: the
        # triangles a tie closes are then four set intersections, in C
        self._pos: dict[Hashable, set] = {}
        self._neg: dict[Hashable, set] = {}
        self._counts = [0, 0, 0, 0]
        for a, b, sign in ties:
            self.set(a, b, sign)

    def sign(self, a: Hashable, b: Hashable) -> int | None:
        """The sign of the tie a-b, ``None`` when there is none."""
        if b in self._pos.get(a, ()):
            return 1
        return -1 if b in self._neg.get(a, ()) else None

    def set(self, a: Hashable, b: Hashable, sign: int | None) -> None:
        """Give the tie a-b the sign +1 or -1, or end it (``None``)."""
        self.apply(((a, b, sign),))

    def apply(self, changes: Iterable[tuple[Hashable, Hashable, int | None]]) -> None:
        """Apply the changes ``(a, b, sign or None)`` one after the other
        (the changes of one step of a timeline, in one call)."""
        pos, neg, counts = self._pos, self._neg, self._counts
        empty = _NONE
        for a, b, sign in changes:
            if a == b:
                raise ValueError(f"a self-loop has no triangle: {a!r}")
            pa, na = pos.get(a, empty), neg.get(a, empty)
            old = 1 if b in pa else -1 if b in na else None
            new = None if sign is None else (1 if sign > 0 else -1)
            if old == new:
                continue
            pb, nb = pos.get(b, empty), neg.get(b, empty)
            # the common neighbours by the signs of their two ties: 0, 1 or 2 negative
            plus, one, minus = len(pa & pb), len(pa & nb) + len(na & pb), len(na & nb)
            if old is not None:
                shift = old < 0
                counts[shift] -= plus
                counts[1 + shift] -= one
                counts[2 + shift] -= minus
                if old > 0:
                    pa.discard(b)
                    pb.discard(a)
                else:
                    na.discard(b)
                    nb.discard(a)
            if new is not None:
                shift = new < 0
                counts[shift] += plus
                counts[1 + shift] += one
                counts[2 + shift] += minus
                side = pos if new > 0 else neg
                near = side.get(a)
                if near is None:
                    side[a] = {b}
                else:
                    near.add(b)
                near = side.get(b)
                if near is None:
                    side[b] = {a}
                else:
                    near.add(a)

    def counts(self) -> dict[str, int]:
        """The number of triangles of each triad type."""
        return dict(zip(TRIAD_TYPES, self._counts, strict=True))

    @property
    def triangles(self) -> int:
        return sum(self._counts)

    @property
    def balanced(self) -> int:
        """The triangles with an even number of negative ties (+++, +--)."""
        return self._counts[0] + self._counts[2]

    @property
    def share(self) -> float | None:
        """The share of balanced triangles, ``None`` when there is none."""
        return self.balanced / self.triangles if self.triangles else None
