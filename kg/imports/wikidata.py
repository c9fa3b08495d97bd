"""Background facts from Wikidata: memberships, heads of state and of
government, diplomatic relations and treaty signatures, with provenance.

:func:`import_wikidata` reads the statements of some items from a SPARQL
endpoint holding Wikidata's RDF (:mod:`kg.imports.wikidata_fetch`, through
the polite :mod:`kg.imports.wikidata_client`) and :func:`background` turns
them into one named graph, :data:`BACKGROUND_GRAPH`, kept apart from the
curated graphs: a Wikidata statement is a fact of the background, never a
claim, and the curated graphs stay as they are. Each statement becomes

- P463 member of: an ``org:Membership`` (``org:member``,
  ``org:organization``, ``org:memberDuring`` from P580/P582) and the direct
  triple ``org:memberOf``;
- P35 head of state, P6 head of government: an ``org:Membership`` of the
  person in the state with ``org:role`` ``kgr:role-head-of-state`` or
  ``kgr:role-head-of-government`` (the tenures of the shipped background);
- P530 diplomatic relation: a mutual ``kg:Relation`` of the relation kind
  whose direct property the ontology declares ``skos:exactMatch wdt:P530``
  (the two statements of a pair, one on each item, make one relation);
  when the ontology declares none, the statements are left out with a note;
- P1891 signatory, P6193 ratified by: ``kg:party`` of the treaty and a
  ``kg:StatusChange`` to ``kgc:signed`` or ``kgc:ratified`` whose
  ``kg:actingBody`` is the party, dated (``time:hasTime``) by P585, else
  P580.

Dates are OWL-Time instants at Wikidata's precision (``time:inXSDgYear``,
``time:inXSDgYearMonth``, ``time:inXSDDate``). Provenance, as the
shipped background has it: ``prov:wasDerivedFrom`` the
``kg:SourceDocument`` of the Wikidata item that holds the statement
(``kgr:source-wikidata-q668``), a ``kg:quote`` that renders the statement
("member of (P463): Avalon Union (Q1); start time (P580): 1 January
2015"), and ``dcterms:source`` the statement itself (its ``wds:`` IRI);
a statement's references keep Wikidata's own link (``wds:...
prov:wasDerivedFrom`` the reference), each reference a
``kg:SourceDocument`` with ``dcterms:source`` its stated in (P248) and
``schema:url`` its reference URL (P854).

Items map onto the resources of the scenario given (``into``) by their
``owl:sameAs`` links; an item without one becomes a new resource named
after its English label (``kgr:avalon-union``), typed by its kind (P31) or
its part in the statements. An undated membership or tenure the scenario
already states for the same pair (and role) takes the dates: the import
describes that resource rather than adding a second one. The output is
TriG, sorted, the same bytes for the same answers.

Long because one builder maps five kinds of statement onto the ontology
and writes their TriG; fetching (:mod:`kg.imports.wikidata_fetch`) and the
HTTP client (:mod:`kg.imports.wikidata_client`) live beside it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.imports.wikidata_fetch import ENTITY, Fetched, Statement, fetch, item_id
from kg.rdf.dates import Date
from kg.rdf.namespaces import PREFIXES

KGR = PREFIXES["kgr"]
#: The named graph of every fact the import writes.
BACKGROUND_GRAPH = KGR + "graph-wikidata-background"
#: Prefixes of the output besides the project's.
OUT_PREFIXES = {**PREFIXES, "wds": "http://www.wikidata.org/entity/statement/",
                "wdref": "http://www.wikidata.org/reference/"}
PROPERTY_LABELS = {
    "P463": "member of", "P35": "head of state", "P6": "head of government",
    "P530": "diplomatic relation", "P1891": "signatory", "P6193": "ratified by",
    "P580": "start time", "P582": "end time", "P585": "point in time",
    "P248": "stated in", "P854": "reference URL",
}
_ROLES = {"P35": ("role-head-of-state", "head of state"),
          "P6": ("role-head-of-government", "head of government")}
#: Kinds (P31 classes) to classes of the ontology, the first that fits.
_KINDS = (("Q5", "kg:Person"), ("Q131569", "kg:Treaty"), ("Q3624078", "kg:State"),
          ("Q6256", "kg:State"), ("Q484652", "kg:InternationalOrganization"),
          ("Q245065", "kg:InternationalOrganization"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SECTIONS = ("sources", "items", "memberships", "tenures", "relations", "treaties")


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
        raise KGError("give at least one Wikidata item (Q668)")
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
        self.notes = list(fetched.notes)
        self.out: dict[str, dict[str, list[tuple[str, str]]]] = {s: {} for s in _SECTIONS}
        self.facts: dict[str, int] = defaultdict(int)
        self._read_scenario(dataset)
        self.resources: dict[str, str] = {}
        self.new_items: list[str] = []

    # --- the scenario ------------------------------------------------------------

    def _read_scenario(self, dataset) -> None:
        from rdflib import OWL, RDF, URIRef
        from rdflib.namespace import DCTERMS, ORG, SKOS

        from kg.rdf.load import ONTOLOGY_GRAPH
        from kg.rdf.namespaces import KG, KGC

        skip = {URIRef(BACKGROUND_GRAPH), ONTOLOGY_GRAPH}
        quads = [(s, p, o) for s, p, o, g in dataset.quads((None, None, None, None))
                 if (g.identifier if hasattr(g, "identifier") else g) not in skip]
        self.same: dict[str, str] = {}
        self.taken: set[str] = set()
        self.titled: set[str] = set()
        memberships: dict[str, dict] = defaultdict(dict)
        self.stated: set[tuple[str, str, str]] = set()
        for s, p, o in quads:
            self.taken.add(str(s))
            self.stated.add(_said(s, p, o))
            if p == OWL.sameAs and str(o).startswith(ENTITY):
                qid = str(o)[len(ENTITY):]
                if qid in self.same and self.same[qid] != str(s):
                    self.notes.append(f"{qid}: two resources are owl:sameAs it "
                                      f"({_short(self.same[qid])}, {_short(str(s))}): "
                                      f"the first is used")
                    self.same[qid] = min(self.same[qid], str(s))
                else:
                    self.same[qid] = str(s)
            elif p == DCTERMS.title:
                self.titled.add(str(s))
            elif p == RDF.type and o == ORG.Membership:
                memberships[str(s)]["type"] = True
            elif p in (ORG.member, ORG.organization, ORG.role, ORG.memberDuring):
                memberships[str(s)][str(p).rsplit("#", 1)[-1]] = str(o)
        self.undated: dict[tuple, list[str]] = defaultdict(list)
        for iri, parts in memberships.items():
            if parts.get("type") and "memberDuring" not in parts and "member" in parts:
                key = (parts["member"], parts.get("organization"), parts.get("role"))
                self.undated[key].append(iri)
        ontology = dataset.graph(ONTOLOGY_GRAPH)
        self.p530_kind = None
        for kind in sorted(ontology.subjects(SKOS.inScheme, KGC.RelationKind)):
            direct = ontology.value(kind, KG.truthyProperty)
            wdt = URIRef(PREFIXES["wdt"] + "P530")
            if direct is not None and (direct, SKOS.exactMatch, wdt) in ontology:
                polarity = int(ontology.value(kind, KG.defaultPolarity))
                cameo = ontology.value(kind, KG.cameo)
                weight = ontology.value(cameo, KG.goldstein) if cameo is not None else None
                weight = float(weight) if weight is not None else 4.0 * polarity
                self.p530_kind = (str(kind), str(direct), polarity, weight)
                break

    # --- resources ---------------------------------------------------------------

    def label(self, qid: str) -> str:
        return self.fetched.labels.get(qid, qid)

    def resource(self, qid: str, role: str) -> str:
        """The IRI of the resource of ``qid``: the scenario's, or a new one."""
        if qid in self.same:
            return self.same[qid]
        if qid not in self.resources:
            self.resources[qid] = ""  # reserved; named in _name_new_items
            self._roles[qid].add(role)
        else:
            self._roles[qid].add(role)
        return qid

    def build(self) -> Background:
        self._roles: dict[str, set[str]] = defaultdict(set)
        by_kind = defaultdict(list)
        for st in self.fetched.statements:
            by_kind[st.property].append(st)
        for qid in self.fetched.items:
            self.resource(qid, "item")
        for st in by_kind["P463"]:
            self.resource(st.subject, "member")
            self.resource(st.value, "organization")
        for prop in ("P35", "P6"):
            for st in by_kind[prop]:
                self.resource(st.subject, "state")
                self.resource(st.value, "person")
        if self.p530_kind is None and by_kind["P530"]:
            self.notes.append(
                f"{len(by_kind['P530'])} diplomatic relation (P530) statement(s) left out: the "
                "ontology declares no relation kind whose direct property is skos:exactMatch "
                "wdt:P530")
            by_kind["P530"] = []
        for st in by_kind["P530"]:
            self.resource(st.subject, "state")
            self.resource(st.value, "state")
        for prop in ("P1891", "P6193"):
            for st in by_kind[prop]:
                self.resource(st.subject, "treaty")
                self.resource(st.value, "party")
        self._name_new_items()
        self._memberships(by_kind["P463"])
        self._tenures(by_kind["P35"] + by_kind["P6"])
        self._relations(by_kind["P530"])
        self._treaties(by_kind["P1891"], by_kind["P6193"])
        for qid in sorted(self._new, key=lambda q: int(q[1:])):
            self._describe_item(qid)
        return Background(self._text(), dict(sorted(self.facts.items())),
                          sorted(set(self.notes)), new_items=sorted(self.new_items))

    def _name_new_items(self) -> None:
        new = sorted((q for q in self.resources if q not in self.same), key=lambda q: int(q[1:]))
        self._new = set(new)
        wanted = defaultdict(list)
        for qid in new:
            wanted[slug(self.fetched.labels.get(qid, ""), qid)].append(qid)
        for name, qids in sorted(wanted.items()):
            for qid in qids:
                local = name if len(qids) == 1 and KGR + name not in self.taken \
                    else f"{name}-{qid.lower()}"
                self.same[qid] = KGR + local
                self.taken.add(KGR + local)
                self.new_items.append("kgr:" + local)

    def _kind(self, qid: str) -> str:
        kinds = self.fetched.classes.get(qid, set())
        for kind, cls in _KINDS:
            if kind in kinds:
                return cls
        roles = self._roles.get(qid, set())
        for role, cls in (("person", "kg:Person"), ("treaty", "kg:Treaty"),
                          ("state", "kg:State"), ("organization", "kg:InternationalOrganization")):
            if role in roles:
                return cls
        return "kg:Actor"

    def _describe_item(self, qid: str) -> None:
        iri = self.same[qid]
        cls = self._kind(qid)
        props = [("a", cls), ("rdfs:label", _literal(self.label(qid), lang="en")),
                 ("owl:sameAs", _iri(ENTITY + qid))]
        if qid not in self.fetched.labels:
            self.notes.append(f"{_short(iri)}: {qid} has no English label: named after its Q-id")
        if cls == "kg:Treaty":
            props.append(("kg:status", "kgc:ratified" if self._ratified.get(qid)
                          else "kgc:signed"))
            self.notes.append(f"{_short(iri)}: Wikidata does not say the field of a treaty: "
                              "add its kg:cooperationArea (kg validate asks for it)")
        props += [("prov:wasDerivedFrom", _iri(self._source(qid))),
                  ("kg:quote", _literal(f"label: {self.label(qid)}"))]
        self.out["items"][iri] = props

    def _source(self, qid: str) -> str:
        iri = KGR + f"source-wikidata-{qid.lower()}"
        if iri not in self.titled and iri not in self.out["sources"]:
            self.out["sources"][iri] = [
                ("a", "kg:SourceDocument"),
                ("dcterms:title", _literal(f"Wikidata item {qid} ({self.label(qid)})", lang="en")),
                ("schema:url", _iri(f"https://www.wikidata.org/wiki/{qid}")),
            ]
        return iri

    def _provenance(self, sts: list[Statement]) -> list[tuple[str, str]]:
        props = []
        for source in sorted({self._source(st.subject) for st in sts}):
            props.append(("prov:wasDerivedFrom", _iri(source)))
        for st in sts:
            props.append(("dcterms:source", _iri(st.iri)))
            for ref in sorted(st.references):
                self._reference(st, ref)
        for quote in sorted({self._quote(st) for st in sts}):
            props.append(("kg:quote", _literal(quote)))
        return props

    def _reference(self, st: Statement, ref) -> None:
        self.out["sources"].setdefault(st.iri, []).append(("prov:wasDerivedFrom", _iri(ref.iri)))
        parts = []
        if ref.stated_in:
            parts.append(f"stated in (P248): {self.label(ref.stated_in)} ({ref.stated_in})")
        if ref.url:
            parts.append(f"reference URL (P854): {ref.url}")
        props = [("a", "kg:SourceDocument"),
                 ("dcterms:title", _literal("; ".join(parts) or "a reference of a Wikidata "
                                            "statement", lang="en"))]
        if ref.stated_in:
            props.append(("dcterms:source", _iri(ENTITY + ref.stated_in)))
        if ref.url and _safe_iri(ref.url):
            props.append(("schema:url", _iri(ref.url)))
        self.out["sources"][ref.iri] = props

    def _quote(self, st: Statement) -> str:
        text = (f"{PROPERTY_LABELS[st.property]} ({st.property}): "
                f"{self.label(st.value)} ({st.value})")
        for qualifier in ("P580", "P582", "P585"):
            if qualifier in st.times:
                text += (f"; {PROPERTY_LABELS[qualifier]} ({qualifier}): "
                         f"{spoken(st.times[qualifier])}")
        return text

    def _named(self, base: str, used: set[str]) -> str:
        name, n = KGR + base, 1
        while name in self.taken or name in used:
            n += 1
            name = f"{KGR}{base}-{n}"
        used.add(name)
        return name

    # --- facts -------------------------------------------------------------------

    def _memberships(self, sts: list[Statement]) -> None:
        self._membership_facts(sts, "memberships", None)

    def _tenures(self, sts: list[Statement]) -> None:
        for prop in ("P35", "P6"):
            group = [st for st in sts if st.property == prop]
            if group:
                local, label = _ROLES[prop]
                role = KGR + local
                if role not in self.taken:
                    self.out["items"][role] = [("a", "org:Role"),
                                               ("rdfs:label", _literal(label, lang="en"))]
                self._membership_facts(group, "tenures", role)

    def _membership_facts(self, sts, section: str, role: str | None) -> None:
        pairs = defaultdict(list)
        for st in sts:
            member, org = (st.subject, st.value) if role is None else (st.value, st.subject)
            pairs[(self.same[member], self.same[org])].append(st)
        used: set[str] = set()
        for (member, org), group in sorted(pairs.items()):
            group.sort(key=lambda st: (_sort_date(st.times.get("P580")), st.iri))
            existing = self.undated.get((member, org, role), [])
            for st in group:
                if len(group) == 1 and len(existing) == 1:
                    iri = existing[0]
                else:
                    kind = "membership" if role is None else "tenure"
                    middle = "" if role is None else "-" + role[len(KGR):].removeprefix("role-")
                    iri = self._named(f"{kind}-{_local(member)}{middle}-{_local(org)}", used)
                props = [("a", "org:Membership"), ("org:member", _iri(member)),
                         ("org:organization", _iri(org))]
                if role:
                    props.append(("org:role", _iri(role)))
                interval = _interval(st.times.get("P580"), st.times.get("P582"))
                if interval:
                    props.append(("org:memberDuring", interval))
                self.out[section][iri] = props + self._provenance([st])
                if role is None:
                    self.out[section].setdefault(member, []).append(("org:memberOf", _iri(org)))
                self.facts["membership" if role is None else "tenure"] += 1

    def _relations(self, sts: list[Statement]) -> None:
        if not sts:
            return
        kind, direct, polarity, weight = self.p530_kind
        groups = defaultdict(list)
        for st in sts:
            a, b = sorted((self.same[st.subject], self.same[st.value]))
            if a == b:
                continue
            times = (st.times.get("P580"), st.times.get("P582"))
            groups[(a, b, times)].append(st)
        used: set[str] = set()
        for (a, b, (start, end)), group in sorted(groups.items(), key=lambda kv: (
                kv[0][0], kv[0][1], _sort_date(kv[0][2][0]), _sort_date(kv[0][2][1]))):
            iri = self._named(f"rel-{_local(a)}-{_local(b)}-{_local(kind)}", used)
            props = [("a", "kg:Relation"), ("kg:fromActor", _iri(a)), ("kg:toActor", _iri(b)),
                     ("kg:relationKind", _iri(kind)), ("kg:polarity", str(polarity)),
                     ("kg:directed", "false"), ("kg:weight", f"{weight:.1f}")]
            interval = _interval(start, end)
            if interval:
                props.append(("kg:period", interval))
            self.out["relations"][iri] = props + self._provenance(sorted(group, key=_by_iri))
            self.out["relations"].setdefault(a, [])
            if (_iri(direct), _iri(b)) not in self.out["relations"][a]:
                self.out["relations"][a].append((_iri(direct), _iri(b)))
            self.facts["relation"] += 1

    _ratified: dict[str, bool] = {}

    def _treaties(self, signed: list[Statement], ratified: list[Statement]) -> None:
        self._ratified = {st.subject: True for st in ratified}
        used: set[str] = set()
        for sts, status, word in ((signed, "kgc:signed", "signed"),
                                  (ratified, "kgc:ratified", "ratified")):
            for st in sorted(sts, key=lambda st: (self.same[st.subject], self.same[st.value],
                                                  st.iri)):
                treaty, party = self.same[st.subject], self.same[st.value]
                self.out["treaties"].setdefault(treaty, [])
                if ("kg:party", _iri(party)) not in self.out["treaties"][treaty]:
                    self.out["treaties"][treaty].append(("kg:party", _iri(party)))
                iri = self._named(f"{_local(treaty)}-{word}-{_local(party)}", used)
                props = [("a", "kg:StatusChange"), ("kg:ofInitiative", _iri(treaty)),
                         ("kg:newStatus", status), ("kg:actingBody", _iri(party))]
                when = st.times.get("P585") or st.times.get("P580")
                if when:
                    props.append(("time:hasTime", _instant(when)))
                self.out["treaties"][iri] = props + self._provenance([st])
                self.facts[f"treaty {word}"] += 1

    # --- text --------------------------------------------------------------------

    def _text(self) -> str:
        lines = [
            "# Background facts from Wikidata, written by `kg import wikidata` from the "
            "statements of",
            "# " + " ".join(self.fetched.items) + ". Each fact names the Wikidata item that "
            "holds its statement",
            "# (prov:wasDerivedFrom), renders the statement as its quote, and points at the "
            "statement",
            "# itself (dcterms:source); what the scenario already states is not stated again.",
            "# Re-run the import rather than editing this file.",
            "",
        ]
        body = ["", "", f"{_iri(BACKGROUND_GRAPH)} {{", ""]
        body += [f"{_iri(BACKGROUND_GRAPH)} dcterms:title "
                  f"{_literal('Background facts from Wikidata', lang='en')} ;",
                  f"    dcterms:source {_iri('https://www.wikidata.org/')} .", ""]
        for section in _SECTIONS:
            described = self.out[section]
            if not any(described.values()):
                continue
            body.append(f"# --- {section} ---")
            body.append("")
            for subject in sorted(described):
                props = [(p, o) for p, o in _unique(described[subject])
                         if (subject, p, o) not in self.stated]
                if not props:
                    continue
                body.append(_iri(subject) + " " + " ;\n    ".join(f"{p} {o}" for p, o in props)
                            + " .")
                body.append("")
        body.append("}")
        text = "\n".join(body)
        lines += [f"@prefix {p}: <{iri}> ." for p, iri in sorted(OUT_PREFIXES.items())
                  if re.search(rf"(?<![\w:/.#-]){p}:", text)]
        return "\n".join(lines) + text + "\n"


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


