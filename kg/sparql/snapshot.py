"""The graph as of a date: the statements of a :class:`~kg.rdf.dates.TimeView`.

A statement is dated the one way OWL-Time dates anything: ``time:hasTime``
(or a sub-property of it, such as ``kg:period``; a membership uses
``org:memberDuring``) pointing at an instant with a date
(``time:inXSDgYear``, ``time:inXSDgYearMonth`` or ``time:inXSDDate``) or
at an interval whose ``time:hasBeginning`` and ``time:hasEnd`` are such
instants, either of them left out when open.

The rules of a view (see :mod:`kg.rdf.dates` for the precisions):

* a statement that holds for a while (a relation, a pressure, a
  membership, a stance, a quantity) is in the view when one of its days is
  one of the view's days: at its own precision, so ``1904`` is in the view
  as of ``1904-06-15``; an open end holds until now;
* a thing that happens (an instance of ``kg:Event`` or of
  ``kg:StatusChange``) is in the view once it has begun: the history known
  at the view's last day, counting from the first day of its date (a
  change dated ``1972`` has happened as of ``1972-01``; see
  :meth:`~kg.rdf.dates.TimeView.happened`); :meth:`~kg.rdf.dates.TimeView.shows`
  states both rules;
* an undated statement is timeless: in every view, unless ``dated_only``;
* a statement that points at a statement outside the view is left out
  too, and so on: a stance whose ``kg:onStatement`` is a pressure outside
  the view, a claim ``kg:about`` it, a conflict flag that ``kg:flags`` it,
  an analogy ``kg:analogyFor`` it, a part of a total (``kg:partOf``). A
  view holds no statement about a statement it does not hold. (Only
  statements, the instances of ``kg:Statement`` and memberships, go; a
  resource that is not a statement keeps its triples, as the direct
  triples do.)
* an agreement's ``kg:status`` in the view follows its dated status
  changes on or before the view's last day (:func:`status_changes`,
  :func:`status_reached`): the forward stages of the lifecycle never go
  back, so the status is the highest forward stage reached (by notation:
  proposed 1 ... in force 7), unless the latest change halts the
  agreement (suspended, terminated), which then is the status; after a
  halt the stages count again from there. A forward stage is one the
  ontology gives a CAMEO class of reaching it (``kg:cameo``); a halt
  has none. So an agreement ratified by one party in 1970 and signed by
  another in 1975 is ratified as of 1976 (an import writes one change per
  party). An agreement whose dated changes all come later has no status
  yet; one with no dated change keeps its status.

Direct triples (``kgr:a kg:allyOf kgr:b``) are undated summaries and stay;
the statements behind them carry the time.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from rdflib import RDF, RDFS, BNode, Dataset, URIRef
from rdflib.namespace import ORG

from kg.errors import KGError
from kg.rdf.dates import Date, TimeView, When
from kg.rdf.load import load_ontology
from kg.rdf.namespaces import KG, curie
from kg.sparql.named import select

T = TypeVar("T")


@dataclass
class Snapshot:
    """A view of a dataset: the dataset as of the view, and what was left out.

    ``dataset`` is a new dataset (the input is never changed); ``left_out``
    the sorted statements outside the view (with those that point at
    them); ``dated_statements`` the dated statements of the input, and
    ``dated`` their number; ``statuses`` the agreements whose status the
    view changed (IRI to the status then, or ``None``).
    """

    dataset: Dataset
    view: TimeView
    dated: int = 0
    left_out: list[URIRef] = field(default_factory=list)
    statuses: dict[URIRef, URIRef | None] = field(default_factory=dict)
    dated_statements: frozenset[URIRef] = frozenset()

    def describe(self) -> str:
        """One line for people: the view, and how many statements it holds."""
        shown = self.dated - sum(1 for s in self.left_out if s in self.dated_statements)
        undated = "undated statements left out" if self.view.dated_only else \
            "undated statements always in"
        return f"{self.view}: {shown} of {self.dated} dated statements in the view; {undated}"


class DatedStatus(NamedTuple):
    """One dated status change of an agreement: its days, the stage of the
    new status (its ``skos:notation``, 0 without one), the change, the new
    status, and whether that status halts the agreement (no ``kg:cameo``:
    suspended, terminated)."""

    when: When
    stage: int
    change: URIRef
    status: URIRef
    halts: bool


def statement_times(dataset) -> dict[URIRef, tuple[When, bool]]:
    """The days of each dated statement, and whether it is a happening.

    Raises :class:`KGError` naming the statement for a date that is not a
    year, a month or a day, for a beginning after the end, and for a
    statement with two different times.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> times = statement_times(load(["tests/fixtures/dated.trig"]))
    >>> {curie(s): str(w) for s, (w, _) in sorted(times.items())}["kgr:alliance-1882"]
    '1882 to 1915'
    """
    times: dict[URIRef, tuple[When, bool]] = {}
    for statement, date, begin, end, happening in _dated_rows(dataset):
        name = curie(statement)
        if date is not None:
            when = When.at(Date.parse(date, where=name))
        else:
            when = When.between(Date.parse(begin, where=name) if begin is not None else None,
                                Date.parse(end, where=name) if end is not None else None)
            if when.start and when.end and when.start > when.end:
                raise KGError(f"{name}: begins {when.begin} after it ends {when.finish}")
        if statement in times and times[statement][0] != when:
            raise KGError(f"{name}: two times ({times[statement][0]} and {when}); "
                          "a statement holds over one interval: split it in two statements")
        times[statement] = (when, bool(happening))
    return times


def _dated_rows(dataset) -> list[tuple]:
    """The rows of dated-statements.rq, ``(statement, date, begin, end,
    happening)`` in its order, joined from the facts of statement-times.rq
    (one a row: much faster in rdflib for a large graph)."""
    links: dict = {}
    facts: dict[str, dict] = {"date": {}, "begin": {}, "end": {}}
    happening = set()
    for statement, time, date, begin, end, kind in select(dataset, "statement-times"):
        if kind is not None:
            happening.add(statement)
        elif statement is not None:
            links.setdefault(statement, set()).add(time)
        for name, value in (("date", date), ("begin", begin), ("end", end)):
            if value is not None:
                facts[name].setdefault(time, set()).add(value)
    rows = []
    for statement, found in links.items():
        for time in found:
            values = [sorted(facts[name].get(time, ()), key=str) for name in facts]
            if any(values):  # a time with no date, beginning or end dates nothing
                rows += [(statement, *combination, statement in happening)
                         for combination in itertools.product(*(v or [None] for v in values))]
    return sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row[:4]))


def snapshot(dataset, view: TimeView) -> Snapshot:
    """The statements of ``dataset`` in ``view``, as a new dataset.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> ds = load(["tests/fixtures/dated.trig"])
    >>> snap = snapshot(ds, TimeView.of(as_of="1920"))
    >>> sorted(curie(s) for s in snap.left_out)
    ['kgr:alliance-1882', 'kgr:crisis-1913']
    >>> snap.describe()
    'as of 1920: 3 of 5 dated statements in the view; undated statements always in'
    >>> {curie(a): curie(s) for a, s in snapshot(ds, TimeView.of(as_of="1911")).statuses.items()}
    {'kgr:pact': 'kgc:proposed'}
    """
    times = statement_times(dataset)
    out = {statement for statement, (when, happening) in times.items()
           if not view.shows(when, happening=happening)}
    statements = _statements(dataset) | set(times)
    if view.dated_only:
        out |= {s for s in statements if s not in times}
    out = _pointing(dataset, out, statements)
    statuses = _statuses(dataset, view, times) if view.dated else {}
    result = Dataset(default_union=True)
    for prefix, namespace in dataset.namespaces():
        result.bind(prefix, namespace, override=True, replace=True)
    dropped = _closure(dataset, out)
    result.addN((s, p, o, result.graph(g.identifier if hasattr(g, "identifier") else g))
                for s, p, o, g in dataset.quads()
                if s not in dropped and not (p == KG.status and s in statuses))
    for initiative, status in statuses.items():
        if status is not None:
            graph = next((g for _, _, _, g in dataset.quads((initiative, KG.status, None, None))),
                         None)
            target = result.graph(graph.identifier if hasattr(graph, "identifier") else graph) \
                if graph is not None else result.default_graph
            target.add((initiative, KG.status, status))
    return Snapshot(result, view, dated=len(times), left_out=sorted(out),
                    statuses=statuses, dated_statements=frozenset(times))


def status_changes(dataset, times: dict[URIRef, tuple[When, bool]]
                   ) -> dict[URIRef, list[DatedStatus]]:
    """The dated status changes of each agreement, in the order they
    happened (on one day, the lower stage first).

    ``times`` is :func:`statement_times` of ``dataset``; an undated change
    is left out (it does not move the status).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> ds = load(["tests/fixtures/dated.trig"])
    >>> from kg.rdf.namespaces import KGR
    >>> [(str(c.when), curie(c.status), c.stage, c.halts)
    ...  for c in status_changes(ds, statement_times(ds))[KGR.pact]]
    [('1910', 'kgc:proposed', 1, False), ('1912-03-03', 'kgc:signed', 5, False)]
    """
    changes: dict[URIRef, list[DatedStatus]] = {}
    for initiative, change, status, notation in select(dataset, "status-changes"):
        if change not in times:
            continue
        stage = int(notation) if notation is not None and str(notation).isdigit() else 0
        halts = (status, KG.cameo, None) not in dataset
        changes.setdefault(initiative, []).append(
            DatedStatus(times[change][0], stage, change, status, halts))
    return {initiative: sorted(found, key=lambda c: (c.when.start or dt.date.min, c.stage,
                                                     str(c.change), str(c.status)))
            for initiative, found in sorted(changes.items())}


def status_reached(passed: Iterable[tuple[int, bool, T]]) -> T | None:
    """The status after these ``(stage, halts, status)`` changes, in the
    order they happened: the highest forward stage since the latest halt,
    or that halt when it is the latest change (``None`` for no change).

    Examples
    --------
    >>> status_reached([(6, False, "ratified"), (5, False, "signed")])
    'ratified'
    >>> status_reached([(6, False, "ratified"), (8, True, "suspended")])
    'suspended'
    >>> status_reached([(6, False, "ratified"), (8, True, "suspended"), (5, False, "signed")])
    'signed'
    """
    status, best = None, None
    for stage, halts, value in passed:
        if halts:
            status, best = value, None
        elif best is None or stage >= best:
            status, best = value, stage
    return status


def _statements(dataset) -> set:
    """The statements of ``dataset``: the instances of ``kg:Statement``
    and of its subclasses (as the ontology and the data declare them) and
    the memberships."""
    classes = set(load_ontology().transitive_subjects(RDFS.subClassOf, KG.Statement))
    classes |= set(dataset.transitive_subjects(RDFS.subClassOf, KG.Statement))
    found = {s for c in classes for s in dataset.subjects(RDF.type, c)}
    return found | set(dataset.subjects(ORG.member, None))


def _pointing(dataset, out: set, statements: set) -> set:
    """``out`` and every statement that points at one of them, and so on."""
    out = set(out)
    todo = list(out)
    while todo:
        target = todo.pop()
        for subject in dataset.subjects(None, target):
            if subject in statements and subject not in out:
                out.add(subject)
                todo.append(subject)
    return out


def _statuses(dataset, view: TimeView, times) -> dict[URIRef, URIRef | None]:
    """The status of each agreement with dated changes, as of the view."""
    statuses: dict[URIRef, URIRef | None] = {}
    for initiative, dated in status_changes(dataset, times).items():
        current = status_reached((c.stage, c.halts, c.status) for c in dated
                                 if view.shows(c.when, happening=True))
        if set(dataset.objects(initiative, KG.status)) != ({current} if current else set()):
            statuses[initiative] = current
    return statuses


def _closure(dataset, statements: set[URIRef]) -> set:
    """The statements and the blank nodes (times, instants) only they hold."""
    dropped = set(statements)
    todo = list(statements)
    while todo:
        node = todo.pop()
        for obj in dataset.objects(node, None):
            if isinstance(obj, BNode) and obj not in dropped and \
                    all(s in dropped for s in dataset.subjects(None, obj)):
                dropped.add(obj)
                todo.append(obj)
    return dropped
