"""The signed network over time: one step per year, month or change.

A :class:`~kg.signed.history.History` holds every tie of the input once, each with the days
it holds: a statement of the graph (its time read once, by
:func:`kg.sparql.snapshot.statement_times`) or a row of a dated edge list
(:mod:`kg.signed.edgelist`). The network as of a step is the ties in the
step's :class:`~kg.rdf.dates.TimeView` (the rules of :mod:`kg.rdf.dates`:
a tie dated 1969 is in the view of every day, month and year that meets
1969; an open end holds until now; an undated tie is in every view
unless ``dated_only``), collapsed per pair by the rule of
:func:`kg.signed.network.signed_graph`.

From one step to the next only the ties that begin or end between the two
views are looked at again, only the pairs they touch are collapsed again
(:func:`kg.signed.network.collapse_dyad`), and the triad census is
updated on the triangles through those pairs
(:class:`kg.signed.census.IncrementalCensus`). The frustration index and
the top wedge are computed again only at a step where a tie changed.

An agreement's tie depends on its status, which its dated status changes
give at each date: with the ``agreement`` layer, the agreement ties are
read again from the snapshot of each step (slower, and only then).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from kg.errors import KGError
from kg.rdf.dates import Date, TimeView
from kg.signed.census import IncrementalCensus
from kg.signed.history import (
    EVERY,
    History,
    Tie,
    edge_history,
    in_view,
    rdf_history,
    step_dates,
)
from kg.signed.network import actor_multigraph, collapse_dyad
from kg.signed.strategic import KINDS as DITTMER
from kg.signed.triads import TRIAD_TYPES

__all__ = ["EVERY", "DittmerChange", "History", "Network", "Step", "Tie", "TieChange",
           "edge_history", "in_view", "networks", "rdf_history", "step_dates", "timeline"]

#: What a step says of its wedge when the search would take too long.
WEDGE_SKIPPED = "skipped: too many candidates"


@dataclass(frozen=True)
class TieChange:
    """A tie that appeared, ended, changed sign or changed weight (a
    statement behind it began or ended, the sign stayed) from one step to
    the next: its signs before and after (``None`` when absent; ``mixed``
    flags), and the statements (or edge-list lines) that began or ended."""

    a: str
    b: str
    change: str
    before: int | None
    after: int | None
    before_mixed: bool
    after_mixed: bool
    began: tuple[str, ...]
    ended: tuple[str, ...]


@dataclass(frozen=True)
class DittmerChange:
    """A triangle of states whose Dittmer type changed (``None``: no
    triangle then), with the pivot or outcast of each type."""

    nodes: tuple[str, str, str]
    before: str | None
    after: str | None
    before_role: str | None = None
    after_role: str | None = None


@dataclass
class Network:
    """The signed network as of one step, kept up to date step by step.

    ``graph`` is one :class:`networkx.Graph` changed in place from step to
    step (copy it to keep it); ``changes`` the ties that appeared, ended
    or changed sign since the previous step, ``dittmer`` the triangles of
    states whose type changed.
    """

    date: Date
    view: TimeView
    graph: nx.Graph
    census: IncrementalCensus
    changes: tuple[TieChange, ...]
    dittmer: tuple[DittmerChange, ...]
    signs: dict[str, int]
    touched: int = 0


def networks(history: History, dates: Iterable[Date], *, dated_only: bool = False
             ) -> Iterator[Network]:
    """The signed network as of each date, in order.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> h = rdf_history(load(["tests/fixtures/dated.trig"]))
    >>> for n in networks(h, [Date.parse("1913"), Date.parse("1916")]):
    ...     print(n.date, n.graph.number_of_edges(), [c.change for c in n.changes])
    1913 2 ['appeared', 'appeared']
    1916 2 ['ended', 'appeared', 'changed sign']
    """
    walker = _Walker(history, dated_only)
    for date in dates:
        yield walker.step(date)


def _initiatives(ties: dict, others: dict) -> tuple[str, ...]:
    """The agreements of the ties in ``ties`` and not in ``others``."""
    return tuple(sorted({s for k in set(ties) - set(others) for s in ties[k][2]["statements"]}))


class _Walker:
    """Steps a :class:`History` forward, changing only what changes."""

    def __init__(self, history: History, dated_only: bool):
        self.history = history
        self.dated_only = dated_only
        self.ties = history.ties
        self.active: set[int] = set()
        self.by_pair: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.dynamic: dict[tuple[str, str], dict[str, tuple]] = {}
        self.graph = nx.Graph()
        self.census = IncrementalCensus()
        self.previous: TimeView | None = None
        self.signs = {"+": 0, "-": 0, "mixed": 0}
        dated = [(t.when, i) for i, t in enumerate(self.ties) if t.when]
        self.starts = sorted((w.start, i) for w, i in dated if w.start)
        self.ends = sorted((w.end, i) for w, i in dated if w.end and not self.ties[i].happening)
        nodes = history.nodes
        typed = any(a.get("type") for a in nodes.values())
        self.states = {n for n, a in nodes.items() if a.get("type") == "kg:State"} if typed \
            else None

    def _candidates(self, view: TimeView) -> Iterable[int]:
        before = self.previous
        if before is None or not (before.first < view.first and before.last < view.last):
            return range(len(self.ties))
        found = set()
        # a tie comes in when its first day passes into the view, goes out when its last
        # day falls behind the view: only those ties need a look
        lo = bisect.bisect_right(self.starts, (before.last, len(self.ties)))
        hi = bisect.bisect_right(self.starts, (view.last, len(self.ties)))
        found.update(i for _, i in self.starts[lo:hi])
        lo = bisect.bisect_left(self.ends, (before.first, -1))
        hi = bisect.bisect_left(self.ends, (view.first, -1))
        found.update(i for _, i in self.ends[lo:hi])
        return sorted(found)

    def step(self, date: Date) -> Network:
        view = TimeView(as_of=date, dated_only=self.dated_only)
        touched: dict[tuple[str, str], tuple[set, set]] = {}
        for i in self._candidates(view):
            tie = self.ties[i]
            now = in_view(view, tie)
            if now == (i in self.active):
                continue
            pair = (tie.u, tie.v) if tie.u < tie.v else (tie.v, tie.u)
            began, ended = touched.setdefault(pair, (set(), set()))
            if now:
                self.active.add(i)
                self.by_pair[pair].add(i)
                began.add(i)
            else:
                self.active.discard(i)
                self.by_pair[pair].discard(i)
                ended.add(i)
        dynamic_changes = self._dynamic(view)
        for pair in dynamic_changes:
            touched.setdefault(pair, (set(), set()))
        self.previous = view
        old = {pair: self._sign(pair) for pair in touched}
        changes = []
        for pair in sorted(touched):
            began, ended = touched[pair]
            change = self._recollapse(pair, began, ended, dynamic_changes.get(pair, ((), ())))
            if change is not None:
                changes.append(change)
        dittmer = self._dittmer(old, [c for c in changes if c.before != c.after])
        return Network(date, view, self.graph, self.census, tuple(changes), tuple(dittmer),
                       dict(self.signs), len(touched))

    def _dynamic(self, view: TimeView) -> dict[tuple[str, str], tuple[tuple, tuple]]:
        """The agreement ties as of ``view`` (only with the agreement layer),
        and the pairs whose agreement ties changed, with the keys that began
        and ended."""
        history = self.history
        if history.dataset is None or "agreement" not in history.layers:
            return {}
        from kg.sparql.snapshot import snapshot

        snap = snapshot(history.dataset, view).dataset
        M = actor_multigraph(snap, layers=("agreement",), claims=history.claims)
        now: dict[tuple[str, str], dict[str, tuple]] = defaultdict(dict)
        for u, v, key, data in M.edges(keys=True, data=True):
            if u != v:
                now[(u, v) if u < v else (v, u)][key] = (u, v, data)
        changed = {}
        for pair in set(now) | set(self.dynamic):
            before, after = self.dynamic.get(pair, {}), now.get(pair, {})
            if {k: d[2]["weight"] for k, d in before.items()} != \
                    {k: d[2]["weight"] for k, d in after.items()}:
                changed[pair] = (_initiatives(after, before), _initiatives(before, after))
        self.dynamic = dict(now)
        return changed

    def _sign(self, pair) -> int | None:
        return self.graph.edges[pair]["sign"] if self.graph.has_edge(*pair) else None

    def _category(self, pair) -> str | None:
        if not self.graph.has_edge(*pair):
            return None
        data = self.graph.edges[pair]
        return "mixed" if data["mixed"] else ("+" if data["sign"] > 0 else "-")

    def _recollapse(self, pair, began, ended, dynamic) -> TieChange | None:
        a, b = pair
        G = self.graph
        before = self._sign(pair)
        before_mixed = bool(before is not None and G.edges[pair]["mixed"])
        old_category = self._category(pair)
        old_weight = G.edges[pair]["weight"] if before is not None else None
        ties = [(self.ties[i].u, self.ties[i].v, self.ties[i].data)
                for i in sorted(self.by_pair.get(pair, ()))]
        ties += [self.dynamic[pair][k] for k in sorted(self.dynamic.get(pair, {}))]
        if ties:
            attrs = collapse_dyad(ties)
            if self.history.source is not None:
                attrs.update(statements=(), ties=(), kinds=(), layers=(), lines=tuple(sorted(
                    self.ties[i].data["line"] for i in self.by_pair[pair])))
            for node in pair:
                if node not in G:
                    G.add_node(node, **self.history.nodes.get(
                        node, {"label": node, "type": None, "wikidata": None}))
            G.add_edge(a, b, **attrs)
        elif G.has_edge(a, b):
            G.remove_edge(a, b)
            for node in pair:
                if G.degree(node) == 0:
                    G.remove_node(node)
        after = self._sign(pair)
        after_mixed = bool(after is not None and G.edges[pair]["mixed"])
        if old_category:
            self.signs[old_category] -= 1
        if self._category(pair):
            self.signs[self._category(pair)] += 1
        self.census.set(a, b, after)
        began, ended = self._keys(began) + dynamic[0], self._keys(ended) + dynamic[1]
        weight = G.edges[pair]["weight"] if after is not None else None
        if before == after and not (began or ended) and weight == old_weight:
            return None
        if before is None:
            change = "appeared"
        elif after is None:
            change = "ended"
        elif before != after:
            change = "changed sign"
        else:  # a statement behind the tie began or ended: its weight changed
            change = "changed weight"
        return TieChange(a, b, change, before, after, before_mixed, after_mixed, began, ended)

    def _keys(self, indices) -> tuple[str, ...]:
        keys = set()
        for i in indices:
            tie = self.ties[i]
            keys.update(tie.data["statements"] or (tie.key,))
        return tuple(sorted(keys))

    def _dittmer(self, old: dict, changes: list[TieChange]) -> list[DittmerChange]:
        """The triangles of states through a changed tie whose type changed."""
        G = self.graph
        states = self.states

        def is_state(node) -> bool:
            return states is None or node in states

        def sign_then(x, y, then: bool):
            pair = (x, y) if x < y else (y, x)
            return old[pair] if then and pair in old else self._sign(pair)

        def kind(nodes, then: bool):
            a, b, c = nodes
            signs = [sign_then(a, b, then), sign_then(a, c, then), sign_then(b, c, then)]
            if None in signs:
                return None, None
            triad = TRIAD_TYPES[sum(s < 0 for s in signs)]
            odd = -1 if triad == "++-" else 1 if triad == "+--" else None
            role = None
            if odd is not None:
                (pos,) = [i for i, s in enumerate(signs) if s == odd]
                role = nodes[2 - pos]  # the corner opposite the odd tie
            return DITTMER[triad], role

        seen, found = set(), []
        old_neighbours = defaultdict(set)
        for (x, y), sign in old.items():
            if sign is not None:
                old_neighbours[x].add(y)
                old_neighbours[y].add(x)
        for change in changes:
            a, b = change.a, change.b
            if not (is_state(a) and is_state(b)):
                continue
            near = set()
            for x in (a, b):
                near |= set(G[x]) if x in G else set()
                near |= old_neighbours[x]
            for c in sorted(near - {a, b}):
                nodes = tuple(sorted((a, b, c)))
                if nodes in seen or not is_state(c):
                    continue
                seen.add(nodes)
                (k0, r0), (k1, r1) = kind(nodes, True), kind(nodes, False)
                if k0 != k1:
                    found.append(DittmerChange(nodes, k0, k1, r0, r1))
        return sorted(found, key=lambda d: d.nodes)


@dataclass(frozen=True)
class Step:
    """One row of a timeline: the network as of ``date``.

    ``ties`` counts the ties by sign (``+``, ``-``, ``mixed``); ``census``
    the triangles by triad type; ``share`` the share of balanced ones
    (``None`` without a triangle); ``frustration`` the frustration index
    (the number of ties), proven minimal when ``exact``, else with the
    proven ``bound`` below it; ``dittmer`` the triangles of states whose
    type changed since the previous step; ``wedge`` the top-ranked wedge
    (:func:`kg.signed.wedges.wedges`), and ``wedge_note`` why there is
    none when the search was skipped (:data:`WEDGE_SKIPPED`: the network
    has too many candidates to search at every step); ``changes`` the
    ties that appeared, ended or changed sign.
    """

    date: Date
    ties: dict[str, int]
    census: dict[str, int]
    share: float | None
    frustration: float
    exact: bool
    bound: float
    dittmer: tuple[DittmerChange, ...]
    wedge: object
    changes: tuple[TieChange, ...]
    wedge_note: str | None = None

    @property
    def triangles(self) -> int:
        return sum(self.census.values())


def timeline(history: History, dates: Iterable[Date], *, dated_only: bool = False,
             time_limit: float = 10.0, seed: int | None = 0) -> list[Step]:
    """One :class:`Step` per date: the signed network as of it, measured.

    Parameters
    ----------
    history : from :func:`rdf_history` or :func:`edge_history`.
    dates : the steps, in order (see :func:`step_dates`).
    dated_only : leave out the undated ties.
    time_limit : seconds the frustration index may take at each step;
        when they run out, the step reports the best split found and its
        proven bound (``exact`` is False).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> h = rdf_history(load(["tests/fixtures/dated.trig"]))
    >>> for s in timeline(h, step_dates(h, every="change")):
    ...     print(s.date, s.ties, s.triangles, s.share, s.frustration)
    1882-01-01 {'+': 2, '-': 0, 'mixed': 0} 0 None 0.0
    1913-10-02 {'+': 1, '-': 0, 'mixed': 1} 0 None 0.0
    1913-10-10 {'+': 2, '-': 0, 'mixed': 0} 0 None 0.0
    1914-05-01 {'+': 2, '-': 1, 'mixed': 0} 1 0.0 1.0
    1916-01-01 {'+': 1, '-': 1, 'mixed': 0} 0 None 0.0
    """
    from kg.signed.frustration import frustration
    from kg.signed.wedges import wedges

    steps = []
    measured = None
    for network in networks(history, dates, dated_only=dated_only):
        G = network.graph
        if measured is None or network.touched:
            measured = _measure(G, frustration, wedges, time_limit, seed)
        index, exact, bound, wedge, note = measured
        census = network.census
        steps.append(Step(network.date, network.signs, census.counts(), census.share,
                          index, exact, bound, network.dittmer, wedge, network.changes, note))
    return steps


def _measure(G, frustration, wedges, time_limit, seed):
    if G.number_of_edges() == 0:
        return 0.0, True, 0.0, None, None
    result = frustration(G, time_limit=time_limit, seed=seed)
    note = None
    try:
        found = wedges(G)
    except KGError:  # too many candidates to search at every step: say so
        found, note = [], WEDGE_SKIPPED
    return (result.index, result.optimal, result.lower_bound, found[0] if found else None,
            note)
