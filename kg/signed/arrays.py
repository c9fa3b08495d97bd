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
#: The largest size a weight may have. The Goldstein scale of the data
#: runs from -10 to 10; 1e6 leaves room for any other scale while every
#: sum of weights the measures form (a node's strength, a frustration
#: index over a billion ties) stays below 2**53, where floats still add
#: whole numbers exactly and the tolerance ``TOL`` still means something.
#: Weights beyond it (1e308 overflows to inf when two are added) and NaN
#: (which compares false with everything) are refused on input.
MAX_WEIGHT = 1e6


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
        check_weights(weight, file=file, lines=lines)
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

        Nodes are ordered by their text. A missing weight counts as 1.0;
        a weight that is not a finite number of at most ``MAX_WEIGHT`` in
        size raises :class:`~kg.errors.KGError`.

        Examples
        --------
        >>> G = nx.Graph([("x", "y", {"sign": -1})])
        >>> E = SignedEdges.from_graph(G)
        >>> E.nodes.tolist(), E.sign.tolist(), E.weight.tolist()
        (['x', 'y'], [-1], [1.0])
        """
        if G.is_directed() or G.is_multigraph():
            require_signed(G, sign=sign, weight=weight)  # raises
        names = sorted(G.nodes, key=str)
        position = {node: i for i, node in enumerate(names)}
        nodes = np.empty(len(names), dtype=object)
        nodes[:] = names
        m = G.number_of_edges()
        # one pass in Python over the edges, then numpy: this runs on every
        # measure's input, within the frustration index's time limit
        rows = [(position[a], position[b], data.get(sign), data.get(weight, 1.0),
                 data.get("mixed", False)) for a, b, data in G.edges(data=True)]
        columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
        try:
            signed = set(columns[2]) <= {1, -1}  # the test of require_signed, at C speed
            w = np.abs(np.fromiter(columns[3], dtype=np.float64, count=m))
        except (TypeError, ValueError):
            signed, w = False, np.array([np.nan])
        if not (signed and np.all(w <= MAX_WEIGHT)):
            require_signed(G, sign=sign, weight=weight)  # names the edge
            raise KGError(f"every edge needs a {sign!r} of +1 or -1 and a {weight!r} that is a "
                          f"finite number of at most {MAX_WEIGHT:g} in size")
        ia = np.fromiter(columns[0], dtype=np.int64, count=m)
        ib = np.fromiter(columns[1], dtype=np.int64, count=m)
        s = np.fromiter(columns[2], dtype=np.int8, count=m)
        mixed = np.fromiter(columns[4], dtype=bool, count=m)
        u, v = np.minimum(ia, ib), np.maximum(ia, ib)
        order = np.lexsort((v, u))
        u, v, s, w, mixed = u[order], v[order], s[order], w[order], mixed[order]
        return cls(nodes, u, v, s, w, mixed, np.where(s > 0, w, 0.0), np.where(s < 0, w, 0.0))

    def to_graph(self) -> nx.Graph:
        """The networkx form, with the edge attributes of
        :func:`kg.signed.network.signed_graph` (and ``lines`` when known)."""
        G = nx.Graph()
        names = self.nodes.tolist()
        G.add_nodes_from((name, {"label": str(name), "type": None, "wikidata": None})
                         for name in names)
        columns = zip(self.u.tolist(), self.v.tolist(), self.sign.tolist(),
                      self.weight.tolist(), self.mixed.tolist(),
                      self.positive_weight.tolist(), self.negative_weight.tolist(), strict=True)
        edges = []
        for i, (a, b, sign, weight, mixed, pos, neg) in enumerate(columns):
            attrs = {"sign": sign, "weight": weight, "kinds": (), "statements": (),
                     "mixed": mixed, "positive_weight": pos, "negative_weight": neg,
                     "layers": ()}
            if self.lines is not None:
                attrs["lines"] = self.edge_lines(i)
            edges.append((names[a], names[b], attrs))
        G.add_edges_from(edges)
        return G


def require_signed(G: nx.Graph, *, sign: str = "sign", weight: str | None = "weight") -> None:
    """Raise :class:`KGError` unless every edge of ``G`` has a sign of +1 or
    -1 and a ``weight`` (if any; ``None`` skips the check) that is a finite
    number of at most ``MAX_WEIGHT`` in size.

    Examples
    --------
    >>> require_signed(nx.Graph([(1, 2, {"sign": 1})]))
    >>> require_signed(nx.Graph([(1, 2)]))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unsigned edge (1, 2): it has no 'sign' of +1 or -1
    >>> require_signed(nx.Graph([(1, 2, {"sign": 1, "weight": float("nan")})]))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: edge (1, 2): weight nan is not a finite number of at most 1e+06 in size
    """
    if G.is_directed() or G.is_multigraph():
        raise KGError(
            "expected an undirected simple signed graph (see kg.signed.network.signed_graph)"
        )
    for a, b, data in G.edges(data=True):
        if data.get(sign) not in (1, -1):
            raise KGError(f"unsigned edge ({a!r}, {b!r}): it has no {sign!r} of +1 or -1")
        if weight is not None and not _valid_weight(data.get(weight, 1.0)):
            raise KGError(f"edge ({a!r}, {b!r}): weight {data[weight]!r} is not a finite "
                          f"number of at most {MAX_WEIGHT:g} in size")


def _valid_weight(value) -> bool:
    try:
        return abs(float(value)) <= MAX_WEIGHT  # False for NaN
    except (TypeError, ValueError):
        return False


def check_weights(weights, *, file: str | None = None, lines=None) -> None:
    """Raise :class:`KGError` unless every weight is a finite number of at
    most ``MAX_WEIGHT`` in size, naming the first bad one (and its line
    when ``lines`` holds one per weight).

    Examples
    --------
    >>> check_weights([1.0, -4.0])
    >>> check_weights([1.0, 1e308], file="ties.csv", lines=[2, 3])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: ties.csv:3: weight 1e+308 is not a finite number of at most 1e+06 in size
    """
    values = np.asarray(weights, dtype=np.float64)
    bad = np.flatnonzero(~(np.abs(values) <= MAX_WEIGHT))
    if len(bad):
        at = int(bad[0])
        raise KGError(f"weight {values[at]:g} is not a finite number of at most "
                      f"{MAX_WEIGHT:g} in size", file=file,
                      line=int(lines[at]) if lines is not None else None)
