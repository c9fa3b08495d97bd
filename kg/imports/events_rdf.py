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
same bytes; it renders each tie as its turn comes and writes it, so it
holds the ties, not their text; every output is written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.atomic import atomic_file
from kg.errors import KGError
from kg.imports.countries import ISO_SOURCE, Actor
from kg.imports.events import EventImport, Tie
from kg.rdf.namespaces import PREFIXES
from kg.tabular import plural

_KG, _KGC, _KGR = PREFIXES["kg"], PREFIXES["kgc"], PREFIXES["kgr"]
_RDF, _RDFS, _XSD, _SKOS = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"], PREFIXES["skos"]
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
_PREFIXES = ("kg", "kgc", "kgr", "rdf", "rdfs", "skos", "xsd", "prov", "time", "dcterms",
             "schema")


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
    kind = (("GDELT 2.0 event export", "GDELT 2.0 event exports") if result.format == "gdelt"
            else ("event file (CSV)", "event files (CSV)"))
    listed = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
    title = f"{plural(len(names), *kind)} ({listed}), {plural(result.events, 'event')}"
    return _KGR + "source-events-" + _digest(*names)[:12], title


class _Writer:
    """The statements of an import, by subject: N-Quads lines (``graph``
    given) or TriG predicate-object fragments.

    A subject's statements are text, or a function that renders them when
    the subject's turn comes (:meth:`defer`): the ties and their articles,
    which are most of the output, are rendered one subject at a time as
    they are written, so the writer holds their data, not their text.
    Rendering each term once, as text, keeps the writer linear and lean
    (no term objects), which is most of its time at tens of thousands of
    ties."""

    def __init__(self, graph: str | None, data_source: str = ""):
        self.nq = graph is not None
        self.graph = graph
        self.blocks: dict[str, list] = {}
        self.iri = _nt_iri if self.nq else _ttl_iri
        # a tie's statements as format strings of its raw values: a call
        # per tie, and per code and article, rather than one per statement
        integer, decimal = _XSD + "integer", _XSD + "decimal"

        def number(name: str, datatype: str) -> str:
            return self.number("{" + name + "}", datatype)

        fixed = [(_TYPE, self.iri(_KG + "Relation")), (_KG + "fromActor", "{source}"),
                 (_KG + "toActor", "{target}"), (_KG + "relationKind", "{kind}"),
                 (_KG + "polarity", number("polarity", integer)),
                 (_KG + "directed", "{directed}"), (_KG + "weight", number("weight", decimal)),
                 (_KG + "period", "{period}"),
                 (_KG + "assertionMode", self.iri(_KGC + "aggregated")),
                 (_KG + "eventCount", number("events", integer)),
                 (_KG + "goldsteinSum", number("sum", decimal)),
                 (_KG + "goldsteinMean", number("mean", decimal)),
                 *((_KG + name, number(name, integer)) for name in _QUADS),
                 (_KG + "description", "{description}"),
                 (_PROV + "wasDerivedFrom", self.iri(data_source))]
        code = [(_KG + "cameo", "{code}"),
                (_KG + "eventCount", number("events", integer))]
        derived = _PROV + "wasDerivedFrom"
        if self.nq:
            self._tie = "".join(f"{{subject}} {_nt_iri(p)} {o} {graph} .\n" for p, o in fixed)
            self._code = (f"{{subject}} {_nt_iri(_KG + 'cameoCount')} _:{{node}} {graph} .\n"
                          + "".join(f"_:{{node}} {_nt_iri(p)} {o} {graph} .\n" for p, o in code))
            self._article = f"{{subject}} {_nt_iri(derived)} {{article}} {graph} .\n"
        else:
            self._tie = " ;\n    ".join(f"{'a' if p == _TYPE else _ttl_iri(p)} {o}"
                                         for p, o in fixed)
            self._code = (f"{_ttl_iri(_KG + 'cameoCount')} [ "
                          + " ; ".join(f"{_ttl_iri(p)} {o}" for p, o in code) + " ]")
            self._article = f"{_ttl_iri(derived)} {{article}}"

    def tie(self, subject: str, fields: dict[str, str], codes, articles: list[str]) -> list[str]:
        """A tie's statements: the fixed ones (``fields``, raw values), its
        codes (``(code, events)`` pairs, as blank nodes) and its articles.
        (TriG's format strings name no subject or node: format leaves the
        arguments they lack unused.)"""
        s = self.iri(subject)
        tag = _digest(subject)[:12] if self.nq else ""
        return [self._tie.format(subject=s, **fields),
                *(self._code.format(subject=s, node=f"{tag}c{rank}",
                                    code=self.iri(f"{_KGC}cameo-{code}"), events=events)
                  for rank, (code, events) in enumerate(codes, start=1)),
                *(self._article.format(subject=s, article=self.iri(a)) for a in articles)]

    def text(self, text: str, lang: str | None = None) -> str:
        return f'"{_escape(text)}"@{lang}' if lang else f'"{_escape(text)}"'

    def typed(self, text: str, datatype: str) -> str:
        if self.nq:
            return f'"{_escape(text)}"^^<{datatype}>'
        return f'"{_escape(text)}"^^{_ttl_iri(datatype)}'

    def number(self, text: str, datatype: str) -> str:
        """An xsd:integer, xsd:decimal or xsd:boolean (bare in Turtle)."""
        return f'"{text}"^^<{datatype}>' if self.nq else text

    def statements(self, subject: str, pairs) -> list[str]:
        """The text of ``subject``'s statements ``pairs``."""
        if not self.nq:
            return [f"{'a' if p == _TYPE else _ttl_iri(p)} {o}" for p, o in pairs]
        s, g = _nt_iri(subject), self.graph
        return [f"{s} {_nt_iri(p)} {o} {g} .\n" for p, o in pairs]

    def add(self, subject: str, *pairs: tuple[str, object]) -> None:
        self.blocks.setdefault(subject, []).extend(self.statements(subject, pairs))

    def defer(self, subject: str, render: Callable[[], list[str]]) -> None:
        """Statements of ``subject`` that ``render`` gives when they are written."""
        self.blocks.setdefault(subject, []).append(render)

    def __iter__(self) -> Iterator[str]:
        """Each subject's text, subjects sorted; each is let go once given."""
        blocks = self.blocks
        for subject in sorted(blocks):
            parts = []
            for part in blocks.pop(subject):
                if type(part) is str:
                    parts.append(part)
                else:
                    parts.extend(part())
            if self.nq:
                yield "".join(parts)
            else:
                yield f"\n{_ttl_iri(subject)}\n    " + " ;\n    ".join(parts) + " .\n"