def _instant(date: Date) -> str:
    prop, datatype = {"year": ("time:inXSDgYear", "xsd:gYear"),
                      "month": ("time:inXSDgYearMonth", "xsd:gYearMonth"),
                      "day": ("time:inXSDDate", "xsd:date")}[date.precision]
    return f'[ a time:Instant ; {prop} "{date}"^^{datatype} ]'


def _interval(start: Date | None, end: Date | None) -> str | None:
    if start is None and end is None:
        return None
    parts = ["a time:Interval"]
    if start is not None:
        parts.append(f"time:hasBeginning {_instant(start)}")
    if end is not None:
        parts.append(f"time:hasEnd {_instant(end)}")
    return "[ " + " ;\n        ".join(parts) + " ]"


def _sort_date(date: Date | None):
    return (date is None, date.first if date else None)


def _by_iri(st: Statement) -> str:
    return st.iri


def _said(s, p, o) -> tuple[str, str, str]:
    """A triple of the scenario as the output would write it."""
    from rdflib import RDF, Literal, URIRef

    if not isinstance(s, URIRef) or not _safe_iri(str(s)) or not _safe_iri(str(p)):
        return ("", "", "")
    pred = "a" if p == RDF.type else _iri(str(p))
    if isinstance(o, Literal):
        obj = o.n3() if o.datatype is None else ""
    elif isinstance(o, URIRef) and _safe_iri(str(o)):
        obj = _iri(str(o))
    else:
        obj = ""
    return (str(s), pred, obj)


