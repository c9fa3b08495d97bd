"""A scenario as the rows of its workbook, nothing lost.

:func:`scenario_tables` puts each resource on the sheet of its class, one
row each, and keeps a row only when reading it back
(:func:`kg.imports.sheet_build.build`) states no triple the scenario does
not: what a row cannot hold (a second quote, a literal in another
language, a date hung on another property) stays out of it and goes, with
everything no sheet covers, to the ``other`` sheet as raw triples. So
export then import gives the same statements.
"""

from __future__ import annotations

from rdflib import RDF, BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import ORG

from kg.imports.sheet_build import INSTANT, INTERVAL, Table, Vocab, build
from kg.imports.sheet_layout import CLASS_SHEETS, SHEETS, Column, Sheet, subclasses
from kg.imports.sheet_terms import (
    CellError,
    date_text,
    decimal_literal,
    object_cells,
    resource,
    resource_text,
)
from kg.rdf.dates import Date
from kg.rdf.load import ONTOLOGY_GRAPH
from kg.rdf.namespaces import KG, KGC, TIME
from kg.sparql.export import canonical_quads

BEGINNING, END = TIME.hasBeginning, TIME.hasEnd
_DATE_PROPS = {TIME.inXSDgYear, TIME.inXSDgYearMonth, TIME.inXSDDate}
#: The graph name rows use when the scenario's quads have none.
EXPORT_GRAPH = URIRef("urn:x-kg-sheet:default-graph")


class _Scenario:
    """The quads of a dataset, indexed for the row makers."""

    def __init__(self, quads: list[tuple]):
        self.quads = set(quads)
        self.by_sp: dict[tuple, list] = {}
        self.types: dict[URIRef, list[tuple]] = {}
        self.subjects = set()
        for s, p, o, g in self.quads:
            self.by_sp.setdefault((s, p, g), []).append(o)
            self.subjects.add(s)
            if p == RDF.type:
                self.types.setdefault(s, []).append((o, g))

    def values(self, s, p, g) -> list:
        return self.by_sp.get((s, p, g), [])


def graph_text(g) -> str:
    return "" if g in (None, DATASET_DEFAULT_GRAPH_ID, EXPORT_GRAPH) else resource_text(g) or ""


def scenario_quads(dataset: Dataset) -> list[tuple]:
    """The dataset's quads, without the ontology graph (graph ``None`` when unnamed)."""
    out = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g == ONTOLOGY_GRAPH:
            continue
        g = getattr(g, "identifier", g)
        out.append((s, p, o, None if g in (None, DATASET_DEFAULT_GRAPH_ID) else g))
    return out


