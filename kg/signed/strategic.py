"""Dittmer's strategic triangles.

Lowell Dittmer ("The Strategic Triangle: An Elementary Game-Theoretical
Analysis", World Politics 33(4), 1981) reads a triad of states by the
amity (+) or enmity (-) of its three pairs:

- **ménage à trois** (+ + +): all three are friends;
- **romantic triangle** (+ + -): one *pivot* is friends with two *wings*
  that are hostile to each other, and the pivot can play one off against
  the other;
- **stable marriage** (+ - -): two *partners* are friends and both are
  hostile to the third, the *outcast*;
- **unit veto** (- - -): all three are hostile, the fourth type Dittmer
  added in his 1987 review ("The Strategic Triangle: A Critical Review",
  in a volume edited by Kim, 1987; the full reference is in the docs: docs/guides/analysis.md).

A pair with ties of both signs (mixed) is read with its collapsed sign
(see :mod:`kg.signed.network`), and the triangle is marked ``mixed`` and
names its ``mixed_pairs``, so that a reader sees the tension the net sign
hides (:mod:`kg.signed.mixed` gives both components of each).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.signed.arrays import SignedEdges
from kg.signed.balance import signed_triangles
from kg.signed.triads import MAX_LISTED, triangle_edges

KINDS = {
    "+++": "ménage à trois",
    "++-": "romantic triangle",
    "+--": "stable marriage",
    "---": "unit veto",
}


@dataclass(frozen=True)
class StrategicTriangle:
    """A triad of actors with its Dittmer type and the role of each."""

    nodes: tuple
    triad: str
    kind: str
    pivot: object = None
    wings: tuple = ()
    partners: tuple = ()
    outcast: object = None
    mixed: bool = False
    mixed_pairs: tuple[tuple, ...] = ()

    def roles(self) -> dict[object, str]:
        """Each node's role in the triangle ("pivot", "wing", ...)."""
        if self.pivot is not None:
            return {self.pivot: "pivot", **{w: "wing" for w in self.wings}}
        if self.outcast is not None:
            return {**{p: "partner" for p in self.partners}, self.outcast: "outcast"}
        return {node: ("friend" if self.triad == "+++" else "rival") for node in self.nodes}


def strategic_triangles(G: nx.Graph, *, nodes=None, sign: str = "sign"
                        ) -> list[StrategicTriangle]:
    """Classify every triangle of ``G`` (among ``nodes`` if given).

    More than ``MAX_LISTED`` (1,000,000) triangles raise
    :class:`~kg.errors.KGError` before they fill the memory.

    Parameters
    ----------
    G : networkx.Graph
        An undirected signed graph (edge attribute ``sign`` of +1/-1).
    nodes : iterable of node, optional
        Classify only the triangles among these nodes.
    sign : str, default "sign"
        The edge attribute that holds the sign.

    Returns
    -------
    list[StrategicTriangle]
        One classification per triangle.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("pivot", "w1"), ("pivot", "w2")], sign=1)
    >>> G.add_edge("w1", "w2", sign=-1)
    >>> t, = strategic_triangles(G)
    >>> t.kind, t.pivot, t.wings, t.mixed_pairs
    ('romantic triangle', 'pivot', ('w1', 'w2'), ())
    """
    H = G.subgraph(nodes) if nodes is not None else G
    E = SignedEdges.from_graph(nx.Graph(H), sign=sign)
    result = []
    for t in signed_triangles(E, triangle_edges(E, at_most=MAX_LISTED)):
        a, b, c = t.nodes
        signs = dict(zip(((a, b), (a, c), (b, c)), t.signs, strict=True))
        kind = KINDS[t.triad]
        mixed = {"mixed": t.mixed,
                 "mixed_pairs": tuple(p for p in signs if G.edges[p].get("mixed"))}
        if t.triad == "++-":
            (x, y), = [pair for pair, s in signs.items() if s < 0]
            pivot = next(node for node in t.nodes if node not in (x, y))
            result.append(StrategicTriangle(t.nodes, t.triad, kind, pivot=pivot, wings=(x, y),
                                            **mixed))
        elif t.triad == "+--":
            (x, y), = [pair for pair, s in signs.items() if s > 0]
            outcast = next(node for node in t.nodes if node not in (x, y))
            result.append(StrategicTriangle(t.nodes, t.triad, kind, partners=(x, y),
                                            outcast=outcast, **mixed))
        else:
            result.append(StrategicTriangle(t.nodes, t.triad, kind, **mixed))
    return result
