"""Centrality of actors in a signed graph.

``degree`` and ``strength`` count ties and their weight, split by sign.
``betweenness``, ``eigenvector`` and ``pagerank`` are the networkx
measures on the unsigned graph (weights ``|weight|`` for eigenvector and
pagerank, every edge of length 1 for betweenness): they say who is
central, not whether as friend or foe. ``pn`` is the signed PN centrality
of Everett and Borgatti (Social Networks, 2014): with ``P`` and ``N`` the
0/1 matrices of positive and negative ties and ``A = P - 2N``,

    PN = (I - A / (2n - 2))^-1 1

so that positive ties raise a node's score and negative ties lower it
twice as much; in a complete all-positive graph every node scores 2, in a
complete all-negative one 0.5.

A mixed dyad counts once, with its collapsed sign and weight (see
:mod:`kg.signed.network`).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.errors import KGError
from kg.signed.arrays import require_signed

MEASURES = ("degree", "strength", "betweenness", "eigenvector", "pagerank", "pn")


@dataclass(frozen=True)
class Score:
    """One node's score, with the positive and negative parts where the
    measure has them."""

    node: object
    value: float
    positive: float | None = None
    negative: float | None = None


def centrality(G: nx.Graph, *, measure: str = "degree", weight: str = "weight",
               sign: str = "sign", top: int | None = None) -> list[Score]:
    """Score every node of ``G``, best first (ties by node name).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("a", "c")], sign=1)
    >>> G.add_edge("b", "c", sign=-1)
    >>> [(s.node, round(s.value, 3)) for s in centrality(G, measure="pn")]
    [('a', 1.455), ('b', 0.909), ('c', 0.909)]
    >>> [(s.node, s.value, s.positive, s.negative) for s in centrality(G, top=1)]
    [('a', 2.0, 2.0, 0.0)]
    """
    if measure not in MEASURES:
        raise KGError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    require_signed(G, sign=sign)
    if G.number_of_nodes() == 0:
        return []
    scores = _MEASURES[measure](G, weight=weight, sign=sign)
    scores.sort(key=lambda s: (-round(s.value, 12), str(s.node)))
    return scores if top is None else scores[:top]


def degree(G, *, weight="weight", sign="sign") -> list[Score]:
    """Number of ties, and of positive and negative ones."""
    return [
        Score(node, float(G.degree(node)),
              float(sum(1 for _, _, s in G.edges(node, data=sign) if s > 0)),
              float(sum(1 for _, _, s in G.edges(node, data=sign) if s < 0)))
        for node in G
    ]


def strength(G, *, weight="weight", sign="sign") -> list[Score]:
    """Sum of |weight| over all ties, and over positive and negative ones."""
    result = []
    for node in G:
        pos = sum(abs(d.get(weight, 1.0)) for _, _, d in G.edges(node, data=True) if d[sign] > 0)
        neg = sum(abs(d.get(weight, 1.0)) for _, _, d in G.edges(node, data=True) if d[sign] < 0)
        result.append(Score(node, float(pos + neg), float(pos), float(neg)))
    return result


def _unsigned(G, weight):
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_weighted_edges_from((a, b, abs(d.get(weight, 1.0))) for a, b, d in G.edges(data=True))
    return H


def betweenness(G, *, weight="weight", sign="sign") -> list[Score]:
    """Betweenness on the unsigned graph, every edge of length 1."""
    values = nx.betweenness_centrality(_unsigned(G, weight), weight=None)
    return [Score(node, float(values[node])) for node in G]


def eigenvector(G, *, weight="weight", sign="sign") -> list[Score]:
    """Eigenvector centrality on the unsigned graph weighted by |weight|."""
    H = _unsigned(G, weight)
    if H.number_of_edges() == 0:
        return [Score(node, 0.0) for node in G]
    try:
        values = nx.eigenvector_centrality_numpy(H, weight="weight")
    except (nx.NetworkXException, ArithmeticError, ValueError) as err:
        raise KGError(f"eigenvector centrality failed: {err}") from None
    return [Score(node, abs(float(values[node]))) for node in G]


def pagerank(G, *, weight="weight", sign="sign") -> list[Score]:
    """PageRank on the unsigned graph weighted by |weight|."""
    values = nx.pagerank(_unsigned(G, weight), weight="weight")
    return [Score(node, float(values[node])) for node in G]


def pn(G, *, weight="weight", sign="sign") -> list[Score]:
    """PN centrality (Everett & Borgatti 2014)."""
    nodes = list(G)
    n = len(nodes)
    if n == 1:
        return [Score(nodes[0], 1.0, 0.0, 0.0)]
    index = {node: i for i, node in enumerate(nodes)}
    A = np.zeros((n, n))
    for a, b, s in G.edges(data=sign):
        A[index[a], index[b]] = A[index[b], index[a]] = 1.0 if s > 0 else -2.0
    try:
        values = np.linalg.solve(np.eye(n) - A / (2 * n - 2), np.ones(n))
    except np.linalg.LinAlgError:
        raise KGError("PN centrality is undefined here: I - A/(2n-2) is singular "
                      "(e.g. two nodes tied only negatively)") from None
    pos = (A > 0).sum(axis=1)
    neg = (A < 0).sum(axis=1)
    return [Score(node, float(values[i]), float(pos[i]), float(neg[i]))
            for i, node in enumerate(nodes)]


_MEASURES = {
    "degree": degree,
    "strength": strength,
    "betweenness": betweenness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
    "pn": pn,
}
