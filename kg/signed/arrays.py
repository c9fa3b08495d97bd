"""A signed graph as numpy arrays, the form the fast measures work on.

Converting a networkx graph costs one pass over its edges; an edge list
read from CSV (:mod:`kg.signed.edgelist`) never becomes a networkx graph on the
way to the triad census.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from kg.errors import KGError

#: How far two sums of float weights may differ and still count as equal.
TOL = 1e-6


@dataclass(frozen=True)
class SignedEdges:
    """An undirected signed graph: node names and one row per edge.

    ``u[i] < v[i]`` index into ``nodes`` (sorted by their text); ``sign`` is
    +1 or -1, ``weight`` the positive strength, ``mixed`` marks a pair with
    ties of both signs. ``lines`` optionally holds the source lines of an
    edge list, as offsets per edge into a sorted array of line numbers.
    """

    nodes: np.ndarray
    u: np.ndarray
    v: np.ndarray
    sign: np.ndarray
    weight: np.ndarray
    mixed: np.ndarray
    positive_weight: np.ndarray
    negative_weight: np.ndarray
    lines: tuple[np.ndarray, np.ndarray] | None = field(default=None, compare=False)

    def edge_lines(self, i: int) -> tuple[int, ...]:
        """The edge-list lines edge ``i`` was read from (empty if unknown)."""
        if self.lines is None:
            return ()
        offsets, values = self.lines
        return tuple(values[offsets[i]:offsets[i + 1]].tolist())

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return len(self.u)

    @classmethod
    def from_rows(cls, source, target, sign, weight, *, lines=None, file=None) -> SignedEdges:
        """Build from parallel arrays of rows (names, signs, weights),
        collapsing rows on the same pair by the rule of
        :func:`kg.signed.network.signed_graph`.

        Examples
        --------
        >>> E = SignedEdges.from_rows(["A", "B", "A"], ["B", "C", "B"], [1, -1, -1],
        ...                           [2.0, 1.0, 1.0])
        >>> E.nodes.tolist(), E.sign.tolist(), E.weight.tolist(), E.mixed.tolist()
        (['A', 'B', 'C'], [1, -1], [1.0, 1.0], [True, False])
        """
        source = np.asarray(source, dtype=str)
        target = np.asarray(target, dtype=str)
        sign = np.asarray(sign, dtype=np.int8)
        weight = np.abs(np.asarray(weight, dtype=np.float64))
        if len(source) == 0:
            empty_i = np.zeros(0, dtype=np.int64)
            empty_f = np.zeros(0, dtype=np.float64)
            grouped = (np.zeros(1, dtype=np.int64), empty_i) if lines is not None else None
            return cls(np.zeros(0, dtype=str), empty_i, empty_i, np.zeros(0, dtype=np.int8),
                       empty_f, np.zeros(0, dtype=bool), empty_f, empty_f, grouped)
        nodes, index = np.unique(np.concatenate([source, target]), return_inverse=True)
        a, b = index[: len(source)], index[len(source):]
        loops = np.flatnonzero(a == b)
        if len(loops):
            where = int(lines[loops[0]]) if lines is not None else None
            raise KGError(f"self-loop: {source[loops[0]]} is tied to itself", file=file,
                          line=where)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys = lo.astype(np.int64) * len(nodes) + hi
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        pos = np.bincount(inverse, weights=np.where(sign > 0, weight, 0.0), minlength=len(unique))
        neg = np.bincount(inverse, weights=np.where(sign < 0, weight, 0.0), minlength=len(unique))
        n_pos = np.bincount(inverse, weights=(sign > 0), minlength=len(unique))
        n_neg = np.bincount(inverse, weights=(sign < 0), minlength=len(unique))
        net = pos - neg
        grouped = None
        if lines is not None:
            order = np.argsort(inverse, kind="stable")
            offsets = np.concatenate([[0], np.cumsum(np.bincount(inverse, minlength=len(unique)))])
            grouped = (offsets, np.asarray(lines, dtype=np.int64)[order])
        return cls(
            nodes=nodes,
            u=(unique // len(nodes)).astype(np.int64),
            v=(unique % len(nodes)).astype(np.int64),
            sign=np.where(net > 0, 1, -1).astype(np.int8),
            weight=np.abs(net),
            mixed=(n_pos > 0) & (n_neg > 0),
            positive_weight=pos,
            negative_weight=neg,
            lines=grouped,
        )

    @classmethod
    def from_graph(cls, G: nx.Graph, *, sign: str = "sign", weight: str = "weight") -> SignedEdges:
        """Arrays of an undirected networkx graph whose edges carry signs.

        Nodes are ordered by their text. A missing weight counts as 1.0.

        Examples
        --------
        >>> G = nx.Graph([("x", "y", {"sign": -1})])
        >>> E = SignedEdges.from_graph(G)
        >>> E.nodes.tolist(), E.sign.tolist(), E.weight.tolist()
        (['x', 'y'], [-1], [1.0])
        """
        require_signed(G, sign=sign)
        names = sorted(G.nodes, key=str)
        position = {node: i for i, node in enumerate(names)}
        nodes = np.empty(len(names), dtype=object)
        nodes[:] = names
        m = G.number_of_edges()
        u = np.empty(m, dtype=np.int64)
        v = np.empty(m, dtype=np.int64)
        s = np.empty(m, dtype=np.int8)
        w = np.empty(m, dtype=np.float64)
        mixed = np.zeros(m, dtype=bool)
        for i, (a, b, data) in enumerate(G.edges(data=True)):
            ia, ib = position[a], position[b]
            u[i], v[i] = min(ia, ib), max(ia, ib)
            s[i] = data[sign]
            w[i] = abs(float(data.get(weight, 1.0)))
            mixed[i] = bool(data.get("mixed", False))
        order = np.lexsort((v, u))
        u, v, s, w, mixed = u[order], v[order], s[order], w[order], mixed[order]
        return cls(nodes, u, v, s, w, mixed, np.where(s > 0, w, 0.0), np.where(s < 0, w, 0.0))

    def to_graph(self) -> nx.Graph:
        """The networkx form, with the edge attributes of
        :func:`kg.signed.network.signed_graph` (and ``lines`` when known)."""
        G = nx.Graph()
        for name in self.nodes.tolist():
            G.add_node(name, label=str(name), type=None, wikidata=None)
        names = self.nodes.tolist()
        for i in range(self.m):
            attrs = {
                "sign": int(self.sign[i]),
                "weight": float(self.weight[i]),
                "kinds": (),
                "statements": (),
                "mixed": bool(self.mixed[i]),
                "positive_weight": float(self.positive_weight[i]),
                "negative_weight": float(self.negative_weight[i]),
                "layers": (),
            }
            if self.lines is not None:
                attrs["lines"] = self.edge_lines(i)
            G.add_edge(names[self.u[i]], names[self.v[i]], **attrs)
        return G


def require_signed(G: nx.Graph, *, sign: str = "sign") -> None:
    """Raise :class:`KGError` unless every edge of ``G`` has a sign of +1 or -1.

    Examples
    --------
    >>> require_signed(nx.Graph([(1, 2, {"sign": 1})]))
    >>> require_signed(nx.Graph([(1, 2)]))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unsigned edge (1, 2): it has no 'sign' of +1 or -1
    """
    if G.is_directed() or G.is_multigraph():
        raise KGError(
            "expected an undirected simple signed graph (see kg.signed.network.signed_graph)"
        )
    for a, b, value in G.edges(data=sign):
        if value not in (1, -1):
            raise KGError(f"unsigned edge ({a!r}, {b!r}): it has no {sign!r} of +1 or -1")