def _statements(result: EventImport, w: _Writer) -> _Writer:
    """Add every statement of the output to ``w``."""
    iri, number, text = w.iri, w.number, w.text
    data_source, data_title = _dataset_source(result)
    source_document = iri(_KG + "SourceDocument")
    w.add(data_source, (_TYPE, source_document), (_DCT + "title", text(data_title, "en")))
    sources = {}
    for actor in result.actors:
        if not actor.new:
            continue
        w.add(actor.iri, (_TYPE, iri(_KG + ("State" if actor.state else "Actor"))),
              (_RDFS + "label", text(actor.label, "en")),
              *((_SKOS + "altLabel", text(name, "en")) for name in actor.alt_labels),
              (_PROV + "wasDerivedFrom", iri(actor.source if actor.source == str(ISO_SOURCE)
                                             else _file_source(actor.source, sources))),
              (_KG + "quote", text(actor.quote)))
    if any(a.new and a.source == str(ISO_SOURCE) for a in result.actors):
        import pycountry

        version = getattr(pycountry, "__version__", "")
        w.add(str(ISO_SOURCE), (_TYPE, source_document),
              (_DCT + "title", text(f"ISO 3166-1 country codes (as pycountry {version} ships "
                                    "them)".replace("  ", " ").replace(" )", ")"), "en")),
              (_SCHEMA + "url", iri("https://www.iso.org/iso-3166-country-codes.html")))
    for path, source in sorted(sources.items()):
        w.add(source, (_TYPE, source_document),
              (_DCT + "title", text(f"actor mapping file {Path(path).name}", "en")))

    periods = {}
    direct = set()
    kinds = {sign: iri(kind) for sign, (kind, _) in _KINDS.items()}
    directed = {flag: number("true" if flag else "false", _XSD + "boolean")
                for flag in (True, False)}

    def render(tie: Tie, subject: str, articles: list[str]) -> list[str]:
        fields = {
            "source": iri(tie.source.iri), "target": iri(tie.target.iri),
            "kind": kinds[tie.sign], "polarity": tie.sign, "directed": directed[tie.directed],
            "weight": _decimal(tie.weight), "period": iri(_period_iri(tie.period)),
            "events": tie.events, "sum": _decimal(tie.goldstein_sum),
            "mean": _decimal(tie.goldstein_sum / tie.events if tie.events else 0.0),
            **dict(zip(_QUADS, tie.quads, strict=True)),
            "description": text(_description(tie), "en"),
        }
        return w.tie(subject, fields, [(c.code, c.events) for c in tie.codes], articles)

    if w.nq:  # an article's three lines in one string: most of the lines written
        graph = w.graph
        lines = (f"{{0}} {_nt_iri(_TYPE)} {source_document} {graph} .\n"
                 f'{{0}} {_nt_iri(_DCT + "title")} "article on {{1}}, a source of coded '
                 f'events"@en {graph} .\n'
                 f"{{0}} {_nt_iri(_SCHEMA + 'url')} <{{2}}> {graph} .\n")

    def article(article: str, url: str) -> list[str]:
        if w.nq:
            return [lines.format(f"<{article}>", _escape(_host(url)), safe_iri(url))]
        return w.statements(article, (
            (_TYPE, source_document),
            (_DCT + "title", text(f"article on {_host(url)}, a source of coded events", "en")),
            (_SCHEMA + "url", iri(safe_iri(url)))))

    for tie in result.ties:
        subject = relation_iri(tie)
        direct.add((tie.source.iri, _KINDS[tie.sign][1], tie.target.iri))
        periods[str(tie.period)] = tie.period
        articles = []
        for url in tie.urls:
            name = _article_iri(url)
            articles.append(name)
            if name not in w.blocks:
                w.defer(name, functools.partial(article, name, url))
        w.defer(subject, functools.partial(render, tie, subject, articles))
    for source, truthy, target in sorted(direct):
        w.add(source, (truthy, iri(target)))
    for period in periods.values():
        begin, end = _instant_iri(period, period.begin), _instant_iri(period, period.end)
        w.add(_period_iri(period), (_TYPE, iri(_TIME + "Interval")),
              (_RDFS + "label", text(str(period))),
              (_TIME + "hasBeginning", iri(begin)), (_TIME + "hasEnd", iri(end)))
        kind = "inXSDgYear" if period.precision == "year" else "inXSDgYearMonth"
        datatype = _XSD + ("gYear" if period.precision == "year" else "gYearMonth")
        for instant, value in ((begin, period.begin), (end, period.end)):
            if instant not in w.blocks:
                w.add(instant, (_TYPE, iri(_TIME + "Instant")),
                      (_TIME + kind, w.typed(value, datatype)))
    return w


