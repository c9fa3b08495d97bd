"""Rows of a scenario workbook as RDF quads, every wrong cell reported.

:func:`build` reads the rows of every sheet (see
:mod:`kg.imports.sheet_layout`) and gives the quads they state and a
:class:`Problem` for each cell that is wrong, all of them, each naming the
sheet, the row and the column, what is wrong and what is allowed.

The rules that save repetition:

* one row of the relations (or pressures) sheet gives the reified
  statement and, unless it is a claim or ``direct triple`` says no, its
  direct triple: ``from <the kind's kg:truthyProperty> to``;
* an agreement whose ``tie between parties`` names a relation kind (``yes``
  stands for ``atop-defense``, a defense obligation) gives, for every two
  of its parties, a mutual relation of that kind (id
  ``AGREEMENT-tie-A-B``, weight the Goldstein value of the kind's CAMEO
  class, the agreement's quote and source) and the direct triples both
  ways, as a mutual alliance states them.

Long because it holds every sheet's rules in one place, beside the one
loop that reads them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG

from kg.imports.sheet_layout import QUOTE, SHEETS, Choice, Column, Sheet, choices, local_name
from kg.imports.sheet_terms import (
    CellError,
    date_literal,
    decimal_literal,
    object_term,
    resource,
    slug,
    subject_term,
    yes_no,
)
from kg.rdf.namespaces import KG, KGC, PREFIXES, PROV, TIME, curie

INSTANT, INTERVAL = TIME.Instant, TIME.Interval
BEGINNING, END = TIME.hasBeginning, TIME.hasEnd


@dataclass(frozen=True, order=True)
class Problem:
    """A wrong cell: where (a CSV file, or a workbook and sheet), row, column."""

    where: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} row {self.row}, column {self.column}: {self.message}"


@dataclass
class Table:
    """The rows of one sheet: ``(row number, {column: text})``."""

    name: str
    where: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@dataclass
class Built:
    """What the rows state: quads, problems, and where each resource was made."""

    quads: list[tuple] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origin: dict[URIRef, tuple[str, int]] = field(default_factory=dict)


class Vocab:
    """The allowed values of each column, read from the ontology once."""

    def __init__(self, ontology: Graph):
        self.ontology = ontology
        self._index: dict[str, dict[str, Choice]] = {}
        self._lists: dict[str, list[Choice]] = {}

    def allowed(self, spec: str) -> list[Choice]:
        if spec not in self._lists:
            self._lists[spec] = choices(self.ontology, spec)
        return self._lists[spec]

    def find(self, spec: str, text: str) -> Choice | None:
        if spec not in self._index:
            index: dict[str, Choice] = {}
            for choice in self.allowed(spec):
                keys = {choice.text, choice.label, local_name(choice.term), curie(choice.term)}
                notation = self.ontology.value(choice.term, SKOS.notation)
                if notation is not None and spec == "scheme:Cameo":
                    keys.add(str(notation))
                for key in keys - {""}:
                    index.setdefault(key.lower(), choice)
            self._index[spec] = index
        raw = " ".join(text.split()).lower()
        found = self._index[spec].get(raw)
        if found is None and spec == "scheme:Cameo":
            code = raw.partition(":")[0].strip()
            found = self._index[spec].get(code) or self._index[spec].get("0" + code)
        return found

    def value(self, term: URIRef, prop: URIRef):
        return self.ontology.value(term, prop)


def _what(spec: str) -> str:
    kind, _, name = spec.partition(":")
    name = name.split("+")[0]
    if kind == "scheme":
        words = {"Cameo": "CAMEO event class", "RelationKind": "relation kind",
                 "LifecycleStatus": "status", "CooperationArea": "cooperation area",
                 "AssertionMode": "assertion mode", "StanceKind": "stance kind",
                 "StrategicConcept": "strategic concept", "Instrument": "instrument"}
        return words.get(name, name)
    if kind == "class":
        return f"kind of {name.lower()}"
    return "allowed value"


def plain_file_name(text: str) -> bool:
    r"""Whether ``text`` names a file in a folder, not a path out of it (a
    local copy is read from the sources folder and copied beside the scenario).

    Examples
    --------
    >>> [plain_file_name(t) for t in ("chronicle.txt", "../x", "/x", "a\\b", "..", "")]
    [True, False, False, False, False, False]
    """
    return bool(text) and text not in (".", "..") and not any(c in text for c in "/\\\0")


def one_of(texts: list[str], *, limit: int = 25, where: str = "") -> str:
    """``use one of: a, b, c`` (cut after ``limit``, saying how many there are)."""
    if len(texts) <= limit:
        return "use one of: " + ", ".join(texts)
    more = f" ({len(texts)} in all{where})"
    return "use one of: " + ", ".join(texts[:limit]) + ", ..." + more


class _Row:
    """One row being read: its cells, and the problems found in them."""

    def __init__(self, builder: _Builder, table: Table, number: int, cells: dict[str, str]):
        self.b, self.table, self.number, self.cells = builder, table, number, cells
        self.sheet = next(s for s in SHEETS if s.name == table.name)
        self.graph = builder.graph
        self.quads: list[tuple] = []
        self.ok = True

    def text(self, name: str) -> str:
        return (self.cells.get(name) or "").strip()

    def fail(self, column: str, message: str) -> None:
        self.ok = False
        self.b.problems.append(Problem(self.table.where, self.number, column, message))

    def add(self, s, p, o) -> None:
        self.quads.append((s, p, o, self.graph))

    def many(self, name: str) -> list[str]:
        column = self.sheet.column(name)
        raw = self.text(name)
        if column is not None and column.many:
            return [part.strip() for part in raw.split(";") if part.strip()]
        return [raw] if raw else []

    def concept(self, column: Column, text: str) -> URIRef | None:
        found = self.b.vocab.find(column.values, text)
        if found is None:
            texts = [c.text for c in self.b.vocab.allowed(column.values)]
            self.fail(column.name, f"{text!r} is not a {_what(column.values)}; "
                      + one_of(texts, where="; see the lists sheet"))
            return None
        return found.term

    def ref(self, column: Column, text: str) -> URIRef | None:
        try:
            term = resource(text)
        except CellError as err:
            self.fail(column.name, str(err))
            return None
        if str(term).startswith(PREFIXES["kgr"]) and term not in self.b.known:
            target = column.values.partition(":")[2] if column.values.startswith("ids:") else ""
            ids = sorted(self.b.ids.get(target, ())) if target else []
            hint = (one_of(ids, limit=12) if ids else
                    "give the id of a row of another sheet, or describe it on the other sheet")
            where = f"the {target} sheet" if target else "any sheet"
            self.fail(column.name, f"{text!r} is not an id of {where}; {hint}")
            return None
        return term


class _Builder:
    def __init__(self, vocab: Vocab, tables: dict[str, Table], graph: URIRef,
                 known: set[URIRef] | None):
        self.vocab, self.tables, self.graph = vocab, tables, graph
        self.problems: list[Problem] = []
        self.out = Built(problems=self.problems)
        self.subjects: dict[tuple[str, int], URIRef] = {}
        self.ids: dict[str, set[str]] = {}
        self.known: set[URIRef] = set(known or ())
        self.blanks: dict[str, BNode] = {}
        self.quotes_required = True

    # -- ids, first, so that any row may refer to any other ------------------------

    def assign_ids(self) -> None:
        taken: dict[URIRef, tuple[str, int]] = {}
        pending = []
        for sheet in SHEETS:
            table = self.tables.get(sheet.name)
            if table is None or sheet.column("id") is None:
                continue
            for number, cells in table.rows:
                raw = (cells.get("id") or "").strip()
                if not raw:
                    pending.append((sheet, table, number, cells))
                    continue
                try:
                    term = resource(raw)
                except CellError as err:
                    self.problems.append(Problem(table.where, number, "id", str(err)))
                    continue
                if term in taken:
                    other = taken[term]
                    self.problems.append(Problem(table.where, number, "id",
                                                 f"{raw!r} is the id of {other[0]} row "
                                                 f"{other[1]} too; give each row its own id"))
                    continue
                taken[term] = (table.where, number)
                self._name(sheet, table, number, term)
        for sheet, table, number, cells in pending:
            base = slug(_id_seed(sheet, cells))
            name, n = base, 1
            while resource(name) in taken:
                n += 1
                name = f"{base}-{n}"
            taken[resource(name)] = (table.where, number)
            self._name(sheet, table, number, resource(name))
        other = self.tables.get("other")
        for _number, cells in other.rows if other else ():
            raw = (cells.get("subject") or "").strip()
            if raw and not raw.startswith("_:"):
                try:
                    self.known.add(resource(raw))
                except CellError:
                    pass

    def _name(self, sheet: Sheet, table: Table, number: int, term: URIRef) -> None:
        self.subjects[(sheet.name, number)] = term
        self.known.add(term)
        self.out.origin[term] = (table.where, number)
        text = str(term)
        if text.startswith(PREFIXES["kgr"]):
            self.ids.setdefault(sheet.name, set()).add(text[len(PREFIXES["kgr"]):])

    # -- the rows -----------------------------------------------------------------

    def run(self) -> Built:
        self.assign_ids()
        for sheet in SHEETS:
            table = self.tables.get(sheet.name)
            for number, cells in table.rows if table else ():
                row = _Row(self, table, number, cells)
                self.read(row)
                self.out.quads.extend(row.quads)
        self.ties()
        return self.out

    def read(self, row: _Row) -> None:
        sheet = row.sheet
        graph_text = row.text("graph")
        if graph_text:
            try:
                row.graph = resource(graph_text)
            except CellError as err:
                row.fail("graph", str(err))
        if sheet.name == "other":
            return self.raw(row)
        if sheet.name == "parties":
            return self.party(row)
        subject = self.subjects.get((sheet.name, row.number))
        if subject is None:
            return  # its id was wrong, and said so
        for t in sheet.types:
            if sheet.column("class") is None:
                row.add(subject, RDF.type, t)
        for column in sheet.columns:
            texts = row.many(column.name)
            if not texts:
                if column.required and (column is not QUOTE or self.quotes_required):
                    row.fail(column.name, f"is empty; {column.help}")
                continue
            for text in texts:
                self.cell(row, subject, column, text)
        if sheet.name in ("relations", "pressures"):
            self.tie(row, subject)
        if sheet.name == "memberships":
            self.member_of(row)
        if sheet.time is not None:
            self.when(row, subject, sheet.time)
        if row.text("claimant") and sheet.name in ("relations", "pressures", "goals"):
            row.add(subject, RDF.type, KG.Claim)

    def cell(self, row: _Row, subject: URIRef, column: Column, text: str) -> None:
        kind = column.kind
        if kind in ("id", "special", "when", "graph"):
            return
        if kind == "class":
            found = row.b.vocab.find(column.values, text)
            if found is None:
                texts = [c.text for c in self.vocab.allowed(column.values)]
                row.fail(column.name, f"{text!r} is not a {_what(column.values)}; "
                         + one_of(texts))
            else:
                row.add(subject, RDF.type, found.term)
        elif kind == "text":
            if column.pred == KG.localCopy and not plain_file_name(text):
                row.fail(column.name, f"{text!r} is not a plain file name: give the name of a "
                         "file beside the workbook (no folder, no / or \\, no ..)")
            else:
                row.add(subject, column.pred, Literal(text, lang=column.lang))
        elif kind == "ref":
            term = row.ref(column, text)
            if term is not None:
                row.add(subject, column.pred, term)
        elif kind == "concept":
            term = row.concept(column, text)
            if term is not None:
                row.add(subject, column.pred, term)
        elif kind == "url":
            if "://" not in text or " " in text:
                row.fail(column.name, f"{text!r} is not a web address (https://...)")
            else:
                row.add(subject, column.pred, URIRef(text))
        elif kind == "wikidata":
            if not (text[:1] in "Qq" and text[1:].isdigit()):
                row.fail(column.name, f"{text!r} is not a Wikidata item; write Q and its "
                         "number (Q42)")
            else:
                row.add(subject, column.pred, URIRef(PREFIXES["wd"] + "Q" + text[1:]))
        elif kind == "date":
            try:
                _, literal, _ = date_literal(text)
            except CellError as err:
                row.fail(column.name, str(err))
            else:
                row.add(subject, column.pred, literal)

    # -- time -----------------------------------------------------------------------

    def when(self, row: _Row, subject: URIRef, prop: URIRef) -> None:
        dates = {}
        for name in ("date", "start", "end"):
            if row.sheet.column(name) is not None and row.text(name):
                try:
                    dates[name] = date_literal(row.text(name))
                except CellError as err:
                    row.fail(name, str(err))
                    return
        if not dates:
            return
        if "date" in dates and len(dates) > 1:
            row.fail("date", "give a date, or a start and an end, not both")
            return
        if "start" in dates and "end" in dates and dates["start"][2].first > dates["end"][2].last:
            row.fail("end", f"{row.text('end')!r} is before the start {row.text('start')!r}")
            return
        node = BNode()
        row.add(subject, prop, node)
        if "date" in dates:
            row.add(node, RDF.type, INSTANT)
            row.add(node, dates["date"][0], dates["date"][1])
            return
        row.add(node, RDF.type, INTERVAL)
        for name, link in (("start", BEGINNING), ("end", END)):
            if name in dates:
                bound = BNode()
                row.add(node, link, bound)
                row.add(bound, RDF.type, INSTANT)
                row.add(bound, dates[name][0], dates[name][1])

    # -- signed ties ------------------------------------------------------------------

    def tie(self, row: _Row, subject: URIRef) -> None:
        pressure = row.sheet.name == "pressures"
        if pressure:
            kind = KGC.pressure
            row.add(subject, KG.relationKind, kind)
        else:
            text = row.text("kind")
            if not text:
                return  # reported as empty
            kind = row.concept(row.sheet.column("kind"), text)
            if kind is None:
                return
            row.add(subject, KG.relationKind, kind)
        default = self.vocab.value(kind, KG.defaultPolarity)
        polarity = int(default) if default is not None else None
        if not pressure and row.text("polarity"):
            try:
                polarity = int(row.text("polarity").replace("+", ""))
                if polarity not in (1, -1):
                    raise ValueError
            except ValueError:
                row.fail("polarity", f"{row.text('polarity')!r} is not a polarity; use one of: "
                         "1, -1")
                return
        if polarity is None:
            row.fail("kind", "this kind has no default polarity: write the polarity")
            return
        row.add(subject, KG.polarity, Literal(polarity))
        directed = True if pressure else False
        if not pressure and row.text("directed"):
            try:
                directed = yes_no(row.text("directed"))
            except CellError as err:
                row.fail("directed", str(err))
        row.add(subject, KG.directed, Literal(directed))
        if row.text("weight"):
            try:
                weight = decimal_literal(row.text("weight"))
            except CellError as err:
                row.fail("weight", str(err))
                weight = None
        else:
            weight = self.default_weight(row, polarity)
        if weight is not None:
            row.add(subject, KG.weight, weight)
        direct = not row.text("claimant")
        if row.text("direct triple"):
            try:
                direct = yes_no(row.text("direct triple"))
            except CellError as err:
                row.fail("direct triple", str(err))
        truthy = self.vocab.value(kind, KG.truthyProperty)
        if direct and truthy is not None:
            source, target = (self._ref_of(row, "from"), self._ref_of(row, "to"))
            if source is not None and target is not None:
                row.add(source, truthy, target)

    def member_of(self, row: _Row) -> None:
        direct = True
        if row.text("direct triple"):
            try:
                direct = yes_no(row.text("direct triple"))
            except CellError as err:
                row.fail("direct triple", str(err))
        member, organization = self._ref_of(row, "member"), self._ref_of(row, "organization")
        if direct and member is not None and organization is not None:
            row.add(member, ORG.memberOf, organization)

    def default_weight(self, row: _Row, polarity: int) -> Literal:
        cameo = row.text("cameo")
        found = self.vocab.find("scheme:Cameo", cameo) if cameo else None
        goldstein = self.vocab.value(found.term, KG.goldstein) if found else None
        if goldstein is not None:
            return decimal_literal(str(goldstein))
        return decimal_literal(f"{4.0 * polarity:.1f}")

    def _ref_of(self, row: _Row, name: str) -> URIRef | None:
        try:
            return resource(row.text(name)) if row.text(name) else None
        except CellError:
            return None

    # -- raw triples --------------------------------------------------------------------

    def raw(self, row: _Row) -> None:
        cells = [row.text(n) for n in ("subject", "predicate", "object")]
        for name, text in zip(("subject", "predicate", "object"), cells, strict=True):
            if not text:
                row.fail(name, "is empty; " + row.sheet.column(name).help)
        if not all(cells):
            return
        try:
            s = subject_term(cells[0], self.blanks)
            p = resource(cells[1])
        except CellError as err:
            row.fail("subject" if cells[0] in str(err) else "predicate", str(err))
            return
        try:
            o = object_term(row.cells.get("object") or "", row.text("object type"), self.blanks)
        except CellError as err:
            row.fail("object type" if "object type" in str(err) else "object", str(err))
            return
        if p == KG.localCopy and not plain_file_name(str(o)):
            row.fail("object", f"{str(o)!r} is not a plain file name: a local copy is a file "
                     "beside the workbook (no folder, no / or \\, no ..)")
            return
        row.add(s, p, o)

    # -- parties and the defense rule -------------------------------------------------

    def party(self, row: _Row) -> None:
        sheet = row.sheet
        agreement = party = None
        for name in ("agreement", "party"):
            if not row.text(name):
                row.fail(name, f"is empty; {sheet.column(name).help}")
        if row.text("agreement"):
            agreement = row.ref(sheet.column("agreement"), row.text("agreement"))
        if row.text("party"):
            party = row.ref(sheet.column("party"), row.text("party"))
        role = row.text("role").lower() or "party"
        if role not in ("party", "proposer"):
            row.fail("role", f"{row.text('role')!r} is not a role; use one of: party, proposer")
            return
        if agreement is not None and party is not None:
            row.add(agreement, KG.party if role == "party" else KG.proposedBy, party)

    def ties(self) -> None:
        table = self.tables.get("agreements")
        parties: dict[URIRef, list[URIRef]] = {}
        for s, p, o, _ in self.out.quads:
            if p == KG.party and o not in parties.setdefault(s, []):
                parties[s].append(o)
        column = next(s for s in SHEETS if s.name == "agreements").column("tie between parties")
        for number, cells in table.rows if table else ():
            text = (cells.get("tie between parties") or "").strip()
            agreement = self.subjects.get(("agreements", number))
            if not text or text.lower() == "no" or agreement is None:
                continue
            row = _Row(self, table, number, cells)
            kind = KGC["atop-defense"] if text.lower() == "yes" else \
                row.concept(column, text)
            if kind is None:
                continue
            if graph_text := row.text("graph"):
                try:
                    row.graph = resource(graph_text)
                except CellError:
                    continue
            self.out.quads.extend(tie_quads(self.vocab, agreement, kind,
                                            parties.get(agreement, []), row))


def tie_quads(vocab: Vocab, agreement: URIRef, kind: URIRef, parties: list[URIRef],
              row: _Row) -> list[tuple]:
    """The relations the defense rule gives an agreement's parties."""
    polarity = int(vocab.value(kind, KG.defaultPolarity) or 1)
    cameo = vocab.value(kind, KG.cameo)
    goldstein = vocab.value(cameo, KG.goldstein) if cameo is not None else None
    weight = decimal_literal(str(goldstein) if goldstein is not None else f"{4.0 * polarity:.1f}")
    truthy = vocab.value(kind, KG.truthyProperty)
    provenance = [(p, o) for s, p, o, _ in row.quads if s == agreement
                  and p in (KG.quote, PROV.wasDerivedFrom, KG.assertionMode)]
    quote = (row.cells.get("quote") or "").strip()
    source = (row.cells.get("source") or "").strip()
    if quote:
        provenance.append((KG.quote, Literal(quote)))
    if source:
        try:
            provenance.append((PROV.wasDerivedFrom, resource(source)))
        except CellError:
            pass
    mode = (row.cells.get("mode") or "").strip()
    if mode and (found := vocab.find("scheme:AssertionMode", mode)):
        provenance.append((KG.assertionMode, found.term))
    quads = []
    for i, a in enumerate(parties):
        for b in parties[i + 1:]:
            name = f"{local_name(agreement)}-tie-{local_name(a)}-{local_name(b)}"
            node = resource(slug(name)) if "/" in name else resource(name)
            triples = [(node, RDF.type, KG.Relation), (node, KG.fromActor, a),
                       (node, KG.toActor, b), (node, KG.relationKind, kind),
                       (node, KG.polarity, Literal(polarity)),
                       (node, KG.directed, Literal(False)), (node, KG.weight, weight)]
            if cameo is not None:
                triples.append((node, KG.cameo, cameo))
            triples += [(node, p, o) for p, o in sorted(set(provenance))]
            if truthy is not None:
                triples += [(a, truthy, b), (b, truthy, a)]
            quads += [(*t, row.graph) for t in triples]
    return quads


