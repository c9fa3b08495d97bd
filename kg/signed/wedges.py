"""Wedges: third parties that strain a friendly pair, and who gains.

For a pair (A, B) with a positive tie, a *pivot* P is tied positively to A
and negatively to B. The triad A-B-P is then unbalanced (+ + -, Heider
1946): to restore balance A must cool towards B or towards P, so P pulls A
away from B. A *sponsor* W is hostile to B and positive to P, or tolerates
P (a mixed tie: W both cooperates with and pressures P); W gains when A
drifts from B, its adversary's friend. Reading a pair "with a positive
tie" includes a mixed pair, which still has cooperation to lose.

Score, in [0, 1]. Let ``s(x, y) = |weight(x, y)| / max |weight|`` be the
relative strength of a tie (a mixed pair's collapsed weight, see
:mod:`kg.signed.network`). Then

- strain = (s(A, B) * s(P, A) * s(P, B)) ** (1/3), the geometric mean of
  the three ties of the unbalanced triad;
- support(W) = (s(W, B) * t(W, P)) ** (1/2), where t is s(W, P) for a
  positive tie and 1/2 for a tolerating (mixed) one;
- score = strain * max support over the sponsors, so a wedge nobody gains
  from scores 0 (it is still listed, after the others, by strain).

The search looks at every friendly pair, every common neighbour of the
pair (a pivot) and every common neighbour of the pivot and the far member
(a sponsor). A dense network has far more of these than a person can
read (a pair with c common neighbours alone has c wedges of up to c
sponsors each), so a search that would examine more than ``MAX_WORK``
of them stops early with :class:`~kg.errors.KGError`; naming one pair
examines only its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.errors import KGError
from kg.signed.arrays import require_signed

#: The factor of a tolerating (mixed) sponsor tie in the support.
TOLERATING = 0.5
#: The most pivot and sponsor candidates a search examines (a few
#: seconds, and the memory of the wedges it keeps).
MAX_WORK = 5_000_000


@dataclass(frozen=True)
class Sponsor:
    node: object
    stance: str  # "positive" or "tolerating"
    support: float


@dataclass(frozen=True)
class Wedge:
    """P pulls A away from B; the sponsors gain from the split."""

    a: object
    b: object
    pivot: object
    sponsors: tuple[Sponsor, ...]
    strain: float
    score: float

    def edges(self) -> list[tuple]:
        """The ties behind the wedge: the triad first, then each sponsor's."""
        triad = [(self.a, self.b), (self.pivot, self.a), (self.pivot, self.b)]
        return triad + [pair for s in self.sponsors
                        for pair in ((s.node, self.b), (s.node, self.pivot))]


def wedges(G: nx.Graph, a=None, b=None, *, weight: str = "weight", sign: str = "sign"
           ) -> list[Wedge]:
    """Every wedge of ``G`` (or of the pair ``a``, ``b``), best first.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("A", "B", sign=1)
    >>> G.add_edge("P", "A", sign=1)
    >>> G.add_edge("P", "B", sign=-1)
    >>> G.add_edge("W", "B", sign=-1)
    >>> G.add_edge("W", "P", sign=-1, mixed=True)
    >>> [(w.a, w.b, w.pivot, [(s.node, s.stance) for s in w.sponsors]) for w in wedges(G)]
    [('A', 'B', 'P', [('W', 'tolerating')]), ('A', 'P', 'B', [])]
    """
    require_signed(G, sign=sign, weight=weight)
    if (a is None) != (b is None):
        raise KGError("name both actors of the pair, or neither")
    top = max((abs(d.get(weight, 1.0)) for _, _, d in G.edges(data=True)), default=0.0)

    def strength(x, y) -> float:
        return abs(G.edges[x, y].get(weight, 1.0)) / top if top else 0.0

    def friendly(x, y) -> bool:
        data = G.edges[x, y]
        return data[sign] > 0 or bool(data.get("mixed"))

    if a is not None:
        for node in (a, b):
            if node not in G:
                raise KGError(f"{node!r} is not in the network")
        if not G.has_edge(a, b) or not friendly(a, b):
            raise KGError(f"{_name(G, a)} and {_name(G, b)} have no positive tie: "
                          "there is nothing to wedge")
        pairs = [(a, b), (b, a)]
    else:
        pairs = [pair for x, y in G.edges if friendly(x, y) for pair in ((x, y), (y, x))]

    adj = G.adj
    work = 0
    advice = ("name one friendly pair to search" if a is None
              else "this pair shares too many neighbours")

    def common(x, y) -> list:
        # walk the smaller neighbourhood: a hub's friendly ties must not
        # each cost its whole neighbourhood
        nonlocal work
        small, large = sorted((adj[x], adj[y]), key=len)
        work += len(small)
        if work > MAX_WORK:
            raise KGError(f"a wedge search here would examine more than {MAX_WORK:,} "
                          f"candidate pivots and sponsors; {advice}")
        return sorted((node for node in small if node in large), key=str)

    found = []
    for first, second in pairs:
        for pivot in common(first, second):
            if not (G.edges[pivot, first][sign] > 0 and G.edges[pivot, second][sign] < 0):
                continue
            strain = (strength(first, second) * strength(pivot, first)
                      * strength(pivot, second)) ** (1 / 3)
            sponsors = []
            for w in common(second, pivot):
                if w == first or G.edges[w, second][sign] > 0:
                    continue
                tie = G.edges[w, pivot]
                if tie.get("mixed"):
                    stance, factor = "tolerating", TOLERATING
                elif tie[sign] > 0:
                    stance, factor = "positive", strength(w, pivot)
                else:
                    continue
                support = (strength(w, second) * factor) ** 0.5
                sponsors.append(Sponsor(w, stance, support))
            sponsors.sort(key=lambda s: (-s.support, str(s.node)))
            score = strain * (sponsors[0].support if sponsors else 0.0)
            found.append(Wedge(first, second, pivot, tuple(sponsors), strain, score))
    found.sort(key=lambda w: (-round(w.score, 12), -round(w.strain, 12),
                              str(w.a), str(w.b), str(w.pivot)))
    return found


def _name(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)
