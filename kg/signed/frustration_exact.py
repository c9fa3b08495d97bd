"""The exact frustration index of a kernel: reduction, cycle cuts, binary program.

See :mod:`kg.signed.frustration` for the method (Aref, Mason and Wilson
2020); this module holds its steps: the reduction to a kernel of minimum
degree 3, odd-cycle inequalities found by shortest paths (Barahona and
Mahjoub 1986), the linear relaxation and the binary program (HiGHS
through ``scipy.optimize``). Every stage takes the
:class:`~kg.signed.deadline.Deadline` of the whole computation: the loops
in Python look at the clock every few thousand steps and HiGHS is given
the time left, so a time limit holds however large the graph.
"""

from __future__ import annotations

import time
from collections import deque

import numpy as np

from kg.signed.arrays import TOL
from kg.signed.deadline import Deadline

#: Steps of a Python loop between two looks at the clock.
_CHECK_EVERY = 4096
#: Entries of the distance and predecessor arrays of one batch of
#: shortest-path searches (two arrays of batch x 2k): bounds the memory.
_BATCH_ENTRIES = 2_000_000
#: Seconds one batch of shortest-path searches should take, so that the
#: clock is looked at often: a search from one node can cover the whole
#: graph when many edges cost next to nothing.
_BATCH_SECONDS = 0.05


class Kernel:
    """The reduced graph, with the record needed to extend its partition."""

    def __init__(self):
        self.adj: dict[int, dict[int, int]] = {}  # node -> {neighbour: edge id}
        self.edges: dict[int, list] = {}  # edge id -> [a, b, sign, weight]
        self.constant = 0.0
        self.stack: list[tuple] = []
        self._next = 0

    @property
    def nodes(self) -> list[int]:
        return sorted(self.adj)

    def add(self, a: int, b: int, sign: int, weight: float) -> None:
        """Add an edge, merging it with a parallel one."""
        present = self.adj[a].get(b)
        if present is None:
            self.edges[self._next] = [a, b, sign, weight]
            self.adj[a][b] = self.adj[b][a] = self._next
            self._next += 1
            return
        edge = self.edges[present]
        if edge[2] == sign:
            edge[3] += weight
            return
        self.constant += min(edge[3], weight)
        if weight > edge[3]:
            edge[2] = sign
        edge[3] = abs(edge[3] - weight)
        if edge[3] <= TOL:
            self.remove(present)

    def remove(self, edge_id: int) -> list:
        a, b, sign, weight = edge = self.edges.pop(edge_id)
        del self.adj[a][b], self.adj[b][a]
        return edge

    def components(self, deadline: Deadline | None = None
                   ) -> list[tuple[list[int], list[list]]]:
        """The connected components, each as its sorted nodes and edges
        (one pass over the kernel; raises ``TimeUp`` when ``deadline`` passes)."""
        deadline = deadline or Deadline(None)
        label: dict[int, int] = {}
        groups: list[list[int]] = []
        steps = 0
        for root in self.nodes:
            if root in label:
                continue
            label[root] = len(groups)
            members, queue = [root], deque([root])
            while queue:
                steps += 1
                if steps % _CHECK_EVERY == 0:
                    deadline.check()
                for y in self.adj[queue.popleft()]:
                    if y not in label:
                        label[y] = len(groups)
                        members.append(y)
                        queue.append(y)
            groups.append(sorted(members))
        edges: list[list[list]] = [[] for _ in groups]
        for e in self.edges.values():
            edges[label[e[0]]].append(list(e))
        return [(members, sorted(inside, key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))))
                for members, inside in zip(groups, edges, strict=True)]

    def expand(self, sides: dict[int, int], n: int) -> np.ndarray:
        """Extend a partition of the kernel to every node, optimally."""
        full = dict(sides)
        for record in reversed(self.stack):
            if record[0] == "free":
                full[record[1]] = 1
            elif record[0] == "leaf":
                _, x, y, sign, _ = record
                full[x] = sign * full[y]
            else:
                _, x, a, s1, w1, b, s2, w2 = record
                full[x] = s1 * full[a] if w1 >= w2 else s2 * full[b]
        return np.array([full[i] for i in range(n)], dtype=np.int64)