class _Exporter:
    def __init__(self, vocab: Vocab, quads: list[tuple]):
        self.vocab = vocab
        quads = [(s, p, o, EXPORT_GRAPH if g is None else g) for s, p, o, g in quads]
        self.data = _Scenario(quads)
        self.known = {s for s in self.data.subjects if isinstance(s, URIRef)}
        self.consumed: set[tuple] = set()
        self.tables = {s.name: Table(s.name, s.name) for s in SHEETS}
        self.bases = {name: set(subclasses(vocab.ontology, base)) for name, base in CLASS_SHEETS}

    def run(self) -> dict[str, Table]:
        placed = []
        for subject in sorted(self.known, key=str):
            found = self.place(subject)
            if found:
                placed.append(found)
        for sheet, subject, g in placed:
            self.row(sheet, subject, g)
        self.parties()
        self.other()
        return self.tables

    def place(self, subject: URIRef):
        types = self.data.types.get(subject, [])
        for name, _ in CLASS_SHEETS:
            sheet = next(s for s in SHEETS if s.name == name)
            allowed = self.bases[name] if sheet.column("class") else set(sheet.types)
            hits = sorted((str(g), t, g) for t, g in types if t in allowed)
            if hits:
                return sheet, subject, hits[0][2]
        return None

    # -- one resource's row ------------------------------------------------------------

    def row(self, sheet: Sheet, subject: URIRef, g) -> None:
        cells = {"id": resource_text(subject) or "", "graph": graph_text(g)}
        if not cells["id"]:
            return
        for column in sheet.columns:
            if column.kind in ("id", "graph", "when"):
                continue
            text = self.cell(sheet, column, subject, g)
            if text:
                cells[column.name] = text
        timed = self.when(sheet, subject, g, cells)
        built = build([Table(sheet.name, sheet.name, [(2, cells)])], ontology=self.vocab.ontology,
                      graph=g, known=self.known, vocab=self.vocab)
        plain = {q for q in built.quads if not any(isinstance(n, BNode) for n in q)}
        if built.problems or not plain <= self.data.quads:
            return
        self.consumed |= plain | timed
        self.tables[sheet.name].rows.append((len(self.tables[sheet.name].rows) + 2, cells))

    def cell(self, sheet: Sheet, column: Column, s, g) -> str:
        if column.kind == "special":
            return self.special(sheet, column, s, g)
        if column.pred is None:
            return ""
        texts = sorted({t for o in self.data.values(s, column.pred, g)
                        if (t := self.text_of(column, o)) is not None})
        if not texts:
            return ""
        return "; ".join(texts) if column.many else texts[0]

    def text_of(self, column: Column, o) -> str | None:
        kind = column.kind
        if kind == "text":
            if not isinstance(o, Literal) or o.language != column.lang or (
                    column.lang is None and o.datatype is not None):
                return None
            text = str(o)
            if text != text.strip() or not text or (column.many and ";" in text):
                return None
            return text
        if kind == "ref":
            text = resource_text(o) if isinstance(o, URIRef) else None
            return text if text and resource(text) == o and o in self.known else None
        if kind in ("concept", "class"):
            found = [c for c in self.vocab.allowed(column.values) if c.term == o]
            return found[0].text if found else None
        if kind == "url":
            text = str(o)
            return text if isinstance(o, URIRef) and "://" in text and " " not in text else None
        if kind == "wikidata":
            text = str(o).rpartition("/")[2]
            ok = isinstance(o, URIRef) and str(o) == f"http://www.wikidata.org/entity/{text}"
            return text if ok and text[:1] == "Q" and text[1:].isdigit() else None
        if kind == "date":
            return date_text(o) if isinstance(o, Literal) else None
        return None

    def special(self, sheet: Sheet, column: Column, s, g) -> str:
        name = column.name
        if name == "kind" and sheet.name == "relations":
            return self.cell(sheet, Column("kind", "concept", "", KG.relationKind,
                                           values=column.values), s, g)
        if name == "polarity":
            values = [o for o in self.data.values(s, KG.polarity, g) if isinstance(o, Literal)]
            return str(values[0]) if len(values) == 1 and str(values[0]) in ("1", "-1") else ""
        if name == "directed":
            values = self.data.values(s, KG.directed, g)
            return {"true": "yes", "false": "no"}.get(str(values[0]), "") if len(values) == 1 \
                else ""
        if name == "weight":
            values = self.data.values(s, KG.weight, g)
            if len(values) != 1:
                return ""
            try:
                return str(values[0]) if decimal_literal(str(values[0])) == values[0] else ""
            except CellError:
                return ""
        if name == "direct triple" and sheet.name == "memberships":
            a, b = self.data.values(s, ORG.member, g), self.data.values(s, ORG.organization, g)
            if len(a) != 1 or len(b) != 1:
                return ""
            return "yes" if (a[0], ORG.memberOf, b[0], g) in self.data.quads else "no"
        if name == "direct triple":
            kinds = [KGC.pressure] if sheet.name == "pressures" else \
                self.data.values(s, KG.relationKind, g)
            a, b = self.data.values(s, KG.fromActor, g), self.data.values(s, KG.toActor, g)
            if len(kinds) != 1 or len(a) != 1 or len(b) != 1:
                return ""
            truthy = self.vocab.value(kinds[0], KG.truthyProperty)
            return "yes" if (a[0], truthy, b[0], g) in self.data.quads else "no"
        return ""

    def when(self, sheet: Sheet, s, g, cells: dict) -> set[tuple]:
        """Fill the date columns from an OWL-Time value the rows would write
        back the same; the triples it takes."""
        if sheet.time is None:
            return set()
        nodes = [o for o in self.data.values(s, sheet.time, g) if isinstance(o, BNode)]
        if len(nodes) != 1:
            return set()
        node = nodes[0]
        taken = {(s, sheet.time, node, g)}
        instant = self._instant(node, g)
        if instant is not None and sheet.column("date") is not None:
            cells["date"] = instant[0]
            return taken | instant[1]
        if instant is not None or sheet.column("start") is None:
            return set()
        own = {(node, p, o, g) for p in self._props(node, g) for o in self.data.values(node, p, g)}
        if not {(node, RDF.type, INTERVAL, g)} <= own or self._props(node, g) - {
                RDF.type, BEGINNING, END} or len(self.data.values(node, RDF.type, g)) != 1:
            return set()
        for name, link in (("start", BEGINNING), ("end", END)):
            bounds = self.data.values(node, link, g)
            if not bounds:
                continue
            found = self._instant(bounds[0], g) if len(bounds) == 1 else None
            if found is None:
                return set()
            cells[name] = found[0]
            taken |= found[1]
        if "start" not in cells and "end" not in cells:
            return set()
        return taken | own

    def _props(self, node, g) -> set:
        return {p for (s, p, gg) in self.data.by_sp if s == node and gg == g}

    def _instant(self, node, g):
        if not isinstance(node, BNode) or self._props(node, g) - ({RDF.type} | _DATE_PROPS):
            return None
        if self.data.values(node, RDF.type, g) != [INSTANT]:
            return None
        dates = [(p, o) for p in _DATE_PROPS for o in self.data.values(node, p, g)]
        if len(dates) != 1 or (text := date_text(dates[0][1])) is None:
            return None
        if Date.parse(text).owl_time()[0] != dates[0][0]:
            return None
        return text, {(node, RDF.type, INSTANT, g), (node, dates[0][0], dates[0][1], g)}

    # -- parties, then everything else -------------------------------------------------

    def parties(self) -> None:
        table = self.tables["parties"]
        agreements = {resource(c["id"]) for _, c in self.tables["agreements"].rows}
        rows = []
        for s, p, o, g in sorted(self.data.quads, key=lambda q: tuple(map(str, q))):
            if s in agreements and p in (KG.party, KG.proposedBy) and o in self.known:
                text = resource_text(o)
                if text is None or resource(text) != o:
                    continue
                rows.append({"agreement": resource_text(s), "party": text,
                             "role": "" if p == KG.party else "proposer",
                             "graph": graph_text(g)})
                self.consumed.add((s, p, o, g))
        table.rows = [(n, cells) for n, cells in enumerate(rows, start=2)]

    def other(self) -> None:
        # canonical blank-node labels: the same rows whatever names the parser gave
        left = canonical_quads(self.data.quads - self.consumed)
        labels = blank_labels(left)
        rows = []
        for s, p, o, g in left:
            subject = labels[s] if isinstance(s, BNode) else resource_text(s)
            predicate = resource_text(p)
            obj = object_cells(o, labels)
            if subject is None or predicate is None or obj is None:
                continue  # an IRI no cell can hold (a space in it): not RDF anyway
            rows.append({"subject": subject, "predicate": predicate, "object": obj[0],
                         "object type": obj[1], "graph": graph_text(g)})
        rows.sort(key=lambda r: (r["graph"], r["subject"], r["predicate"], r["object"],
                                 r["object type"]))
        self.tables["other"].rows = [(n, cells) for n, cells in enumerate(rows, start=2)]


def blank_labels(quads: list[tuple]) -> dict[BNode, str]:
    """``_:b1``, ``_:b2``, ... for the blank nodes of ``quads`` (already
    canonically labelled), in the order of their labels."""
    nodes = sorted({n for q in quads for n in (q[0], q[2]) if isinstance(n, BNode)}, key=str)
    return {node: f"_:b{n}" for n, node in enumerate(nodes, start=1)}


def scenario_tables(dataset: Dataset, *, vocab: Vocab) -> dict[str, Table]:
    """The rows of every sheet for a scenario (the ``other`` sheet last).

    Examples
    --------
    >>> from kg.rdf.load import load, load_ontology
    >>> tables = scenario_tables(load(["tests/fixtures/dated.trig"]), vocab=Vocab(load_ontology()))
    >>> [cells["start"] for _, cells in tables["relations"].rows if "start" in cells]
    ['1882', '1914-05']
    """
    return _Exporter(vocab, scenario_quads(dataset)).run()
