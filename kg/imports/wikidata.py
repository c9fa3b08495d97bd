"""Background facts from Wikidata: memberships, heads of state and of
government, diplomatic relations and treaty signatures, with provenance.

:func:`import_wikidata` reads the statements of some items from a SPARQL
endpoint holding Wikidata's RDF (:mod:`kg.imports.wikidata_fetch`, through
the polite :mod:`kg.imports.wikidata_client`) and :func:`background` turns
them into one named graph, :data:`BACKGROUND_GRAPH`, kept apart from the
curated graphs: a Wikidata statement is a fact of the background, never a
claim. Each statement becomes

- P463 member of: an ``org:Membership`` (``org:memberDuring`` from
  P580/P582) and the direct triple ``org:memberOf``;
- P35 head of state, P6 head of government: an ``org:Membership`` of the
  person in the state with ``org:role`` ``kgr:role-head-of-state`` or
  ``kgr:role-head-of-government``;
- P530 diplomatic relation: a mutual ``kg:Relation`` of the relation kind
  whose direct property is ``skos:exactMatch wdt:P530``
  (``kgc:diplomatic-relations``). The statements of a pair, one on each
  item, make one relation, from the earliest start (P580) to the latest
  end (P582) they give, with a note when they differ;
- P1891 signatory, P6193 ratified by: ``kg:party`` of the treaty and a
  ``kg:StatusChange`` to ``kgc:signed`` or ``kgc:ratified`` whose
  ``kg:actingBody`` is the party, dated (``time:hasTime``) by P585, else P580.

Dates are OWL-Time instants at Wikidata's precision. Each fact is
``prov:wasDerivedFrom`` the ``kg:SourceDocument`` of the item that holds
the statement (``kgr:source-wikidata-q42``), has a ``kg:quote`` that renders
the statement ("member of (P463): Avalon Union (Q1); start time (P580): 1
January 2015") and ``dcterms:source`` the statement itself (its ``wds:``
IRI), which is ``prov:wasDerivedFrom`` its references (each a
``kg:SourceDocument``: ``dcterms:source`` its P248, ``schema:url`` its P854).

Items map onto the scenario's resources (``into``) by their ``owl:sameAs``
links (:mod:`kg.imports.wikidata_scenario`); an item without one becomes a
new resource named after its English label (``kgr:avalon-union``), typed by
its kind (P31) or its part in the statements. An undated membership or
tenure of the scenario takes the dates rather than getting a twin; what
the scenario states is left out, but for the source of a statement quoted
here. :func:`kg.sparql.export.export_rdf` writes the same bytes each time.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import KGError
from kg.imports.wikidata_fetch import ENTITY, Fetched, Statement, fetch, item_id
from kg.imports.wikidata_scenario import read_scenario
from kg.rdf.dates import Date
from kg.rdf.namespaces import KG, KGC, KGR, ORG, PROV, SCHEMA, TIME, curie, wikidata_page
from kg.sparql.values import is_iri

#: The named graph of every fact the import writes.
BACKGROUND_GRAPH = KGR["graph-wikidata-background"]
PROPERTY_LABELS = {
    "P463": "member of", "P35": "head of state", "P6": "head of government",
    "P530": "diplomatic relation", "P1891": "signatory", "P6193": "ratified by",
    "P580": "start time", "P582": "end time", "P585": "point in time",
    "P248": "stated in", "P854": "reference URL",
}
_ROLES = {"P35": ("role-head-of-state", "head of state"),
          "P6": ("role-head-of-government", "head of government")}
#: Kinds (P31 classes) to classes of the ontology, the first that fits.
_KINDS = (("Q5", KG.Person), ("Q131569", KG.Treaty), ("Q3624078", KG.State),
          ("Q6256", KG.State), ("Q484652", KG.InternationalOrganization),
          ("Q245065", KG.InternationalOrganization))
#: The parts the subject and the value of each kind of statement play.
_STATEMENT_PARTS = {"P463": ("member", "organization"), "P35": ("state", "person"),
                    "P6": ("state", "person"), "P530": ("state", "state"),
                    "P1891": ("treaty", "party"), "P6193": ("treaty", "party")}
#: The class of an item of no known kind, by the part it plays in the statements.
_PARTS = (("person", KG.Person), ("treaty", KG.Treaty), ("state", KG.State),
          ("organization", KG.InternationalOrganization))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_HEADER = """\
