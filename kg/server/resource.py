"""The resource page of the workbench: everything the graph says about one resource.

In the manner of a Wikidata item page: the label, types, Wikidata link and
descriptions at the top; the statements about the resource grouped by
property, each value with the statements that carry it (a relation, a
membership, a goal), their qualifiers (time, CAMEO code, weight, status,
assertion mode), quotes and sources; claims as claims of their claimant;
conflict flags beside the statement they flag; the statements and
resources that name it; and its neighbours for a small network.

:func:`resource_page` builds the page from the rows of four shipped
queries, so it is a pure function of them: ``describe-resource`` (every
triple about the resource, both ways, with the statement that carries it,
its quote and source), ``resource-qualifiers``, ``resource-flags`` and the
labels of ``label-index``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.rdf.namespaces import PREFIXES, wikidata_page
from kg.server.terms import Term, term

_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]
_OWL = PREFIXES["owl"]
_KG = PREFIXES["kg"]
_TIME = PREFIXES["time"]
_SCHEMA = PREFIXES["schema"]

TYPE = _RDF + "type"
#: Shown at the top of the page, not among the statements.
HEADER = frozenset({TYPE, _RDFS + "label", _SKOS + "prefLabel", _SKOS + "altLabel",
                    _OWL + "sameAs", _RDFS + "comment", _KG + "description"})
#: Qualifiers in the order a statement shows them, with their names for people.
QUALIFIERS = (
    (_KG + "period", "time"), (_TIME + "hasTime", "time"), (_KG + "cameo", "CAMEO code"),
    (_KG + "weight", "weight"), (_KG + "polarity", "polarity"), (_KG + "status", "status"),
    (_KG + "newStatus", "new status"), (_KG + "ofInitiative", "of"),
    (_KG + "actingBody", "acting body"), (_KG + "instrument", "instrument"),
    (_KG + "stanceKind", "stance"), (_KG + "onStatement", "on"), (_KG + "amount", "amount"),
    (_SCHEMA + "unitText", "unit"), (_KG + "assertionMode", "assertion mode"),
)
_NAMES = dict(QUALIFIERS)
#: How many neighbours the small network draws at most.
NEIGHBOURS = 24


@dataclass(frozen=True)
class Evidence:
    """A quote and the source it comes from."""

    quote: str
    source: Term | None = None


@dataclass(frozen=True)
class Flag:
    """A conflict flag: what the source says, what is known instead, and where."""

    flag: Term
    well_known_fact: str
    fact_source: Term | None
    source_says: tuple[str, ...] = ()


@dataclass
class Card:
    """A statement (a relation, a claim, a membership...) with its qualifiers."""

    statement: Term
    types: list[Term] = field(default_factory=list)
    ends: tuple[Term, Term] | None = None
    directed: bool = True
    kind: Term | None = None
    sign: int = 0
    qualifiers: list[tuple[str, Term]] = field(default_factory=list)
    claimants: list[Term] = field(default_factory=list)
    speaks_for: list[Term] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def is_claim(self) -> bool:
        return bool(self.claimants)


@dataclass
class Value:
    """One value of a property, with the statements that carry it."""

    value: Term
    carriers: list[Card] = field(default_factory=list)


@dataclass
class Group:
    """The values of one property (outgoing) or the subjects naming the resource (incoming)."""

    property: Term
    values: list[Value] = field(default_factory=list)


@dataclass
class Neighbour:
    node: Term
    sign: int


@dataclass
class ResourcePage:
    resource: Term
    types: list[Term]
    alt_labels: list[str]
    descriptions: list[str]
    wikidata: list[tuple[str, str]]
    same_as: list[Term]
    card: Card
    evidence: list[Evidence]
    statements: list[Group]
    incoming: list[Group]
    claims: list[Card]
    neighbours: list[Neighbour]

    @property
    def found(self) -> bool:
        return bool(self.types or self.statements or self.incoming or self.claims
                    or self.evidence or self.alt_labels or self.descriptions)


def resource_page(
    resource,
    *,
    describe: Iterable[tuple],
    qualifiers: Iterable[tuple],
    flags: Iterable[tuple],
    labels: Mapping[str, object],
    claim_classes: Iterable[str] = (_KG + "Claim",),
) -> ResourcePage:
    """The page of ``resource`` from the rows of the shipped queries.

    Parameters
    ----------
    resource : the resource (an rdflib ``URIRef``).
    describe : rows of ``describe-resource`` (subject, property, value,
        statement, source, quote).
    qualifiers : rows of ``resource-qualifiers`` (statement, qualifier,
        value, begin, end).
    flags : rows of ``resource-flags`` (flagged, flag, source_says,
        well_known_fact, fact_source).
    labels : IRI to label (:func:`kg.sparql.labels.preferred_labels`).
    claim_classes : IRIs of kg:Claim and its subclasses.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> kgr = "https://w3id.org/kg-relations/id/"
    >>> a, b, rel = URIRef(kgr + "avalon"), URIRef(kgr + "brigadoon"), URIRef(kgr + "rel-ab")
    >>> ally = URIRef(_KG + "allyOf")
    >>> page = resource_page(a, describe=[(a, ally, b, rel, None, Literal("Allies."))],
    ...     qualifiers=[(rel, URIRef(_KG + "fromActor"), a, None, None),
    ...                 (rel, URIRef(_KG + "toActor"), b, None, None),
    ...                 (rel, URIRef(_KG + "polarity"), Literal(1), None, None)],
    ...     flags=[], labels={str(a): "Avalon", str(b): "Brigadoon"})
    >>> value = page.statements[0].values[0]
    >>> value.value.text, value.carriers[0].evidence[0].quote, value.carriers[0].sign
    ('Brigadoon', 'Allies.', 1)
    >>> [n.node.text for n in page.neighbours]
    ['Brigadoon']
    """
    me = str(resource)
    claim_classes = {str(c) for c in claim_classes}
    describe = list(describe)
    cards = _cards(qualifiers, flags, labels)

    def card(statement) -> Card:
        key = str(statement)
        if key not in cards:
            cards[key] = Card(term(statement, labels))
        return cards[key]

    def add_evidence(target: Card, quote, source) -> None:
        if quote is None:
            return
        item = Evidence(str(quote), term(source, labels) if source is not None else None)
        if item not in target.evidence:
            target.evidence.append(item)

    own = card(resource)
    types: list[Term] = []
    alt_labels: list[str] = []
    descriptions: list[str] = []
    wikidata: list[tuple[str, str]] = []
    same_as: list[Term] = []
    out: dict[str, dict[str, Value]] = {}
    incoming: dict[str, dict[str, Value]] = {}
    claims: dict[str, Card] = {}
    for subject, prop, value, statement, source, quote in describe:
        p = str(prop)
        if statement is not None:
            add_evidence(card(statement), quote, source)
        if str(subject) == me:
            if p == TYPE:
                _add(types, term(value, labels))
            elif p == _SKOS + "altLabel" or (p in (_RDFS + "label", _SKOS + "prefLabel")
                                             and str(value) != str(labels.get(me, ""))):
                _add(alt_labels, str(value))
            elif p in (_RDFS + "comment", _KG + "description"):
                _add(descriptions, str(value))
            elif p == _OWL + "sameAs":
                link = wikidata_page(str(value))
                if link:
                    _add(wikidata, (str(value).rsplit("/", 1)[-1], link))
                else:
                    _add(same_as, term(value, labels))
            elif p not in HEADER:
                row = out.setdefault(p, {}).setdefault(_key(value), Value(term(value, labels)))
                if statement is not None and str(statement) != me:
                    _add(row.carriers, card(statement))
        if str(value) == me and str(subject) != me and p != TYPE:
            subject_card = card(subject)
            if subject_card.is_claim or claim_classes & {t.iri for t in subject_card.types}:
                claims.setdefault(str(subject), subject_card)
                continue
            row = incoming.setdefault(p, {}).setdefault(_key(subject), Value(term(subject, labels)))
            if _is_statement(subject_card):
                _add(row.carriers, subject_card)
    own.evidence.sort(key=_evidence_order)
    for item in cards.values():
        item.evidence.sort(key=_evidence_order)
    return ResourcePage(
        resource=term(resource, labels),
        types=sorted(types, key=_term_order),
        alt_labels=sorted(alt_labels),
        descriptions=sorted(descriptions),
        wikidata=sorted(wikidata),
        same_as=sorted(same_as, key=_term_order),
        card=own,
        evidence=own.evidence,
        statements=_groups(out, labels),
        incoming=_groups(incoming, labels),
        claims=sorted(claims.values(), key=lambda c: _term_order(c.statement)),
        neighbours=_neighbours(me, out, incoming, claims, labels),
    )


def _cards(qualifiers, flags, labels) -> dict[str, Card]:
    cards: dict[str, Card] = {}
    ends: dict[str, dict[str, Term]] = {}
    for statement, qualifier, value, begin, end in qualifiers:
        key, q = str(statement), str(qualifier)
        item = cards.setdefault(key, Card(term(statement, labels)))
        if q == TYPE:
            _add(item.types, term(value, labels))
        elif q in (_KG + "fromActor", _KG + "toActor"):
            ends.setdefault(key, {})[q] = term(value, labels)
        elif q == _KG + "relationKind":
            item.kind = term(value, labels)
        elif q == _KG + "directed":
            item.directed = str(value).lower() not in ("false", "0")
        elif q == _KG + "claimant":
            _add(item.claimants, term(value, labels))
        elif q == _KG + "speaksFor":
            _add(item.speaks_for, term(value, labels))
        elif q in _NAMES:
            if q == _KG + "polarity":
                item.sign = _sign(value)
            shown = _time(value, begin, end, labels) if _NAMES[q] == "time" \
                else term(value, labels)
            if shown.text:
                _add(item.qualifiers, (_NAMES[q], shown))
    for key, pair in ends.items():
        if _KG + "fromActor" in pair and _KG + "toActor" in pair:
            cards[key].ends = (pair[_KG + "fromActor"], pair[_KG + "toActor"])
    order = {name: i for i, (_, name) in enumerate(QUALIFIERS)}
    for item in cards.values():
        item.qualifiers.sort(key=lambda nq: (order[nq[0]], nq[1].text))
    grouped: dict[tuple[str, str], dict] = {}
    for flagged, flag, says, fact, source in flags:
        entry = grouped.setdefault((str(flagged), str(flag)), {
            "flag": term(flag, labels), "fact": str(fact),
            "source": term(source, labels) if source is not None else None, "says": []})
        if says is not None and str(says) not in entry["says"]:
            entry["says"].append(str(says))
    for (flagged, _), entry in sorted(grouped.items()):
        target = cards.setdefault(flagged, Card(Term("iri", flagged, flagged)))
        target.flags.append(Flag(entry["flag"], entry["fact"], entry["source"],
                                 tuple(sorted(entry["says"]))))
    return cards


def _time(value, begin, end, labels) -> Term:
    """A time qualifier: a date, an interval's ends, or a named interval."""
    if begin is not None or end is not None:
        text = f"{begin if begin is not None else '…'} – {end if end is not None else '…'}"
        return Term("literal", text)
    return term(value, labels) if value is not None else Term("literal", "")


