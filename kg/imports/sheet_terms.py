"""Cells as RDF terms and back: ids, CURIEs, dates, numbers, yes and no.

The one place that says how a cell's text names a resource (``avalon`` is
``kgr:avalon``; ``wd:Q1`` and ``<http://...>`` are themselves), how a date
is written at its precision, and how a number is kept as written, so that
a scenario written out as sheets reads back as the same terms.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef

from kg.errors import KGError
from kg.rdf.dates import Date
from kg.rdf.namespaces import KGR, PREFIXES, curie

_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


class CellError(ValueError):
    """What is wrong with a cell and what is allowed, in one sentence."""


def resource(text: str) -> URIRef:
    """The resource a cell names: an id (``kgr:``), a CURIE or an ``<IRI>``.

    Examples
    --------
    >>> resource("avalon")
    rdflib.term.URIRef('https://w3id.org/kg-relations/id/avalon')
    >>> resource("wd:Q1")
    rdflib.term.URIRef('http://www.wikidata.org/entity/Q1')
    >>> resource("two words")
    Traceback (most recent call last):
    ...
    kg.imports.sheet_terms.CellError: 'two words' is not an id: use letters, digits, - and _ \
(or a CURIE such as wd:Q1, or an <IRI>)
    """
    raw = text.strip()
    if raw.startswith("<") and raw.endswith(">") and " " not in raw and len(raw) > 2:
        return URIRef(raw[1:-1])
    if "://" in raw and " " not in raw:
        return URIRef(raw)
    prefix, sep, local = raw.partition(":")
    if sep and prefix in PREFIXES and (not local or _LOCAL.fullmatch(local)):
        return URIRef(PREFIXES[prefix] + local)
    if _LOCAL.fullmatch(raw):
        return KGR[raw]
    raise CellError(f"{raw!r} is not an id: use letters, digits, - and _ "
                    "(or a CURIE such as wd:Q1, or an <IRI>)")


def resource_text(term: URIRef) -> str | None:
    """The cell text that names ``term`` (``None`` when none would read back)."""
    text = str(term)
    if text.startswith(PREFIXES["kgr"]):
        local = text[len(PREFIXES["kgr"]):]
        if _LOCAL.fullmatch(local):
            return local
    short = curie(term)
    if short != text and ":" in short:
        return short
    if " " in text or ">" in text or not text:
        return None
    return f"<{text}>"


def slug(text: str) -> str:
    """An id made from a label.

    Examples
    --------
    >>> slug("Treaty of the Isles (1912)")
    'treaty-of-the-isles-1912'
    """
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "row"


def date_literal(text: str) -> tuple[URIRef, Literal, Date]:
    """OWL-Time's property and the literal of a date at its precision."""
    try:
        date = Date.parse(text)
    except KGError:  # worded for the command line
        raise CellError(f"{text.strip()!r} is not a date; write a year (1972), a month "
                        "(1972-02) or a day (1972-02-21)") from None
    prop, literal = date.owl_time()
    return prop, literal, date


def date_text(literal: Literal) -> str | None:
    """The cell text of a date literal that would read back as itself."""
    try:
        _, again, _ = date_literal(str(literal))
    except CellError:
        return None
    return str(literal) if again == literal else None


def decimal_literal(text: str) -> Literal:
    """A decimal as written (``4`` as ``4.0``).

    Examples
    --------
    >>> str(decimal_literal("-4")), str(decimal_literal("7.4"))
    ('-4.0', '7.4')
    """
    raw = text.strip()
    try:
        Decimal(raw)
    except InvalidOperation:
        raise CellError(f"{raw!r} is not a number") from None
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", raw):
        raise CellError(f"{raw!r} is not a plain decimal number (write 7.4 or -4.0)")
    if "." not in raw:
        raw += ".0"
    # (rdflib's XSD namespace is imported here: at module level, pytest's
    # doctest collection asks it for mock attributes and it warns)
    from rdflib.namespace import XSD

    return Literal(raw, datatype=XSD.decimal)


def yes_no(text: str) -> bool:
    """``yes`` or ``no`` (also true/false, 1/0)."""
    value = text.strip().lower()
    if value in ("yes", "y", "true", "1"):
        return True
    if value in ("no", "n", "false", "0"):
        return False
    raise CellError(f"{text.strip()!r} is not yes or no; use one of: yes, no")


def object_term(text: str, kind: str, blanks: dict[str, BNode]) -> URIRef | BNode | Literal:
    """The object of a raw triple of the ``other`` sheet.

    ``kind`` is ``id``, ``blank``, ``text``, ``@LANG`` or a datatype CURIE.

    Examples
    --------
    >>> object_term("4.0", "xsd:decimal", {}).n3()
    '"4.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    kind = kind.strip()
    if kind in ("", "id"):
        return resource(text)
    if kind == "blank":
        return blank(text, blanks)
    if kind == "text":
        return Literal(text)
    if kind.startswith("@") and re.fullmatch(r"@[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", kind):
        return Literal(text, lang=kind[1:])
    try:
        datatype = resource(kind)
    except CellError:
        raise CellError(f"{kind!r} is not an object type; use one of: id, blank, text, @en, "
                        "or a datatype such as xsd:decimal") from None
    return Literal(text, datatype=datatype)


def blank(text: str, blanks: dict[str, BNode]) -> BNode:
    """The blank node ``_:name`` stands for (the same one each time)."""
    raw = text.strip()
    if not re.fullmatch(r"_:[A-Za-z0-9_]+", raw):
        raise CellError(f"{raw!r} is not a blank node; write _: and a name (_:b1)")
    return blanks.setdefault(raw, BNode())


def subject_term(text: str, blanks: dict[str, BNode]) -> URIRef | BNode:
    raw = text.strip()
    return blank(raw, blanks) if raw.startswith("_:") else resource(raw)


def object_cells(term, labels: dict[BNode, str]) -> tuple[str, str] | None:
    """``(object, object type)`` of a term for the ``other`` sheet."""
    if isinstance(term, BNode):
        return labels[term], "blank"
    if isinstance(term, URIRef):
        text = resource_text(term)
        return None if text is None else (text, "id")
    if term.language:
        return str(term), f"@{term.language}"
    if term.datatype is None:
        return str(term), "text"
    return str(term), curie(term.datatype) if curie(term.datatype) != str(term.datatype) \
        else f"<{term.datatype}>"