def _unique(props):
    seen, out = set(), []
    for prop in props:
        if prop not in seen:
            seen.add(prop)
            out.append(prop)
    return out


def _local(iri: str) -> str:
    return iri[len(KGR):] if iri.startswith(KGR) else slug(iri.rsplit("/", 1)[-1])


def _short(iri: str) -> str:
    from kg.rdf.namespaces import curie

    return curie(iri)


def _safe_iri(text: str) -> bool:
    from kg.sparql.values import _IRI_OK

    return bool(text) and bool(_IRI_OK.fullmatch(text)) and ":" in text


def _iri(text: str) -> str:
    """An IRI in Turtle: a prefixed name where one fits, else ``<...>``."""
    if not _safe_iri(text):
        raise KGError(f"not a valid IRI in the endpoint's answer: {text!r}")
    best = max((p for p, base in OUT_PREFIXES.items() if text.startswith(base)),
               key=lambda p: len(OUT_PREFIXES[p]), default=None)
    if best is not None:
        local = text[len(OUT_PREFIXES[best]):]
        if local and all(ch.isalnum() or ch in "-_" for ch in local) and local[0].isalnum():
            return f"{best}:{local}"
    return f"<{text}>"


def _literal(text: str, *, lang: str | None = None) -> str:
    from rdflib import Literal

    return Literal(text, lang=lang).n3()


def write_background(result: Background, path: str | Path) -> None:
    """Write the background graph to ``path`` whole or not at all."""
    from kg.atomic import atomic_write

    atomic_write(path, result.text)
