"""--as-of, --between and --dated-only on the commands that read a graph."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import FIXTURES

from kg.cli import main

DATED = str(FIXTURES / "dated.trig")
RELATIONS = "SELECT ?r WHERE { ?r a kg:Relation } ORDER BY ?r"


def kg(*args):
    return CliRunner().invoke(main, list(args))


def test_query_runs_over_the_graph_as_of_a_date():
    result = kg("query", RELATIONS, DATED, "--as-of", "1913", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["r", "https://w3id.org/kg-relations/id/alliance-1882",
                                     "https://w3id.org/kg-relations/id/partnership"]


def test_results_say_which_date_they_are_for():
    result = kg("query", RELATIONS, DATED, "--as-of", "1913", "--format", "csv")
    assert result.stderr == ("as of 1913: 4 of 5 dated statements in the view; "
                             "undated statements always in\n")


def test_query_over_a_span():
    result = kg("query", RELATIONS, DATED, "--between", "1916", "1920", "--dated-only",
                "--format", "csv")
    assert result.stdout.split()[1:] == ["https://w3id.org/kg-relations/id/rivalry-1914"]


def test_an_agreement_shows_its_status_then():
    result = kg("query", "SELECT ?s WHERE { kgr:pact kg:status ?s }", DATED,
                "--as-of", "1911", "--format", "csv")
    assert result.stdout.split()[1:] == ["https://w3id.org/kg-relations/concept/proposed"]


def test_export_writes_a_dated_snapshot(tmp_path):
    out = tmp_path / "1916.nt"
    result = kg("export", DATED, "--as-of", "1916", "--format", "nt", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "/rivalry-1914>" in text and "/alliance-1882>" not in text


def test_stats_count_the_ties_of_the_view():
    before = json.loads(kg("stats", DATED, "--format", "json", "--as-of", "1881").stdout)
    after = json.loads(kg("stats", DATED, "--format", "json", "--as-of", "1914-06").stdout)
    assert before["classes"]["kg:Relation"] == 1
    assert after["classes"]["kg:Relation"] == 3


def test_a_bad_date_is_one_line():
    result = kg("balance", DATED, "--as-of", "1913-13")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: --as-of: '1913-13' is not a date: write a year (1972), a month (1972-02) "
        "or a day (1972-02-21)"]


def test_as_of_and_between_together_are_refused():
    result = kg("stats", DATED, "--as-of", "1913", "--between", "1910", "1920")
    assert result.exit_code == 2
    assert "give --as-of DATE or --between FROM TO, not both" in result.stderr


def test_an_update_is_never_run_on_a_view(tmp_path):
    result = kg("query", "INSERT DATA { kgr:a kgr:b kgr:c }", "--store", str(tmp_path),
                "--update", "--as-of", "1913")
    assert result.exit_code == 2
    assert "--update changes the store itself, not a view of it" in result.stderr


def test_a_view_of_an_endpoint_is_refused_before_any_request():
    # port 9 (discard) on 127.0.0.1: nothing listens; the refusal comes first
    result = kg("query", RELATIONS, "--endpoint", "http://127.0.0.1:9/query", "--as-of", "1913")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "need the whole graph in memory, not an --endpoint: export its data first" in \
        result.stderr


def test_a_store_is_read_into_memory_for_a_view(tmp_path):
    store = tmp_path / "store"
    assert kg("load", DATED, "--store", str(store)).exit_code == 0
    result = kg("query", RELATIONS, "--store", str(store), "--as-of", "1913", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.split()[1:] == ["https://w3id.org/kg-relations/id/alliance-1882",
                                         "https://w3id.org/kg-relations/id/partnership"]


def test_a_page_of_one_date_says_which(tmp_path):
    page = tmp_path / "page.html"

    result = kg("render", DATED, "--as-of", "1913", "-o", str(page))

    assert result.exit_code == 0, result.output
    assert " ties as of 1913. Hover or click" in page.read_text()
