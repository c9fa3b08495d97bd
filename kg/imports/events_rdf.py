"""Write the ties of an event import: RDF (TriG or N-Quads), a dated signed
edge list (CSV), and the evidence of each tie as text.

Each tie is a ``kg:Relation`` of kind ``kgc:event-cooperation`` or
``kgc:event-conflict`` (with its direct triple, ``kg:cooperatesWith`` or
``kg:conflictsWith``), dated by ``kg:period`` with an OWL-Time interval
(a month: begins and ends with that month, ``xsd:gYearMonth``; a quarter:
its first and last month; a year: ``xsd:gYear``), asserted as
``kgc:aggregated`` (counted from coded events: no quote), with its counts
(``kg:eventCount``, ``kg:goldsteinSum``, ``kg:goldsteinMean``, one count
per QuadClass), its top codes (``kg:cameoCount`` nodes) and, as
``prov:wasDerivedFrom``, the article of each top code and the event data
itself. The writer is plain text, sorted, so the same import gives the
same bytes; every output is written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from kg.atomic import atomic_file
from kg.errors import KGError
from kg.imports.countries import ISO_SOURCE, Actor
from kg.imports.events import EventImport, Tie
from kg.rdf.namespaces import PREFIXES

_KG, _KGC, _KGR = PREFIXES["kg"], PREFIXES["kgc"], PREFIXES["kgr"]
_RDF, _RDFS, _XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
_PROV, _TIME, _DCT, _SCHEMA = (PREFIXES["prov"], PREFIXES["time"], PREFIXES["dcterms"],
                               PREFIXES["schema"])
_TYPE = _RDF + "type"
_KINDS = {1: (_KGC + "event-cooperation", _KG + "cooperatesWith"),
          -1: (_KGC + "event-conflict", _KG + "conflictsWith")}
_QUADS = ("verbalCooperationCount", "materialCooperationCount", "verbalConflictCount",
          "materialConflictCount")
_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
#: Turtle prefixes of the TriG output, in order.
_PREFIXES = ("kg", "kgc", "kgr", "rdf", "rdfs", "xsd", "prov", "time", "dcterms", "schema")


class Iri(str):
    """An IRI, as opposed to a literal."""


class Lit:
    """A literal with a datatype or a language."""

    __slots__ = ("text", "datatype", "lang")

    def __init__(self, text: str, datatype: str | None = None, lang: str | None = None):
        self.text, self.datatype, self.lang = text, datatype, lang


class Blank:
    """A blank node with its own statements (written inline in TriG)."""

    __slots__ = ("label", "pairs")

    def __init__(self, label: str, pairs: list[tuple[str, object]]):
        self.label, self.pairs = label, pairs


def safe_iri(text: str) -> str:
    """``text`` with the characters an IRI may not hold percent-encoded.

    Examples
    --------
    >>> safe_iri('https://news.example.com/a b"c')
    'https://news.example.com/a%20b%22c'
    """
    if not _UNSAFE_IRI.search(text):
        return text
    return _UNSAFE_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode("utf-8")), text)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()


def _slug(actor: Actor) -> str:
    local = actor.iri[len(_KGR):] if actor.iri.startswith(_KGR) else ""
    return local if _LOCAL.fullmatch(local) else _digest(actor.iri)[:10]


def graph_iri(result: EventImport) -> str:
    """The named graph of an import: one per set of input file names and options."""
    names = sorted(Path(f).name for f in result.files)
    return _KGR + "graph-events-" + _digest(result.format, result.precision, *names)[:12]


def _dataset_source(result: EventImport) -> tuple[str, str]:
    names = sorted(Path(f).name for f in result.files)
    kind = "GDELT 2.0 event export" if result.format == "gdelt" else "event file (CSV)"
    listed = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
    title = (f"{len(names)} {kind}{'s' if len(names) > 1 and result.format == 'gdelt' else ''}"
             f" ({listed}), {result.events} events")
    return _KGR + "source-events-" + _digest(*names)[:12], title


def statements(result: EventImport) -> Iterator[tuple[str, list[tuple[str, object]]]]:
    """Each subject of the output with its (predicate, object) pairs, sorted."""
    blocks: dict[str, list[tuple[str, object]]] = {}

    def add(subject: str, *pairs: tuple[str, object]) -> None:
        blocks.setdefault(subject, []).extend(pairs)

    data_source, data_title = _dataset_source(result)
    add(data_source, (_TYPE, Iri(_KG + "SourceDocument")),
        (_DCT + "title", Lit(data_title, lang="en")))
    sources = {}
    for actor in result.actors:
        if not actor.new:
            continue
        add(actor.iri, (_TYPE, Iri(_KG + ("State" if actor.state else "Actor"))),
            (_RDFS + "label", Lit(actor.label, lang="en")),
            (_PROV + "wasDerivedFrom", Iri(actor.source if actor.source == str(ISO_SOURCE)
                                           else _file_source(actor.source, sources))),
            (_KG + "quote", Lit(actor.quote)))
    if any(a.new and a.source == str(ISO_SOURCE) for a in result.actors):
        import pycountry

        version = getattr(pycountry, "__version__", "")
        add(str(ISO_SOURCE), (_TYPE, Iri(_KG + "SourceDocument")),
            (_DCT + "title", Lit(f"ISO 3166-1 country codes (as pycountry {version} ships "
                                 "them)".replace("  ", " ").replace(" )", ")"), lang="en")),
            (_SCHEMA + "url", Iri("https://www.iso.org/iso-3166-country-codes.html")))
    for path, iri in sorted(sources.items()):
        add(iri, (_TYPE, Iri(_KG + "SourceDocument")),
            (_DCT + "title", Lit(f"actor mapping file {Path(path).name}", lang="en")))

    periods = {}
    direct = set()
    for tie in result.ties:
        relation = relation_iri(tie)
        kind, truthy = _KINDS[tie.sign]
        direct.add((tie.source.iri, truthy, tie.target.iri))
        periods[str(tie.period)] = tie.period
        pairs: list[tuple[str, object]] = [
            (_TYPE, Iri(_KG + "Relation")),
            (_KG + "fromActor", Iri(tie.source.iri)), (_KG + "toActor", Iri(tie.target.iri)),
            (_KG + "relationKind", Iri(kind)),
            (_KG + "polarity", Lit(str(tie.sign), _XSD + "integer")),
            (_KG + "directed", Lit("true" if tie.directed else "false", _XSD + "boolean")),
            (_KG + "weight", _decimal(tie.weight)),
            (_KG + "period", Iri(_period_iri(tie.period))),
            (_KG + "assertionMode", Iri(_KGC + "aggregated")),
            (_KG + "eventCount", Lit(str(tie.events), _XSD + "integer")),
            (_KG + "goldsteinSum", _decimal(tie.goldstein_sum)),
            (_KG + "goldsteinMean", _decimal(tie.goldstein_sum / tie.events
                                             if tie.events else 0.0)),
            *((_KG + name, Lit(str(count), _XSD + "integer"))
              for name, count in zip(_QUADS, tie.quads, strict=True)),
            (_KG + "description", Lit(_description(tie), lang="en")),
            (_PROV + "wasDerivedFrom", Iri(data_source)),
        ]
        tag = _digest(relation)[:12]
        for rank, share in enumerate(tie.codes, start=1):
            pairs.append((_KG + "cameoCount", Blank(
                f"{tag}c{rank}",
                [(_KG + "cameo", Iri(f"{_KGC}cameo-{share.code}")),
                 (_KG + "eventCount", Lit(str(share.events), _XSD + "integer"))])))
        for url in tie.urls:
            article = _KGR + "article-" + _digest(url)[:16]
            pairs.append((_PROV + "wasDerivedFrom", Iri(article)))
            if article not in blocks:
                host = _host(url)
                add(article, (_TYPE, Iri(_KG + "SourceDocument")),
                    (_DCT + "title", Lit(f"article on {host}, a source of coded events",
                                         lang="en")),
                    (_SCHEMA + "url", Iri(safe_iri(url))))
        add(relation, *pairs)
    for source, truthy, target in sorted(direct):
        add(source, (truthy, Iri(target)))
    for period in periods.values():
        begin, end = _instant_iri(period, period.begin), _instant_iri(period, period.end)
        add(_period_iri(period), (_TYPE, Iri(_TIME + "Interval")),
            (_RDFS + "label", Lit(str(period))),
            (_TIME + "hasBeginning", Iri(begin)), (_TIME + "hasEnd", Iri(end)))
        kind = "inXSDgYear" if period.precision == "year" else "inXSDgYearMonth"
        datatype = _XSD + ("gYear" if period.precision == "year" else "gYearMonth")
        for iri, text in ((begin, period.begin), (end, period.end)):
            if iri not in blocks:
                add(iri, (_TYPE, Iri(_TIME + "Instant")), (_TIME + kind, Lit(text, datatype)))
    for subject in sorted(blocks):
        yield subject, blocks[subject]


def _host(url: str) -> str:
    rest = url.partition("://")[2]
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host or "an unknown site"


def _file_source(path: str, sources: dict[str, str]) -> str:
    return sources.setdefault(path, _KGR + "source-actors-" + _digest(Path(path).name)[:12])


def relation_iri(tie: Tie) -> str:
    """The IRI of a tie: its actors, its period, and its side when mixed.

    Examples
    --------
    >>> from kg.imports.events import Period, Tie
    >>> a, b = Actor(_KGR + "avalon", "Avalon"), Actor(_KGR + "brigadoon", "Brigadoon")
    >>> t = Tie(a, b, Period.of(202403, "month"), -1, -2.5, 4, -10.0, (0, 0, 2, 2), (), False,
    ...         True)
    >>> relation_iri(t)
    'https://w3id.org/kg-relations/id/event-tie-avalon-brigadoon-2024-03'
    """
    view = "tie" if tie.directed else "pair"
    side = ("-cooperation" if tie.sign > 0 else "-conflict") if tie.mixed else ""
    return (f"{_KGR}event-{view}-{_slug(tie.source)}-{_slug(tie.target)}-"
            f"{str(tie.period).lower()}{side}")


def _period_iri(period) -> str:
    return f"{_KGR}period-{period}"


def _instant_iri(period, text: str) -> str:
    return f"{_KGR}{'year' if period.precision == 'year' else 'month'}-{text}"


def _decimal(value: float) -> Lit:
    text = f"{value:.3f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return Lit("0.0" if text in ("-0.0", "0.0") else text, _XSD + "decimal")


def _description(tie: Tie) -> str:
    side = "cooperation" if tie.sign > 0 else "conflict"
    if tie.mixed:
        return (f"The {side} side of a mixed {tie.period}: {tie.events} coded events of "
                f"{side}, Goldstein sum {tie.goldstein_sum:.1f}.")
    return (f"{side.capitalize()} in {tie.period}: {tie.events} coded events, mean "
            f"Goldstein value {tie.weight:.2f}.")


# --- serialisation -------------------------------------------------------------

_SPECIAL = re.compile(r'[\x00-\x1f\x7f"\\]')


def _escape(text: str) -> str:
    if not _SPECIAL.search(text):
        return text
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m[0]):04X}", out)


@functools.lru_cache(maxsize=1 << 16)
def _nt_iri(iri: str) -> str:
    return f"<{safe_iri(iri)}>"


def _nt(term) -> str:
    if type(term) is Iri or type(term) is str:
        return _nt_iri(term)
    if isinstance(term, Lit):
        if term.lang:
            return f'"{_escape(term.text)}"@{term.lang}'
        if term.datatype:
            return f'"{_escape(term.text)}"^^<{term.datatype}>'
        return f'"{_escape(term.text)}"'
    if isinstance(term, Blank):
        return f"_:{term.label}"
    return f"<{safe_iri(str(term))}>"


def _ttl(term) -> str:
    if type(term) is Iri or type(term) is str:
        return _ttl_iri(term)
    if isinstance(term, Lit):
        if term.datatype == _XSD + "integer" or term.datatype == _XSD + "decimal":
            return term.text
        if term.datatype == _XSD + "boolean":
            return term.text
        if term.datatype:
            return f'"{_escape(term.text)}"^^{_ttl(Iri(term.datatype))}'
        return _nt(term)
    if isinstance(term, Blank):
        inner = " ; ".join(f"{_ttl_iri(p)} {_ttl(o)}" for p, o in term.pairs)
        return f"[ {inner} ]"
    return _ttl_iri(str(term))


@functools.lru_cache(maxsize=1 << 16)
def _ttl_iri(iri: str) -> str:
    iri = safe_iri(iri)
    for prefix in _PREFIXES:
        base = PREFIXES[prefix]
        if iri.startswith(base) and _LOCAL.fullmatch(iri[len(base):]):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"


def nquads(result: EventImport) -> Iterator[str]:
    """The import as N-Quads lines, in the import's named graph."""
    graph = f"<{graph_iri(result)}>"
    for subject, pairs in statements(result):
        s = _nt_iri(subject)
        lines = []
        for predicate, value in pairs:
            lines.append(f"{s} {_nt_iri(predicate)} {_nt(value)} {graph} .\n")
            if isinstance(value, Blank):
                for p, o in value.pairs:
                    lines.append(f"{_nt(value)} {_nt_iri(p)} {_nt(o)} {graph} .\n")
        yield "".join(lines)


