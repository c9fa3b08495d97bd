"""What ``/sparql`` answers in: content negotiation and the result formats.

A SELECT or ASK answers in SPARQL 1.1 Query Results JSON, XML, CSV or
TSV; a CONSTRUCT or DESCRIBE in Turtle, N-Triples or JSON-LD. The
``Accept`` header chooses (:func:`negotiate`); a ``format`` parameter
(``json``, ``xml``, ``csv``, ``tsv``, ``ttl``, ``nt``, ``jsonld``, or a media
type) overrides it, as many endpoints allow. Nothing acceptable: 406.

The CSV is the W3C's (plain values, CRLF); the TSV too: each term in
N-Triples syntax (``<iri>``, ``"text"@en``), as SPARQL 1.1 Query Results
TSV says, so ``pandas.read_csv`` wants the CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence

#: The row formats, best first: key and the media types that ask for it
#: (the first one is what the answer says it is).
ROW_TYPES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/json", "text/javascript",
             "application/javascript"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
#: The graph formats, best first.
GRAPH_TYPES: dict[str, tuple[str, ...]] = {
    "ttl": ("text/turtle", "application/turtle", "application/x-turtle"),
    "nt": ("application/n-triples", "text/plain"),
    "jsonld": ("application/ld+json", "application/x-json+ld"),
}
MEDIA_TYPE = {key: types[0] + ("; charset=utf-8" if types[0].startswith("text/") else "")
              for key, types in {**ROW_TYPES, **GRAPH_TYPES}.items()}

_SR = "http://www.w3.org/2005/sparql-results#"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# What XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def negotiate(accept: str | None, offered: dict[str, tuple[str, ...]],
              override: str | None = None) -> str | None:
    """The key of the offered format the client prefers, or ``None``.

    ``accept`` is the ``Accept`` header (none: the first offered format);
    ``override`` a ``format`` parameter: a key or one of its media types.

    Examples
    --------
    >>> negotiate("text/csv, */*;q=0.1", ROW_TYPES)
    'csv'
    >>> negotiate("text/turtle", ROW_TYPES) is None
    True
    >>> negotiate(None, GRAPH_TYPES), negotiate("*/*", GRAPH_TYPES, override="nt")
    ('ttl', 'nt')
    """
    if override:
        wanted = override.strip().lower()
        for key, types in offered.items():
            if wanted == key or wanted in types:
                return key
        return None
    ranges = _parse_accept(accept) if accept and accept.strip() else [("*/*", 1.0)]
    best, best_q = None, 0.0
    for key, types in offered.items():
        q = max((_quality(media, ranges) for media in types), default=0.0)
        if q > best_q:
            best, best_q = key, q
    return best


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(media: str, ranges: Sequence[tuple[str, float]]) -> float:
    """The q of the most specific range that matches ``media`` (0: none)."""
    kind = media.split("/")[0]
    found, specificity = 0.0, -1
    for pattern, q in ranges:
        level = (2 if pattern == media else 1 if pattern == f"{kind}/*"
                 else 0 if pattern == "*/*" else -1)
        if level > specificity:
            found, specificity = q, level
    return found


# --- rows ---------------------------------------------------------------------

def rows_text(variables: Sequence[str], rows: Iterable[tuple], fmt: str) -> str:
    """A SELECT's rows in ``fmt`` (``json``, ``xml``, ``csv`` or ``tsv``).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> rows = [(URIRef("https://example.org/avalon"), Literal('say "hi", twice', lang="en"))]
    >>> rows_text(["s", "q"], rows, "tsv").split("\\n")[1].split("\\t")
    ['<https://example.org/avalon>', '"say \\\\"hi\\\\", twice"@en']
    >>> rows_text(["s", "q"], rows, "csv")
    's,q\\r\\nhttps://example.org/avalon,"say ""hi"", twice"\\r\\n'
    """
    if fmt == "json":
        from kg.sparql.results import QueryResult, results_json

        result = QueryResult("select", tuple(variables), tuple(rows))
        return json.dumps(results_json(result), ensure_ascii=False)
    if fmt == "xml":
        return _rows_xml(variables, rows)
    if fmt == "csv":
        from kg.sparql.results import plain_cell

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows(["" if term is None else plain_cell(term) for term in row]
                         for row in rows)
        return out.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{var}" for var in variables)]
        lines.extend("\t".join("" if term is None else nt_term(term) for term in row)
                     for row in rows)
        return "\n".join(lines) + "\n"
    raise ValueError(f"not a row format: {fmt}")


def boolean_text(value: bool, fmt: str) -> str:
    """An ASK's answer in ``fmt``.

    Examples
    --------
    >>> boolean_text(True, "json")
    '{"head": {}, "boolean": true}'
    """
    word = "true" if value else "false"
    if fmt == "json":
        from kg.sparql.results import QueryResult, results_json

        return json.dumps(results_json(QueryResult("ask", boolean=bool(value))))
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{_SR}">\n  <head/>\n'
                f"  <boolean>{word}</boolean>\n</sparql>\n")
    separator = "\r\n" if fmt == "csv" else "\n"
    return f"_askResult{separator}{word}{separator}"


def graph_text(triples, fmt: str) -> str:
    """Triples in ``fmt`` (``ttl``, ``nt``, ``jsonld``), as ``kg query`` writes them."""
    from kg.sparql.results import graph_text as text_of

    return text_of(triples, fmt=fmt) + "\n"


def nt_term(term) -> str:
    """A term in N-Triples syntax (what SPARQL results TSV holds).

    Not rdflib's ``term.n3()``: that writes a literal with a line break in
    Turtle's triple quotes, with the break itself inside (a TSV row would
    end there), leaves a tab as it is (a TSV cell would end there) and
    writes ``^^xsd:string`` where N-Triples writes a plain string.
    Characters beyond ASCII stay as they are (N-Triples is UTF-8).

    Examples
    --------
    >>> from rdflib import Literal, XSD
    >>> nt_term(Literal("3", datatype=XSD.integer))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> print(nt_term(Literal("Ā\\tB\\nC", datatype=XSD.string)))
    "Ā\\tB\\nC"
    """
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return f"<{term}>"


def _rows_xml(variables, rows) -> str:
    from rdflib import BNode, Literal

    parts = [f'<?xml version="1.0"?>\n<sparql xmlns="{_SR}">\n  <head>\n']
    parts.extend(f'    <variable name="{_xml(var)}"/>\n' for var in variables)
    parts.append("  </head>\n  <results>\n")
    for row in rows:
        parts.append("    <result>\n")
        for var, term in zip(variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, Literal):
                attrs = ""
                if term.language:
                    attrs = f' xml:lang="{_xml(term.language)}"'
                elif term.datatype is not None:
                    attrs = f' datatype="{_xml(str(term.datatype))}"'
                value = f"<literal{attrs}>{_xml(str(term))}</literal>"
            elif isinstance(term, BNode):
                value = f"<bnode>{_xml(str(term))}</bnode>"
            else:
                value = f"<uri>{_xml(str(term))}</uri>"
            parts.append(f'      <binding name="{_xml(var)}">{value}</binding>\n')
        parts.append("    </result>\n")
    parts.append("  </results>\n</sparql>\n")
    return "".join(parts)


def _xml(text: str) -> str:
    """Text escaped for XML; a character XML cannot hold becomes U+FFFD."""
    text = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;"))
    return _NOT_XML.sub("\ufffd", text)
