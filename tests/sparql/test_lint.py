"""Warnings for a query that runs but finds less than its author meant."""

from __future__ import annotations

import pytest

from kg.sparql.lint import queries_using, query_terms, query_warnings
from kg.sparql.named import named_query, query_names


def test_an_undeclared_term_gets_the_nearest_declared_one():
    warnings = query_warnings("SELECT ?s WHERE { ?s a kg:Stat }")

    assert warnings == ["line 1: kg:Stat is not a term of the ontology; "
                        "did you mean kg:State?"]


def test_an_undeclared_concept_gets_the_nearest_concept():
    warnings = query_warnings("SELECT ?r WHERE {\n  ?r kg:relationKind kgc:rivalri }")

    assert warnings == ["line 2: kgc:rivalri is not a term of the ontology; "
                        "did you mean kgc:rivalry?"]


def test_an_undeclared_term_written_as_a_full_iri_is_found():
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/kg-relations/ontology#Sate> }"

    assert query_warnings(query) == ["line 1: kg:Sate is not a term of the ontology; "
                                     "did you mean kg:State?"]


def test_each_undeclared_term_is_reported_once():
    query = "SELECT ?s WHERE { ?s a kg:Stat . ?t a kg:Stat }"

    assert len(query_warnings(query)) == 1


def test_resources_of_the_data_are_not_checked_against_the_ontology():
    assert query_warnings("SELECT ?p WHERE { kgr:nowhere ?p ?o }") == []


def test_a_prefix_the_query_declares_elsewhere_is_not_the_ontology():
    query = "PREFIX kg: <http://example.org/> SELECT ?s WHERE { ?s a kg:Stat }"

    assert query_warnings(query) == []


def test_a_term_inside_a_string_is_not_a_term():
    assert query_warnings('SELECT ?s WHERE { ?s ?p "kg:' + 'Stat" }') == []


@pytest.mark.parametrize("query", [
    'SELECT ?q WHERE { ?q rdfs:label "Quad" }',
    'SELECT ?q WHERE { ?q skos:prefLabel|rdfs:label "Quad" }',
    'SELECT ?q WHERE { ?q rdfs:label ?name . FILTER (?name = "Quad") }',
    'SELECT ?q WHERE { ?q rdfs:label ?name . FILTER ("Quad" = ?name) }',
    'SELECT ?q WHERE { ?q rdfs:label ?name . FILTER (?name IN ("Quad")) }',
])
def test_a_plain_string_compared_with_a_label_is_told_to_carry_the_language(query):
    assert query_warnings(query) == [
        'line 1: labels are language-tagged: write "Quad"@en (a plain "Quad" matches no label)']


@pytest.mark.parametrize("query", [
    'SELECT ?q WHERE { ?q rdfs:label "Quad"@en }',
    'SELECT ?q WHERE { ?q rdfs:label ?name . FILTER (STR(?name) = "Quad") }',
    'SELECT ?q WHERE { ?q kg:quote "Quad" }',
    'SELECT ?q WHERE { ?q rdfs:label ?name . FILTER (CONTAINS(?name, "Quad")) }',
])
def test_a_tagged_or_unlabelled_comparison_gets_no_warning(query):
    assert query_warnings(query) == []


@pytest.mark.parametrize("name", query_names())
def test_the_shipped_named_queries_get_no_warning(name):
    assert query_warnings(named_query(name).text) == []


def test_query_terms_keep_their_lines():
    assert query_terms("SELECT ?s\nWHERE { ?s a kg:State. }") == [
        ("https://w3id.org/kg-relations/ontology#State", 2)]


def test_queries_using_a_term_are_the_named_queries_that_name_it():
    using = queries_using()

    assert "pressures-on" in using["https://w3id.org/kg-relations/ontology#Pressure"]
    assert all(names == sorted(names) for names in using.values())
