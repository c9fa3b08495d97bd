"""List every triangle of a signed graph on numpy arrays.

The algorithm orients each edge from the endpoint of lower degree to the
one of higher degree (ties by index), so every triangle is found exactly
once, from its lowest-ranked corner, and no node has more than
``sqrt(2m)`` out-neighbours. For each node, every pair of its
out-neighbours is a candidate; a sorted search over the oriented edge keys
keeps the pairs that are themselves an edge. The work is O(m sqrt(m)) and
runs in numpy without a Python loop per edge.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from kg.errors import KGError
from kg.signed.arrays import SignedEdges

#: The four signed triad types, by number of negative edges (0..3).
TRIAD_TYPES = ("+++", "++-", "+--", "---")

#: Candidate pairs handled per block, to bound memory on big graphs.
_BLOCK = 4_000_000
#: The most triangles a result lists at once: each listed triangle becomes
#: a Python object (some 500 bytes), and a dense graph of a million edges
#: has hundreds of millions of triangles. Counting them needs no list.
MAX_LISTED = 1_000_000


def triangle_edges(E: SignedEdges, *, at_most: int | None = None) -> np.ndarray:
    """The triangles of ``E`` as an array of shape (t, 3) of edge indices.

    Each row holds the edges (ab, ac, bc) of one triangle a < b < c in the
    degree order; rows are sorted. With ``at_most``, a graph with more
    triangles raises :class:`~kg.errors.KGError` before they fill the
    memory (a dense graph of m edges has up to m**1.5 / 3 of them).

    Examples
    --------
    >>> E = SignedEdges.from_rows(["a", "a", "b", "c"], ["b", "c", "c", "d"],
    ...                           [1, 1, -1, 1], [1, 1, 1, 1])
    >>> triangle_edges(E).tolist()
    [[0, 1, 2]]
    """
    found: list[np.ndarray] = []
    total = 0
    for block in triangle_blocks(E):
        found.append(block)
        total += len(block)
        if at_most is not None and total > at_most:
            raise KGError(f"the network has more than {at_most:,} triangles, more than "
                          "can be listed at once")
    if not found:
        return np.zeros((0, 3), dtype=np.int64)
    triangles = np.concatenate(found)
    return triangles[np.lexsort(triangles.T[::-1])]


def triangle_blocks(E: SignedEdges) -> Iterator[np.ndarray]:
    """The triangles of ``E`` in blocks of rows (ab, ac, bc) of edge indices,
    unsorted; each block comes from at most a few million candidate pairs,
    so a caller that keeps only some rows (or counts them) needs little
    memory however many triangles there are."""
    n, m = E.n, E.m
    if m < 3:
        return
    degree = np.bincount(E.u, minlength=n) + np.bincount(E.v, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    ru, rv = rank[E.u], rank[E.v]
    low, high = np.minimum(ru, rv), np.maximum(ru, rv)
    keys = low * n + high
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    low, head = low[order], high[order]
    out_degree = np.bincount(low, minlength=n)
    seg_end = np.cumsum(out_degree)[low]
    later = seg_end - np.arange(m) - 1
    table, bits = _hash_table(keys)
    # process the oriented edges in blocks whose candidate pairs fit in memory
    cumulative = np.cumsum(later)
    start = 0
    while start < m:
        limit = (cumulative[start - 1] if start else 0) + _BLOCK
        stop = min(m, max(start + 1, int(np.searchsorted(cumulative, limit, side="right"))))
        counts = later[start:stop]
        total = int(counts.sum())
        if total:
            first = np.repeat(np.arange(start, stop, dtype=np.int64), counts)
            starts = np.cumsum(counts) - counts
            second = first + 1 + np.arange(total, dtype=np.int64) - np.repeat(starts, counts)
            wanted = np.repeat(head[start:stop] * n, counts) + head[second]
            # a hash filter drops most pairs that are no edge before the exact search
            maybe = np.flatnonzero(table[_hash(wanted, bits)])
            at = np.searchsorted(keys, wanted[maybe])
            at[at == m] = m - 1
            hit = keys[at] == wanted[maybe]
            if hit.any():
                rows = maybe[hit]
                yield order[np.stack([first[rows], second[rows], at[hit]], axis=1)]
        start = stop


def _hash(values: np.ndarray, bits: int) -> np.ndarray:
    """Multiplicative (Fibonacci) hashing of int64 keys to ``bits`` bits."""
    mixed = values.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(64 - bits)).astype(np.intp)


def _hash_table(keys: np.ndarray) -> tuple[np.ndarray, int]:
    bits = int(min(26, max(10, np.ceil(np.log2(16 * max(len(keys), 1))))))
    table = np.zeros(1 << bits, dtype=bool)
    table[_hash(keys, bits)] = True
    return table, bits


def triad_census(E: SignedEdges, triangles: np.ndarray | None = None) -> dict[str, int]:
    """Count triangles by their number of negative edges.

    Examples
    --------
    >>> E = SignedEdges.from_rows(["a", "a", "b"], ["b", "c", "c"], [1, 1, -1], [1, 1, 1])
    >>> triad_census(E)
    {'+++': 0, '++-': 1, '+--': 0, '---': 0}
    """
    blocks = triangle_blocks(E) if triangles is None else [triangles]
    counts = np.zeros(4, dtype=np.int64)
    for block in blocks:  # block by block: the triangles are never all in memory
        counts += np.bincount(negative_counts(E, block), minlength=4)
    return {name: int(counts[i]) for i, name in enumerate(TRIAD_TYPES)}


def negative_counts(E: SignedEdges, triangles: np.ndarray) -> np.ndarray:
    """Number of negative edges (0..3) of each triangle."""
    if not len(triangles):
        return np.zeros(0, dtype=np.int64)
    return (E.sign[triangles] < 0).sum(axis=1).astype(np.int64)
