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
  at the view's last day;
* an undated statement is timeless: in every view, unless ``dated_only``;
* an agreement's ``kg:status`` in the view is the status of its latest
  dated status change on or before the view's last day (on one day, the
  later stage); an agreement whose dated changes all come later has no
  status yet; one with no dated change keeps its status.

Direct triples (``kgr:a kg:allyOf kgr:b``) are undated summaries and stay;
the statements behind them carry the time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Dataset, URIRef
from rdflib.namespace import ORG

from kg.errors import KGError
from kg.rdf.dates import Date, TimeView, When
from kg.rdf.namespaces import KG, curie
from kg.sparql.named import select


@dataclass
class Snapshot:
    """A view of a dataset: the dataset as of the view, and what was left out.

    ``dataset`` is a new dataset (the input is never changed); ``left_out``
    the sorted statements outside the view; ``dated`` the number of dated
    statements; ``statuses`` the agreements whose status the view changed
    (IRI to the status then, or ``None``).
    """

    dataset: Dataset
    view: TimeView
    dated: int = 0
    left_out: list[URIRef] = field(default_factory=list)
    statuses: dict[URIRef, URIRef | None] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for people: the view, and how many statements it holds."""
        shown = self.dated - sum(1 for s in self.left_out if s in self._dated)
        undated = "undated statements left out" if self.view.dated_only else \
            "undated statements always in"
        return f"{self.view}: {shown} of {self.dated} dated statements in the view; {undated}"

    _dated: frozenset = frozenset()


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
    for statement, date, begin, end, happening in select(dataset, "dated-statements"):
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
    out: set[URIRef] = set()
    for statement, (when, happening) in times.items():
        keep = view.happened(when) if happening else view.holds(when)
        if not keep:
            out.add(statement)
    if view.dated_only:
        out |= _undated_statements(dataset, times)
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
                    statuses=statuses, _dated=frozenset(times))


def _undated_statements(dataset, times) -> set[URIRef]:
    statements = {row[0] for row in select(dataset, "typed-resources", root=KG.Statement)} | \
        set(dataset.subjects(ORG.member, None))
    return {s for s in statements if s not in times}


def _statuses(dataset, view: TimeView, times) -> dict[URIRef, URIRef | None]:
    """The status of each agreement with dated changes, as of the view."""
    changes = defaultdict(list)
    for initiative, change, status, notation in select(dataset, "status-changes"):
        if change in times:
            when = times[change][0]
            stage = int(notation) if notation is not None and str(notation).isdigit() else 0
            changes[initiative].append((when.start, stage, str(change), status, when))
    statuses: dict[URIRef, URIRef | None] = {}
    for initiative, dated in changes.items():
        passed = [c for c in dated if view.happened(c[4])]
        current = max(passed)[3] if passed else None
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
