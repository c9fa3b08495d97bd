"""What if one tie changed? Recompute the measures and report the difference.

A change flips the sign of a tie, removes it, or adds a new one. Balance,
the frustration index, the strategic triangles and the wedge ranking (of
the accommodative wedges, the ones balance predicts to strain a pair; see
:mod:`kg.signed.wedges`) are computed on the network before and after; the
result lists what changed.
A flipped or added tie is a clean one (not mixed) and is marked
``hypothetical``; an added tie weighs the median weight of the network's
ties unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from kg.errors import KGError
from kg.signed.arrays import require_signed
from kg.signed.balance import Balance, balance
from kg.signed.frustration import Frustration, frustration
from kg.signed.strategic import StrategicTriangle, strategic_triangles
from kg.signed.wedges import Wedge, wedges

ACTIONS = ("flip", "remove", "add")


@dataclass(frozen=True)
class Change:
    action: str
    a: object
    b: object
    sign: int | None = None
    weight: float | None = None

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise KGError(f"unknown change {self.action!r}; choose from {', '.join(ACTIONS)}")
        if self.action == "add" and self.sign not in (1, -1):
            raise KGError("an added tie needs a sign, + or -")
        if self.a == self.b:
            raise KGError("a tie needs two different actors")


@dataclass(frozen=True)
class Snapshot:
    """The measures of one network."""

    balance: Balance
    frustration: Frustration
    triangles: tuple[StrategicTriangle, ...]
    wedges: tuple[Wedge, ...]


@dataclass(frozen=True)
class WhatIf:
    change: Change
    before: Snapshot
    after: Snapshot
    graph: nx.Graph = field(repr=False, compare=False)

    def summary(self) -> list[tuple[str, object, object]]:
        """(measure, before, after) for the headline numbers."""
        rows = []
        for name in ("+++", "++-", "+--", "---"):
            rows.append((f"triads {name}", self.before.balance.census[name],
                         self.after.balance.census[name]))
        rows.append(("balanced share", _share(self.before.balance), _share(self.after.balance)))
        rows.append(("frustration index", self.before.frustration.index,
                     self.after.frustration.index))
        rows.append(("wedges with a sponsor", _sponsored(self.before), _sponsored(self.after)))
        return rows

    def triangle_changes(self) -> list[tuple[tuple, StrategicTriangle | None,
                                             StrategicTriangle | None]]:
        """(nodes, triangle before, triangle after) for every triad whose type
        or roles changed (``None``: no triangle)."""
        before = {t.nodes: t for t in self.before.triangles}
        after = {t.nodes: t for t in self.after.triangles}
        changed = []
        for nodes in sorted(set(before) | set(after), key=lambda ns: tuple(map(str, ns))):
            old, new = before.get(nodes), after.get(nodes)
            if _key(old) != _key(new):
                changed.append((nodes, old, new))
        return changed

    def wedge_changes(self) -> list[tuple[tuple, int | None, int | None, float, float]]:
        """((a, b, pivot), rank before, rank after, score before, score after)
        for every wedge that appeared, vanished or moved."""
        def ranks(snapshot):
            return {(w.a, w.b, w.pivot): (i + 1, w.score) for i, w in enumerate(snapshot.wedges)}

        old, new = ranks(self.before), ranks(self.after)
        rows = []
        for key in sorted(set(old) | set(new), key=lambda k: tuple(map(str, k))):
            (r0, s0), (r1, s1) = old.get(key, (None, 0.0)), new.get(key, (None, 0.0))
            if r0 != r1 or abs(s0 - s1) > 1e-12:
                rows.append((key, r0, r1, s0, s1))
        rows.sort(key=lambda row: (row[2] is None, row[2] or 0, row[1] or 0))
        return rows


def apply_change(G: nx.Graph, change: Change) -> nx.Graph:
    """A copy of ``G`` with the change made.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"sign": 1, "weight": 2.0})])
    >>> H = apply_change(G, Change("flip", "a", "b"))
    >>> H.edges["a", "b"]["sign"], G.edges["a", "b"]["sign"]
    (-1, 1)
    """
    H = G.copy()
    a, b = change.a, change.b
    for node in (a, b):
        if node not in H:
            raise KGError(f"{node!r} is not in the network")
    if change.action in ("flip", "remove") and not H.has_edge(a, b):
        raise KGError(f"there is no tie between {_name(H, a)} and {_name(H, b)} "
                      f"to {change.action}")
    if change.action == "flip":
        H.edges[a, b]["sign"] = -H.edges[a, b]["sign"]
        H.edges[a, b]["mixed"] = False
        H.edges[a, b]["hypothetical"] = True
    elif change.action == "remove":
        H.remove_edge(a, b)
    else:
        if H.has_edge(a, b):
            raise KGError(f"{_name(H, a)} and {_name(H, b)} are already tied; "
                          "use flip or remove")
        weights = [abs(w) for _, _, w in G.edges(data="weight", default=1.0)]
        weight = change.weight if change.weight is not None else (
            float(np.median(weights)) if weights else 1.0)
        H.add_edge(a, b, sign=change.sign, weight=weight, mixed=False, hypothetical=True,
                   kinds=(), statements=(), ties=())
    return H


def snapshot(G: nx.Graph, *, nodes=None, time_limit: float = 10.0, weight: str | None = None
             ) -> Snapshot:
    """Balance, frustration, strategic triangles (among ``nodes``) and wedges."""
    return Snapshot(
        balance=balance(G),
        frustration=frustration(G, weight=weight, time_limit=time_limit),
        triangles=tuple(strategic_triangles(G, nodes=nodes)),
        wedges=tuple(wedges(G, kinds=("accommodative",))),
    )


def whatif(G: nx.Graph, change: Change, *, nodes=None, time_limit: float = 10.0,
           weight: str | None = None) -> WhatIf:
    """Compare the measures of ``G`` before and after ``change``.

    Parameters
    ----------
    G : networkx.Graph
        An undirected signed graph (edge attribute ``sign`` of +1/-1).
    change : Change
        The tie to flip, remove or add.
    nodes : iterable of node, optional
        Classify only the triangles among these nodes.
    time_limit : float, default 10.0
        Seconds each frustration computation may spend.
    weight : str, optional
        ``None`` counts frustrated edges; ``"weight"`` sums their weight.

    Returns
    -------
    WhatIf
        The measures before and after, and the changed graph.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c")], sign=1)
    >>> G.add_edge("a", "c", sign=-1)
    >>> result = whatif(G, Change("flip", "a", "c"))
    >>> result.summary()[4], result.summary()[5]
    (('balanced share', 0.0, 1.0), ('frustration index', 1.0, 0.0))
    """
    require_signed(G)
    H = apply_change(G, change)
    return WhatIf(
        change=change,
        before=snapshot(G, nodes=nodes, time_limit=time_limit, weight=weight),
        after=snapshot(H, nodes=[n for n in nodes if n in H] if nodes is not None else None,
                       time_limit=time_limit, weight=weight),
        graph=H,
    )


def _name(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _share(result: Balance):
    return None if result.share is None else round(result.share, 4)


def _sponsored(snapshot: Snapshot) -> int:
    return sum(1 for w in snapshot.wedges if w.sponsors)


def _key(t: StrategicTriangle | None):
    return None if t is None else (t.kind, t.pivot, t.outcast)
