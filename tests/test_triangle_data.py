"""The curated 1969–1972 triangle scenario: quotes, shapes, actors."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import OWL

from kg.rdf.load import load, load_ontology
from kg.rdf.namespaces import KG, KGR
from kg.rdf.shipped import scenario_dir

SCENARIO = "triangle-1969-1972"
GRAPH = KGR["graph-triangle-1969-1972"]


@pytest.fixture(scope="module")
def dataset():
    return load([scenario_dir(SCENARIO)])


@pytest.fixture(scope="module")
def graph(dataset):
    return dataset.graph(GRAPH)


def actor_classes() -> set[URIRef]:
    ontology = load_ontology()
    return {KG.Actor} | set(ontology.transitive_subjects(RDFS.subClassOf, KG.Actor))


def test_scenario_lives_in_its_named_graph(graph):
    assert len(graph) > 100


def test_every_source_has_a_title_a_url_and_a_local_copy_that_exists(graph):
    folder = scenario_dir(SCENARIO)
    sources = set(graph.subjects(RDF.type, KG.SourceDocument))
    assert sources
    for source in sources:
        assert graph.value(source, URIRef("http://purl.org/dc/terms/title")), source
        assert graph.value(source, URIRef("https://schema.org/url")), source
        assert (folder / str(graph.value(source, KG.localCopy))).is_file(), source


def test_every_actor_is_typed_and_labelled(graph):
    classes = actor_classes()
    actors = {s for c in classes for s in graph.subjects(RDF.type, c)}
    mentioned = set(graph.objects(None, KG.fromActor)) | set(graph.objects(None, KG.toActor)) \
        | set(graph.objects(None, KG.party)) | set(graph.objects(None, KG.claimant)) \
        | set(graph.objects(None, KG.participant)) | set(graph.objects(None, KG.visitor))
    assert mentioned <= actors, mentioned - actors
    for actor in actors:
        labels = list(graph.objects(actor, RDFS.label))
        assert len(labels) == 1 and isinstance(labels[0], Literal), actor
        assert labels[0].language == "en", actor


def test_actors_shared_with_the_summit_scenario_keep_their_iris_and_labels(graph):
    expected = {
        KGR["united-states"]: ("United States", "http://www.wikidata.org/entity/Q30"),
        KGR["china"]: ("China", "http://www.wikidata.org/entity/Q148"),
        KGR["richard-nixon"]: ("Richard Nixon", "http://www.wikidata.org/entity/Q9588"),
    }
    for actor, (label, wikidata) in expected.items():
        assert str(graph.value(actor, RDFS.label)) == label
        assert graph.value(actor, OWL.sameAs) == URIRef(wikidata)


def test_statement_iris_carry_the_scenario_prefix(graph):
    ontology = load_ontology()
    statement_classes = {KG.Statement} | set(
        ontology.transitive_subjects(RDFS.subClassOf, KG.Statement)
    )
    statements = {s for c in statement_classes for s in graph.subjects(RDF.type, c)}
    assert statements
    for statement in statements:
        assert str(statement).startswith(str(KGR) + "t1969-"), statement


def test_sino_soviet_dyad_is_hostile_and_us_china_dyad_is_friendly(graph):
    def polarities(a, b):
        found = set()
        for rel in graph.subjects(RDF.type, KG.Relation):
            ends = {graph.value(rel, KG.fromActor), graph.value(rel, KG.toActor)}
            if ends == {a, b}:
                found.add(int(graph.value(rel, KG.polarity)))
        return found

    assert polarities(KGR["soviet-union"], KGR["china"]) == {-1}
    assert polarities(KGR["united-states"], KGR["china"]) == {1}
    assert polarities(KGR["united-states"], KGR["soviet-union"]) == {-1, 1}
