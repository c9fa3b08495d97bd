"""Every tie of the input once, with the days it holds, and the steps of a timeline.

A :class:`History` holds each tie of a dataset (one per statement, its
time read once by :func:`kg.sparql.snapshot.statement_times`) or of a
dated edge list (one per row, :mod:`kg.signed.edgelist`);
:func:`step_dates` gives the dates a timeline steps through, and
:func:`in_view` says whether a tie is in the view of a date by the rules
of :mod:`kg.rdf.dates` (see :mod:`kg.signed.timeline`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import URIRef

from kg.errors import KGError
from kg.rdf.dates import Date, TimeView, When
from kg.signed.network import SIGNED_LAYERS, actor_multigraph

#: How a timeline steps: each year, each month, or each change.
EVERY = ("year", "month", "change")


@dataclass(frozen=True)
class Tie:
    """One tie between two actors: ``data`` as :func:`actor_multigraph`
    gives it, ``when`` its days (``None`` when undated)."""

    u: str
    v: str
    key: str
    data: dict = field(compare=False, hash=False)
    when: When | None = None
    happening: bool = False


@dataclass
class History:
    """Every tie of the input with its days, and the actors."""

    ties: list[Tie]
    nodes: dict[str, dict]
    source: str | None = None
    dataset: object = None
    layers: tuple[str, ...] = SIGNED_LAYERS
    claims: bool = True

    def dates(self) -> list[Date]:
        """Every date written on a tie (and on an agreement's status
        changes, with the agreement layer), sorted."""
        found = {d for t in self.ties if t.when for d in (t.when.begin, t.when.finish) if d}
        found |= {d for w, _ in self._status_changes() for d in (w.begin, w.finish) if d}
        return sorted(found, key=lambda d: (d.first, d.last))

    def _status_changes(self) -> list[tuple[When, bool]]:
        if self.dataset is None or "agreement" not in self.layers:
            return []
        from kg.sparql.snapshot import statement_times, status_changes

        times = statement_times(self.dataset)
        return [times[c.change] for changes in status_changes(self.dataset, times).values()
                for c in changes]

    def change_points(self) -> list[dt.date]:
        """The days where the network's view can change: the first day of
        each tie, and the day after the last day of each (a happening only
        begins)."""
        days = set()
        for when, happening in [(t.when, t.happening) for t in self.ties if t.when] + \
                self._status_changes():
            if when.start:
                days.add(when.start)
            if when.end and not happening and when.end < dt.date.max:
                days.add(when.end + dt.timedelta(days=1))
        return sorted(days)


def rdf_history(dataset, *, layers: Iterable[str] = SIGNED_LAYERS,
                claims: bool = True) -> History:
    """The ties of a dataset (one per statement) with the days of each.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> h = rdf_history(load(["tests/fixtures/dated.trig"]))
    >>> sorted((t.key.rsplit("/", 1)[-1], str(t.when)) for t in h.ties)[:2]
    [('alliance-1882', '1882 to 1915'), ('crisis-1913', '1913-10-02 to 1913-10-09')]
    """
    from kg.sparql.snapshot import statement_times

    layers = tuple(layers)
    times = statement_times(dataset)
    static = tuple(layer for layer in layers if layer != "agreement")
    M = actor_multigraph(dataset, layers=static, claims=claims) if static else nx.MultiDiGraph()
    ties = []
    for u, v, key, data in M.edges(keys=True, data=True):
        if u == v:
            continue
        statement = data["statements"][0] if data["statements"] else None
        when, happening = times.get(URIRef(statement), (None, False)) if statement \
            else (None, False)
        ties.append(Tie(u, v, key, data, when, happening))
    nodes = {node: dict(attrs) for node, attrs in
             actor_multigraph(dataset, layers=("relation",), claims=claims).nodes(data=True)}
    nodes.update({node: dict(attrs) for node, attrs in M.nodes(data=True)})
    return History(sorted(ties, key=lambda t: (t.key, t.u, t.v)), nodes, dataset=dataset,
                   layers=layers, claims=claims)


def edge_history(rows) -> History:
    """The ties of an edge list (:class:`kg.signed.edgelist.EdgeRows`),
    one per row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kg.signed.edgelist import read_edge_rows
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = f.write_text("source,target,sign,start,end\\nA,B,+,1969,1970\\n")
    >>> [(t.u, t.v, str(t.when)) for t in edge_history(read_edge_rows(f)).ties]
    [('A', 'B', '1969 to 1970')]
    """
    ties = []
    for i, (a, b, sign, weight, line) in enumerate(zip(
            rows.source.tolist(), rows.target.tolist(), rows.sign.tolist(),
            rows.weight.tolist(), rows.lines.tolist(), strict=True)):
        data = {"layer": "relation", "sign": int(sign), "weight": float(weight), "kind": None,
                "statements": (), "claimants": (), "line": int(line)}
        ties.append(Tie(a, b, f"{rows.file}:{line}", data, rows.when(i)))
    names = sorted({t.u for t in ties} | {t.v for t in ties})
    nodes = {name: {"label": name, "type": None, "wikidata": None} for name in names}
    return History(ties, nodes, source=rows.file)


def step_dates(history: History, *, every: str = "year", start: str | None = None,
               end: str | None = None) -> list[Date]:
    """The dates of the steps: each year or month from ``start`` to ``end``
    (by default the earliest and the latest date of the data), or each
    day where the view changes (``every="change"``).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> h = rdf_history(load(["tests/fixtures/dated.trig"]))
    >>> [str(d) for d in step_dates(h, every="year", start="1913", end="1916")]
    ['1913', '1914', '1915', '1916']
    >>> [str(d) for d in step_dates(h, every="change")]
    ['1882-01-01', '1913-10-02', '1913-10-10', '1914-05-01', '1916-01-01']
    """
    if every not in EVERY:
        raise KGError(f"unknown step {every!r}; choose from {', '.join(EVERY)}")
    first = Date.parse(start, where="--from") if start else None
    last = Date.parse(end, where="--to") if end else None
    if first and last and first.first > last.last:
        raise KGError(f"--from {first} is after --to {last}")
    if every == "change":
        days = history.change_points()
        low = first.first if first else dt.date.min
        high = last.last if last else dt.date.max
        return [Date(d, d, "day") for d in days if low <= d <= high]
    dates = history.dates()
    if not dates and not (first and last):
        raise KGError("no dated tie: give --from and --to, or date the ties")
    low = first.first if first else dates[0].first
    high = last.last if last else max(d.last for d in dates)
    steps = []
    date = Date.parse(f"{low.year:04d}" if every == "year" else f"{low.year:04d}-{low.month:02d}")
    while date is not None and date.first <= high:
        steps.append(date)
        if len(steps) > 100_000:
            raise KGError(f"more than 100,000 steps from {low} to {high}: choose a coarser "
                          "--every or a shorter span")
        date = date.next()
    return steps


def in_view(view: TimeView, tie: Tie) -> bool:
    """Whether ``tie`` is in ``view``: a happening once it has begun, any
    other tie while it holds (:meth:`TimeView.shows`)."""
    return view.shows(tie.when, happening=tie.happening)
