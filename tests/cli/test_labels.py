"""Labels: beside the IRIs they name (--labels), and parameters written loosely."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from scenario_helpers import write_scenario

from kg.cli import main

PRESSURES = ("SELECT ?pressure ?by ?target WHERE { ?pressure a kg:Pressure ; "
             "kg:fromActor ?by ; kg:toActor ?target }")
KGR = "https://w3id.org/kg-relations/id/"


@pytest.fixture
def scenario(tmp_path):
    return write_scenario(tmp_path)


def query(*args):
    return CliRunner().invoke(main, ["query", *args])


def test_labels_add_a_label_column_beside_each_iri_column_in_csv(scenario):
    result = query(PRESSURES, scenario, "--labels", "--format", "csv")

    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["pressure", "pressureLabel", "by", "byLabel", "target", "targetLabel"],
        [f"{KGR}pressure-avalon-tariffs-on-france", "", f"{KGR}avalon", "Avalon",
         f"{KGR}france", "France"],
    ]


def test_labels_in_tsv_too(scenario):
    result = query(PRESSURES, scenario, "--labels", "--format", "tsv")

    assert result.stdout.splitlines()[0].split("\t") == [
        "pressure", "pressureLabel", "by", "byLabel", "target", "targetLabel"]


def test_labels_in_json_are_bindings_with_their_language(scenario):
    result = query(PRESSURES, scenario, "--labels", "--format", "json")

    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["pressure", "pressureLabel", "by", "byLabel", "target",
                                      "targetLabel"]
    (binding,) = answer["results"]["bindings"]
    assert binding["byLabel"] == {"type": "literal", "value": "Avalon", "xml:lang": "en"}
    assert "pressureLabel" not in binding  # no label: unbound, as SPARQL JSON says


def test_a_column_without_iris_gets_no_label_column(scenario):
    result = query("SELECT ?state ?name WHERE { ?state a kg:State ; rdfs:label ?name } "
                   "ORDER BY ?state LIMIT 1", scenario, "--labels", "--format", "csv")

    assert result.stdout.splitlines() == ["state,stateLabel,name", f"{KGR}avalon,Avalon,Avalon"]


def test_labels_in_a_table_follow_the_curie(scenario):
    result = query(PRESSURES, scenario, "--labels")

    assert result.stdout.splitlines()[2].split("  ")[-2:] == [
        "kgr:avalon (Avalon)", "kgr:france (France)"]


def test_labels_refuse_a_query_that_gives_a_graph(scenario):
    result = query("CONSTRUCT WHERE { ?s a kg:State }", scenario, "--labels")

    assert result.exit_code == 2
    assert result.stderr == ("Error: --labels labels the rows of a SELECT; this CONSTRUCT "
                             "query gives a graph\n")


@pytest.mark.parametrize("written", ["french republic", "The French Republic", "FRANCE",
                                     "france."])
def test_a_parameter_matches_labels_loosely(scenario, written):
    result = query("--name", "pressures-on", "--param", f"target={written}", scenario,
                   "--format", "csv")

    assert result.exit_code == 0, result.output
    assert f"{KGR}pressure-avalon-tariffs-on-france" in result.stdout


def test_accents_are_ignored_in_a_parameter(scenario):
    result = query("SELECT ?label WHERE { ?thing rdfs:label ?label }", scenario,
                   "--param", "thing=elysee palace", "--format", "csv")

    assert result.stdout == "label\nÉlysée Palace\n"


def test_an_alternative_label_without_its_article_finds_the_shipped_kremlin():
    result = query("SELECT ?thing WHERE { }", "--param", "thing=Kremlin", "--format", "csv")

    assert result.stdout == f"thing\n{KGR}presidential-administration-of-russia\n"


def test_a_word_of_a_label_finds_it_when_only_one_label_holds_it():
    result = query("--name", "claims-by", "--param", "speaker=Peskov", "--format", "csv")

    assert result.exit_code == 0, result.output
    assert f"{KGR}dmitry-peskov" in result.stdout.splitlines()[1]


def test_a_loose_match_with_several_resources_is_refused_with_the_candidates(scenario):
    result = query("--name", "pressures-on", "--param", "target=borduria", scenario)

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --param target=borduria: the label is ambiguous: kgr:north-borduria "
        "('North Borduria'); kgr:south-borduria ('South Borduria'); give one of these "
        "CURIEs instead\n")


def test_an_unknown_label_suggests_a_close_one(scenario):
    result = query("--name", "pressures-on", "--param", "target=Frnace", scenario)

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --param target=Frnace: nothing in {scenario} is labelled 'Frnace' "
        "(rdfs:label, skos:prefLabel or skos:altLabel); did you mean 'France' (kgr:france)? "
        "Otherwise give a CURIE (kgr:...) or a full IRI\n")
