"""Terms of the ontology looked up by a person: by CURIE, IRI, label,
notation or part of a name, with the nearest terms for a misspelling."""

from __future__ import annotations

from rdflib import URIRef

from kg.rdf.load import declared_terms, load, load_ontology
from kg.rdf.shipped import scenario_dir
from kg.rdf.vocab import example_triple, find_terms, suggestions, triple_text, vocabulary

ONTOLOGY = load_ontology()
TERMS = vocabulary(ONTOLOGY)


def curies(terms) -> list[str]:
    return [t.curie for t in terms]


def test_the_vocabulary_has_every_declared_term_once_with_label_and_comment():
    assert sorted(t.iri for t in TERMS) == sorted(str(t) for t in declared_terms(ONTOLOGY))
    assert [t.curie for t in TERMS if not (t.label and t.comment)] == []


def test_a_curie_an_iri_and_a_label_find_the_same_term():
    by_iri = find_terms(TERMS, "<https://w3id.org/kg-relations/ontology#actingBody>")

    assert curies(by_iri) == curies(find_terms(TERMS, "kg:actingBody")) == \
        curies(find_terms(TERMS, "Acting Body")) == ["kg:actingBody"]


def test_a_name_that_two_terms_share_finds_both():
    assert curies(find_terms(TERMS, "pressure")) == ["kg:Pressure", "kgc:pressure"]


def test_part_of_a_name_is_tried_only_when_nothing_matches_whole():
    assert curies(find_terms(TERMS, "alliance")) == ["kgc:alliance"]
    assert "kgc:atop-defense" in curies(find_terms(TERMS, "obligation (ATOP)"))
    assert find_terms(TERMS, "obligation (ATOP)", partial=False) == []


def test_a_misspelling_gets_the_nearest_terms_only():
    assert suggestions(TERMS, "kg:Stat") == ["kg:State"]
    assert suggestions(TERMS, "weght") == ["kg:weight"]
    assert suggestions(TERMS, "xyzzy") == []


def test_a_class_without_instances_of_its_own_is_shown_by_a_subclass_instance():
    data = load([scenario_dir()], with_ontology=False)
    actor = find_terms(TERMS, "kg:Actor")[0]

    triple = example_triple(data, actor, ONTOLOGY)

    assert triple[1] == URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert triple_text(triple).endswith(" a kg:State .")


def test_an_example_with_a_blank_node_shows_what_it_holds():
    data = load([scenario_dir()], with_ontology=False)
    magnitude = find_terms(TERMS, "kg:magnitude")[0]

    text = triple_text(example_triple(data, magnitude, ONTOLOGY), data=data)

    assert text == ('kgr:pressure-us-tariffs-on-india kg:magnitude [ a schema:QuantitativeValue'
                    ' ; schema:unitCode "P1" ; schema:unitText "percent" ; schema:value 50 ] .')
