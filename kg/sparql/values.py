"""Parameters as a ``VALUES`` block: how Oxigraph and endpoints get bound values."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from kg.errors import KGError

_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANG_OK = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PREFIXED = re.compile(r"(?<![\w?$<:/.#-])([A-Za-z][\w-]*):")
_DECLARED = re.compile(r"(?im)^\s*PREFIX\s+([\w-]*):")


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI that Turtle and SPARQL can write
    between ``<`` and ``>`` (no space, quote, brace or angle bracket).

    Examples
    --------
    >>> is_iri("https://example.org/a"), is_iri("https://example.org/a b"), is_iri("a")
    (True, False, False)
    """
    text = str(text)
    return ":" in text and bool(_IRI_OK.fullmatch(text))


def sparql_term(term) -> str:
    """An rdflib term in SPARQL syntax, refusing anything that could break out.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> sparql_term(Literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
    >>> sparql_term(URIRef("http://example.org/a> } SERVICE <x"))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: not a valid IRI: 'http://example.org/a> } SERVICE <x'
    """
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        text = str(term)
        escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            if not _LANG_OK.fullmatch(term.language):
                raise KGError(f"not a valid language tag: {term.language!r}")
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None:
            return f'"{escaped}"^^{sparql_term(term.datatype)}'
        return f'"{escaped}"'
    if isinstance(term, BNode):
        raise KGError("a blank node cannot be sent to an endpoint as a parameter")
    if not _IRI_OK.fullmatch(str(term)):
        raise KGError(f"not a valid IRI: {str(term)!r}")
    return f"<{term}>"


def bound_text(checked, bindings: Mapping, *, with_prefixes: bool | str) -> str:
    """The query text with its parameters in a ``VALUES`` block.

    The block opens the WHERE pattern, so the values are joined before
    anything else in the pattern is evaluated, as rdflib's initBindings bind
    them. A variable bound to a list or tuple of terms gets a row for each
    (with several such variables, a row for each combination). Terms pass
    :func:`sparql_term`, which escapes literals and refuses IRIs that could
    end the term, so the block adds nothing but values.

    ``with_prefixes`` declares the project's prefixes before the text:
    ``True`` all of them, ``"used"`` only those the text uses and does not
    declare (so that a query runs as it is shown on any endpoint), ``False``
    none.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.sparql.guard import check_query
    >>> q = check_query("SELECT ?x WHERE { ?x kg:party ?a }")
    >>> bound_text(q, {"a": URIRef("https://example.org/a")},
    ...            with_prefixes=False)
    'SELECT ?x WHERE { VALUES (?a) { (<https://example.org/a>) }  ?x kg:party ?a }'
    >>> wd = "http://www.wikidata.org/entity/"
    >>> print(bound_text(q, {"a": [URIRef(wd + "Q1"), URIRef(wd + "Q42")]},
    ...                  with_prefixes="used"))
    PREFIX kg: <https://w3id.org/kg-relations/ontology#>
    SELECT ?x WHERE { VALUES (?a) { (<http://www.wikidata.org/entity/Q1>) \
(<http://www.wikidata.org/entity/Q42>) }  ?x kg:party ?a }
    """
    from kg.rdf.namespaces import PREFIXES
    from kg.sparql.guard import where_block_start

    text = checked.text
    if bindings:
        start = where_block_start(text)
        if start is None:
            raise KGError("the query has no WHERE pattern to bind parameters in")
        names = sorted(bindings)
        bad = [n for n in names if not _VARIABLE.fullmatch(n)]
        if bad:
            raise KGError(f"not a variable name: {bad[0]!r}")
        columns = [[sparql_term(t) for t in _terms(bindings[n])] for n in names]
        rows = " ".join("(" + " ".join(row) + ")" for row in itertools.product(*columns))
        values = " VALUES (" + " ".join(f"?{n}" for n in names) + ") { " + rows + " } "
        text = text[:start] + values + text[start:]
    if with_prefixes == "used":
        wanted = sorted(set(used_prefixes(text)) - declared_prefixes(text))
    elif with_prefixes:
        wanted = sorted(PREFIXES)
    else:
        wanted = []
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in wanted) + text


def used_prefixes(text: str) -> list[str]:
    """The project's prefixes a query's text uses (comment lines aside), sorted.

    Examples
    --------
    >>> used_prefixes("# example: kgr:x\\nSELECT ?s WHERE { ?s a kg:State ; <http://a.b/c> ?o }")
    ['kg']
    """
    from kg.rdf.namespaces import PREFIXES

    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return sorted({m.group(1) for m in _PREFIXED.finditer(body) if m.group(1) in PREFIXES})


def declared_prefixes(text: str) -> set[str]:
    """The prefixes a query's text declares with ``PREFIX``."""
    return {m.group(1) for m in _DECLARED.finditer(text)}


def _terms(value) -> list:
    if isinstance(value, (list, tuple)):
        if not value:
            raise KGError("a parameter bound to no values at all")
        return list(value)
    return [value]
