"""The ontology declares, documents and anchors every term the project uses."""

from __future__ import annotations

import re
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
    assert sorted(str(t) for t in used - DECLARED) == []


def test_terms_used_by_the_shipped_data_are_declared(summit):
    assert sorted(str(t) for t in used_terms(summit) - DECLARED) == []
