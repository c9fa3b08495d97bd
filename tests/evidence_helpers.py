"""Helpers for the evidence tests: random scenarios, and which statement
carries a fact, found with rdflib's graph API (no SPARQL), independently
of the queries under test.

The rule (the same the queries document): a direct triple is carried by
the statements behind it, never by its subject: a tie (a property under
kg:tie) by the relations whose kind's kg:truthyProperty is under that
property, from the subject to the value (a mutual one in either order),
an org:memberOf by the org:Membership of the member in the organization,
a kg:pursuesConcept by the goals of the actor that advance the concept;
someone's claim carries no fact. Any other triple is carried by its
subject, where the subject is quoted in the graph that holds the triple.
A quote goes with the source its own graph names (with one source, that
one). A fact no statement carries has no quote, and the source of its
named graph, if that graph names one.
"""

from __future__ import annotations

import random
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Dataset, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.rdf.load import ONTOLOGY_GRAPH

KG = Namespace("https://w3id.org/kg-relations/ontology#")
KGC = Namespace("https://w3id.org/kg-relations/concept/")
KGR = Namespace("https://w3id.org/kg-relations/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

#: A fact's evidence: (statement, source, quote), each None when there is none.
Evidence = tuple


# --- which statement carries a fact -------------------------------------------

def comparable(term) -> str | None:
    """A key equal for equal terms of rdflib and Oxigraph (Oxigraph writes
    numbers in canonical form: 4 for 4.0; blank nodes have no shared name)."""
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal) and term.datatype is not None \
            and str(term.datatype).rsplit("#", 1)[-1] in ("integer", "decimal", "double"):
        try:
            return f"{Decimal(str(term)).normalize()}^^number"
        except InvalidOperation:
            return str(term)
    return None if term is None else term.n3()


def _graphs(dataset: Dataset):
    """Every graph of ``dataset``: (identifier or None for the default graph, graph)."""
    for graph in dataset.graphs():
        name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else graph.identifier
        yield name, graph


def holding_graphs(dataset: Dataset, triple) -> list:
    """The named graphs that hold ``triple``; ``[None]`` when only the default graph does."""
    named = [name for name, graph in _graphs(dataset) if name is not None and triple in graph]
    return named or [None]


def _in_named_graph(dataset: Dataset, triple) -> bool:
    return any(name is not None and triple in graph for name, graph in _graphs(dataset))


def _super_properties(dataset: Dataset, prop) -> set:
    return set(dataset.transitive_objects(prop, RDFS.subPropertyOf))


def is_direct(dataset: Dataset, prop) -> bool:
    return prop in (ORG.memberOf, KG.pursuesConcept) or KG.tie in _super_properties(dataset, prop)


def _claimed(dataset: Dataset, statement) -> bool:
    return dataset.value(statement, KG.claimant) is not None


def statements_behind(dataset: Dataset, s, p, o) -> set:
    """The statements behind the direct triple (s, p, o)."""
    found = set()
    if p == ORG.memberOf:
        found = {m for m in dataset.subjects(ORG.member, s)
                 if (m, ORG.organization, o) in dataset
                 and (m, RDF.type, ORG.Membership) in dataset}
    elif p == KG.pursuesConcept:
        found = {g for g in dataset.subjects(KG.pursuedBy, s)
                 if (g, KG.advancesConcept, o) in dataset and (g, RDF.type, KG.Goal) in dataset
                 and not _claimed(dataset, g)}
    else:
        ends = set(dataset.subjects(KG.fromActor, s)) | set(dataset.subjects(KG.fromActor, o))
        for relation in ends:
            start, end = dataset.value(relation, KG.fromActor), dataset.value(relation, KG.toActor)
            mutual = dataset.value(relation, KG.directed) is not None and \
                not dataset.value(relation, KG.directed).toPython()
            if not ((start, end) == (s, o) or (mutual and (start, end) == (o, s))):
                continue
            kinds = set(dataset.objects(relation, KG.relationKind))
            truthy = {t for k in kinds for t in dataset.objects(k, KG.truthyProperty)}
            if any(p in _super_properties(dataset, t) for t in truthy) \
                    and not _claimed(dataset, relation):
                found.add(relation)
    return found


