"""Check a dataset against the SHACL shapes of ``ontology/shapes.ttl``,
and the rules the shapes leave to Python: quotes found verbatim in their
sources' copies (:func:`quote_violations`) and dates the calendar has,
with times that do not begin after they end (:func:`date_violations`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import KGError
from kg.rdf.dates import PRECISIONS, Date
from kg.rdf.load import ONTOLOGY_GRAPH, load_ontology, quiet_literals
from kg.rdf.namespaces import KG, ORG, PROV, TIME, bind_prefixes, curie
from kg.rdf.shipped import shapes_path
from kg.rdf.sources import read_text

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
#: The properties that give a statement its time, and those that link a time to its instants.
TIME_OF = (TIME.hasTime, KG.period, ORG.memberDuring)
BOUNDS = (TIME.hasBeginning, TIME.hasEnd)
#: The OWL-Time properties of a date, one for each precision of kg.rdf.dates.
DATE_PROPERTIES = (TIME.inXSDgYear, TIME.inXSDgYearMonth, TIME.inXSDDate)


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the resource at fault and what a person should fix."""

    focus: str
    message: str
    path: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class Report:
    violations: tuple[Violation, ...]
    #: quotes that no source text could check: none of their sources names a
    #: ``kg:localCopy`` (``None``: not counted, as without ``source_dirs``)
    unchecked_quotes: int | None = None

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)


def load_shapes() -> Graph:
    graph = Graph()
    try:
        graph.parse(shapes_path(), format="turtle")
    except Exception as err:  # a broken shapes file is a packaging error
        raise KGError(f"cannot read shapes: {err}", file=str(shapes_path())) from None
    return graph


def union_graph(dataset: Dataset, *, with_ontology: bool = True) -> Graph:
    """All triples of a dataset in one graph (adds the ontology if missing)."""
    graph = Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in dataset.quads((None, None, None, None)))
    if with_ontology and (ONTOLOGY_GRAPH, None, None) not in graph:
        graph.addN((s, p, o, graph) for s, p, o in load_ontology())
    return graph


def validate(
    dataset: Dataset,
    *,
    shapes: Graph | None = None,
    source_dirs: Iterable[str | Path] = (),
) -> Report:
    """Validate all graphs of ``dataset`` together against the shapes.

    Named graphs are validated as one union, so a fact in one graph may
    refer to a resource described in another. With ``source_dirs``, each
    quote whose source has a ``kg:localCopy`` in one of those folders must
    also appear verbatim (whitespace-normalised) in that copy.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The data, e.g. from :func:`kg.rdf.load.load`.
    shapes : rdflib.Graph, optional
        The SHACL shapes; the project's shapes by default.
    source_dirs : iterable of str or os.PathLike, optional
        Folders of local copies of the sources, to check quotes against.

    Returns
    -------
    Report
        Whether the data conforms, and the violations.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> validate(load()).conforms
    True
    """
    from pyshacl import validate as shacl_validate

    data = union_graph(dataset)
    with quiet_literals():  # the report copies an ill-typed value ("1972-02-30"^^xsd:date)
        _, results, _ = shacl_validate(
            data,
            shacl_graph=shapes if shapes is not None else load_shapes(),
            inference="none",
            allow_warnings=True,
        )
    if not isinstance(results, Graph):  # pyshacl's ValidationFailure: the shapes are bad
        raise KGError(f"the SHACL shapes cannot be used: {' '.join(str(results).split())}")
    violations = []
    for result in results.subjects(predicate=SH.resultSeverity):
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        node = results.value(result, SH.focusNode)
        focus = dated_statement(data, node)
        message = str(results.value(result, SH.resultMessage) or "constraint violated")
        value = results.value(result, SH.value)
        violations.append(
            Violation(
                focus=_show(focus),
                message=_fill(message, this=focus, value=value),
                # a path from an instant is no path from the statement it dates
                path=_show(path) if isinstance(path, URIRef) and focus == node else None,
                severity=str(severity).rpartition("#")[2],
            )
        )
    source_dirs = list(source_dirs)
    quotes, unchecked = checked_quotes(dataset, source_dirs)
    violations += quotes
    violations += date_violations(data)
    return Report(tuple(sorted(set(violations))),
                  unchecked_quotes=unchecked if source_dirs else None)


def dated_statement(graph: Graph, node):
    """The statement that a blank instant or time dates, else ``node``.

    An instant is usually a blank node nobody could find, so a problem with
    it is reported on the statement it dates: up ``time:hasBeginning`` or
    ``time:hasEnd`` to its interval, and up ``time:hasTime``,
    ``kg:period`` or ``org:memberDuring`` to the statement.

    Examples
    --------
    >>> from rdflib import BNode, Graph, URIRef
    >>> from kg.rdf.namespaces import TIME
    >>> g, talks, time, start = Graph(), URIRef("urn:talks"), BNode(), BNode()
    >>> _ = g.add((talks, TIME.hasTime, time)).add((time, TIME.hasBeginning, start))
    >>> dated_statement(g, start) == talks, dated_statement(g, talks) == talks
    (True, True)
    """
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        above = next((s for p in (*BOUNDS, *TIME_OF) for s in graph.subjects(p, node)), None)
        if above is None:
            break
        node = above
    return node


