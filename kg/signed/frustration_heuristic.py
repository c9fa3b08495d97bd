"""The fast side of the frustration index: a good partition, and a lower bound.

Greedy single-node moves from several starts give a partition (an upper
bound on the index); a packing of edge-disjoint unbalanced triangles gives
a lower bound. Both watch a :class:`~kg.signed.deadline.Deadline`: when it
passes they return what they have (at worst one spanning-tree colouring,
which takes one pass over the edges, and the triangles packed so far).
"""

from __future__ import annotations

from collections import deque

import numpy as np

from kg.signed.arrays import TOL, SignedEdges
from kg.signed.deadline import Deadline, TimeUp

#: Below this many nodes a spectral start that ARPACK cannot find is
#: computed densely (O(n^3): 0.1 s at 500 nodes, seconds at 2,000).
DENSE_EIGEN_NODES = 500
#: Moves (and queue steps) between two looks at the clock.
_CHECK_EVERY = 256


def heuristic_sides(n, u, v, s, w, *, seed=None, starts: int = 6,
                    deadline: Deadline | None = None) -> np.ndarray:
    """A good partition by greedy single-node moves from several starts.

    Starts: the signs of the leading eigenvector of the signed adjacency
    matrix, then spanning-tree colourings from random roots. Each start is
    improved by moving, one at a time, the node whose move removes the
    most frustration, until no move helps. The best partition wins.

    When ``deadline`` passes, the remaining starts are skipped and the
    current one stops improving; if no start has finished, one
    spanning-tree colouring (linear time) is the answer.
    """
    from scipy import sparse

    deadline = deadline or Deadline(None)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    A = sparse.coo_matrix((np.concatenate([s * w, s * w]), (np.concatenate([u, v]),
                           np.concatenate([v, u]))), shape=(n, n)).tocsr()
    rng = np.random.default_rng(0 if seed is None else seed)
    roots = rng.permutation(n)[: max(0, starts - 1)].tolist()
    best, best_value = None, np.inf
    for root in [None, *roots]:
        if best is not None and deadline.expired():
            break
        if root is None:
            try:
                start = _spectral_start(A, deadline)
            except TimeUp:
                continue
        else:
            start = _tree_start(A, int(root))
        sides = _local_search(A, start, deadline)
        value = float(w[s * sides[u] * sides[v] < 0].sum())
        if value < best_value - TOL:
            best, best_value = sides, value
    if best is None:  # the clock ran out during the spectral start
        best = _local_search(A, _tree_start(A, int(roots[0]) if roots else 0), deadline)
    return best


def _spectral_start(A, deadline: Deadline) -> np.ndarray:
    from scipy.sparse.linalg import ArpackNoConvergence, LinearOperator, eigsh

    n = A.shape[0]
    if n < 3:
        return np.ones(n, dtype=np.int64)
    A = A.astype(float)

    def product(x):
        # ARPACK calls back here between its steps: the one place to stop it
        deadline.check()
        return A @ x

    operator = LinearOperator(A.shape, matvec=product, dtype=float)
    try:
        _, vectors = eigsh(operator, k=1, which="LA", v0=np.ones(n), maxiter=5 * n)
        vector = vectors[:, 0]
    except (ArpackNoConvergence, ValueError, RuntimeError):
        vector = np.linalg.eigh(A.toarray())[1][:, -1] if n <= DENSE_EIGEN_NODES else np.ones(n)
    return np.where(vector >= 0, 1, -1).astype(np.int64)


def _tree_start(A, root: int) -> np.ndarray:
    """Colour a BFS spanning forest so that its edges are satisfied."""
    n = A.shape[0]
    sides = np.zeros(n, dtype=np.int64)
    indptr, indices, data = A.indptr.tolist(), A.indices.tolist(), A.data.tolist()
    colour = sides.tolist()
    for start in [root, *range(n)]:
        if colour[start]:
            continue
        colour[start] = 1
        queue = deque([start])
        while queue:
            x = queue.popleft()
            for k in range(indptr[x], indptr[x + 1]):
                y = indices[k]
                if not colour[y]:
                    colour[y] = colour[x] * (1 if data[k] > 0 else -1)
                    queue.append(y)
    sides[:] = colour
    return sides


def _local_search(A, start: np.ndarray, deadline: Deadline) -> np.ndarray:
    sides = start.copy()
    indptr, indices, data = A.indptr, A.indices, A.data
    gain = -sides * (A @ sides)  # frustrated minus satisfied weight at each node
    moves = 0
    while True:
        x = int(np.argmax(gain))
        if gain[x] <= TOL:
            return sides
        moves += 1
        if moves % _CHECK_EVERY == 0 and deadline.expired():
            return sides
        old = sides[x]
        sides[x] = -old
        gain[x] = -gain[x]
        lo, hi = indptr[x], indptr[x + 1]
        nbrs = indices[lo:hi]
        gain[nbrs] += 2 * sides[nbrs] * data[lo:hi] * old


def triangle_packing_bound(n, u, v, s, w, *, deadline: Deadline | None = None) -> float:
    """A lower bound: edge-disjoint unbalanced triangles each need one
    frustrated edge (at least their lightest).

    When ``deadline`` passes, the triangles packed so far give the bound
    (any packing does).
    """
    from kg.signed.triads import negative_counts, triangle_blocks

    deadline = deadline or Deadline(None)
    E = SignedEdges(np.arange(n), u, v, s.astype(np.int8), w, np.zeros(len(u), bool), w, w)
    found = []
    for block in triangle_blocks(E):
        found.append(block[negative_counts(E, block) % 2 == 1])
        if deadline.expired():
            break
    odd = np.concatenate(found) if found else np.zeros((0, 3), dtype=np.int64)
    odd = odd[np.lexsort(odd.T[::-1])]
    used = np.zeros(len(u), dtype=bool)
    bound = 0.0
    for i, row in enumerate(odd.tolist()):
        if i % 4096 == 0 and i and deadline.expired():
            break
        if not (used[row[0]] or used[row[1]] or used[row[2]]):
            used[row] = True
            bound += float(w[row].min())
    return bound