def paired_sources(dataset: Dataset, statement, quote) -> set:
    """The sources of ``statement`` that go with ``quote`` ({None} for none)."""
    sources = set(dataset.objects(statement, PROV.wasDerivedFrom))
    if len(sources) <= 1:
        return sources or {None}
    paired = {
        source for source in sources
        for name, graph in _graphs(dataset)
        if name is not None and (statement, PROV.wasDerivedFrom, source) in graph
        and (quote is None and (statement, KG.quote, None) in graph
             or (statement, KG.quote, quote) in graph)
    }
    return paired or {None}


def _with_sources(dataset, statement, quotes) -> set:
    return {(statement, source, quote) for quote in quotes
            for source in paired_sources(dataset, statement, quote)}


def fact_evidence(dataset: Dataset, s, p, o) -> set:
    """Every (statement, source, quote) that may be shown with the fact (s, p, o)."""
    rows = set()
    direct = is_direct(dataset, p)
    behind = statements_behind(dataset, s, p, o) if direct else set()
    for name in holding_graphs(dataset, (s, p, o)):
        found = set()
        for statement in behind:
            found |= _with_sources(dataset, statement,
                                   set(dataset.objects(statement, KG.quote)) or {None})
        if not direct:
            if name is not None:
                quotes = set(dataset.graph(name).objects(s, KG.quote))
            else:
                quotes = {q for q in dataset.objects(s, KG.quote)
                          if not _in_named_graph(dataset, (s, KG.quote, q))}
            found |= _with_sources(dataset, s, quotes)
        if not found:
            graph_sources = set()
            if name is not None:
                graph_sources = set(dataset.objects(name, PROV.wasDerivedFrom)) | \
                    set(dataset.objects(name, DCTERMS.source))
            found = {(None, source, None) for source in graph_sources or {None}}
        rows |= found
    return rows


def describe(dataset: Dataset, resource) -> set:
    """The rows describe-resource must give for ``resource``:
    (subject, property, value, statement, source, quote)."""
    triples = {(resource, p, o) for p, o in dataset.predicate_objects(resource)
               if p not in (KG.quote, PROV.wasDerivedFrom)}
    triples |= {(s, p, resource) for s, p in dataset.subject_predicates(resource)}
    return {(s, p, o, *evidence) for s, p, o in triples
            for evidence in fact_evidence(dataset, s, p, o)}


def data_resources(dataset: Dataset) -> list:
    """The IRIs the data (not the ontology) describes or points at."""
    found = set()
    for s, _p, o, g in dataset.quads((None, None, None, None)):
        if g == ONTOLOGY_GRAPH:
            continue
        found |= {n for n in (s, o) if isinstance(n, URIRef) and str(n).startswith(str(KGR))}
    return sorted(found)


# --- random scenarios -----------------------------------------------------------

NAMES = ("Avalon", "Borduria", "Carpania", "Dalmia", "Estrana", "Frevia", "Gorlan", "Hestia")
#: Relation kinds: (kind, its direct property, polarity).
KINDS = (
    ("strategic-partnership", "strategicPartnerOf", 1),
    ("defense-partnership", "defensePartnerOf", 1),
    ("economic-cooperation", "economicPartnerOf", 1),
    ("alignment", "alignedWith", 1),
    ("diplomatic-support", "supports", 1),
    ("rivalry", "rivalOf", -1),
    ("adversary", "adversaryOf", -1),
)
CONCEPTS = ("strategic-autonomy", "multipolarity")
STATUSES = ("proposed", "signed", "ratified", "in-force")

PREFIXES = """@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


class _Writer:
    """Statements of one scenario, and every quote said, for its source text."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.main: list[str] = []
        self.background: list[str] = []
        self.sentences: list[str] = []

    def iri(self, local: str) -> str:
        return f"kgr:{self.tag}-{local}"

    def quote(self, text: str) -> str:
        if text not in self.sentences:
            self.sentences.append(text)
        return f'kg:quote "{text}"'

    def sourced(self, text: str) -> str:
        return f"prov:wasDerivedFrom {self.iri('source')} ; {self.quote(text)}"