def _article_iri(url: str) -> str:
    return _KGR + "article-" + _digest(url)[:16]


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


def _decimal(value: float) -> str:
    text = f"{value:.3f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return "0.0" if text in ("-0.0", "0.0") else text


def _description(tie: Tie) -> str:
    side = "cooperation" if tie.sign > 0 else "conflict"
    if tie.mixed:
        return (f"The {side} side of a mixed {tie.period}: "
                f"{plural(tie.events, 'coded event')} of {side}, Goldstein sum "
                f"{tie.goldstein_sum:.1f}.")
    return (f"{side.capitalize()} in {tie.period}: {plural(tie.events, 'coded event')}, mean "
            f"Goldstein value {tie.weight:.2f}.")


# --- serialisation -------------------------------------------------------------

_SPECIAL = re.compile(r'[\x00-\x1f\x7f"\\]')


def _escape(text: str) -> str:
    """``text`` as the inside of an N-Triples (and Turtle) string literal."""
    if not _SPECIAL.search(text):
        return text
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m[0]):04X}", out)


@functools.lru_cache(maxsize=1 << 16)
def _nt_iri(iri: str) -> str:
    return f"<{safe_iri(iri)}>"


@functools.lru_cache(maxsize=1 << 16)
def _ttl_iri(iri: str) -> str:
    iri = safe_iri(iri)
    for prefix in _PREFIXES:
        base = PREFIXES[prefix]
        if iri.startswith(base) and _LOCAL.fullmatch(iri[len(base):]):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"


