"""Results of a SPARQL query, the same from every engine, and their output.

Every engine (:mod:`kg.sparql.engines`) returns a :class:`QueryResult` holding
rdflib terms, so a result prints the same way whether it came from memory,
an on-disk store or a remote endpoint.

Output formats: a SELECT goes to ``table`` (CURIEs, for people), ``csv``
and ``tsv`` (full IRIs, for pandas and R) or ``json`` (SPARQL 1.1 Query
Results JSON); a CONSTRUCT or DESCRIBE to ``ttl``, ``nt`` or ``jsonld``; an
ASK to ``true``/``false`` (or its JSON form).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from kg.errors import KGError

ROW_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
FORMATS = ROW_FORMATS + GRAPH_FORMATS

_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}

_INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger",
             "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
             "unsignedLong", "unsignedShort", "unsignedByte"}
_REALS = {"decimal", "double", "float"}
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class QueryResult:
    """What a query returned.

    ``form`` is ``select``, ``ask``, ``construct``, ``describe`` or
    ``update``. A SELECT fills ``variables`` and ``rows`` (rdflib terms,
    ``None`` when unbound); an ASK ``boolean``; a CONSTRUCT or DESCRIBE
    ``triples``.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple, ...] = ()

    @property
    def returns_graph(self) -> bool:
        return self.form in ("construct", "describe")


def render(result: QueryResult, *, fmt: str | None = None, terminal: bool = False,
           width: int | None = None, labels: Mapping[str, object] | None = None,
           on_cut: Callable[[int], None] | None = None) -> str:
    """The text of a result in ``fmt`` (default: table, or Turtle for a graph).

    ``width``, ``labels`` and ``on_cut`` shape a table as :func:`chunks` says.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> r = QueryResult("select", ("actor", "n"),
    ...                 ((URIRef("https://w3id.org/kg-relations/id/avalon"), Literal(3)),))
    >>> print(render(r))
    actor       n
    ----------  -
    kgr:avalon  3
    >>> print(render(r, fmt="csv"), end="")
    actor,n
    https://w3id.org/kg-relations/id/avalon,3
    >>> render(QueryResult("ask", boolean=False))
    'false'
    """
    if result.form == "update":
        return "update applied"
    if result.returns_graph:
        fmt = fmt or "ttl"
        if fmt not in GRAPH_FORMATS:
            raise KGError(f"a {result.form.upper()} query gives a graph: choose --format "
                          f"{', '.join(GRAPH_FORMATS)} (not {fmt})")
        return graph_text(result.triples, fmt=fmt)
    fmt = fmt or "table"
    if fmt not in ROW_FORMATS:
        raise KGError(f"a {result.form.upper()} query gives rows: choose --format "
                      f"{', '.join(ROW_FORMATS)} (not {fmt})")
    if result.form == "ask":
        if fmt == "json":
            return json.dumps(results_json(result))
        return "true" if result.boolean else "false"
    return "".join(chunks(result, fmt=fmt, terminal=terminal, width=width, labels=labels,
                          on_cut=on_cut)).rstrip("\n")


def chunks(result: QueryResult, *, fmt: str = "table", terminal: bool = False,
           width: int | None = None, labels: Mapping[str, object] | None = None,
           on_cut: Callable[[int], None] | None = None) -> Iterator[str]:
    """A SELECT's rows in ``fmt``, piece by piece, as :func:`render` writes them.

    csv, tsv and json are written a batch of rows at a time, so a result
    whose ``rows`` is an iterator (``run_query(..., stream=True)``) is never
    held whole; a table needs every row to size its columns. With
    ``terminal``, csv and tsv cells are escaped for a terminal
    (:func:`kg.tabular.format_rows`).

    A table is cut to ``width`` columns (``on_cut(count)`` learns how many
    cells were cut), and with ``labels`` (IRI to label, see
    :func:`kg.sparql.labels.preferred_labels`) shows each resource as its
    CURIE and its label: ``kgr:avalon (Avalon)``. csv, tsv and json are never
    cut; their label columns come from
    :func:`kg.sparql.labels.with_label_columns`.

    Examples
    --------
    >>> from rdflib import Literal
    >>> r = QueryResult("select", ("n",), iter([(Literal(1),), (Literal(2),)]))
    >>> "".join(chunks(r, fmt="tsv"))
    'n\\n1\\n2\\n'
    """
    from kg.tabular import format_rows, json_text

    header = list(result.variables)
    if fmt == "table":
        rows = [[table_cell(term, labels) for term in row] for row in result.rows]
        yield format_rows(header, rows, fmt=fmt, width=width, on_cut=on_cut) + "\n"
        return
    batches = _batches(result.rows)
    if fmt == "json":
        if not (first := next(batches, None)):
            yield json_text(results_json(QueryResult("select", result.variables))) + "\n"
            return
        head = json_text({"head": {"vars": header}})
        yield head[:-len("\n}")] + ',\n  "results": {\n    "bindings": ['
        for number, batch in enumerate(itertools.chain([first], batches)):
            text = ",\n      ".join(json_text(binding).replace("\n", "\n      ")
                                     for binding in _bindings(result.variables, batch))
            yield ("\n      " if number == 0 else ",\n      ") + text
        yield "\n    ]\n  }\n}\n"
        return
    for number, batch in enumerate(itertools.chain([[]], batches)):
        text = format_rows(header, [[plain_cell(term) for term in row] for row in batch],
                           fmt=fmt, terminal=terminal)
        yield text if number == 0 else text.split("\n", 1)[1]