def _fill(message: str, *, this, value) -> str:
    """Fill ``{$this}`` and ``{$value}`` in a core constraint's message, as
    pyshacl fills them in a SPARQL-based one (there with full IRIs; here
    ``this`` as a CURIE and ``value`` as Turtle writes it)."""
    if "{$this}" in message:
        message = message.replace("{$this}", _name(this))
    if "{$value}" in message and value is not None:
        message = message.replace("{$value}", _turtle(value))
    return message


def date_violations(graph: Graph) -> list[Violation]:
    """Dates the calendar lacks, and times that begin after they end.

    SHACL checks the form of each date (``kgsh:DateShape``,
    ``kgsh:SourceIssuedShape``); these two rules need the calendar, which
    :class:`kg.rdf.dates.Date` alone knows. A date typed ``xsd:date``,
    under ``time:inXSDDate`` or ``dcterms:issued``, must be a day of the
    calendar (no 30 February; 29 February only in a leap year); it is
    reported with the message the shape gives a malformed date, so a date
    both reject is named once. A time's beginning may not come after its
    end, compared by days at each date's own precision: the first day of
    the beginning must be on or before the last day of the end, so ``1972``
    to ``1972-05-26`` is fine. ``graph`` is a graph, or a dataset read as
    the union of its graphs (as :func:`kg.rdf.load.load` makes it).

    Examples
    --------
    >>> from rdflib import Dataset
    >>> data = Dataset(default_union=True)
    >>> _ = data.parse(format="turtle", data='''
    ... @prefix time: <http://www.w3.org/2006/time#> .
    ... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    ... <https://w3id.org/kg-relations/id/talks> time:hasTime [
    ...     time:hasBeginning [ time:inXSDgYear "1973"^^xsd:gYear ] ;
    ...     time:hasEnd [ time:inXSDDate "1972-05-26"^^xsd:date ] ] .
    ... ''')
    >>> [v.message[:46] for v in date_violations(data)]
    ['kgr:talks begins 1973 after it ends 1972-05-26']
    """
    problems = []
    for instant, value in graph.subject_objects(TIME.inXSDDate):
        if _not_a_day(value):
            statement = dated_statement(graph, instant)
            problems.append(Violation(_show(statement), (
                f"{_name(statement)} is dated time:inXSDDate {_turtle(value)}, which is not a "
                "day of the calendar: write year-month-day typed xsd:date, such as "
                '"1972-02-21"^^xsd:date.'),
                None if statement != instant else curie(str(TIME.inXSDDate))))
    for source, value in graph.subject_objects(DCTERMS.issued):
        if _not_a_day(value):
            problems.append(Violation(_show(source), (
                f"{_name(source)} has dcterms:issued {_turtle(value)}, which is not a date: "
                'write a year ("2006"^^xsd:gYear), a month ("2006-08"^^xsd:gYearMonth) or a day '
                '("2006-08-31"^^xsd:date).'), curie(str(DCTERMS.issued))))
    for time in set(graph.subjects(TIME.hasEnd, None)):
        begins = [d for b in graph.objects(time, TIME.hasBeginning) for d in _dates(graph, b)]
        ends = [d for e in graph.objects(time, TIME.hasEnd) for d in _dates(graph, e)]
        for (begin, b), (end, e) in ((x, y) for x in begins for y in ends):
            if b.first > e.last:
                statement = dated_statement(graph, time)
                problems.append(Violation(_show(statement), (
                    f"{_name(statement)} begins {begin} after it ends {end}: a beginning may "
                    "not come after the end (compared by days: the first day of the beginning "
                    "must be on or before the last day of the end).")))
    return sorted(set(problems))


def _not_a_day(value) -> bool:
    """Whether a literal is typed ``xsd:date`` but is no day of the calendar."""
    if not isinstance(value, Literal) or value.datatype != XSD[PRECISIONS["day"]]:
        return False
    try:
        return Date.parse(str(value)).precision != "day"
    except KGError:
        return True


def _dates(graph: Graph, instant) -> list[tuple[str, Date]]:
    """The dates an instant is written with, as written and as read
    (a date that cannot be read is the shapes' to report)."""
    found = []
    for prop in DATE_PROPERTIES:
        for value in graph.objects(instant, prop):
            try:
                found.append((str(value), Date.parse(str(value))))
            except KGError:
                continue
    return found


def _turtle(value) -> str:
    """A term as Turtle writes it: ``"72"^^xsd:gYear``."""
    if isinstance(value, Literal) and value.datatype is not None:
        return f"{Literal(str(value)).n3()}^^{curie(str(value.datatype))}"
    return value.n3()