def trig(result: EventImport) -> Iterator[str]:
    """The import as TriG, in the import's named graph."""
    yield "# Signed ties aggregated from coded events by `kg import events`.\n"
    for prefix in _PREFIXES:
        yield f"@prefix {prefix}: <{PREFIXES[prefix]}> .\n"
    yield f"\n{_ttl(Iri(graph_iri(result)))} {{\n"
    for subject, pairs in statements(result):
        lines = [f"{'a' if p == _TYPE else _ttl_iri(p)} {_ttl(o)}" for p, o in pairs]
        yield f"\n{_ttl_iri(subject)}\n    " + " ;\n    ".join(lines) + " .\n"
    yield "}\n"


def write_rdf(result: EventImport, path: str | Path) -> None:
    """Write the import as TriG (``.trig``) or N-Quads (``.nq``), atomically."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".trig", ".nq"):
        raise KGError("write the ties as .trig or .nq (N-Quads)", file=str(path))
    lines = trig(result) if suffix == ".trig" else nquads(result)
    with atomic_file(path) as handle:
        for line in lines:
            handle.write(line.encode("utf-8"))


def edge_rows(result: EventImport) -> list[list[str]]:
    """The dated signed edge list: ``source,target,sign,weight,start,end``; actors
    by label (by IRI where two actors share a label), weight the tie's size."""
    labels: dict[str, set] = {}
    for actor in result.actors:
        labels.setdefault(actor.label, set()).add(actor.iri)

    def name(actor: Actor) -> str:
        return actor.label if len(labels[actor.label]) == 1 else actor.iri

    rows = [[name(t.source), name(t.target), "+1" if t.sign > 0 else "-1",
             f"{abs(t.weight):.3f}", t.period.begin, t.period.end] for t in result.ties]
    return [["source", "target", "sign", "weight", "start", "end"],
            *sorted(rows, key=lambda r: (r[4], r[0], r[1], r[2]))]


def write_edges(result: EventImport, path: str | Path) -> None:
    """Write :func:`edge_rows` as CSV, atomically."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(edge_rows(result))
    with atomic_file(path) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def explain_lines(result: EventImport, *, urls: int = 3) -> Iterator[str]:
    """Each tie with its counts, its top codes and up to ``urls`` articles."""
    names = ("verbal cooperation", "material cooperation", "verbal conflict",
             "material conflict")
    for tie in result.ties:
        mixed = " (mixed)" if tie.mixed else ""
        arrow = "->" if tie.directed else "--"
        yield (f"{tie.source.label} {arrow} {tie.target.label}  {tie.period}  "
               f"{'+' if tie.sign > 0 else '-'}{abs(tie.weight):.2f}{mixed}  "
               f"{tie.events} events, Goldstein sum {tie.goldstein_sum:.1f}")
        quads = ", ".join(f"{n} {names[i]}" for i, n in enumerate(tie.quads) if n)
        if quads:
            yield f"    {quads}"
        for share in tie.codes:
            yield (f"    CAMEO {share.code} {share.label}: {share.events} events, "
                   f"{share.goldstein_sum:+.1f}")
        for url in tie.urls[:urls]:
            yield f"    {url}"