def _batches(rows, size: int = 5000) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def table_cell(term, labels: Mapping[str, object] | None = None):
    """A term for people: a CURIE (with its label, when ``labels`` has one),
    a literal's text, a number as a number.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> avalon = URIRef("https://w3id.org/kg-relations/id/avalon")
    >>> table_cell(avalon), table_cell(avalon, {str(avalon): "Avalon"})
    ('kgr:avalon', 'kgr:avalon (Avalon)')
    """
    from rdflib import BNode, Literal

    from kg.rdf.namespaces import curie

    if term is None:
        return None
    if isinstance(term, Literal):
        number = _number(term)
        return str(term) if number is None else number
    if isinstance(term, BNode):
        return f"_:{term}"
    label = labels.get(str(term)) if labels else None
    return curie(str(term)) if label is None else f"{curie(str(term))} ({label})"


def plain_cell(term):
    """A term for tools: the full IRI, a literal's lexical form."""
    from rdflib import BNode

    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _number(literal):
    datatype = str(literal.datatype or "")
    if not datatype.startswith(_XSD):
        return None
    local = datatype[len(_XSD):]
    try:
        if local in _INTEGERS:
            return int(str(literal))
        if local in _REALS:
            return float(str(literal))
    except ValueError:
        return None
    return None


def results_json(result: QueryResult) -> dict:
    """A SELECT or ASK result as SPARQL 1.1 Query Results JSON.

    Examples
    --------
    >>> results_json(QueryResult("ask", boolean=True))
    {'head': {}, 'boolean': True}
    """
    if result.form == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {"head": {"vars": list(result.variables)},
            "results": {"bindings": list(_bindings(result.variables, result.rows))}}


def _bindings(variables, rows) -> Iterator[dict]:
    for row in rows:
        yield {var: term_json(term) for var, term in zip(variables, row, strict=True)
               if term is not None}


def term_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 Query Results JSON form."""
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def term_from_json(value: dict):
    """The rdflib term of one SPARQL 1.1 Query Results JSON binding."""
    from rdflib import BNode, Literal, URIRef

    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        datatype = value.get("datatype")
        if lang:
            return Literal(value["value"], lang=lang)
        if datatype and datatype != _XSD + "string":
            return Literal(value["value"], datatype=URIRef(datatype))
        return Literal(value["value"])
    if kind == "triple":
        raise KGError("the endpoint returned an RDF-star triple term, which kg does not show")
    raise KGError(f"the endpoint returned a binding of unknown type {kind!r}")


def graph_text(triples, *, fmt: str) -> str:
    """Triples as Turtle, N-Triples or JSON-LD, the same text for the same graph."""
    from rdflib import Graph

    from kg.rdf.namespaces import bind_prefixes

    graph = Graph()
    bind_prefixes(graph)
    for triple in triples:
        graph.add(triple)
    from kg.sparql.export import canonical

    graph = canonical(graph)
    if fmt == "nt":
        lines = graph.serialize(format="nt").splitlines()
        return "\n".join(sorted(line for line in lines if line.strip()))
    return graph.serialize(format=_RDFLIB_FORMAT[fmt]).rstrip("\n")
