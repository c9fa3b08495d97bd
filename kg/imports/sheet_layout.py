"""The layout of a scenario workbook: its sheets, their columns, and what
each column holds.

One sheet per kind of thing (sources, actors, relations, agreements and
their parties, status changes, pressures, stances, events, goals, claims),
and an ``other`` sheet of raw triples for whatever the named sheets do not
cover. Every column says which property it fills and how a cell becomes an
RDF term; the reader (:mod:`kg.imports.sheet_build`) and the writer
(:mod:`kg.imports.sheet_export`) both follow this one table, so what one
writes the other reads back.

The values of a column drawn from a SKOS scheme or a class tree are read
from the ontology (:func:`choices`), never typed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL

from kg.rdf.namespaces import KG, KGC, PREFIXES, PROV, SCHEMA, TIME

HAS_TIME = TIME.hasTime


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``kind`` says how a cell becomes terms: ``id`` (the row's resource),
    ``class`` (its rdf:type, from ``values``), ``text`` (a literal, with
    ``lang`` or plain), ``ref`` (a resource named by its id), ``concept``
    (a concept of the scheme ``values``), ``url``, ``wikidata``,
    ``integer``, ``yesno``, ``date`` (a literal at its precision),
    ``when`` (the instant or interval bounds of the sheet's time property),
    ``graph``, or ``special`` (read by the sheet's own rule). ``many``
    columns hold several values separated by ``;``.
    """

    name: str
    kind: str
    help: str
    pred: URIRef | None = None
    values: str = ""
    lang: str | None = None
    many: bool = False
    required: bool = False


def _c(name, kind, help, pred=None, **kw) -> Column:
    return Column(name, kind, help, pred, **kw)


ID = _c("id", "id", "Short name of the row's resource (letters, digits, - and _), used to refer "
        "to it from other rows; left empty, one is made from the label.")
MODE = _c("mode", "concept", "How the source supports the row: stated (in so many words) or "
          "implied.", KG.assertionMode, values="scheme:AssertionMode")
DESCRIPTION = _c("description", "text", "A short paraphrase for people (optional).",
                 KG.description, lang="en")
QUOTE = _c("quote", "text", "The source's exact words that support the row (required; checked "
           "against the local copy of the source when it has one).", KG.quote, required=True)
SOURCE = _c("source", "ref", "The id of the source (sources sheet) the quote comes from "
            "(required).", PROV.wasDerivedFrom, values="ids:sources", required=True)
GRAPH = _c("graph", "graph", "The named graph the row goes into; empty: the scenario's graph.")
PROVENANCE = (DESCRIPTION, MODE, QUOTE, SOURCE, GRAPH)
LABEL = _c("label", "text", "The name people read.", RDFS.label, lang="en", required=True)
CLAIMANT = _c("claimant", "ref", "Who says so, when the row is someone's view, not a fact (makes "
              "it a kg:Claim; a claimed tie gets no direct triple).", KG.claimant,
              values="ids:actors")
DATE = _c("date", "when", "When it happened: a year (1972), a month (1972-02) or a day "
          "(1972-02-21).")
