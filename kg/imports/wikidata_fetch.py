"""Read statements, labels and kinds of Wikidata items from a SPARQL endpoint.

The queries are the shipped ``wikidata-statements.rq`` and
``wikidata-labels.rq``. The items travel in a ``VALUES`` block opened at
the start of the WHERE pattern, bound by :func:`kg.sparql.values.bound_text`
as any parameter is, at most ``batch`` items a request; :func:`item_id`
checks what a user gives (a Q-id matching ``^Q[1-9][0-9]*$``) and
:func:`qid_of` what the endpoint answers.

Dates keep the precision Wikidata gives them: the time value node
(``pqv:`` -> ``wikibase:timeValue`` and ``wikibase:timePrecision``) says
9 (year), 10 (month) or 11 (day); Wikidata writes a year as a full
``xsd:dateTime`` (``1904-01-01T00:00:00Z``), so the precision, not the
day, says what is known (:func:`wikidata_date`). The calendar model
(``wikibase:timeCalendarModel``) is not read: every date is taken as
Gregorian. That holds for the statements of modern states and
organizations; a date Wikidata gives in the Julian calendar (most dates
before 1583) would be read as the Gregorian day with the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import KGError
from kg.rdf.dates import Date

#: Items per request: the VALUES block of one query holds at most this many.
BATCH = 50
ENTITY = "http://www.wikidata.org/entity/"
WIKIBASE = "http://wikiba.se/ontology#"
_ITEM = re.compile(r"Q[1-9][0-9]*")
_ITEM_IRI = re.compile(r"(?:https?://www\.wikidata\.org/(?:entity|wiki)/|wd:)(Q[1-9][0-9]*)")
_TIME = re.compile(r"([+-]?)0*(\d{1,9})-(\d{2})-(\d{2})T")
_PRECISIONS = {9: "year", 10: "month", 11: "day"}


def item_id(text: str) -> str:
    """The Q-id of an item a user names: ``Q42``, ``wd:Q42``, or its IRI.

    Examples
    --------
    >>> item_id("Q42"), item_id("http://www.wikidata.org/entity/Q42")
    ('Q42', 'Q42')
    >>> item_id("Q42 } SERVICE <http://example.org/>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: 'Q42 } SERVICE <http://example.org/>' is not a Wikidata item: ...
    """
    raw = str(text).strip()
    match = _ITEM.fullmatch(raw) or _ITEM_IRI.fullmatch(raw)
    if not match:
        raise KGError(f"{raw!r} is not a Wikidata item: give a Q-id (Q42) or its IRI "
                      f"({ENTITY}Q42)")
    return match.group(1) if match.re is _ITEM_IRI else match.group(0)


def qid_of(term) -> str | None:
    """The Q-id of an item IRI an endpoint answered; ``None`` for anything
    else (a blank node for "some value", a literal, another IRI)."""
    text = str(term)
    if not text.startswith(ENTITY) or type(term).__name__ != "URIRef":
        return None
    local = text[len(ENTITY):]
    return local if _ITEM.fullmatch(local) else None


def wikidata_date(value, precision) -> Date | None:
    """A Wikidata time value at its precision; ``None`` when coarser than a
    year (a decade, a century) or not a date of the common era.

    Examples
    --------
    >>> str(wikidata_date("1904-01-01T00:00:00Z", 9))
    '1904'
    >>> str(wikidata_date("1972-02-21T00:00:00Z", 11))
    '1972-02-21'
    >>> str(wikidata_date("2015-08-00T00:00:00Z", 10)), wikidata_date("1900-01-01T00:00:00Z", 7)
    ('2015-08', None)
    """
    try:
        level = _PRECISIONS.get(min(int(str(precision)), 11))
    except ValueError:
        return None
    match = _TIME.match(str(value))
    if level is None or not match or match.group(1) == "-" or len(match.group(2)) > 4:
        return None
    year, month, day = match.group(2).zfill(4), match.group(3), match.group(4)
    text = {"year": year, "month": f"{year}-{month}", "day": f"{year}-{month}-{day}"}[level]
    try:
        return Date.parse(text)
    except KGError:
        return None


@dataclass(frozen=True, order=True)
class Reference:
    """A reference of a statement: its node, stated in (P248), reference URL (P854)."""

    iri: str
    stated_in: str | None = None
    url: str | None = None


@dataclass
class Statement:
    """One Wikidata statement: ``subject`` holds it; its value is ``value``."""

    iri: str
    subject: str
    property: str
    value: str
    times: dict[str, Date] = field(default_factory=dict)
    references: set[Reference] = field(default_factory=set)


@dataclass
class Fetched:
    """What the endpoint holds about the items: statements sorted by IRI,
    English labels and kinds (Q-ids of P31 classes) by Q-id, notes for
    people on what was left out, and the number of requests sent."""

    items: list[str]
    statements: list[Statement]
    labels: dict[str, str]
    classes: dict[str, set[str]]
    notes: list[str]
    requests: int = 0


def with_items(name: str, qids: Iterable[str]) -> str:
    """The text of a shipped query with the items bound to ``?item`` (a
    ``VALUES`` row each, :func:`kg.sparql.values.bound_text`) and the
    predeclared prefixes it uses declared.

    Examples
    --------
    >>> text = with_items("wikidata-labels", ["Q1", "Q42"])
    >>> "VALUES (?item) { (<http://www.wikidata.org/entity/Q1>) " in text
    True
    >>> with_items("wikidata-labels", ["Q1 }"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: 'Q1 }' is not a Wikidata item: give a Q-id (Q42) or its IRI ...
    """
    from rdflib import URIRef

    from kg.sparql.named import check_named
    from kg.sparql.values import bound_text

    items = [URIRef(ENTITY + item_id(qid)) for qid in qids]
    return bound_text(check_named(name), {"item": items}, with_prefixes="used")


def fetch(items: Iterable[str], *, client, batch: int = BATCH) -> Fetched:
    """Statements about ``items`` (Q-ids), then labels and kinds of every
    item they name, ``batch`` items a request."""
    wanted = sorted(set(items), key=_number)
    statements: dict[str, Statement] = {}
    clashes: set[tuple[str, str]] = set()
    notes: list[str] = []
    for part in _chunks(wanted, batch):
        for row in client.select(with_items("wikidata-statements", part)):
            _add_row(statements, clashes, notes, row)
    for iri, qualifier in sorted(clashes):
        statements[iri].times.pop(qualifier, None)
        notes.append(f"{iri}: two values of {qualifier}: both left out")
    named = set(wanted)
    for st in statements.values():
        named |= {st.subject, st.value} | {r.stated_in for r in st.references if r.stated_in}
    labels: dict[str, str] = {}
    classes: dict[str, set[str]] = {}
    for part in _chunks(sorted(named, key=_number), batch):
        for row in client.select(with_items("wikidata-labels", part)):
            qid = qid_of(row.get("item"))
            if qid is None:
                continue
            if "label" in row:
                labels[qid] = min(labels.get(qid, str(row["label"])), str(row["label"]))
            kind = qid_of(row.get("class"))
            if kind:
                classes.setdefault(qid, set()).add(kind)
    return Fetched(wanted, [statements[k] for k in sorted(statements)], labels, classes,
                   sorted(set(notes)), client.requests)


def _add_row(statements, clashes, notes, row) -> None:
    iri = str(row.get("statement", ""))
    subject, value = qid_of(row.get("subject")), qid_of(row.get("value"))
    if subject is None or value is None or type(row.get("statement")).__name__ != "URIRef":
        shown = iri or "a statement"
        notes.append(f"{shown}: {row.get('property')} has no item as its value (some value, "
                     "no value, or not an item): left out")
        return
    st = statements.setdefault(iri, Statement(iri, subject, str(row["property"]), value))
    qualifier = row.get("qualifier")
    if qualifier is not None:
        date = wikidata_date(row.get("time"), row.get("precision"))
        if date is None:
            notes.append(f"{iri}: {qualifier} {row.get('time')} at precision "
                         f"{row.get('precision')} is no year, month or day: left out")
        elif st.times.setdefault(str(qualifier), date) != date:
            clashes.add((iri, str(qualifier)))
    if row.get("reference") is not None:
        url = row.get("url")
        st.references.add(Reference(str(row["reference"]), qid_of(row.get("stated_in")),
                                    str(url) if url is not None else None))


def _number(qid: str) -> int:
    return int(qid[1:])


def _chunks(values: list[str], size: int):
    if size < 1:
        raise KGError(f"batch size {size}: give at least 1")
    for start in range(0, len(values), size):
        yield values[start:start + size]