def reduce_graph(n, u, v, s, w, *, deadline: Deadline | None = None) -> Kernel:
    """Remove nodes of degree 0, 1 and 2 (and merge parallel edges) until
    every remaining node has degree 3 or more.

    Raises ``TimeUp`` when ``deadline`` passes.
    """
    deadline = deadline or Deadline(None)
    kernel = Kernel()
    kernel.adj = {i: {} for i in range(n)}
    for i, (a, b, sign, weight) in enumerate(
            zip(u.tolist(), v.tolist(), s.tolist(), w.tolist(), strict=True)):
        if i % _CHECK_EVERY == 0:
            deadline.check()
        kernel.add(a, b, int(sign), float(weight))
    queue = deque(i for i in range(n) if len(kernel.adj[i]) <= 2)
    steps = 0
    while queue:
        steps += 1
        if steps % _CHECK_EVERY == 0:
            deadline.check()
        x = queue.popleft()
        if x not in kernel.adj or len(kernel.adj[x]) > 2:
            continue
        links = sorted(kernel.adj[x].items())
        if not links:
            del kernel.adj[x]
            kernel.stack.append(("free", x))
        elif len(links) == 1:
            y, edge_id = links[0]
            _, _, sign, weight = kernel.remove(edge_id)
            del kernel.adj[x]
            kernel.stack.append(("leaf", x, y, sign, weight))
            queue.append(y)
        else:
            (a, e1), (b, e2) = links
            _, _, s1, w1 = kernel.remove(e1)
            _, _, s2, w2 = kernel.remove(e2)
            del kernel.adj[x]
            kernel.stack.append(("series", x, a, s1, w1, b, s2, w2))
            kernel.add(min(a, b), max(a, b), s1 * s2, min(w1, w2))
            queue.extend((a, b))
    return kernel


# --- exact solution of one kernel component -------------------------------------------


def solve_component(component, start: dict[int, int], deadline: Deadline
                    ) -> tuple[dict[int, int], bool, float]:
    """The best sides of one kernel component found before ``deadline``
    (``start`` is the heuristic's), whether proven optimal, a lower bound."""
    members, edges = component
    local = {node: i for i, node in enumerate(members)}
    k = len(members)
    a = np.array([local[e[0]] for e in edges], dtype=np.int64)
    b = np.array([local[e[1]] for e in edges], dtype=np.int64)
    s = np.array([e[2] for e in edges], dtype=np.int64)
    w = np.array([e[3] for e in edges], dtype=np.float64)
    guess = np.array([start[node] for node in members], dtype=np.int64)
    guess_value = float(w[s * guess[a] * guess[b] < 0].sum())
    if guess_value <= TOL:  # nothing frustrated: nothing to prove
        return _as_dict(members, guess), True, 0.0
    if deadline.expired():
        return _as_dict(members, guess), False, 0.0
    # objective in y (1 = the edge crosses the factions): positive edges
    # are frustrated when crossing, negative ones when not
    cost = np.where(s > 0, w, -w)
    constant = float(w[s < 0].sum())
    cuts = _CutPool(k, a, b)
    integral = bool(np.all(w == np.round(w)))
    bound, history, y = 0.0, [], None
    lp_deadline = deadline.share(0.5)
    while not lp_deadline.expired():
        y, value = _solve_lp(cost, cuts, lp_deadline)
        if y is None:
            break
        bound = max(bound, _rounded(value + constant, integral))
        history.append(bound)
        if bound >= guess_value - TOL:
            return _as_dict(members, guess), True, guess_value
        stalled = len(history) > 10 and history[-1] - history[-11] < 1e-3 * max(1.0, history[-1])
        if stalled or not cuts.separate(y, deadline=lp_deadline):
            break
    if y is not None and np.all(np.minimum(y, 1 - y) < TOL) and cuts.is_cut(y):
        sides = cuts.sides_of(y)
        return _as_dict(members, sides), True, float(w[s * sides[a] * sides[b] < 0].sum())
    sides, proven, low = _solve_milp(k, a, b, s, w, cuts, deadline, guess)
    value = float(w[s * sides[a] * sides[b] < 0].sum())
    if value > guess_value:
        sides, value = guess, guess_value
    low = max(_rounded(low, integral), bound)
    return _as_dict(members, sides), proven or value <= low + TOL, min(low, value)


def _rounded(bound: float, integral: bool) -> float:
    """With integer weights every value is an integer: round the bound up."""
    return float(np.ceil(bound - 1e-6)) if integral else bound


def _as_dict(members, sides) -> dict[int, int]:
    return {node: int(side) for node, side in zip(members, sides, strict=True)}