START = _c("start", "when", "First year, month or day it holds (empty: open).")
END = _c("end", "when", "Last year, month or day it holds (empty: still holds).")
DIRECT = _c("direct triple", "special", "yes: also state the tie as one direct triple "
            "(from, the kind's kg:truthyProperty, to); empty: yes, unless there is a claimant.",
            values="yesno")


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, the class its rows are (``types``: the rows'
    rdf:type when the sheet has no class column), the property its dates
    hang on, its columns and one example row."""

    name: str
    help: str
    columns: tuple[Column, ...]
    types: tuple[URIRef, ...] = ()
    time: URIRef | None = None
    example: tuple[dict[str, str], ...] = ()

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]


SHEETS: tuple[Sheet, ...] = (
    Sheet("sources", "Documents the rows quote: one row per source.", (
        ID,
        _c("title", "text", "Title of the document.", DCTERMS.title, lang="en", required=True),
        _c("type", "text", "What it is (news analysis, treaty text, ...).", DCTERMS.type),
        _c("publisher", "text", "Who published it.", DCTERMS.publisher),
        _c("language", "text", "Language code (en, fr, ...).", DCTERMS.language),
        _c("issued", "date", "When it was published: year, month or day.", DCTERMS.issued),
        _c("url", "url", "Where it is on the web.", SCHEMA.url),
        _c("local copy", "text", "File name of a text copy beside the workbook; quotes are "
           "checked against it.", KG.localCopy),
        GRAPH,
    ), types=(KG.SourceDocument,), example=({
        "id": "chronicle", "title": "A Chronicle of the Isles", "type": "history",
        "language": "en", "issued": "1930"},)),
    Sheet("actors", "States, persons, organizations and groups.", (
        ID, LABEL,
        _c("class", "class", "What kind of actor.", RDF.type, values="class:Actor",
           required=True),
        _c("also known as", "text", "Other names, separated by ;", SKOS.altLabel, lang="en",
           many=True),
        _c("wikidata", "wikidata", "Wikidata item (Q...), when certain.", OWL.sameAs),
        _c("part of", "ref", "The actor it belongs to (a ministry's state).",
           ORG.subOrganizationOf, values="ids:actors"),
        _c("note", "text", "A note for people.", RDFS.comment, lang="en"),
        *PROVENANCE[1:],
    ), example=({"id": "avalon", "label": "Avalon", "class": "State", "source": "chronicle",
                 "quote": "Avalon and Brigadoon signed the Treaty of the Isles."},
                {"id": "brigadoon", "label": "Brigadoon", "class": "State",
                 "source": "chronicle",
                 "quote": "Avalon and Brigadoon signed the Treaty of the Isles."},
                {"id": "cockaigne", "label": "Cockaigne", "class": "State",
                 "source": "chronicle", "quote": "Cockaigne put tariffs on Brigadoon."},
                {"id": "league-of-the-isles", "label": "League of the Isles",
                 "class": "InternationalOrganization", "source": "chronicle",
                 "quote": "Avalon joined the League of the Isles in 1905."})),
    Sheet("relations", "Signed ties between two actors. One row gives the reified kg:Relation "
          "and its direct triple.", (
        ID,
        _c("from", "ref", "The actor the tie starts from.", KG.fromActor, values="ids:actors",
           required=True),
        _c("to", "ref", "The actor it points to.", KG.toActor, values="ids:actors",
           required=True),
        _c("kind", "special", "The kind of tie.", KG.relationKind, values="scheme:RelationKind",
           required=True),
        _c("polarity", "special", "1 (cooperation) or -1 (conflict); empty: the kind's.",
           KG.polarity),
        _c("directed", "special", "yes: from -> to only; empty or no: mutual.", KG.directed,
           values="yesno"),
        _c("weight", "special", "Goldstein weight, -10 to 10; empty: the CAMEO class's value, "
           "or 4.0 times the polarity.", KG.weight),
        _c("cameo", "concept", "CAMEO event class of the tie (optional).", KG.cameo,
           values="scheme:Cameo"),
        DIRECT, CLAIMANT, START, END, *PROVENANCE,
    ), types=(KG.Relation,), time=KG.period, example=({
        "from": "avalon", "to": "brigadoon", "kind": "economic-cooperation", "start": "1911",
        "end": "1914-07", "source": "chronicle", "mode": "stated",
        "quote": "Avalon and Brigadoon traded freely from 1911."},)),
    Sheet("agreements", "Agreements and other initiatives; their parties are on the parties "
          "sheet.", (
        ID, LABEL,
        _c("class", "class", "What kind of initiative.", RDF.type, values="class:Initiative",
           required=True),
        _c("also known as", "text", "Other names, separated by ;", SKOS.altLabel, lang="en",
           many=True),
        _c("status", "concept", "Where it stands now.", KG.status,
           values="scheme:LifecycleStatus", required=True),
        _c("area", "concept", "Fields of cooperation, separated by ;", KG.cooperationArea,
           values="scheme:CooperationArea", many=True, required=True),
        _c("goals", "ref", "Goals it serves (goals sheet), separated by ;", KG.servesGoal,
           values="ids:goals", many=True),
        _c("discussed at", "ref", "Events where it is on the table, separated by ;",
           KG.discussedAt, values="ids:events", many=True),
        _c("tie between parties", "special", "A relation kind (or yes, for a defense "
           "obligation): every two parties get a mutual relation of that kind and its direct "
           "triples both ways, with this row's quote (the defense rule).",
           values="scheme:RelationKind+yes"),
        *PROVENANCE,
    ), types=(KG.Initiative,), example=({
        "id": "treaty-of-the-isles", "label": "Treaty of the Isles", "class": "Treaty",
        "status": "signed", "area": "defense-logistics", "tie between parties": "atop-defense",
        "source": "chronicle", "mode": "stated",
        "quote": "Avalon and Brigadoon signed the Treaty of the Isles."},)),
    Sheet("parties", "Who takes part in each agreement: one row per party.", (
        _c("agreement", "special", "The agreement (agreements sheet).", values="ids:agreements",
           required=True),
        _c("party", "special", "An actor bound by it, or its proposer.", values="ids:actors",
           required=True),
        _c("role", "special", "party (empty) or proposer.", values="list:party;proposer"),
        GRAPH,
    ), example=({"agreement": "treaty-of-the-isles", "party": "avalon"},
                {"agreement": "treaty-of-the-isles", "party": "brigadoon"})),
    Sheet("memberships", "Who is a member of which organization, and when (W3C ORG).", (
        ID,
        _c("member", "ref", "The member.", ORG.member, values="ids:actors", required=True),
        _c("organization", "ref", "The organization.", ORG.organization, values="ids:actors",
           required=True),
        _c("role", "ref", "The member's role (optional).", ORG.role),
        _c("direct triple", "special", "yes (or empty): also state member org:memberOf "
           "organization.", values="yesno"),
        START, END, *PROVENANCE,
    ), types=(ORG.Membership,), time=ORG.memberDuring, example=({
        "member": "avalon", "organization": "league-of-the-isles", "start": "1905",
        "source": "chronicle", "quote": "Avalon joined the League of the Isles in 1905."},)),
    Sheet("status-changes", "Steps in an agreement's life: signed, ratified, ...", (
        ID,
        _c("agreement", "ref", "The agreement.", KG.ofInitiative, values="ids:agreements",
           required=True),
        _c("status", "concept", "The status reached.", KG.newStatus,
           values="scheme:LifecycleStatus", required=True),
        _c("acting body", "ref", "Who brought it about (a legislature that ratified).",
           KG.actingBody, values="ids:actors"),
        DATE, *PROVENANCE,
    ), types=(KG.StatusChange,), time=HAS_TIME, example=({
        "agreement": "treaty-of-the-isles", "status": "signed", "date": "1912-03-03",
        "source": "chronicle", "mode": "stated",
        "quote": "The treaty was signed on 3 March 1912."},)),
    Sheet("pressures", "Coercion of one actor by another: tariffs, sanctions, threats. One row "
          "gives the kg:Pressure and its direct triple (kg:pressures).", (
        ID,
        _c("label", "text", "A name for people (optional).", RDFS.label, lang="en"),
        _c("from", "ref", "Who exerts it.", KG.fromActor, values="ids:actors", required=True),
        _c("to", "ref", "Who is under pressure.", KG.toActor, values="ids:actors",
           required=True),
        _c("instrument", "concept", "The means.", KG.instrument, values="scheme:Instrument",
           required=True),
        _c("weight", "special", "Goldstein weight, negative; empty: the CAMEO class's value, or "
           "-4.0.", KG.weight),
        _c("cameo", "concept", "CAMEO event class (optional).", KG.cameo,
           values="scheme:Cameo"),
        _c("scope", "text", "What it applies to, in the source's words.", KG.scope),
        _c("linked to", "ref", "The activity it punishes (optional).", KG.linkedTo),
        DIRECT, CLAIMANT, START, END, *PROVENANCE,
    ), types=(KG.Pressure,), time=HAS_TIME, example=({
        "from": "cockaigne", "to": "brigadoon", "instrument": "tariff", "start": "1913-10",
        "source": "chronicle", "mode": "stated",
        "quote": "Cockaigne put tariffs on Brigadoon."},)),
    Sheet("stances", "Positions a claimant takes on a statement (a pressure, a goal).", (
        ID,
        _c("claimant", "ref", "Who takes the stance.", KG.claimant, values="ids:actors",
           required=True),
        _c("speaks for", "ref", "On whose behalf.", KG.speaksFor, values="ids:actors"),
        _c("on", "ref", "The statement (a pressure's or relation's id).", KG.onStatement,
           required=True),
        _c("kind", "concept", "The position, separated by ;", KG.stanceKind,
           values="scheme:StanceKind", many=True, required=True),
        _c("about", "ref", "Others it is about, separated by ;", KG.about, many=True),
        _c("advances", "concept", "Strategic concepts it advances, separated by ;",
           KG.advancesConcept, values="scheme:StrategicConcept", many=True),
        DATE, *PROVENANCE,
    ), types=(KG.Stance,), time=HAS_TIME, example=({
        "id": "avalon-calls-tariffs-illegal", "claimant": "avalon",
        "on": "pressure-cockaigne-brigadoon", "kind": "calls-illegal", "date": "1913-10-05",
        "source": "chronicle", "mode": "stated",
        "quote": "Avalon called the tariffs unlawful."},)),
    Sheet("events", "Summits, visits, wars and other happenings.", (
        ID, LABEL,
        _c("class", "class", "What kind of event.", RDF.type, values="class:Event",
           required=True),
        _c("participants", "ref", "Who takes part, separated by ;", KG.participant,
           values="ids:actors", many=True),
        _c("host", "ref", "Who hosts it.", KG.host, values="ids:actors"),
        _c("visitor", "ref", "Who visits (a visit).", KG.visitor, values="ids:actors"),
        _c("destination", "ref", "The state visited (a visit).", KG.destination,
           values="ids:actors"),
        _c("part of", "ref", "A larger event it belongs to.", KG.partOfEvent,
           values="ids:events"),
        DATE, START, END, *PROVENANCE,
    ), types=(KG.Event,), time=HAS_TIME, example=({
        "id": "summit-of-the-isles", "label": "Summit of the Isles", "class": "Summit",
        "participants": "avalon; brigadoon", "host": "avalon", "date": "1911-06",
        "source": "chronicle", "quote": "The two kings met at the Summit of the Isles."},)),
    Sheet("goals", "Aims an actor pursues or an agreement serves.", (
        ID, LABEL,
        _c("pursued by", "ref", "Whose aim, separated by ;", KG.pursuedBy, values="ids:actors",
           many=True),
        _c("advances", "concept", "Strategic concepts, separated by ;", KG.advancesConcept,
           values="scheme:StrategicConcept", many=True),
        CLAIMANT, *PROVENANCE,
    ), types=(KG.Goal,), example=({
        "id": "goal-free-trade", "label": "Free trade among the isles",
        "pursued by": "avalon; brigadoon", "source": "chronicle",
        "quote": "Avalon and Brigadoon traded freely from 1911."},)),
    Sheet("claims", "What someone said or argued, recorded as theirs.", (
        ID,
        _c("class", "class", "What kind of claim.", RDF.type, values="class:Claim",
           required=True),
        _c("label", "text", "A name for people (optional).", RDFS.label, lang="en"),
        _c("claimant", "ref", "Who says so.", KG.claimant, values="ids:actors", required=True),
        _c("speaks for", "ref", "On whose behalf.", KG.speaksFor, values="ids:actors"),
        _c("about", "ref", "What it is about, separated by ;", KG.about, many=True),
        _c("advances", "concept", "Strategic concepts, separated by ;", KG.advancesConcept,
           values="scheme:StrategicConcept", many=True),
        _c("sponsor", "ref", "A wedge strategy's sponsor.", KG.sponsor, values="ids:actors"),
        _c("pivot", "ref", "A wedge strategy's pivot.", KG.pivot, values="ids:actors"),
        _c("wedge between", "ref", "The pair to split, separated by ;", KG.wedgeBetween,
           values="ids:actors", many=True),
        *PROVENANCE,
    ), types=(KG.Claim,), example=({
        "class": "Claim", "claimant": "brigadoon", "about": "cockaigne",
        "description": "Brigadoon says Cockaigne wants its harbours.", "source": "chronicle",
        "quote": "Brigadoon said that Cockaigne coveted its harbours."},)),
    Sheet("other", "Raw triples for anything the sheets above do not hold (nothing is lost).", (
        _c("subject", "special", "An id, a CURIE (prefix:name), an <IRI> or a blank node "
           "(_:name).", required=True),
        _c("predicate", "special", "A CURIE or an <IRI>.", required=True),
        _c("object", "special", "The value.", required=True),
        _c("object type", "special", "id (a resource), blank (_:name), text (plain), @en (a "
           "language), or a datatype CURIE (xsd:decimal, ...).", values="list:id;blank;text;@en;"
           "xsd:string;xsd:integer;xsd:decimal;xsd:boolean;xsd:date;xsd:gYear;xsd:gYearMonth"),
        GRAPH,
    ), example=({"subject": "avalon", "predicate": "skos:altLabel", "object": "Isle of Apples",
                 "object type": "@en"},)),
)

SHEET_NAMES = tuple(s.name for s in SHEETS)
#: Which sheet holds a resource of each class (checked in this order; the
#: class trees of the class columns add their subclasses).
CLASS_SHEETS = (("sources", KG.SourceDocument), ("relations", KG.Relation),
                ("memberships", ORG.Membership),
                ("pressures", KG.Pressure), ("stances", KG.Stance),
                ("status-changes", KG.StatusChange), ("goals", KG.Goal),
                ("agreements", KG.Initiative), ("events", KG.Event), ("actors", KG.Actor),
                ("claims", KG.Claim))


def sheet(name: str) -> Sheet:
    """The sheet called ``name``.

    Examples
    --------
    >>> [c.name for c in sheet("parties").columns]
    ['agreement', 'party', 'role', 'graph']
    """
    return next(s for s in SHEETS if s.name == name)


@dataclass(frozen=True)
class Choice:
    """One allowed value: the text a cell holds and the term it stands for."""

    text: str
    term: URIRef
    label: str


def subclasses(ontology: Graph, base: URIRef) -> list[URIRef]:
    """``base`` and every class below it in the ontology, sorted."""
    found, todo = {base}, [base]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found and str(sub).startswith(PREFIXES["kg"]):
                found.add(sub)
                todo.append(sub)
    return sorted(found)


def choices(ontology: Graph, values: str) -> list[Choice]:
    """The allowed values of a column's ``values`` spec, from the ontology.

    ``scheme:NAME`` lists the concepts of the scheme NAME of the ``kgc``
    namespace (a CAMEO class as ``code: label``), ``class:NAME`` the classes
    below the class NAME of the ``kg`` namespace.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> {"implied", "stated"} <= {c.text for c in choices(load_ontology(), "scheme:AssertionMode")}
    True
    >>> "State" in [c.text for c in choices(load_ontology(), "class:Actor")]
    True
    """
    kind, _, name = values.partition(":")
    name = name.split("+")[0]
    if kind == "scheme":
        scheme = KGC[name]
        out = []
        for concept in ontology.subjects(SKOS.inScheme, scheme):
            label = str(ontology.value(concept, SKOS.prefLabel) or "")
            if scheme == KGC.Cameo:
                code = str(ontology.value(concept, SKOS.notation))
                out.append(Choice(f"{code}: {label}", concept, label))
            else:
                out.append(Choice(local_name(concept), concept, label))
        return sorted(out, key=lambda c: c.text)
    if kind == "class":
        return [Choice(local_name(c), c, str(ontology.value(c, RDFS.label) or ""))
                for c in subclasses(ontology, KG[name])]
    if kind == "list":
        return [Choice(text, URIRef(""), text) for text in name.split(";")]
    if values == "yesno":
        return [Choice("yes", URIRef(""), "yes"), Choice("no", URIRef(""), "no")]
    return []


def local_name(term: URIRef) -> str:
    """The part of a project IRI after its namespace."""
    text = str(term)
    for prefix in ("kg", "kgc", "kgr"):
        if text.startswith(PREFIXES[prefix]):
            return text[len(PREFIXES[prefix]):]
    return text
