"""What a scenario already says, read before ``kg import wikidata`` builds on it.

:func:`read_scenario` finds the resources that are ``owl:sameAs`` a
Wikidata item, the names already taken, the sources that have a title,
the triples already stated (the import leaves them out), the memberships
and tenures stated without dates (the import dates them rather than adding
a second one), and, from the ontology, the relation kind of Wikidata's
P530 (:func:`p530_kind`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import OWL, RDF, BNode, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.imports.wikidata_fetch import ENTITY
from kg.rdf.namespaces import KG, KGC, ORG, PREFIXES, curie


@dataclass
class Scenario:
    """What the import needs to know of the scenario it adds to."""

    same: dict[str, URIRef] = field(default_factory=dict)
    taken: set = field(default_factory=set)
    titled: set = field(default_factory=set)
    stated: set = field(default_factory=set)
    undated: dict[tuple, list[URIRef]] = field(default_factory=lambda: defaultdict(list))
    p530_kind: tuple | None = None
    notes: list[str] = field(default_factory=list)


def read_scenario(dataset, *, skip: set) -> Scenario:
    """What ``dataset`` states outside the graphs ``skip`` (and its ontology graph).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> data = load([])
    >>> avalon = URIRef("https://w3id.org/kg-relations/id/avalon")
    >>> _ = data.graph(URIRef("urn:x-g")).add((avalon, OWL.sameAs, URIRef(ENTITY + "Q1")))
    >>> scenario = read_scenario(data, skip=set())
    >>> {qid: curie(iri) for qid, iri in scenario.same.items()}, curie(scenario.p530_kind[0])
    ({'Q1': 'kgr:avalon'}, 'kgc:diplomatic-relations')
    """
    from kg.rdf.load import ONTOLOGY_GRAPH

    found = Scenario()
    memberships: dict[URIRef, dict] = defaultdict(dict)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if getattr(g, "identifier", g) in skip | {ONTOLOGY_GRAPH}:
            continue
        found.taken.add(s)
        if not isinstance(s, BNode) and not isinstance(o, BNode):
            found.stated.add((s, p, o))
        if p == OWL.sameAs and str(o).startswith(ENTITY):
            _same_as(found, str(o)[len(ENTITY):], s)
        elif p == DCTERMS.title:
            found.titled.add(s)
        elif (p == RDF.type and o == ORG.Membership) or \
                p in (ORG.member, ORG.organization, ORG.role, ORG.memberDuring):
            memberships[s][p] = o
    for iri, parts in memberships.items():
        if RDF.type in parts and ORG.memberDuring not in parts and ORG.member in parts:
            key = (parts[ORG.member], parts.get(ORG.organization), parts.get(ORG.role))
            found.undated[key].append(iri)
    found.p530_kind = p530_kind(dataset.graph(ONTOLOGY_GRAPH))
    return found


def p530_kind(ontology) -> tuple | None:
    """The relation kind whose direct property is ``skos:exactMatch wdt:P530``:
    ``(kind, direct property, polarity, weight)``, the weight the Goldstein
    value of its CAMEO class (else 4 with its sign); ``None`` when none is.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> kind, direct, polarity, weight = p530_kind(load_ontology())
    >>> curie(kind), curie(direct), polarity, weight
    ('kgc:diplomatic-relations', 'kg:diplomaticRelationsWith', 1, 3.5)
    """
    wdt = URIRef(PREFIXES["wdt"] + "P530")
    for kind in sorted(ontology.subjects(SKOS.inScheme, KGC.RelationKind)):
        direct = ontology.value(kind, KG.truthyProperty)
        if direct is not None and (direct, SKOS.exactMatch, wdt) in ontology:
            polarity = int(ontology.value(kind, KG.defaultPolarity))
            cameo = ontology.value(kind, KG.cameo)
            weight = ontology.value(cameo, KG.goldstein) if cameo is not None else None
            return kind, direct, polarity, float(weight) if weight is not None else 4.0 * polarity
    return None


def _same_as(found: Scenario, qid: str, resource: URIRef) -> None:
    if qid in found.same and found.same[qid] != resource:
        found.notes.append(f"{qid}: two resources are owl:sameAs it ({curie(found.same[qid])}, "
                           f"{curie(resource)}): the first is used")
        found.same[qid] = min(found.same[qid], resource)
    else:
        found.same[qid] = resource