def _id_seed(sheet: Sheet, cells: dict[str, str]) -> str:
    def get(name: str) -> str:
        return (cells.get(name) or "").strip()

    if get("label"):
        return get("label")
    if sheet.name == "sources" and get("title"):
        return "source " + get("title")
    if sheet.name == "relations":
        return f"rel {get('from')} {get('to')} {get('kind')}"
    if sheet.name == "pressures":
        return f"pressure {get('from')} {get('to')}"
    if sheet.name == "status-changes":
        return f"{get('agreement')} {get('status')}"
    if sheet.name == "memberships":
        return f"membership {get('member')} {get('organization')}"
    if sheet.name == "stances":
        return f"stance {get('claimant')} {get('kind').split(';')[0]}"
    return f"{sheet.name.rstrip('s')} {get('claimant')}"




def build(tables: Iterable[Table], *, ontology: Graph, graph: URIRef,
          known: set[URIRef] | None = None, vocab: Vocab | None = None,
          quotes_required: bool = True) -> Built:
    """The quads the rows of ``tables`` state, and every problem in them.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> rows = [(2, {"id": "avalon", "label": "Avalon", "class": "state",
    ...              "quote": "Avalon rose.", "source": "chronicle"})]
    >>> built = build([Table("actors", "actors.csv", rows)], ontology=load_ontology(),
    ...               graph=resource("graph-x"))
    >>> print(built.problems[0])
    actors.csv row 2, column source: 'chronicle' is not an id of the sources sheet; \
give the id of a row of another sheet, or describe it on the other sheet
    """
    by_name = {t.name: t for t in tables}
    builder = _Builder(vocab or Vocab(ontology), by_name, graph, known)
    builder.quotes_required = quotes_required
    return builder.run()


