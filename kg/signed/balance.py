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

from kg.errors import KGError
from kg.signed.arrays import SignedEdges
from kg.signed.triads import MAX_LISTED, TRIAD_TYPES, negative_counts, triangle_blocks


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
    G : networkx.Graph or SignedEdges
        An undirected signed graph (edge attribute ``sign`` of +1/-1), or
        its :class:`~kg.signed.arrays.SignedEdges`.
    sign : str, default "sign"
        The edge attribute that holds the sign.
    limit : int, optional
        List at most this many unbalanced triangles, the first by node
        order (all by default); the census always counts every triangle.
        The triangles are found block by block and only those to be listed
        are kept, so memory grows with the list, not with the triangles: a
        list longer than ``MAX_LISTED`` (1,000,000) raises
        :class:`~kg.errors.KGError` rather than fill the memory.

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
    counts = np.zeros(4, dtype=np.int64)
    kept = np.zeros((0, 3), dtype=np.int64)
    # block by block, keeping only the unbalanced triangles to be listed
    for block in triangle_blocks(E):
        negatives = negative_counts(E, block)
        counts += np.bincount(negatives, minlength=4)
        odd = block[negatives % 2 == 1]
        if not len(odd):
            continue
        kept = np.concatenate([kept, odd])
        if limit is not None and len(kept) > limit:
            kept = kept[_node_order(E, kept)[:limit]]
        if len(kept) > MAX_LISTED:
            raise KGError(f"the network has more than {MAX_LISTED:,} unbalanced triangles, "
                          f"more than can be listed at once; list the first N with a limit "
                          f"of at most {MAX_LISTED:,} (kg balance --limit N)")
    census = {name: int(counts[i]) for i, name in enumerate(TRIAD_TYPES)}
    return Balance(census, tuple(signed_triangles(E, kept, limit=limit)))


def _corners(E: SignedEdges, triangles: np.ndarray) -> tuple[np.ndarray, ...]:
    """The nodes a < b < c (by index) of each triangle."""
    ends_u, ends_v = E.u[triangles], E.v[triangles]
    a = np.minimum(ends_u, ends_v).min(axis=1)
    c = np.maximum(ends_u, ends_v).max(axis=1)
    b = (ends_u.sum(axis=1) + ends_v.sum(axis=1)) // 2 - a - c
    return a, b, c


def _node_order(E: SignedEdges, triangles: np.ndarray) -> np.ndarray:
    a, b, c = _corners(E, triangles)
    return np.lexsort((c, b, a))


def signed_triangles(E: SignedEdges, triangles: np.ndarray, *, limit: int | None = None
                     ) -> list[SignedTriangle]:
    """Turn rows of edge indices into :class:`SignedTriangle` objects,
    sorted by their nodes (vectorised; only the rows kept become objects)."""
    if not len(triangles):
        return []
    ends_u, ends_v = E.u[triangles], E.v[triangles]
    a, b, c = _corners(E, triangles)
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