def write_scenario(folder: Path, seed: int) -> Path:
    """Write a random, valid scenario (TriG and its source text) into ``folder``.

    Several states, an organization, relations with their reified
    statements and quotes (some mutual, some claimed, some stated twice),
    pressures, treaties whose sentence is also quoted for a party (a
    teacher's habit), goals with their concepts, a post, a summit,
    memberships, and a background graph without quotes: direct triples no
    statement carries, a second description of a state from another
    source, and sometimes a source of the whole graph. The main graph is
    sometimes the default graph.
    """
    rng = random.Random(seed)
    w = _Writer(f"g{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    names = rng.sample(NAMES, rng.randint(3, 6))
    states = {name: w.iri(name.lower()) for name in names}
    league, registry = w.iri("league"), w.iri("registry")

    w.main.append(f'{w.iri("source")} a kg:SourceDocument ; '
                  f'dcterms:title "Generated report {seed}" ; kg:localCopy "source.txt" .')
    treaties = []
    for number in range(rng.randint(1, 3)):
        a, b = rng.sample(names, 2)
        sentence = f"The Treaty of {a}-{b} {number} binds {a} and {b}."
        treaties.append((a, b, sentence))
        w.main.append(
            f'{w.iri(f"treaty-{number}")} a kg:Treaty ; rdfs:label "Treaty {number}"@en ; '
            f"kg:party {states[a]} , {states[b]} ; kg:status kgc:{rng.choice(STATUSES)} ; "
            f"kg:cooperationArea kgc:diplomacy ; {w.sourced(sentence)} .")
    for name in names:
        # A teacher quotes a party with the sentence of its treaty.
        own = [s for a, b, s in treaties if name in (a, b)]
        sentence = own[0] if own and rng.random() < 0.6 else f"{name} is a state of the region."
        w.main.append(f'{states[name]} a kg:State ; rdfs:label "{name}"@en ; '
                      f"{w.sourced(sentence)} .")
    w.main.append(f'{league} a kg:InternationalOrganization ; rdfs:label "League"@en ; '
                  f'{w.sourced("The League meets every year.")} .')

    ties = []
    for number in range(rng.randint(3, 8)):
        a, b = rng.sample(names, 2)
        ties.append((number, a, b, rng.choice(KINDS), rng.random() < 0.5, rng.random() < 0.2))
    facts = {(a, b, kind[1]) for _, a, b, kind, _, claimed in ties if not claimed}
    claims = {(a, b, kind[1]) for _, a, b, kind, _, claimed in ties if claimed}
    for number, a, b, (kind, direct, polarity), mutual, claimed in ties:
        claimant = f"kg:claimant {states[rng.choice(names)]} ; " if claimed else ""
        types = "kg:Relation , kg:Claim" if claimed else "kg:Relation"
        for copy in range(2 if rng.random() < 0.2 else 1):
            w.main.append(
                f'{w.iri(f"rel-{number}-{copy}")} a {types} ; {claimant}'
                f"kg:fromActor {states[a]} ; kg:toActor {states[b]} ; kg:relationKind kgc:{kind} ; "
                f"kg:polarity {polarity} ; kg:directed {'false' if mutual else 'true'} ; "
                f"kg:weight {4.0 * polarity} ; "
                f"{w.sourced(f'{a} and {b}: {kind}, report {number}.{copy}.')} .")
        if not claimed:
            w.main.append(f"{states[a]} kg:{direct} {states[b]} .")
            # the other way round: carried only by a mutual tie; left out
            # where it would state someone's claim as a fact
            if rng.random() < 0.3 and ((b, a, direct) not in claims or (b, a, direct) in facts):
                w.main.append(f"{states[b]} kg:{direct} {states[a]} .")

    for number in range(rng.randint(0, 2)):
        a, b = rng.sample(names, 2)
        w.main.append(
            f'{w.iri(f"pressure-{number}")} a kg:Pressure ; kg:fromActor {states[a]} ; '
            f"kg:toActor {states[b]} ; kg:relationKind kgc:pressure ; kg:polarity -1 ; "
            f"kg:directed true ; kg:weight -4.0 ; kg:instrument kgc:tariff ; "
            f"{w.sourced(f'{a} puts tariffs on {b}, number {number}.')} .")
        w.main.append(f"{states[a]} kg:pressures {states[b]} .")

    for number in range(rng.randint(0, 3)):
        name, concept = rng.choice(names), rng.choice(CONCEPTS)
        claimed = rng.random() < 0.3
        types = "kg:Goal , kg:Claim ; kg:claimant " + states[rng.choice(names)] if claimed \
            else "kg:Goal"
        w.main.append(f'{w.iri(f"goal-{number}")} a {types} ; kg:pursuedBy {states[name]} ; '
                      f"kg:advancesConcept kgc:{concept} ; "
                      f"{w.sourced(f'{name} seeks {concept}, goal {number}.')} .")
        if not claimed:
            w.main.append(f"{states[name]} kg:pursuesConcept kgc:{concept} .")

    leader, post, summit = w.iri("leader"), w.iri("post"), w.iri("summit")
    home = rng.choice(names)
    w.main.append(f'{post} a org:Post ; rdfs:label "Leader of {home}"@en ; '
                  f"org:postIn {states[home]} ; {w.sourced(f'the leader of {home}')} .")
    w.main.append(f'{leader} a kg:Person ; rdfs:label "Ada of {home}"@en ; org:holds {post} ; '
                  f"{w.sourced(f'Ada, the leader of {home}')} .")
    guests = rng.sample(names, 2)
    w.main.append(f'{summit} a kg:Summit ; rdfs:label "Summit"@en ; '
                  f"kg:participant {states[guests[0]]} , {states[guests[1]]} , {leader} ; "
                  f"{w.sourced(f'{guests[0]} and {guests[1]} met at the summit.')} .")
    for name in rng.sample(names, 2):
        w.main.append(f'{w.iri(f"membership-{name.lower()}")} a org:Membership ; '
                      f"org:member {states[name]} ; org:organization {league} ; "
                      f"{w.sourced(f'{name} joined the League.')} .")
        w.main.append(f"{states[name]} org:memberOf {league} .")

    # The background: facts without quotes, one state described again from
    # another source, and a second organization.
    other = w.iri("council")
    w.background.append(f'{registry} a kg:SourceDocument ; dcterms:title "Registry {seed}" ; '
                        'kg:localCopy "registry.txt" .')
    w.background.append(f'{other} a kg:InternationalOrganization ; rdfs:label "Council"@en ; '
                        f'prov:wasDerivedFrom {registry} ; kg:quote "entry: Council" .')
    for name in rng.sample(names, 2):
        w.background.append(f"{states[name]} org:memberOf {other} .")
    known = rng.choice(names)
    w.background.append(f'{states[known]} rdfs:label "{known}"@en ; '
                        f'prov:wasDerivedFrom {registry} ; kg:quote "entry: {known}" .')
    a, b = rng.sample(names, 2)
    w.background.append(f"{states[a]} kg:rivalOf {states[b]} .")
    member = rng.choice(names)  # a membership the main graph may carry
    w.background.append(f"{states[member]} org:memberOf {league} .")
    background = w.iri("graph-background")
    if rng.random() < 0.6:  # the graph names its source, in either vocabulary
        link = rng.choice(["prov:wasDerivedFrom", "dcterms:source"])
        w.background.append(f"{background} {link} {registry} .")

    main = "\n".join(w.main)
    if rng.random() < 0.25:
        body = main + "\n"
    else:
        body = f'{w.iri("graph-main")} {{\n{main}\n}}\n'
    body += f"{background} {{\n" + "\n".join(w.background) + "\n}\n"
    path = folder / f"scenario-{seed}.trig"
    path.write_text(PREFIXES + "\n" + body, encoding="utf-8")
    (folder / "source.txt").write_text(" ".join(w.sentences) + "\n", encoding="utf-8")
    (folder / "registry.txt").write_text(
        "".join(f"entry: {name}\n" for name in [*names, "Council"]), encoding="utf-8")
    return path
