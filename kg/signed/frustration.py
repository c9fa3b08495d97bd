"""The frustration index (line index of balance) of a signed graph.

The frustration index is the smallest number of edges (or the smallest
total weight) whose removal, or equivalently whose change of sign, makes
the graph balanced (Cartwright & Harary 1956: its nodes then split into
two factions with positive ties inside and negative ties across). It is
NP-hard; :func:`frustration` solves it exactly as a binary linear program
with HiGHS (``scipy.optimize.milp``), after the speed-ups that Aref, Mason
and Wilson (Networks, 2020) show to matter. This module runs the steps;
:mod:`kg.signed.frustration_heuristic` holds the heuristic and the packing
bound, :mod:`kg.signed.frustration_exact` the reduction, the cuts and the
program:

1. **Reduction.** Nodes of degree 0 and 1 never need a frustrated edge;
   a node of degree 2 is replaced by one edge (the product of the two
   signs, the smaller weight), and parallel edges are merged (opposite
   signs leave a constant cost). What remains, the kernel, has minimum
   degree 3; each of its connected components is solved on its own.
2. **A heuristic first.** Greedy single-node moves from several starts
   (the signs of the leading eigenvector, spanning-tree colourings) give
   a good partition and an upper bound.
3. **Valid inequalities.** With an edge variable ``y = 1`` when the ends
   of an edge are in different factions, every cycle holds an even number
   of such edges. The odd-cycle inequalities that say so are found by
   shortest paths in a doubled graph (Barahona & Mahjoub 1986) and added
   in rounds to the linear relaxation; when its optimum is integral it is
   proven optimal without branching.
4. **The binary program** otherwise: node variables ``x`` (faction) and
   edge variables ``y`` linked by the XOR constraints (only the side the
   objective pushes against is needed), one node fixed to break the
   symmetry, the cycle inequalities found so far, and a time limit. HiGHS
   reports the best bound, so a run that hits the limit still says how
   far from optimal it may be.

For large graphs, ``method="heuristic"`` skips the program and reports
the heuristic's value with a lower bound from a packing of edge-disjoint
unbalanced triangles.

The time limit covers every step, for either method: one
:class:`~kg.signed.deadline.Deadline` runs from the call on, the loops in
Python look at it every few thousand steps (the spectral start, the
local search, the reduction, the components, the separation of cuts, the
triangle packing), and HiGHS gets the time left. The heuristic may use
half of the limit when the program follows (three quarters with
``method="heuristic"``). What runs regardless is linear: the arrays,
one spanning-tree colouring, and reading out the result.

A mixed dyad (ties of both signs) counts with its collapsed sign and
weight (see :mod:`kg.signed.network`).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.errors import KGError
from kg.signed.arrays import TOL, SignedEdges, check_weights
from kg.signed.deadline import Deadline, TimeUp
from kg.signed.frustration_exact import reduce_graph, solve_component
from kg.signed.frustration_heuristic import heuristic_sides, triangle_packing_bound


@dataclass(frozen=True)
class Frustration:
    """The result: the index, the frustrated edges and the two factions.

    ``optimal`` is True when the index is proven to be the minimum;
    ``lower_bound`` is the best proven bound (equal to ``index`` when
    optimal).
    """

    index: float
    frustrated: tuple[tuple, ...]
    factions: tuple[tuple, tuple]
    optimal: bool
    lower_bound: float
    method: str
    weighted: bool

    @property
    def gap(self) -> float:
        """Relative distance to the best bound: 0.0 when proven optimal."""
        if self.index <= 0:
            return 0.0
        return max(0.0, (self.index - self.lower_bound) / self.index)


def frustration(
    G: nx.Graph | SignedEdges,
    *,
    weight: str | None = None,
    method: str = "exact",
    time_limit: float = 60.0,
    seed: int | None = None,
    sign: str = "sign",
) -> Frustration:
    """The frustration index of ``G``, its frustrated edges and factions.

    Parameters
    ----------
    G : networkx.Graph or SignedEdges
        An undirected signed graph (edge attribute ``sign`` of +1/-1) or
        its :class:`~kg.signed.arrays.SignedEdges`.
    weight : str, optional
        ``None`` counts edges; ``"weight"`` minimises the total weight.
    method : str, default "exact"
        ``"exact"`` (binary program, proven optimal within the time limit)
        or ``"heuristic"`` (fast, with a lower bound).
    time_limit : float, default 60.0
        Seconds the whole computation may spend, either method, from this
        call on (building the arrays, the heuristic, the reduction, the
        cuts and the program included). When it runs out, the best
        partition found so far is the answer: ``optimal`` is then False
        and ``lower_bound`` the best bound proven (0.0 if none). Only one
        pass over the edges, to colour a spanning tree, runs whatever the
        limit.
    seed : int, optional
        Seed of the heuristic's random starts.
    sign : str, default "sign"
        The edge attribute that holds the sign.

    Raises
    ------
    KGError
        On an unknown method, a negative time limit, an edge whose weight
        is not a finite number of at most ``MAX_WEIGHT`` (1e6) in size, or
        (weighted) a weight of 0.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c")], sign=1)
    >>> G.add_edge("a", "c", sign=-1)
    >>> result = frustration(G)
    >>> result.index, result.optimal
    (1.0, True)
    >>> len(result.frustrated)
    1
    """
    if method not in ("exact", "heuristic"):
        raise KGError(f"unknown method {method!r}; choose exact or heuristic")
    if not time_limit >= 0:
        raise KGError(f"time limit {time_limit!r} must be a number of seconds >= 0")
    deadline = Deadline(time_limit)
    if isinstance(G, SignedEdges):
        E = G
        check_weights(E.weight)
    else:
        E = SignedEdges.from_graph(G, sign=sign)
    w = E.weight.copy() if weight is not None else np.ones(E.m)
    if weight is not None and np.any(w <= 0):
        raise KGError("weighted frustration needs positive weights on every edge")
    sides, optimal, bound = solve(E.n, E.u, E.v, E.sign.astype(np.int64), w, method=method,
                                  seed=seed, deadline=deadline)
    bad = E.sign * sides[E.u] * sides[E.v] < 0
    index = float(w[bad].sum())
    names = E.nodes.tolist()
    frustrated = tuple(sorted(
        ((names[a], names[b]) for a, b in zip(E.u[bad].tolist(), E.v[bad].tolist(), strict=True)),
        key=lambda e: (str(e[0]), str(e[1])),
    ))
    return Frustration(
        index=index,
        frustrated=frustrated,
        factions=_factions(E, sides),
        optimal=optimal,
        lower_bound=index if optimal else min(index, bound),
        method=method,
        weighted=weight is not None,
    )


def solve(n, u, v, s, w, *, method="exact", time_limit=60.0, seed=None,
          deadline: Deadline | None = None) -> tuple[np.ndarray, bool, float]:
    """Sides (+1/-1 per node), whether proven optimal, and a lower bound.

    Every stage watches ``deadline`` (by default ``time_limit`` seconds
    from now); when it passes, the best partition so far is returned with
    the best bound proven so far.
    """
    deadline = deadline or Deadline(time_limit)
    if method == "heuristic":
        sides = heuristic_sides(n, u, v, s, w, seed=seed, deadline=deadline.share(0.75))
        bound = triangle_packing_bound(n, u, v, s, w, deadline=deadline)
        value = float(w[s * sides[u] * sides[v] < 0].sum())
        return sides, value <= bound + TOL, bound
    # the heuristic gets at most half the time: its partition is the program's start
    sides = heuristic_sides(n, u, v, s, w, seed=seed, deadline=deadline.share(0.5))
    if not np.any(s * sides[u] * sides[v] < 0):
        return sides, True, 0.0
    try:
        kernel = reduce_graph(n, u, v, s, w, deadline=deadline)
        components = kernel.components(deadline)
    except TimeUp:
        return sides, False, 0.0
    best = {node: int(sides[node]) for node in kernel.nodes}
    optimal, bound = True, kernel.constant
    for component in components:
        found, proven, low = solve_component(component, best, deadline)
        best.update(found)
        optimal &= proven
        bound += low
    return kernel.expand(best, n), optimal, bound


def _factions(E: SignedEdges, sides: np.ndarray) -> tuple[tuple, tuple]:
    """Two factions; in each connected component, the side of its first
    node (by name) is faction one."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    names = E.nodes.tolist()
    if E.n == 0:
        return (), ()
    A = sparse.coo_matrix((np.ones(E.m), (E.u, E.v)), shape=(E.n, E.n))
    _, label = connected_components(A, directed=False)
    first = {}
    for i, lab in enumerate(label.tolist()):
        first.setdefault(lab, i)
    oriented = sides * np.array([sides[first[lab]] for lab in label.tolist()])
    one = tuple(sorted((names[i] for i in np.flatnonzero(oriented > 0)), key=str))
    two = tuple(sorted((names[i] for i in np.flatnonzero(oriented < 0)), key=str))
    return one, two
