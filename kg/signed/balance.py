"""Structural balance of a signed graph: the signed triad census.

Heider (1946) calls a triad balanced when the friend of a friend is a
friend and the enemy of an enemy is a friend; Cartwright and Harary
(1956) generalise this to signed graphs: a triangle is balanced when it
has an even number of negative edges (+++ or +--), unbalanced with an
odd number (++- or ---).

A mixed dyad (ties of both signs) counts with its collapsed sign (see
:mod:`kg.signed.network`); each triangle says whether it holds a mixed dyad.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.signed.arrays import SignedEdges
from kg.signed.triads import TRIAD_TYPES, negative_counts, triangle_edges


@dataclass(frozen=True, order=True)
class SignedTriangle:
    """One triangle: its nodes (sorted), the sign of each of its edges
    ((a, b), (a, c), (b, c)), its triad type and whether a dyad is mixed."""

    nodes: tuple
    signs: tuple[int, int, int]
    triad: str
    mixed: bool

    @property
    def balanced(self) -> bool:
        return self.triad in ("+++", "+--")

    def edges(self) -> list[tuple]:
        a, b, c = self.nodes
        return [(a, b), (a, c), (b, c)]


@dataclass(frozen=True)
class Balance:
    """The census, the share of balanced triangles and the unbalanced ones."""

    census: dict[str, int]
    unbalanced: tuple[SignedTriangle, ...]

    @property
    def triangles(self) -> int:
        return sum(self.census.values())

    @property
    def balanced(self) -> int:
        return self.census["+++"] + self.census["+--"]

    @property
    def share(self) -> float | None:
        """Share of balanced triangles, ``None`` when there is no triangle."""
        return self.balanced / self.triangles if self.triangles else None


def balance(G: nx.Graph | SignedEdges, *, sign: str = "sign", limit: int | None = None
            ) -> Balance:
    """The signed triad census of ``G`` and its unbalanced triangles.

    Parameters
    ----------
    G : an undirected signed graph (edge attribute ``sign`` of +1/-1), or
        its :class:`~kg.signed.arrays.SignedEdges`.
    limit : list at most this many unbalanced triangles (all by default);
        the census always counts every triangle.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c")], sign=1)
    >>> G.add_edge("a", "c", sign=-1)
    >>> result = balance(G)
    >>> result.census, result.share
    ({'+++': 0, '++-': 1, '+--': 0, '---': 0}, 0.0)
    >>> result.unbalanced[0].nodes
    ('a', 'b', 'c')
    """
    E = G if isinstance(G, SignedEdges) else SignedEdges.from_graph(G, sign=sign)
    triangles = triangle_edges(E)
    negatives = negative_counts(E, triangles)
    counts = np.bincount(negatives, minlength=4)
    census = {name: int(counts[i]) for i, name in enumerate(TRIAD_TYPES)}
    odd = triangles[negatives % 2 == 1]
    return Balance(census, tuple(signed_triangles(E, odd, limit=limit)))


def signed_triangles(E: SignedEdges, triangles: np.ndarray, *, limit: int | None = None
                     ) -> list[SignedTriangle]:
    """Turn rows of edge indices into :class:`SignedTriangle` objects,
    sorted by their nodes (vectorised; only the rows kept become objects)."""
    if not len(triangles):
        return []
    ends_u, ends_v = E.u[triangles], E.v[triangles]
    a = np.minimum(ends_u, ends_v).min(axis=1)
    c = np.maximum(ends_u, ends_v).max(axis=1)
    b = (ends_u.sum(axis=1) + ends_v.sum(axis=1)) // 2 - a - c
    # the edge opposite a corner is the one that does not touch it
    def opposite(corner):
        away = (ends_u != corner[:, None]) & (ends_v != corner[:, None])
        return E.sign[triangles[np.arange(len(triangles)), away.argmax(axis=1)]]
    s_ab, s_ac, s_bc = opposite(c), opposite(b), opposite(a)
    mixed = E.mixed[triangles].any(axis=1)
    order = np.lexsort((c, b, a))
    if limit is not None:
        order = order[:limit]
    names = E.nodes.tolist()
    result = []
    for i in order.tolist():
        signs = (int(s_ab[i]), int(s_ac[i]), int(s_bc[i]))
        result.append(SignedTriangle(
            nodes=(names[a[i]], names[b[i]], names[c[i]]),
            signs=signs,
            triad=TRIAD_TYPES[sum(s < 0 for s in signs)],
            mixed=bool(mixed[i]),
        ))
    return result
