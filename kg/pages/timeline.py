"""The time slider of a network page: which ties it shows at which date.

``kg render --timeline`` draws the page of every date (the layout is
computed once, over all ties, so no node moves) and gives it the data a
slider needs: the steps, the days of each dated statement the page rests
on (from :func:`kg.sparql.snapshot.statement_times`) and the dated status
changes of each agreement. The page's script then applies the rules of a
:class:`~kg.rdf.dates.TimeView` as of the step's date, which
:func:`ties_at`, :func:`nodes_at` and :func:`status_at` state here:

* a tie is shown when one of its statements is; a statement is shown when
  the resources it rests on (see ``rests`` in
  :func:`kg.pages.pagegraph.page_graph`) are in the view: a statement that
  holds for a while when its days meet the step's days
  (:meth:`~kg.rdf.dates.TimeView.holds`), a thing that happens (an event)
  once it has begun (:meth:`~kg.rdf.dates.TimeView.happened`); an undated
  one always;
* an agreement's status is the one its dated status changes on or before
  the step reach (:func:`kg.sparql.snapshot.status_reached`: the highest
  forward stage, or a suspension or termination when it is the latest;
  none yet before the first; as written when it has no dated change);
* a node is shown when one of its shown ties reaches it, or, where the
  lens keeps nodes without ties, when it is itself in the view.

So the page at a step shows what ``kg render --as-of STEP`` draws. The
steps are every date the page's view changes, each at its own precision:
the beginnings of dated statements, their ends (the last date they hold)
and the date after each end (the first without them); the last position,
"all dates", shows everything, as ``kg render`` does without ``--as-of``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib.namespace import RDFS

from kg.rdf.dates import Date, TimeView, When
from kg.sparql.snapshot import status_reached

#: The lenses that keep a node without ties, and which groups they keep
#: (``None``: every group); see :func:`kg.pages.pagegraph.lens`.
KEEP_ALONE: dict[str, frozenset[str] | None] = {
    "all": None,
    "agreements": frozenset({"initiative"}),
}


@dataclass(frozen=True)
class Timeline:
    """What a page's time slider needs.

    ``steps`` are the dates of the slider, in order; ``times`` the days of
    each dated resource the page rests on (IRI to ``(When, is_happening)``);
    ``statuses`` each agreement's dated status changes in the order they
    happened (IRI to ``(change IRI, status label or None, stage, halts)``,
    see :class:`kg.sparql.snapshot.DatedStatus`);
    ``keep_alone`` the groups of nodes shown without a tie (``None``: all).
    """

    steps: tuple[Date, ...]
    times: dict[str, tuple[When, bool]] = field(default_factory=dict)
    statuses: dict[str, tuple[tuple[str, str | None, int, bool], ...]] = field(
        default_factory=dict)
    keep_alone: frozenset[str] | None = frozenset()


def timeline(dataset, graph: nx.MultiGraph, *, lens: str = "all") -> Timeline:
    """The slider of the page that draws ``graph`` (a page graph of
    ``dataset`` through ``lens``).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.pages.pagegraph import page_graph
    >>> ds = load(["tests/fixtures/dated.trig"])
    >>> [str(step) for step in timeline(ds, page_graph(ds)).steps]  # doctest: +NORMALIZE_WHITESPACE
    ['1882', '1910', '1912-03-03', '1913-10-02', '1913-10-09', '1913-10-10', '1914-05',
     '1915', '1916']
    """
    from kg.sparql.snapshot import statement_times, status_changes

    dated = statement_times(dataset)
    every = {str(iri): value for iri, value in dated.items()}
    used: set[str] = set(graph) & set(every)
    for _, _, attrs in graph.edges(data=True):
        for statement in attrs.get("statements", ()):
            used.update(iri for alternative in statement.get("rests", ()) for iri in alternative
                        if iri in every)
    statuses = {}
    for initiative, changes in status_changes(dataset, dated).items():
        if str(initiative) not in graph:
            continue
        statuses[str(initiative)] = tuple(
            (str(c.change), _label(dataset, c.status), c.stage, c.halts) for c in changes)
        used.update(str(c.change) for c in changes)
    times = {iri: every[iri] for iri in sorted(used)}
    return Timeline(steps=slider_steps(times.values()), times=times,
                    statuses=dict(sorted(statuses.items())),
                    keep_alone=KEEP_ALONE.get(lens, frozenset()))


def _label(dataset, status) -> str | None:
    return min((str(name) for name in dataset.objects(status, RDFS.label)), default=None)


def slider_steps(times: Iterable[tuple[When, bool]]) -> tuple[Date, ...]:
    """Every date a view of these statements changes, at each one's precision:
    the beginnings, the ends and the date after each end (:meth:`Date.next`).

    Examples
    --------
    >>> crisis = When.between(Date.parse("1913-10-02"), Date.parse("1913-10-09"))
    >>> signed = When.at(Date.parse("1912-03"))
    >>> [str(d) for d in slider_steps([(crisis, False), (signed, True)])]
    ['1912-03', '1913-10-02', '1913-10-09', '1913-10-10']
    """
    steps: set[Date] = set()
    for when, happening in times:
        if when.begin is not None:
            steps.add(when.begin)
        if happening or when.finish is None:
            continue
        steps.add(when.finish)
        after = when.finish.next()
        if after is not None:
            steps.add(after)
    return tuple(sorted(steps))


def _in_view(timeline: Timeline, iri: str, view: TimeView) -> bool:
    if iri not in timeline.times:
        return True
    when, happening = timeline.times[iri]
    return view.shows(when, happening=happening)


def statement_shown(timeline: Timeline, statement: dict, step: Date | None) -> bool:
    """Whether one statement of a tie is in the view at ``step`` (``None``:
    all dates): all the resources of one of its ``rests`` are."""
    if step is None:
        return True
    view = TimeView(as_of=step)
    rests = statement.get("rests") or ((),)
    return any(all(_in_view(timeline, iri, view) for iri in alternative) for alternative in rests)


def ties_at(graph: nx.MultiGraph, timeline: Timeline, step: Date | None) -> set[tuple]:
    """The ties ``(u, v, key)`` the page shows at ``step`` (``None``: all dates).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.pages.pagegraph import page_graph
    >>> from kg.rdf.namespaces import curie
    >>> ds = load(["tests/fixtures/dated.trig"])
    >>> G = page_graph(ds)
    >>> shown = ties_at(G, timeline(ds, G), Date.parse("1916"))
    >>> sorted((curie(u), curie(v), k) for u, v, k in shown)  # doctest: +NORMALIZE_WHITESPACE
    [('kgr:avalon', 'kgr:cockaigne', 'relation'), ('kgr:avalon', 'kgr:pact', 'agreement'),
     ('kgr:brigadoon', 'kgr:cockaigne', 'relation'), ('kgr:cockaigne', 'kgr:pact', 'agreement')]
    """
    return {(u, v, key) for u, v, key, attrs in graph.edges(keys=True, data=True)
            if any(statement_shown(timeline, s, step) for s in attrs.get("statements", ()))}


def nodes_at(graph: nx.MultiGraph, timeline: Timeline, step: Date | None) -> set[str]:
    """The nodes the page shows at ``step`` (``None``: all dates)."""
    shown = {end for u, v, _ in ties_at(graph, timeline, step) for end in (u, v)}
    view = TimeView(as_of=step) if step is not None else TimeView()
    for node, attrs in graph.nodes(data=True):
        alone = timeline.keep_alone is None or attrs.get("group") in timeline.keep_alone
        if alone and not attrs.get("bare") and _in_view(timeline, node, view):
            shown.add(node)
    return shown


def status_at(graph: nx.MultiGraph, timeline: Timeline, node: str,
              step: Date | None) -> str | None:
    """An agreement's status label at ``step`` (``None``: all dates, as written).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.pages.pagegraph import page_graph
    >>> ds = load(["tests/fixtures/dated.trig"])
    >>> G = page_graph(ds)
    >>> pact = "https://w3id.org/kg-relations/id/pact"
    >>> [status_at(G, timeline(ds, G), pact, Date.parse(d)) for d in ("1909", "1911", "1912")]
    [None, 'proposed', 'signed']
    """
    changes = timeline.statuses.get(node)
    if step is None or not changes:
        return graph.nodes[node].get("status")
    view = TimeView(as_of=step)
    return status_reached((stage, halts, label) for change, label, stage, halts in changes
                          if _in_view(timeline, change, view))


def page_timeline(timeline: Timeline, colors: dict[str, str]) -> dict:
    """The slider's data as the page embeds it: the steps (label, first
    and last day), the days of each dated resource, the groups kept
    without ties and the colour of each sign."""
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "steps": [{"label": str(s), "first": day(s.first), "last": day(s.last),
                   "precision": s.precision} for s in timeline.steps],
        "times": {iri: {"start": day(when.start), "end": day(when.end), "text": str(when),
                        "happening": happening}
                  for iri, (when, happening) in timeline.times.items()},
        "keepAlone": None if timeline.keep_alone is None else sorted(timeline.keep_alone),
        "colors": dict(sorted(colors.items())),
    }


def statement_when(timeline: Timeline, statement: dict) -> list[list[str]] | None:
    """The dated resources of each alternative a statement rests on, for
    the page; ``None`` when one alternative is undated (always shown)."""
    alternatives = []
    for alternative in statement.get("rests") or ((),):
        dated = sorted(iri for iri in alternative if iri in timeline.times)
        if not dated:
            return None
        alternatives.append(dated)
    return sorted(alternatives)


def node_time(timeline: Timeline, node: str, attrs: dict) -> dict:
    """What the page needs of one node: its own days, its dated status
    changes and whether it only ends a tie."""
    return {
        "when": [[node]] if node in timeline.times else None,
        "statuses": [list(change) for change in timeline.statuses.get(node, ())],
        "bare": bool(attrs.get("bare")),
    }
