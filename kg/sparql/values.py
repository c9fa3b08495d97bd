"""Parameters as a ``VALUES`` block: how Oxigraph and endpoints get bound values."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.errors import KGError

_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANG_OK = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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


def bound_text(checked, bindings: Mapping, *, with_prefixes: bool) -> str:
    """The query text with its parameters in a ``VALUES`` block.

    The block opens the WHERE pattern, so the values are joined before
    anything else in the pattern is evaluated, as rdflib's initBindings bind
    them. Terms pass :func:`sparql_term`, which escapes literals and refuses
    IRIs that could end the term, so the block adds nothing but values.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.sparql.guard import check_query
    >>> q = check_query("SELECT ?x WHERE { ?x kg:party ?a }")
    >>> bound_text(q, {"a": URIRef("https://example.org/a")},
    ...            with_prefixes=False)
    'SELECT ?x WHERE { VALUES (?a) { (<https://example.org/a>) }  ?x kg:party ?a }'
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
        values = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
                  + " ".join(sparql_term(bindings[n]) for n in names) + ") } ")
        text = text[:start] + values + text[start:]
    if with_prefixes:
        text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items())) + text
    return text
