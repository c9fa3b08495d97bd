"""`kg query` as a researcher types it."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import FIXTURES
from rdflib import Graph

from kg.cli import main

STATES = "SELECT ?state WHERE { ?state a kg:State } ORDER BY ?state"
TRIANGLE = str(FIXTURES / "triangle.trig")


SHIPPED = "reading the shipped scenario summit-2025 (give PATHS to read your own)\n"


def run(*args):
    return CliRunner().invoke(main, ["query", *args])


def test_select_prints_a_table_with_curies():
    result = run(STATES, TRIANGLE)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["state", "-----", "kgr:a", "kgr:b", "kgr:c"]


def test_csv_gives_full_iris_for_tools():
    result = run(STATES, TRIANGLE, "--format", "csv", "--limit", "2")
    assert result.stdout == ("state\nhttps://w3id.org/kg-relations/id/a\n"
                             "https://w3id.org/kg-relations/id/b\n")


def test_tsv_separates_with_tabs():
    result = run("SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s LIMIT 1",
                 "--format", "tsv")
    header, row = result.stdout.splitlines()
    assert header == "s\tlabel"
    assert row.count("\t") == 1


def test_json_is_sparql_results_json():
    result = run("SELECT ?label WHERE { kgr:india rdfs:label ?label }", "--format", "json")
    assert json.loads(result.stdout) == {
        "head": {"vars": ["label"]},
        "results": {"bindings": [
            {"label": {"type": "literal", "value": "India", "xml:lang": "en"}},
        ]},
    }


def test_construct_gives_turtle_by_default():
    result = run("CONSTRUCT { ?a kg:rivalOf ?b } WHERE { ?a kg:rivalOf ?b }")
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert result.exit_code == 0
    assert len(graph) == 1
    assert "kgr:india kg:rivalOf kgr:china" in result.stdout


def test_construct_as_n_triples_and_json_ld_parse_back():
    query = "CONSTRUCT { ?a kg:rivalOf ?b } WHERE { ?a kg:rivalOf ?b }"
    nt = run(query, "--format", "nt").stdout
    jsonld = run(query, "--format", "jsonld").stdout
    assert len(Graph().parse(data=nt, format="nt")) == 1
    assert len(Graph().parse(data=jsonld, format="json-ld")) == 1


def test_construct_refuses_a_row_format():
    result = run("CONSTRUCT WHERE { ?a kg:rivalOf ?b }", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr == SHIPPED + ("Error: a CONSTRUCT query gives a graph: choose "
                                       "--format ttl, nt, jsonld (not csv)\n")


def test_select_refuses_a_graph_format():
    result = run(STATES, "--format", "ttl")
    assert result.exit_code == 2
    assert "gives rows" in result.output


def test_ask_sets_the_exit_code():
    yes = run("ASK { kgr:india kg:rivalOf kgr:china }")
    no = run("ASK { kgr:india kg:rivalOf kgr:russia }")
    assert (yes.exit_code, yes.stdout) == (0, "true\n")
    assert (no.exit_code, no.stdout) == (1, "false\n")


def test_ask_as_json():
    result = run("ASK { kgr:india a kg:State }", "--format", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_named_query_with_a_label_parameter():
    result = run("--name", "pressures-on", "--param", "target=Russia")
    assert result.exit_code == 0
    assert "kgr:pressure-western-sanctions-on-russia  kgr:the-west  kgc:sanction" in result.output


def test_parameter_accepts_a_curie_and_a_full_iri_alike():
    by_curie = run("--name", "members", "--param", "organization=kgr:brics")
    by_iri = run("--name", "members", "--param",
                 "organization=https://w3id.org/kg-relations/id/brics")
    by_bracketed = run("--name", "members", "--param",
                       "organization=<https://w3id.org/kg-relations/id/brics>")
    assert by_curie.exit_code == 0
    assert by_curie.output == by_iri.output == by_bracketed.output
    assert by_curie.output.count("kgr:brics") == 3


def test_ambiguous_label_lists_the_candidates():
    result = run("--name", "describe-resource", "--param", "resource=pressure")
    assert result.exit_code == 2
    assert result.output == (
        "Error: --param resource=pressure: the label is ambiguous: "
        "kgc:pressure (skos:Concept); kg:Pressure (owl:Class); "
        "give one of these CURIEs instead\n"
    )


def test_unknown_label_says_where_it_looked_and_what_to_give_instead():
    result = run("--name", "pressures-on", "--param", "target=Atlantis")
    assert result.exit_code == 2
    assert result.output == ("Error: --param target=Atlantis: nothing in the shipped scenario "
                             "summit-2025 is labelled 'Atlantis' (rdfs:label, skos:prefLabel "
                             "or skos:altLabel); give a CURIE (kgr:...) or a full IRI\n")


def test_unknown_parameter_lists_the_query_parameters():
    result = run("--name", "trade-flows", "--param", "c=India")
    assert result.exit_code == 2
    assert result.output == "Error: query trade-flows has no parameter 'c'; its parameters: a, b\n"


def test_parameter_of_an_ad_hoc_query_must_be_one_of_its_variables():
    result = run(STATES, "--param", "actor=India")
    assert result.exit_code == 2
    assert result.output == "Error: --param actor: the query has no variable ?actor\n"


def test_parameter_of_an_ad_hoc_query_binds_a_variable():
    result = run("SELECT ?initiative WHERE { ?initiative kg:party ?a , ?b } ORDER BY ?initiative",
                 "--param", "a=India", "--param", "b=Eurasian Economic Union")
    assert result.stdout.splitlines()[2:] == ["kgr:india-eaeu-fta"]


def test_malformed_parameter_shows_the_expected_form():
    result = run("--name", "members", "--param", "organization")
    assert result.exit_code == 2
    assert "expected key=value" in result.output


def test_unknown_named_query_lists_the_available_ones():
    result = run("--name", "nope")
    assert result.exit_code == 2
    assert result.output.startswith("Error: unknown query 'nope'; available: ")
    assert "agreements-between, claims-by," in result.output


def test_list_shows_names_titles_and_parameters_in_a_narrow_table():
    lines = run("--list").output.splitlines()

    assert lines[0].split() == ["name", "title", "params"]
    (trade,) = [line for line in lines if line.startswith("trade-flows ")]
    assert trade.split() == ["trade-flows", "Trade", "flows", "of", "a", "pair", "a,", "b"]
    assert max(len(line) for line in lines) <= 100


def test_list_for_tools_adds_the_whole_question():
    lines = run("--list", "--format", "csv").output.splitlines()

    assert lines[0] == "name,title,params,question"
    assert ('trade-flows,Trade flows of a pair,"a, b","What flows of goods run between two '
            'actors, and do the parts of each total add up to it?"') in lines


def test_query_from_a_file(tmp_path):
    path = tmp_path / "states.rq"
    path.write_text(STATES, encoding="utf-8")
    assert run("--file", str(path)).stdout == run(STATES).stdout


def test_query_from_data_files(tmp_path):
    path = tmp_path / "tiny.ttl"
    path.write_text("<urn:a> a <https://w3id.org/kg-relations/ontology#State> .\n",
                    encoding="utf-8")
    result = run(STATES, "--data", str(path), "--format", "csv")
    assert result.output == "state\nurn:a\n"


def test_syntax_error_is_one_line_with_line_and_column():
    result = run("SELECT ?x\nWHERE { ?x ?p }")
    assert result.exit_code == 2
    assert result.output == ("Error: query:2: syntax error at column 9 "
                             "(Expected SelectQuery): 'WHERE { ?x ?p }'\n")


def test_two_sources_are_refused(tmp_path):
    result = run(STATES, "--store", str(tmp_path), "--endpoint", "http://127.0.0.1:1/")
    assert result.exit_code == 2
    assert result.output == "Error: choose one source: PATHS, --store or --endpoint\n"


def test_missing_store_says_how_to_make_one(tmp_path):
    result = run(STATES, "--store", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert "no Oxigraph store here; create one with `kg load FILES --store DIR`" in result.output


def test_no_query_is_a_usage_error():
    result = run()
    assert result.exit_code == 2
    assert "give one query" in result.output


def test_output_file_holds_what_the_terminal_would_show(tmp_path):
    target = tmp_path / "states.csv"

    result = run(STATES, "--format", "csv", "-o", str(target))

    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == run(STATES, "--format", "csv").stdout


def test_ask_that_answers_false_still_writes_its_answer(tmp_path):
    target = tmp_path / "answer.txt"

    result = run("ASK { kgr:russia kg:rivalOf kgr:india }", "-o", str(target))

    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "false\n"


def test_a_failed_query_leaves_the_output_file_as_it_was(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("the previous answer\n", encoding="utf-8")

    result = run("SELECT ?x WHERE { ?x kg:noSuchTerm }", "--format", "csv", "-o", str(target))

    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "the previous answer\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_limit_says_on_stderr_when_it_cut_rows():
    result = run(STATES, TRIANGLE, "--limit", "2")

    assert result.stdout.splitlines()[2:] == ["kgr:a", "kgr:b"]
    assert result.stderr == "showing 2 of at least 3 rows (--limit 2)\n"


def test_limit_on_streamed_csv_says_when_it_cut_rows():
    result = run(STATES, TRIANGLE, "--limit", "1", "--format", "csv")

    assert result.stdout == "state\nhttps://w3id.org/kg-relations/id/a\n"
    assert result.stderr == "showing 1 of at least 2 rows (--limit 1)\n"


def test_limit_that_keeps_every_row_says_nothing():
    result = run(STATES, TRIANGLE, "--limit", "3", "--format", "csv")

    assert len(result.stdout.splitlines()) == 4
    assert result.stderr == ""


def test_limit_zero_still_says_there_were_rows():
    result = run(STATES, TRIANGLE, "--limit", "0", "--format", "json")

    assert json.loads(result.stdout)["results"]["bindings"] == []
    assert result.stderr == "showing 0 of at least 1 row (--limit 0)\n"
