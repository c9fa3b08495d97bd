"""Wedges: third parties that strain a friendly pair, and who gains.

Crawford (*Preventing Enemy Coalitions: How Wedge Strategies Shape Power
Politics*, 2011) and Izumikawa ("To Coerce or Reward? Theorizing Wedge
Strategies in Alliance Politics", *Security Studies* 22(3), 2013) tell two
kinds of wedge apart: a divider rewards one member of a coalition
(*accommodative*, or offered) or coerces it (*coercive*, or forced). This
module finds both and says what structural balance (Heider 1946;
Cartwright & Harary 1956) predicts of each.

**Accommodative wedge.** For a pair (A, B) with a positive tie, a *pivot*
P is tied positively to A and negatively to B. The triad A-B-P is then
unbalanced (+ + -): to restore balance A must cool towards B or towards
P, so P pulls A away from B: *predicted to strain the pair*. A *sponsor*
W is hostile to B and positive to P, or tolerates P (a mixed tie: W both
cooperates with and pressures P); W gains when A drifts from B, its
adversary's friend.

**Coercive wedge.** A sponsor W negative to both members of a positive
pair (A, B) presses A: a ``kg:Pressure`` from W to A (the ``pressure``
layer of :mod:`kg.signed.network`; an edge list has no pressures, so no
coercive wedges). W means to pull A away from B, but a common enemy makes
the triad A-B-W + - -, which is balanced: the coercion is *predicted to
tighten the pair*, not to split it. A coercive wedge is (A, B) with every
sponsor that presses A; it has no pivot, no strain and scores 0 (balance
predicts no split for anybody to gain from), and is listed after the
accommodative wedges, the strongest pressure first (a sponsor's
``support``: the geometric mean of its two hostile ties).

Reading a pair "with a positive tie" includes a mixed pair, which still
has cooperation to lose; "negative" is a dyad's collapsed sign (a mixed
dyad whose hostility outweighs its cooperation is negative).

Score of an accommodative wedge, in [0, 1]. Let ``s(x, y) = |weight(x, y)|
/ max |weight|`` be the relative strength of a tie (a mixed pair's
collapsed weight, see :mod:`kg.signed.network`). Then

- strain = (s(A, B) * s(P, A) * s(P, B)) ** (1/3), the geometric mean of
  the three ties of the unbalanced triad;
- support(W) = (s(W, B) * t(W, P)) ** (1/2), where t is s(W, P) for a
  positive tie and 1/2 for a tolerating (mixed) one;
- score = strain * max support over the sponsors, so a wedge nobody gains
  from scores 0 (it is still listed, after the others, by strain).

The search looks at every friendly pair, every common neighbour of the
pair (a pivot, or a coercive sponsor) and every common neighbour of the
pivot and the far member (a sponsor). A dense network has far more of
these than a person can read (a pair with c common neighbours alone has
c wedges of up to c sponsors each), so a search that would examine more
than ``MAX_WORK`` of them stops early with :class:`~kg.errors.KGError`;
naming one pair examines only its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.errors import KGError
from kg.signed.arrays import require_signed

#: The kinds of wedge, in the order they are listed.
KINDS = ("accommodative", "coercive")
#: What structural balance predicts of each kind, in plain words.
PREDICTIONS = {
    "accommodative": "predicted to strain the pair",
    "coercive": "predicted to tighten the pair",
}
#: The factor of a tolerating (mixed) sponsor tie in the support.
TOLERATING = 0.5
#: The most pivot and sponsor candidates a search examines (a few
#: seconds, and the memory of the wedges it keeps).
MAX_WORK = 5_000_000


@dataclass(frozen=True)
class Sponsor:
    node: object
    stance: str  # "positive", "tolerating" or (coercive) "pressing"
    support: float


@dataclass(frozen=True)
class Wedge:
    """P pulls A away from B (accommodative), or the sponsors press A, a
    member of the pair A-B (coercive, ``pivot`` is ``None``)."""

    a: object
    b: object
    pivot: object
    sponsors: tuple[Sponsor, ...]
    strain: float
    score: float
    kind: str = "accommodative"

    @property
    def prediction(self) -> str:
        """What balance predicts of the pair: strain or tighten."""
        return PREDICTIONS[self.kind]

    def edges(self) -> list[tuple]:
        """The ties behind the wedge: the triad first, then each sponsor's."""
        if self.kind == "coercive":
            return [(self.a, self.b)] + [pair for s in self.sponsors
                                         for pair in ((s.node, self.a), (s.node, self.b))]
        triad = [(self.a, self.b), (self.pivot, self.a), (self.pivot, self.b)]
        return triad + [pair for s in self.sponsors
                        for pair in ((s.node, self.b), (s.node, self.pivot))]


