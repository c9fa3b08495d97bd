"""Mixed pairs: allies that are also rivals.

The signed graph collapses every pair of actors to one tie of one sign
(see :mod:`kg.signed.network`), and the measures read that net sign. A
pair with ties of both signs is *mixed*: its cooperation and its hostility
are both real, and the net hides the tension between them. A
:class:`MixedTie` keeps the two components in view, and which of them
dominates (gives the collapsed sign: equal components count as negative,
as in the collapse).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class MixedTie:
    """A mixed pair with its positive and negative weight (``None`` when
    the graph does not keep them); ``apart`` when its ties of the two signs
    never held at the same time (mixed only over all dates)."""

    a: object
    b: object
    positive: float | None
    negative: float | None
    sign: int
    apart: bool = False

    @property
    def dominant(self) -> str:
        """``"positive"`` or ``"negative"``: the component that gives the net
        sign; ``"neither"`` when they are equal (the net then counts as
        negative)."""
        if self.positive is not None and self.positive == self.negative:
            return "neither"
        return "positive" if self.sign > 0 else "negative"


def mixed_tie(G: nx.Graph, a, b, *, sign: str = "sign") -> MixedTie | None:
    """The mixed tie between ``a`` and ``b``, ``None`` when the pair is not
    mixed (or not tied).

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"sign": -1, "weight": 2.4, "mixed": True,
    ...                           "positive_weight": 11.4, "negative_weight": 13.8})])
    >>> t = mixed_tie(G, "A", "B")
    >>> t.positive, t.negative, t.dominant
    (11.4, 13.8, 'negative')
    """
    if not G.has_edge(a, b) or not G.edges[a, b].get("mixed"):
        return None
    data = G.edges[a, b]
    return MixedTie(a, b, _number(data.get("positive_weight")),
                    _number(data.get("negative_weight")), 1 if data[sign] > 0 else -1,
                    bool(data.get("apart")))


def mixed_ties(G: nx.Graph, node, *, sign: str = "sign") -> list[MixedTie]:
    """The mixed ties of ``node``, each from ``node`` to a neighbour, by
    the neighbour's name.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"sign": 1, "mixed": True}), ("A", "C", {"sign": 1})])
    >>> [(t.a, t.b) for t in mixed_ties(G, "A")]
    [('A', 'B')]
    """
    found = (mixed_tie(G, node, other, sign=sign) for other in sorted(G[node], key=str))
    return [t for t in found if t is not None]


def _number(value) -> float | None:
    return None if value is None else float(value)


def never_together(ties: Iterable[tuple], times: dict) -> bool:
    """Whether no tie of a pair held while one of the other sign did:
    ``ties`` as :func:`kg.signed.network.collapse_dyad` keeps them,
    ``times`` each statement's ``(When, happening)``
    (:func:`kg.sparql.snapshot.statement_times`; a thing that happens holds
    from then on, as a view reads it). False as soon as one statement is
    undated: it holds at every date.

    Examples
    --------
    >>> from kg.rdf.dates import Date, When
    >>> times = {"pact": (When.between(Date.parse("1990"), Date.parse("2005")), False),
    ...          "rivalry": (When.between(Date.parse("2006"), None), False)}
    >>> never_together([("pact", "", 1, 4.0, ()), ("rivalry", "", -1, 4.0, ())], times)
    True
    >>> times["rivalry"] = (When.between(Date.parse("2005"), None), False)
    >>> never_together([("pact", "", 1, 4.0, ()), ("rivalry", "", -1, 4.0, ())], times)
    False
    """
    from kg.rdf.dates import When

    spans: dict[bool, list] = {True: [], False: []}
    for statement, _kind, sign, _weight, _claimants in ties:
        if statement not in times:
            return False
        when, happening = times[statement]
        spans[sign > 0].append(When.between(when.begin, None) if happening else when)
    return not any(p.meets(n.start or dt.date.min, n.end or dt.date.max)
                   for p in spans[True] for n in spans[False])
