"""One way to name your data: PATHS everywhere, and never the shipped data mistaken for yours."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from scenario_helpers import SHIPPED, write_scenario

from kg.cli import main

TRIANGLE = str(FIXTURES / "triangle.trig")
STATES = "SELECT ?state WHERE { ?state a kg:State } ORDER BY ?state"


def kg(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


@pytest.fixture
def scenario(tmp_path):
    return write_scenario(tmp_path)


def test_named_query_reads_the_scenario_given_after_it(scenario):
    result = kg("query", "--name", "pressures-on", "--param", "target=France", scenario,
                "--format", "csv")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith(
        "https://w3id.org/kg-relations/id/pressure-avalon-tariffs-on-france,"
        "https://w3id.org/kg-relations/id/avalon,")
    assert result.stderr == ""


def test_sparql_text_comes_first_and_the_scenario_after_it(scenario):
    result = kg("query", STATES, scenario, "--format", "csv")

    assert result.stdout.splitlines() == [
        "state", "https://w3id.org/kg-relations/id/avalon",
        "https://w3id.org/kg-relations/id/france",
        "https://w3id.org/kg-relations/id/north-borduria",
        "https://w3id.org/kg-relations/id/south-borduria",
    ]


def test_data_option_still_names_paths_for_old_scripts():
    by_option = kg("query", STATES, "--data", TRIANGLE)
    by_argument = kg("query", STATES, TRIANGLE)

    assert by_option.stdout == by_argument.stdout
    assert by_option.stdout.splitlines()[2:] == ["kgr:a", "kgr:b", "kgr:c"]


def test_data_option_is_no_longer_shown_in_help():
    assert "--data" not in kg("query", "--help").stdout
    assert "[SPARQL] [PATHS]..." in kg("query", "--help").stdout


def test_export_takes_paths_as_arguments(tmp_path):
    result = kg("export", TRIANGLE, "--format", "nt")

    assert result.exit_code == 0, result.output
    assert "<https://w3id.org/kg-relations/id/a>" in result.stdout
    assert "/id/india>" not in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(("args", "message"), [
    (["my-scenario/"],
     "my-scenario/ looks like one of PATHS, but the query comes first: kg query 'SELECT ...' "
     "my-scenario/, or kg query --name NAME my-scenario/."),
    (["--name", "members", "SELECT * WHERE { ?s ?p ?o }"],
     "'SELECT * WHERE { ?s ?p ?o }' looks like a SPARQL query, but --name gives the query: "
     "give one query, then PATHS (RDF files or folders)."),
    (["--name", "pressures-on", "target=France", "my-scenario/"],
     "target=France looks like a parameter: give it with --param target=France."),
    (["states.rq"], "states.rq is a query file: give it with --file states.rq."),
    ([STATES, "states.rq"],
     "states.rq is a query file, not one of PATHS (RDF files or folders): give it with "
     "--file states.rq."),
])
def test_an_argument_in_the_wrong_place_says_how_to_pass_it(args, message):
    result = kg("query", *args)

    assert result.exit_code == 2
    assert result.stderr == f"Error: {message} Try 'main query --help'.\n"
    assert result.stdout == ""


def test_paths_and_a_store_together_are_refused(tmp_path):
    result = kg("query", STATES, TRIANGLE, "--store", str(tmp_path))

    assert result.exit_code == 2
    assert result.stderr == "Error: choose one source: PATHS, --store or --endpoint\n"


@pytest.mark.parametrize("args", [
    ["validate"],
    ["stats"],
    ["query", STATES],
    ["query", "--name", "members", "--format", "csv"],
    ["export", "--format", "nt"],
    ["centrality"],
    ["balance"],
    ["triangles"],
], ids=lambda args: " ".join(args[:2]))
def test_every_command_that_reads_the_shipped_data_says_so_on_stderr(args):
    result = kg(*args)

    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(SHIPPED)  # validate then counts unchecked quotes
    assert "shipped scenario" not in result.stdout


def test_render_of_the_shipped_data_says_so_too(tmp_path):
    result = kg("render", "-o", str(tmp_path / "page.html"))

    assert result.stderr == SHIPPED


@pytest.mark.parametrize("args", [
    ["validate", TRIANGLE],
    ["stats", TRIANGLE],
    ["query", STATES, TRIANGLE],
    ["export", TRIANGLE, "--format", "nt"],
    ["balance", TRIANGLE],
    ["balance", "--edges", str(FIXTURES / "highland_tribes.csv")],
], ids=lambda args: " ".join(args[:2]))
def test_giving_paths_reads_them_and_says_nothing_more(args):
    result = kg(*args)

    assert result.exit_code == 0, result.output
    assert "shipped" not in result.stderr


def test_the_notice_stays_out_of_the_output_file(tmp_path):
    target = tmp_path / "states.csv"

    result = kg("query", STATES, "--format", "csv", "-o", str(target))

    assert result.stderr == SHIPPED
    assert target.read_text(encoding="utf-8").startswith("state\nhttps://")


def test_a_label_not_found_in_my_scenario_says_where_it_looked(scenario):
    result = kg("query", "--name", "pressures-on", "--param", "target=Atlantis", scenario)

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --param target=Atlantis: nothing in {scenario} is labelled 'Atlantis' "
        "(rdfs:label, skos:prefLabel or skos:altLabel); give a CURIE (kgr:...) or a full IRI\n")


def test_a_label_not_found_in_the_shipped_data_names_the_scenario():
    result = kg("query", "--name", "pressures-on", "--param", "target=Atlantis")

    assert result.exit_code == 2
    assert "nothing in the shipped scenario summit-2025 is labelled 'Atlantis'" in result.stderr


def test_an_output_file_in_a_missing_folder_is_refused_before_anything_is_read(tmp_path):
    target = tmp_path / "missing" / "stats.txt"

    result = kg("stats", "-o", str(target))

    assert result.exit_code == 2
    assert result.stderr == f"Error: {target}: cannot write here: No such file or directory\n"