def _sign(value) -> int:
    try:
        number = float(str(value))
    except ValueError:
        return 0
    return 1 if number > 0 else -1 if number < 0 else 0


def _is_statement(item: Card) -> bool:
    return bool(item.ends or item.qualifiers or item.claimants or item.evidence or item.flags)


def _neighbours(me, out, incoming, claims, labels) -> list[Neighbour]:
    nodes: dict[str, Term] = {}
    signs: dict[str, set[int]] = {}

    def add(node: Term, sign: int) -> None:
        if node.kind == "iri" and node.iri != me:
            nodes.setdefault(node.iri, node)
            signs.setdefault(node.iri, set()).add(sign)

    for groups in (out, incoming):
        for values in groups.values():
            for row in values.values():
                ends = [c for c in row.carriers if c.ends]
                for c in ends:
                    add(c.ends[1] if c.ends[0].iri == me else c.ends[0], c.sign)
                if not ends:
                    add(row.value, 0)
    for c in claims.values():
        if c.ends:
            add(c.ends[1] if c.ends[0].iri == me else c.ends[0], c.sign)
    found = [Neighbour(nodes[iri], _net(signs[iri])) for iri in nodes]
    # signed ties first (the actors), then other links
    found.sort(key=lambda n: (n.sign == 0, n.node.text.casefold(), n.node.iri))
    return found[:NEIGHBOURS]


def _net(signs: set[int]) -> int:
    """One sign for the drawing: 2 when ties of both signs join the pair."""
    if {1, -1} <= signs:
        return 2
    return 1 if 1 in signs else -1 if -1 in signs else 0


def _groups(groups: dict[str, dict[str, Value]], labels) -> list[Group]:
    result = []
    for prop, values in groups.items():
        rows = sorted(values.values(), key=lambda v: _term_order(v.value))
        for row in rows:
            row.carriers.sort(key=lambda c: _term_order(c.statement))
        result.append(Group(term(_iri(prop), labels), rows))
    return sorted(result, key=lambda g: _term_order(g.property))


def _iri(text: str):
    from rdflib import URIRef

    return URIRef(text)


def _key(node) -> str:
    return f"{type(node).__name__}:{node}:{getattr(node, 'language', '')}:" \
           f"{getattr(node, 'datatype', '')}"


def _term_order(t: Term) -> tuple:
    return (t.text.casefold(), t.iri, t.note)


def _evidence_order(e: Evidence) -> tuple:
    return (e.quote, e.source.iri if e.source else "")


def _add(items: list, item) -> None:
    if item not in items:
        items.append(item)
