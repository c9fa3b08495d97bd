"""The ontology declares, documents and anchors every term the project uses."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from kg.rdf.load import declared_terms, is_project_term, load_ontology, used_terms
from kg.rdf.namespaces import PREFIXES, PROJECT_PREFIXES

ONTOLOGY = load_ontology()
DECLARED = declared_terms(ONTOLOGY)
LINKS = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch)
CURIE = re.compile(r"\b(" + "|".join(PROJECT_PREFIXES) + r"):([A-Za-z][\w-]*)")
#: Misspellings the code shows on purpose, as examples of what the
#: ontology does not declare (the query warnings and `kg vocab`).
EXAMPLE_TYPOS = {URIRef(PREFIXES["kg"] + "Stat")}


def anchored(term) -> bool:
    """True when a chain of refinement links reaches a term outside the project."""
    seen, stack = set(), [term]
    while stack:
        node = stack.pop()
        for link in LINKS:
            for target in ONTOLOGY.objects(node, link):
                if not is_project_term(target):
                    return True
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
    return False


def test_every_term_has_a_label_and_a_comment():
    undocumented = sorted(
        str(t) for t in DECLARED
        if (t, RDFS.label, None) not in ONTOLOGY or (t, RDFS.comment, None) not in ONTOLOGY
    )
    assert undocumented == []


def test_every_class_and_property_refines_a_standard_term():
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {t for kind in kinds for t in ONTOLOGY.subjects(RDF.type, kind) if t in DECLARED}
    assert len(terms) > 80
    assert sorted(str(t) for t in terms if not anchored(t)) == []


def test_every_concept_belongs_to_a_declared_scheme():
    concepts = set(ONTOLOGY.subjects(RDF.type, SKOS.Concept))
    schemes = set(ONTOLOGY.subjects(RDF.type, SKOS.ConceptScheme))
    assert concepts
    assert all(set(ONTOLOGY.objects(c, SKOS.inScheme)) & schemes for c in concepts)


def code_files() -> list[Path]:
    return sorted(
        [*ROOT.joinpath("kg").rglob("*.py"), *ROOT.joinpath("kg").rglob("*.rq"),
         ROOT / "ontology" / "shapes.ttl"]
    )


@pytest.mark.parametrize("path", code_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_terms_used_by_code_and_queries_are_declared(path):
    used = {
        URIRef(PREFIXES[prefix] + local)
        for prefix, local in CURIE.findall(path.read_text(encoding="utf-8"))
    }
    text = path.read_text(encoding="utf-8")
    for prefix, attribute in (("kg", "KG"), ("kgc", "KGC")):
        used |= {URIRef(PREFIXES[prefix] + n) for n in re.findall(rf"\b{attribute}\.(\w+)", text)}
    assert sorted(str(t) for t in used - DECLARED - EXAMPLE_TYPOS) == []


def test_terms_used_by_the_shipped_data_are_declared(summit):
    assert sorted(str(t) for t in used_terms(summit) - DECLARED) == []


KG = "https://w3id.org/kg-relations/ontology#"
KGC = "https://w3id.org/kg-relations/concept/"


def concepts_of(scheme: str) -> set:
    return set(ONTOLOGY.subjects(SKOS.inScheme, URIRef(KGC + scheme)))


def test_every_relation_kind_names_a_declared_direct_property_of_its_sign():
    positive, negative = URIRef(KG + "positiveTie"), URIRef(KG + "negativeTie")
    wrong = []
    for kind in concepts_of("RelationKind"):
        direct = ONTOLOGY.value(kind, URIRef(KG + "truthyProperty"))
        polarity = ONTOLOGY.value(kind, URIRef(KG + "defaultPolarity")).toPython()
        parents = set(ONTOLOGY.transitive_objects(direct, RDFS.subPropertyOf))
        if (direct, RDF.type, OWL.ObjectProperty) not in ONTOLOGY or \
                (positive if polarity > 0 else negative) not in parents:
            wrong.append(str(kind))
    assert len(concepts_of("RelationKind")) >= 20
    assert sorted(wrong) == []


def test_the_cameo_class_of_a_kind_has_the_sign_of_its_polarity():
    cameo, goldstein = URIRef(KG + "cameo"), URIRef(KG + "goldstein")
    kinds = [k for k in concepts_of("RelationKind") if ONTOLOGY.value(k, cameo) is not None]
    assert len(kinds) >= 13
    for kind in kinds:
        value = ONTOLOGY.value(ONTOLOGY.value(kind, cameo), goldstein).toPython()
        polarity = ONTOLOGY.value(kind, URIRef(KG + "defaultPolarity")).toPython()
        assert value * polarity > 0, kind


@pytest.mark.parametrize(("kind", "polarity", "direct", "code", "goldstein"), [
    ("atop-defense", 1, "pledgesDefenseTo", "057", 8.0),
    ("atop-offense", 1, "pledgesOffensiveSupportTo", "057", 8.0),
    ("atop-neutrality", 1, "pledgesNeutralityTo", "057", 8.0),
    ("atop-non-aggression", 1, "pledgesNonAggressionTo", "057", 8.0),
    ("atop-consultation", 1, "pledgesConsultationWith", "057", 8.0),
    ("cow-defense-pact", 1, "defensePactWith", "057", 8.0),
    ("cow-neutrality-pact", 1, "neutralityPactWith", "057", 8.0),
    ("cow-entente", 1, "ententeWith", "057", 8.0),
    ("threat", -1, "threatens", "13", -6.0),
    ("demand", -1, "makesDemandsOf", "10", -5.0),
])
def test_alliance_threat_and_demand_kinds_carry_their_cameo_class(
        kind, polarity, direct, code, goldstein):
    node = URIRef(KGC + kind)
    cameo = ONTOLOGY.value(node, URIRef(KG + "cameo"))
    assert (node, SKOS.inScheme, URIRef(KGC + "RelationKind")) in ONTOLOGY
    assert ONTOLOGY.value(node, URIRef(KG + "defaultPolarity")).toPython() == polarity
    assert ONTOLOGY.value(node, URIRef(KG + "truthyProperty")) == URIRef(KG + direct)
    assert str(ONTOLOGY.value(cameo, SKOS.notation)) == code
    assert ONTOLOGY.value(cameo, URIRef(KG + "goldstein")).toPython() == Decimal(str(goldstein))


def test_the_alliance_kinds_of_both_datasets_are_alliances():
    alliance = URIRef(KGC + "alliance")
    below = {str(k).rpartition("/")[2] for k in ONTOLOGY.subjects(SKOS.broader, alliance)}
    assert below == {"atop-defense", "atop-offense", "atop-neutrality", "atop-non-aggression",
                     "atop-consultation", "cow-defense-pact", "cow-neutrality-pact",
                     "cow-entente"}


def test_backing_the_target_of_a_pressure_is_a_stance_kind():
    node = URIRef(KGC + "backs-target")
    assert (node, SKOS.inScheme, URIRef(KGC + "StanceKind")) in ONTOLOGY
    assert ONTOLOGY.value(node, URIRef(KG + "cameo")) == URIRef(KGC + "cameo-052")