class _CutPool:
    """Odd-cycle inequalities sum_{C-F} y - sum_F y >= 1 - |F| (|F| odd)."""

    def __init__(self, k, a, b):
        self.k, self.a, self.b = k, a, b
        self.edge_of = {}
        for i, (x, z) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
            self.edge_of[(x, z)] = self.edge_of[(z, x)] = i
        self.cols: list[np.ndarray] = []
        self.vals: list[np.ndarray] = []
        self.rhs: list[float] = []
        self.seen: set = set()

    def __len__(self):
        return len(self.rhs)

    def matrix(self, width: int, offset: int = 0):
        from scipy import sparse

        if not self.rhs:
            return None, None
        rows = np.concatenate([np.full(len(c), i) for i, c in enumerate(self.cols)])
        cols = np.concatenate(self.cols) + offset
        vals = np.concatenate(self.vals)
        M = sparse.csr_matrix((vals, (rows, cols)), shape=(len(self.rhs), width))
        return M, np.array(self.rhs)

    def separate(self, y: np.ndarray, *, batch: int = 256,
                 deadline: Deadline | None = None) -> int:
        """Add the odd-cycle inequalities that ``y`` violates; return how many.

        When ``deadline`` passes, the inequalities found so far are added.
        """
        from scipy import sparse
        from scipy.sparse.csgraph import dijkstra

        deadline = deadline or Deadline(None)
        k, a, b = self.k, self.a, self.b
        most = max(1, min(batch, _BATCH_ENTRIES // (2 * k)))
        same = np.clip(y, 0, 1) + 1e-9
        cross = np.clip(1 - y, 0, 1) + 1e-9
        rows = np.concatenate([a, a + k, a, a + k])
        cols = np.concatenate([b, b + k, b + k, b])
        vals = np.concatenate([same, same, cross, cross])
        D = sparse.csr_matrix((vals, (rows, cols)), shape=(2 * k, 2 * k))
        found = []
        lo, size = 0, 1
        while lo < k and not deadline.expired():
            sources = np.arange(lo, min(k, lo + size))
            lo += len(sources)
            started = time.monotonic()
            dist, pred = dijkstra(D, directed=False, indices=sources,
                                  return_predecessors=True, limit=1.0)
            # the next batch as large as fits in _BATCH_SECONDS (batches
            # only split the work: the cuts found are the same)
            per_source = max(time.monotonic() - started, 1e-6) / len(sources)
            size = int(np.clip(_BATCH_SECONDS / per_source, 1, most))
            length = dist[np.arange(len(sources)), sources + k]
            for row in np.flatnonzero(length < 1 - 1e-4):
                path = [int(sources[row]) + k]
                while path[-1] != sources[row]:
                    path.append(int(pred[row, path[-1]]))
                found.append((float(length[row]), path[::-1]))
        found.sort(key=lambda item: item[0])
        added = 0
        for _, path in found:
            cycle = _simple_odd_cycle(path, k)
            key = frozenset(cycle)
            if key in self.seen:
                continue
            self.seen.add(key)
            self._add(cycle)
            added += 1
            if added >= 4 * k + 50:
                break
        return added

    def _add(self, cycle: list[tuple[int, int, bool]]) -> None:
        cols, vals, flips = [], [], 0
        for x, z, flip in cycle:
            cols.append(self.edge_of[(x, z)])
            vals.append(-1.0 if flip else 1.0)
            flips += flip
        self.cols.append(np.array(cols, dtype=np.int64))
        self.vals.append(np.array(vals))
        self.rhs.append(1.0 - flips)

    def is_cut(self, y: np.ndarray) -> bool:
        return _parity_sides(self.k, self.a, self.b, np.round(y).astype(int)) is not None

    def sides_of(self, y: np.ndarray) -> np.ndarray:
        return _parity_sides(self.k, self.a, self.b, np.round(y).astype(int))


def _simple_odd_cycle(path: list[int], k: int) -> list[tuple[int, int, bool]]:
    """The closed walk (i,0) ... (i,1) of the doubled graph as a simple
    cycle of base edges with their 'crossing' flags."""
    base = [p % k for p in path]
    layer = [p // k for p in path]
    while True:
        first: dict[int, int] = {}
        repeat = None
        for position, node in enumerate(base[:-1]):
            if node in first:
                repeat = (first[node], position)
                break
            first[node] = position
        if repeat is None:
            break
        lo, hi = repeat
        base, layer = base[lo:hi + 1], layer[lo:hi + 1]
    return [(base[i], base[i + 1], layer[i] != layer[i + 1]) for i in range(len(base) - 1)]


def _parity_sides(k, a, b, crossing) -> np.ndarray | None:
    """Sides in which edge i crosses iff ``crossing[i]``; None if impossible."""
    sides = np.zeros(k, dtype=np.int64)
    adj: list[list[tuple[int, int]]] = [[] for _ in range(k)]
    for x, z, c in zip(a.tolist(), b.tolist(), crossing.tolist(), strict=True):
        adj[x].append((z, c))
        adj[z].append((x, c))
    for root in range(k):
        if sides[root]:
            continue
        sides[root] = 1
        queue = deque([root])
        while queue:
            x = queue.popleft()
            for z, c in adj[x]:
                want = -sides[x] if c else sides[x]
                if not sides[z]:
                    sides[z] = want
                    queue.append(z)
                elif sides[z] != want:
                    return None
    return sides


def _solve_lp(cost, cuts: _CutPool, deadline: Deadline):
    from scipy.optimize import linprog

    m = len(cost)
    M, rhs = cuts.matrix(m)
    remaining = deadline.remaining()
    if remaining <= 0:
        return None, 0.0
    result = linprog(
        cost,
        A_ub=-M if M is not None else None,
        b_ub=-rhs if rhs is not None else None,
        bounds=(0, 1),
        method="highs",
        options={"time_limit": remaining, "presolve": True},
    )
    if result.status != 0:
        return None, 0.0
    return result.x, float(result.fun)


def _solve_milp(k, a, b, s, w, cuts: _CutPool, deadline: Deadline, guess: np.ndarray
                ) -> tuple[np.ndarray, bool, float]:
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    if deadline.expired():  # no time to build the model, let alone solve it
        return guess, False, 0.0
    m = len(a)
    pos, neg = s > 0, s < 0
    # variables: x (k, binary faction) then y (m, edge crosses)
    cost = np.concatenate([np.zeros(k), np.where(pos, w, -w)])
    constant = float(w[neg].sum())
    ei = np.arange(m)
    rows, cols, vals, lower, upper = [], [], [], [], []
    # positive edge: y >= x_a - x_b and y >= x_b - x_a
    # negative edge: y <= x_a + x_b and y <= 2 - x_a - x_b
    r = 0
    for first, second in ((1.0, -1.0), (-1.0, 1.0)):
        sel = ei[pos]
        n_sel = len(sel)
        rows += [np.arange(n_sel) + r] * 3
        cols += [k + sel, a[sel], b[sel]]
        vals += [np.ones(n_sel), np.full(n_sel, -first), np.full(n_sel, -second)]
        lower.append(np.zeros(n_sel))
        upper.append(np.full(n_sel, np.inf))
        r += n_sel
    for sign_x, bound in ((-1.0, 0.0), (1.0, 2.0)):
        sel = ei[neg]
        n_sel = len(sel)
        rows += [np.arange(n_sel) + r] * 3
        cols += [k + sel, a[sel], b[sel]]
        vals += [np.ones(n_sel), np.full(n_sel, sign_x), np.full(n_sel, sign_x)]
        lower.append(np.full(n_sel, -np.inf))
        upper.append(np.full(n_sel, bound))
        r += n_sel
    A = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(r, k + m))
    constraints = [LinearConstraint(A, np.concatenate(lower), np.concatenate(upper))]
    C, rhs = cuts.matrix(k + m, offset=k)
    if C is not None:
        constraints.append(LinearConstraint(C, rhs, np.inf))
    lo = np.zeros(k + m)
    hi = np.ones(k + m)
    degree = np.bincount(np.concatenate([a, b]), minlength=k)
    fixed = int(np.argmax(degree))
    hi[fixed] = 0.0  # symmetry: the busiest node is in faction 0
    remaining = deadline.remaining()
    if remaining <= 0:
        return guess, False, 0.0
    result = milp(
        cost,
        integrality=np.concatenate([np.ones(k), np.zeros(m)]),
        bounds=Bounds(lo, hi),
        constraints=constraints,
        options={"time_limit": remaining, "disp": False, "mip_rel_gap": 0.0},
    )
    dual = getattr(result, "mip_dual_bound", None)
    low = float(dual) + constant if dual is not None and np.isfinite(dual) else 0.0
    if result.x is None:
        return guess, False, low
    x = np.round(result.x[:k]).astype(np.int64)
    sides = np.where(x > 0, -1, 1)
    return sides, result.status == 0, low