def _name(node) -> str:
    """A resource as a message names it: its CURIE, or what it is."""
    return curie(node) if isinstance(node, URIRef) else "A blank node"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_violations(dataset: Dataset, source_dirs: Iterable[str | Path]) -> list[Violation]:
    """Quotes that do not appear verbatim in the local copy of their source.

    A source's ``kg:localCopy`` is looked up in each folder of
    ``source_dirs``; sources without a local copy (a web page, a Wikidata
    item) are not checked.
    """
    return checked_quotes(dataset, source_dirs)[0]


def checked_quotes(dataset: Dataset,
                   source_dirs: Iterable[str | Path]) -> tuple[list[Violation], int]:
    """The :func:`quote_violations`, and how many quotes no source text can
    check: none of the sources of their statement names a ``kg:localCopy``.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.rdf.shipped import data_dir
    >>> triangle = data_dir() / "triangle-1969-1972"  # each source has its text
    >>> checked_quotes(load([triangle]), [triangle])
    ([], 0)
    """
    folders = [Path(d) for d in source_dirs]
    texts: dict[str, str | None] = {}

    def text_of(name: str) -> str | None:
        if name not in texts:
            found = [copy for f in folders if (copy := _inside(f, name)) is not None]
            try:
                texts[name] = _normalise(read_text(found[0])) if found else None
            except KGError as err:
                raise KGError(f"cannot read source copy: {err.message}", file=err.file) from None
        return texts[name]

    problems, unchecked = [], 0
    reported_missing: set[str] = set()
    for subject, quote in dataset.subject_objects(KG.quote):
        copies = _local_copies(dataset, subject)
        unchecked += not copies
        known = [c for c in copies if text_of(c) is not None]
        if copies and not known and folders:
            if copies[0] in reported_missing:
                continue
            reported_missing.add(copies[0])
            message = f"local copy {copies[0]!r} of the source not found beside the data"
            problems.append(Violation(_show(subject), message, curie(str(KG.quote))))
        elif known and not any(_normalise(str(quote)) in text_of(c) for c in known):
            differs = _where_it_differs(_normalise(str(quote)), [text_of(c) for c in known])
            message = f"quote not found verbatim in {known[0]}: {differs}"
            problems.append(Violation(_show(subject), message, curie(str(KG.quote))))
    return problems, unchecked


def _where_it_differs(quote: str, texts: list[str]) -> str:
    """The quote's longest start that a text holds, and where it departs
    (at the start of a word when it departs inside one).

    Examples
    --------
    >>> _where_it_differs("joint naval exercises every spring", ["joint naval drills"])
    "'joint naval ' matches, then 'exercises every spring' does not"
    >>> _where_it_differs("Avalon’s navy", ["Avalon's navy"])
    "'Avalon' matches, then '’s navy' does not"
    >>> _where_it_differs("no such words", ["other text"])
    "'no such words' (not even its first word matches)"
    """
    def found(length: int) -> bool:
        return any(quote[:length] in text for text in texts)

    low, high = 0, len(quote)  # found(low) holds, found(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if found(middle) else (low, middle)
    cut = low
    if 0 < cut < len(quote) and quote[cut - 1].isalnum() and quote[cut].isalnum():
        while cut > 0 and quote[cut - 1].isalnum():
            cut -= 1
    if cut == 0:
        return f"{_clip(quote)!r} (not even its first word matches)"
    return f"{_clip(quote[:cut], tail=True)!r} matches, then {_clip(quote[cut:])!r} does not"


def _clip(text: str, *, tail: bool = False, keep: int = 40) -> str:
    """``text`` cut to about ``keep`` characters at a space, from its end
    with ``tail``."""
    if len(text) <= keep:
        return text
    if tail:
        end = text[-keep:]
        return "…" + (end[end.find(" ") + 1:] if " " in end[:-1] else end)
    start = text[:keep]
    return (start[:start.rfind(" ")] if " " in start[1:] else start) + "…"


def _local_copies(dataset: Dataset, subject) -> list[str]:
    """The ``kg:localCopy`` names of the sources ``subject`` is derived from."""
    return [str(copy) for source in dataset.objects(subject, PROV.wasDerivedFrom)
            if (copy := dataset.value(source, KG.localCopy)) is not None]


def _inside(folder: Path, name: str) -> Path | None:
    """The file ``name`` (a ``kg:localCopy``) inside ``folder``, or ``None``:
    the data names a file beside it, never one elsewhere (an absolute path,
    ``..``, a link that leads out), as reading a file reads no other."""
    if not name or Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    copy = folder / name
    try:
        if not copy.resolve().is_relative_to(folder.resolve()):
            return None
    except (OSError, RuntimeError):  # a loop of links
        return None
    return copy if copy.is_file() else None


def _show(node) -> str:
    return curie(node) if isinstance(node, URIRef) else str(node)