def presses(G: nx.Graph, x, y) -> tuple[str, ...]:
    """The statements of the pressures ``x`` puts on ``y`` (empty when
    there is no tie, or it holds no pressure from ``x``).

    Examples
    --------
    >>> G = nx.Graph([("W", "A", {"sign": -1, "pressures": (("W", "A", "urn:p"),)})])
    >>> presses(G, "W", "A"), presses(G, "A", "W")
    (('urn:p',), ())
    """
    if not G.has_edge(x, y):
        return ()
    return tuple(statement for presser, pressed, statement in G.edges[x, y].get("pressures", ())
                 if presser == x and pressed == y)


def wedges(G: nx.Graph, a=None, b=None, *, kinds: Iterable[str] = KINDS,
           weight: str = "weight", sign: str = "sign") -> list[Wedge]:
    """Every wedge of ``G`` (or of the pair ``a``, ``b``), best first.

    Parameters
    ----------
    G : networkx.Graph
        A signed graph (:func:`kg.signed.network.signed_graph`); the
        coercive wedges need its ``pressures``.
    a : node, optional
        One end of a friendly pair, to find only its wedges.
    b : node, optional
        The other end of that pair.
    kinds : iterable of str, optional
        Which kinds of wedge to find (``"accommodative"``,
        ``"coercive"``; both by default); accommodative ones are listed
        first.
    weight : str, default "weight"
        The edge attribute that holds the weight.
    sign : str, default "sign"
        The edge attribute that holds the sign.

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
    >>> H = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", {"sign": -1})])
    >>> H.add_edge("W", "A", sign=-1, pressures=(("W", "A", "urn:tariffs"),))
    >>> [(w.kind, w.a, w.b, w.sponsors[0].node, w.prediction) for w in wedges(H)]
    [('coercive', 'A', 'B', 'W', 'predicted to tighten the pair')]
    """
    require_signed(G, sign=sign, weight=weight)
    if isinstance(kinds, str):
        kinds = (kinds,)
    kinds = tuple(kinds)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise KGError(f"unknown kind of wedge {unknown[0]!r}; choose from {', '.join(KINDS)}")
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
        pairs = [(a, b)]
    else:
        pairs = [(x, y) for x, y in G.edges if friendly(x, y)]

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

    def offered(first, second, pivot) -> Wedge:
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
            sponsors.append(Sponsor(w, stance, (strength(w, second) * factor) ** 0.5))
        sponsors.sort(key=lambda s: (-s.support, str(s.node)))
        score = strain * (sponsors[0].support if sponsors else 0.0)
        return Wedge(first, second, pivot, tuple(sponsors), strain, score)

    accommodative, coercive = [], []
    for x, y in pairs:
        shared = common(x, y)
        for first, second in ((x, y), (y, x)):
            if "accommodative" in kinds:
                accommodative += [offered(first, second, p) for p in shared
                                  if G.edges[p, first][sign] > 0 and G.edges[p, second][sign] < 0]
            if "coercive" in kinds:
                sponsors = sorted(
                    (Sponsor(w, "pressing", (strength(w, first) * strength(w, second)) ** 0.5)
                     for w in shared
                     if G.edges[w, first][sign] < 0 and G.edges[w, second][sign] < 0
                     and presses(G, w, first)),
                    key=lambda s: (-s.support, str(s.node)))
                if sponsors:
                    coercive.append(Wedge(first, second, None, tuple(sponsors), 0.0, 0.0,
                                          kind="coercive"))
    accommodative.sort(key=lambda w: (-round(w.score, 12), -round(w.strain, 12),
                                      str(w.a), str(w.b), str(w.pivot)))
    coercive.sort(key=lambda w: (-round(w.sponsors[0].support, 12), str(w.a), str(w.b)))
    return accommodative + coercive


def _name(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)
