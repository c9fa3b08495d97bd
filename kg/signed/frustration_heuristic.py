"""The fast side of the frustration index: a good partition, and a lower bound.

Greedy single-node moves from several starts give a partition (an upper
bound on the index); a packing of edge-disjoint unbalanced triangles gives
a lower bound.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from kg.signed.arrays import TOL, SignedEdges


def heuristic_sides(n, u, v, s, w, *, seed=None, starts: int = 6) -> np.ndarray:
    """A good partition by greedy single-node moves from several starts.

    Starts: the signs of the leading eigenvector of the signed adjacency
    matrix, then spanning-tree colourings from random roots. Each start is
    improved by moving, one at a time, the node whose move removes the
    most frustration, until no move helps. The best partition wins.
    """
    from scipy import sparse

    if n == 0:
        return np.zeros(0, dtype=np.int64)
    A = sparse.coo_matrix((np.concatenate([s * w, s * w]), (np.concatenate([u, v]),
                           np.concatenate([v, u]))), shape=(n, n)).tocsr()
    rng = np.random.default_rng(0 if seed is None else seed)
    candidates = [_spectral_start(A)]
    roots = rng.permutation(n)[: max(0, starts - 1)]
    candidates += [_tree_start(A, int(root)) for root in roots]
    best, best_value = None, np.inf
    for start in candidates:
        sides = _local_search(A, start)
        value = float(w[s * sides[u] * sides[v] < 0].sum())
        if value < best_value - TOL:
            best, best_value = sides, value
    return best


def _spectral_start(A) -> np.ndarray:
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    n = A.shape[0]
    if n < 3:
        return np.ones(n, dtype=np.int64)
    try:
        _, vectors = eigsh(A.astype(float), k=1, which="LA", v0=np.ones(n), maxiter=5 * n)
        vector = vectors[:, 0]
    except (ArpackNoConvergence, ValueError, RuntimeError):
        vector = np.linalg.eigh(A.toarray())[1][:, -1] if n <= 2000 else np.ones(n)
    return np.where(vector >= 0, 1, -1).astype(np.int64)


def _tree_start(A, root: int) -> np.ndarray:
    """Colour a BFS spanning forest so that its edges are satisfied."""
    n = A.shape[0]
    sides = np.zeros(n, dtype=np.int64)
    indptr, indices, data = A.indptr, A.indices, A.data
    for start in [root, *range(n)]:
        if sides[start]:
            continue
        sides[start] = 1
        queue = deque([start])
        while queue:
            x = queue.popleft()
            for k in range(indptr[x], indptr[x + 1]):
                y = indices[k]
                if not sides[y]:
                    sides[y] = sides[x] * (1 if data[k] > 0 else -1)
                    queue.append(y)
    return sides


def _local_search(A, start: np.ndarray) -> np.ndarray:
    sides = start.copy()
    indptr, indices, data = A.indptr, A.indices, A.data
    gain = -sides * (A @ sides)  # frustrated minus satisfied weight at each node
    while True:
        x = int(np.argmax(gain))
        if gain[x] <= TOL:
            return sides
        old = sides[x]
        sides[x] = -old
        gain[x] = -gain[x]
        lo, hi = indptr[x], indptr[x + 1]
        nbrs = indices[lo:hi]
        gain[nbrs] += 2 * sides[nbrs] * data[lo:hi] * old


def triangle_packing_bound(n, u, v, s, w) -> float:
    """A lower bound: edge-disjoint unbalanced triangles each need one
    frustrated edge (at least their lightest)."""
    from kg.signed.triads import negative_counts, triangle_edges

    E = SignedEdges(np.arange(n), u, v, s.astype(np.int8), w, np.zeros(len(u), bool), w, w)
    triangles = triangle_edges(E)
    odd = triangles[negative_counts(E, triangles) % 2 == 1]
    used = np.zeros(len(u), dtype=bool)
    bound = 0.0
    for row in odd.tolist():
        if not (used[row[0]] or used[row[1]] or used[row[2]]):
            used[row] = True
            bound += float(w[row].min())
    return bound