def nquads(result: EventImport) -> Iterator[str]:
    """The import as N-Quads lines, in the import's named graph, by subject."""
    yield from _statements(result, _Writer(f"<{graph_iri(result)}>",
                                           _dataset_source(result)[0]))


def trig(result: EventImport) -> Iterator[str]:
    """The import as TriG, in the import's named graph."""
    yield "# Signed ties aggregated from coded events by `kg import events`.\n"
    for prefix in _PREFIXES:
        yield f"@prefix {prefix}: <{PREFIXES[prefix]}> .\n"
    yield f"\n{_ttl_iri(graph_iri(result))} {{\n"
    yield from _statements(result, _Writer(None, _dataset_source(result)[0]))
    yield "}\n"


def write_rdf(result: EventImport, path: str | Path) -> None:
    """Write the import as TriG (``.trig``) or N-Quads (``.nq``), atomically."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".trig", ".nq"):
        raise KGError("write the ties as .trig or .nq (N-Quads)", file=str(path))
    chunks = iter(trig(result) if suffix == ".trig" else nquads(result))
    with atomic_file(path) as handle:
        # a write per thousand subjects, not per subject
        while batch := list(itertools.islice(chunks, 1000)):
            handle.write("".join(batch).encode("utf-8"))


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


def explain_lines(result: EventImport, *, urls: int | None = None) -> Iterator[str]:
    """Each tie with its counts, its top codes and its articles (up to ``urls``),
    by the labels of its actors, then by period."""
    from kg.rdf.cameo import QUAD_CLASS_NAMES

    for tie in sorted(result.ties, key=lambda t: (t.source.label, t.target.label, t.source.iri,
                                                  t.target.iri, t.period.begin, -t.sign)):
        mixed = " (mixed)" if tie.mixed else ""
        arrow = "->" if tie.directed else "--"
        yield (f"{tie.source.label} {arrow} {tie.target.label}  {tie.period}  "
               f"{'+' if tie.sign > 0 else '-'}{abs(tie.weight):.2f}{mixed}  "
               f"{plural(tie.events, 'event')}, Goldstein sum {tie.goldstein_sum:.1f}")
        quads = ", ".join(f"{n:,} {QUAD_CLASS_NAMES[i]}"
                          for i, n in enumerate(tie.quads, start=1) if n)
        if quads:
            yield f"    {quads}"
        for share in tie.codes:
            yield (f"    CAMEO {share.code} {share.label}: {plural(share.events, 'event')}, "
                   f"{share.goldstein_sum:+.1f}")
        for url in tie.urls[:urls]:
            yield f"    {url}"