# Background facts from Wikidata, written by `kg import wikidata` from the statements of
# {items}. Each fact names the Wikidata item that holds its statement
# (prov:wasDerivedFrom), renders the statement as its quote, and points at the statement
# itself (dcterms:source); what the scenario already states is not stated again.
# Re-run the import rather than editing this file.
"""


@dataclass
class Background:
    """The TriG text of the background graph, counts of its facts by kind,
    and notes for people (what was left out and why, what to add)."""

    text: str
    facts: dict[str, int]
    notes: list[str]
    requests: int = 0
    new_items: list[str] = field(default_factory=list)


def import_wikidata(items, *, endpoint: str | None = None, timeout: float = 60.0,
                    into=None, batch: int | None = None, client=None) -> Background:
    """Fetch the statements of ``items`` (Q-ids or item IRIs) from
    ``endpoint`` and make the background graph for the scenario ``into``
    (paths; the shipped scenario when ``None``)."""
    from kg.imports.wikidata_client import WIKIDATA_ENDPOINT, SparqlClient
    from kg.imports.wikidata_fetch import BATCH
    from kg.rdf.load import load

    qids = [item_id(item) for item in items]
    if not qids:
        raise KGError("give at least one Wikidata item (Q42)")
    client = client or SparqlClient(endpoint or WIKIDATA_ENDPOINT, timeout=timeout)
    fetched = fetch(qids, client=client, batch=batch or BATCH)
    result = background(load(into), fetched)
    result.requests = client.requests
    return result


def background(dataset, fetched: Fetched) -> Background:
    """The background graph of ``fetched`` for the scenario ``dataset``
    (an rdflib Dataset with the ontology graph, as :func:`kg.rdf.load.load`
    gives it); the graph :data:`BACKGROUND_GRAPH` of the dataset is ignored,
    so a second run gives the same result.

    Examples
    --------
    >>> from kg.imports.wikidata_fetch import Fetched, Statement
    >>> from kg.rdf.load import load
    >>> st = Statement("http://www.wikidata.org/entity/statement/Q1-a", "Q1", "P463", "Q2",
    ...                {"P580": Date.parse("2015")})
    >>> out = background(load([]), Fetched(["Q2"], [st], {"Q1": "Avalon", "Q2": "Avalon Union"},
    ...                                    {}, []))
    >>> out.facts, out.new_items
    ({'membership': 1}, ['kgr:avalon', 'kgr:avalon-union'])
    >>> [line.strip() for line in out.text.splitlines() if "start time" in line]
    ['kg:quote "member of (P463): Avalon Union (Q2); start time (P580): 2015" .']
    """
    return _Builder(dataset, fetched).build()


class _Builder:
    def __init__(self, dataset, fetched: Fetched):
        self.fetched = fetched
        self.scenario = read_scenario(dataset, skip={BACKGROUND_GRAPH})
        self.same, self.taken = self.scenario.same, self.scenario.taken
        self.notes = list(fetched.notes) + self.scenario.notes
        self.graph = Graph()
        self.facts: dict[str, int] = defaultdict(int)
        self.parts: dict[str, set[str]] = defaultdict(set)
        self.new: list[str] = []
        self.ratified: set[str] = set()

    def label(self, qid: str) -> str:
        return self.fetched.labels.get(qid, qid)

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def build(self) -> Background:
        by_kind = defaultdict(list)
        for st in self.fetched.statements:
            by_kind[st.property].append(st)
        if self.scenario.p530_kind is None and by_kind["P530"]:
            self.notes.append(
                f"{len(by_kind['P530'])} diplomatic relation (P530) statement(s) left out: the "
                "ontology declares no relation kind whose direct property is skos:exactMatch "
                "wdt:P530")
            by_kind["P530"] = []
        for qid in self.fetched.items:
            self.parts[qid].add("item")
        for prop, (subject_part, value_part) in _STATEMENT_PARTS.items():
            for st in by_kind[prop]:
                self.parts[st.subject].add(subject_part)
                self.parts[st.value].add(value_part)
        self._name_new_items()
        self.add(BACKGROUND_GRAPH, DCTERMS.title,
                 Literal("Background facts from Wikidata", lang="en"))
        self.add(BACKGROUND_GRAPH, DCTERMS.source, URIRef("https://www.wikidata.org/"))
        self._membership_facts(by_kind["P463"], None)
        for prop in ("P35", "P6"):
            self._tenures(prop, by_kind[prop])
        self._relations(by_kind["P530"])
        self._treaties(by_kind["P1891"], by_kind["P6193"])
        for qid in self.new:
            self._describe_item(qid)
        return Background(self._text(), dict(sorted(self.facts.items())),
                          sorted(set(self.notes)),
                          new_items=sorted(curie(self.same[q]) for q in self.new))

    def _name_new_items(self) -> None:
        self.new = sorted((q for q in self.parts if q not in self.same), key=lambda q: int(q[1:]))
        wanted = defaultdict(list)
        for qid in self.new:
            wanted[slug(self.fetched.labels.get(qid, ""), qid)].append(qid)
        for name, qids in sorted(wanted.items()):
            for qid in qids:
                local = name if len(qids) == 1 and KGR[name] not in self.taken \
                    else f"{name}-{qid.lower()}"
                self.same[qid] = KGR[local]
                self.taken.add(KGR[local])

    def _kind(self, qid: str) -> URIRef:
        kinds = self.fetched.classes.get(qid, set())
        for kind, cls in _KINDS:
            if kind in kinds:
                return cls
        for part, cls in _PARTS:
            if part in self.parts[qid]:
                return cls
        return KG.Actor

    def _describe_item(self, qid: str) -> None:
        iri, cls = self.same[qid], self._kind(qid)
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, Literal(self.label(qid), lang="en"))
        self.add(iri, OWL.sameAs, URIRef(ENTITY + qid))
        if qid not in self.fetched.labels:
            self.notes.append(f"{curie(iri)}: {qid} has no English label: named after its Q-id")
        if cls == KG.Treaty:
            self.add(iri, KG.status, KGC.ratified if qid in self.ratified else KGC.signed)
            self.notes.append(f"{curie(iri)}: Wikidata does not say the field of a treaty: "
                              "add its kg:cooperationArea (kg validate asks for it)")
        self.add(iri, PROV.wasDerivedFrom, self._source(qid))
        self.add(iri, KG.quote, Literal(f"label: {self.label(qid)}"))

    def _source(self, qid: str) -> URIRef:
        iri = KGR[f"source-wikidata-{qid.lower()}"]
        if iri not in self.scenario.titled:
            self.add(iri, RDF.type, KG.SourceDocument)
            self.add(iri, DCTERMS.title,
                     Literal(f"Wikidata item {qid} ({self.label(qid)})", lang="en"))
            self.add(iri, SCHEMA.url, URIRef(wikidata_page(ENTITY + qid)))
        return iri

    def _provenance(self, node, sts: list[Statement]) -> None:
        for st in sts:
            self.add(node, PROV.wasDerivedFrom, self._source(st.subject))
            statement = _answered(st.iri)
            self.add(node, DCTERMS.source, statement)
            self.add(node, KG.quote, Literal(self._quote(st)))
            for ref in st.references:
                self._reference(statement, ref)

    def _reference(self, statement: URIRef, ref) -> None:
        node = _answered(ref.iri)
        self.add(statement, PROV.wasDerivedFrom, node)
        parts = []
        if ref.stated_in:
            parts.append(f"stated in (P248): {self.label(ref.stated_in)} ({ref.stated_in})")
            self.add(node, DCTERMS.source, URIRef(ENTITY + ref.stated_in))
        if ref.url:
            parts.append(f"reference URL (P854): {ref.url}")
            if is_iri(ref.url):
                self.add(node, SCHEMA.url, URIRef(ref.url))
        self.add(node, RDF.type, KG.SourceDocument)
        self.add(node, DCTERMS.title, Literal("; ".join(parts) or "a reference of a Wikidata "
                                              "statement", lang="en"))

    def _quote(self, st: Statement) -> str:
        text = (f"{PROPERTY_LABELS[st.property]} ({st.property}): "
                f"{self.label(st.value)} ({st.value})")
        for qualifier in ("P580", "P582", "P585"):
            if qualifier in st.times:
                text += (f"; {PROPERTY_LABELS[qualifier]} ({qualifier}): "
                         f"{spoken(st.times[qualifier])}")
        return text

    def _named(self, base: str, used: set[URIRef]) -> URIRef:
        name, n = KGR[base], 1
        while name in self.taken or name in used:
            n += 1
            name = KGR[f"{base}-{n}"]
        used.add(name)
        return name

    def _interval(self, node, prop, start: Date | None, end: Date | None) -> None:
        if start is None and end is None:
            return
        interval = BNode()
        self.add(node, prop, interval)
        self.add(interval, RDF.type, TIME.Interval)
        for link, date in ((TIME.hasBeginning, start), (TIME.hasEnd, end)):
            if date is not None:
                self.add(interval, link, self._instant(date))

    def _instant(self, date: Date) -> BNode:
        instant = BNode()
        self.add(instant, RDF.type, TIME.Instant)
        self.add(instant, *date.owl_time())
        return instant

    def _tenures(self, prop: str, sts: list[Statement]) -> None:
        if not sts:
            return
        local, label = _ROLES[prop]
        role = KGR[local]
        if role not in self.taken:
            self.add(role, RDF.type, ORG.Role)
            self.add(role, RDFS.label, Literal(label, lang="en"))
        self._membership_facts(sts, role)

    def _membership_facts(self, sts: list[Statement], role: URIRef | None) -> None:
        pairs = defaultdict(list)
        for st in sts:
            member, org = (st.subject, st.value) if role is None else (st.value, st.subject)
            pairs[(self.same[member], self.same[org])].append(st)
        kind = "membership" if role is None else "tenure"
        middle = "" if role is None else "-" + role[len(KGR):].removeprefix("role-")
        used: set[URIRef] = set()
        for (member, org), group in sorted(pairs.items()):
            group.sort(key=lambda st: (_sort_date(st.times.get("P580")), st.iri))
            existing = self.scenario.undated.get((member, org, role), [])
            for st in group:
                if len(group) == 1 and len(existing) == 1:
                    iri = existing[0]
                else:
                    iri = self._named(f"{kind}-{_local(member)}{middle}-{_local(org)}", used)
                self.add(iri, RDF.type, ORG.Membership)
                self.add(iri, ORG.member, member)
                self.add(iri, ORG.organization, org)
                if role is not None:
                    self.add(iri, ORG.role, role)
                else:
                    self.add(member, ORG.memberOf, org)
                self._interval(iri, ORG.memberDuring, st.times.get("P580"), st.times.get("P582"))
                self._provenance(iri, [st])
                self.facts[kind] += 1

    def _relations(self, sts: list[Statement]) -> None:
        if not sts:
            return
        kind, direct, polarity, weight = self.scenario.p530_kind
        pairs = defaultdict(list)
        for st in sts:
            a, b = sorted((self.same[st.subject], self.same[st.value]))
            if a != b:
                pairs[(a, b)].append(st)
        used: set[URIRef] = set()
        for (a, b), group in sorted(pairs.items()):
            group.sort(key=lambda st: st.iri)
            iri = self._named(f"rel-{_local(a)}-{_local(b)}-{_local(kind)}", used)
            for p, o in ((RDF.type, KG.Relation), (KG.fromActor, a), (KG.toActor, b),
                         (KG.relationKind, kind), (KG.polarity, Literal(polarity)),
                         (KG.directed, Literal(False)),
                         (KG.weight, Literal(Decimal(f"{weight:.1f}")))):
                self.add(iri, p, o)
            self._interval(iri, KG.period, *self._merged_period(iri, group))
            self._provenance(iri, group)
            self.add(a, direct, b)
            self.facts["relation"] += 1

    def _merged_period(self, iri, group: list[Statement]) -> tuple[Date | None, Date | None]:
        """The earliest start and the latest end the statements of a pair give."""
        starts = [st.times["P580"] for st in group if "P580" in st.times]
        ends = [st.times["P582"] for st in group if "P582" in st.times]
        start = min(starts, key=lambda d: (d.first, d.last), default=None)
        end = max(ends, key=lambda d: (d.last, d.first), default=None)
        given = {(st.times.get("P580"), st.times.get("P582")) for st in group}
        if len(given) > 1:
            self.notes.append(
                f"{curie(iri)}: its {len(group)} statements give different start or end times: "
                f"it runs from the earliest start ({spoken(start) if start else 'none'}) to the "
                f"latest end ({spoken(end) if end else 'none'})")
        return start, end

    def _treaties(self, signed: list[Statement], ratified: list[Statement]) -> None:
        self.ratified = {st.subject for st in ratified}
        used: set[URIRef] = set()
        for sts, status, word in ((signed, KGC.signed, "signed"),
                                  (ratified, KGC.ratified, "ratified")):
            for st in sorted(sts, key=lambda st: (self.same[st.subject], self.same[st.value],
                                                  st.iri)):
                treaty, party = self.same[st.subject], self.same[st.value]
                self.add(treaty, KG.party, party)
                iri = self._named(f"{_local(treaty)}-{word}-{_local(party)}", used)
                for p, o in ((RDF.type, KG.StatusChange), (KG.ofInitiative, treaty),
                             (KG.newStatus, status), (KG.actingBody, party)):
                    self.add(iri, p, o)
                when = st.times.get("P585") or st.times.get("P580")
                if when:
                    self.add(iri, TIME.hasTime, self._instant(when))
                self._provenance(iri, [st])
                self.facts[f"treaty {word}"] += 1

    def _text(self) -> str:
        from kg.sparql.export import export_rdf

        stated = self.scenario.stated
        quoted = {s for s, _, q in self.graph.triples((None, KG.quote, None))
                  if (s, KG.quote, q) not in stated}
        quads = [(s, p, o, BACKGROUND_GRAPH) for s, p, o in self.graph
                 if (s, p, o) not in stated or (p == PROV.wasDerivedFrom and s in quoted)]
        header = _HEADER.format(items=" ".join(self.fetched.items))
        return header + "\n" + export_rdf(quads, fmt="trig")


def slug(label: str, qid: str = "") -> str:
    """A resource name from a label: ASCII, lower case, words joined by ``-``.

    Examples
    --------
    >>> slug("Avalon Union"), slug("Ça–Brigadoon!"), slug("", "Q42")
    ('avalon-union', 'ca-brigadoon', 'q42')
    """
    spaced = "".join(ch if ch.isalnum() else " " for ch in label)
    ascii_ = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_.lower()).split()
    return "-".join(words)[:60].strip("-") or qid.lower()


def spoken(date: Date) -> str:
    """A date as a quote says it, at its precision.

    Examples
    --------
    >>> spoken(Date.parse("2001-06-15")), spoken(Date.parse("2001-06")), spoken(Date.parse("2001"))
    ('15 June 2001', 'June 2001', '2001')
    """
    month = _MONTHS[date.first.month - 1]
    if date.precision == "day":
        return f"{date.first.day} {month} {date.first.year}"
    if date.precision == "month":
        return f"{month} {date.first.year}"
    return str(date.first.year)


def _answered(text: str) -> URIRef:
    """An IRI the endpoint answered (a statement or reference node), checked."""
    if not is_iri(text):
        raise KGError(f"not a valid IRI in the endpoint's answer: {text!r}")
    return URIRef(text)


def _sort_date(date: Date | None):
    return (date is None, date.first if date else None)


def _local(iri: str) -> str:
    return iri[len(KGR):] if iri.startswith(KGR) else slug(iri.rsplit("/", 1)[-1])


def write_background(result: Background, path: str | Path) -> None:
    """Write the background graph to ``path`` whole or not at all."""
    from kg.atomic import atomic_write

    atomic_write(path, result.text)
