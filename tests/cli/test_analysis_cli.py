import json
import re

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from kg.cli import main

TRIANGLE = str(FIXTURES / "triangle.trig")
TRIBES = str(FIXTURES / "highland_tribes.csv")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("command", ["centrality", "balance", "frustration", "triangles"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_every_command_reads_an_edge_list_in_every_format(command, fmt):
    result = run(command, "--edges", TRIBES, "--format", fmt)

    assert result.exit_code == 0, result.output
    if fmt == "json":
        json.loads(result.output)


def test_balance_table_reports_census_share_and_unbalanced_triangles():
    result = run("balance", TRIANGLE)

    assert result.exit_code == 0
    assert "balanced: 0 of 1 triangles (0%)" in result.output
    assert ("Aland, Borduria, Carpania  ++-    "
            "Aland ± Borduria; Aland - Carpania; Borduria + Carpania") in result.output


def test_balance_json_carries_the_census():
    result = run("balance", TRIANGLE, "--format", "json")

    payload = json.loads(result.output)
    assert payload["census"] == {"+++": 0, "++-": 1, "+--": 0, "---": 0}
    assert payload["unbalanced"][0]["mixed"] == "yes"


def test_explain_prints_statements_and_quotes():
    result = run("balance", TRIANGLE, "--explain")

    assert result.exit_code == 0
    assert 'kgr:rel-a-b kgc:strategic-partnership (+) "Aland and Borduria are partners."' \
        in result.output


def test_explain_in_json_lists_evidence_per_row():
    result = run("triangles", TRIANGLE, "--explain", "--format", "json")

    (row,) = json.loads(result.output)
    assert {e["statement"] for e in row["evidence"]} == {
        "kgr:rel-a-b", "kgr:rel-a-b-aligned", "kgr:pressure-a-b", "kgr:rel-a-c", "kgr:rel-b-c",
    }


def test_explain_of_an_edge_list_names_its_lines():
    result = run("frustration", "--edges", TRIBES, "--explain", "--format", "csv")

    assert result.exit_code == 0
    assert "highland_tribes.csv:" in result.output


def test_frustration_of_the_highland_tribes_is_7():
    result = run("frustration", "--edges", TRIBES, "--format", "json")

    payload = json.loads(result.output)
    assert (payload["frustration_index"], payload["optimal"]) == (7.0, True)


def test_frustration_output_is_byte_identical_across_runs():
    first = run("frustration", "--edges", TRIBES, "--method", "heuristic")
    second = run("frustration", "--edges", TRIBES, "--method", "heuristic")

    assert first.output == second.output


def test_centrality_top_limits_rows():
    result = run("centrality", "--edges", TRIBES, "--measure", "pn", "--top", "3",
                 "--format", "json")

    assert [row["rank"] for row in json.loads(result.output)] == [1, 2, 3]


def test_wedges_of_a_named_pair_accept_labels_and_curies():
    by_label = run("wedges", "Borduria", "Carpania", TRIANGLE, "--format", "json")
    by_curie = run("wedges", "kgr:b", "kgr:c", TRIANGLE, "--format", "json")

    assert by_label.exit_code == 0, by_label.output
    assert by_label.output == by_curie.output


def test_whatif_reports_what_changes():
    result = run("whatif", TRIANGLE, "--flip", "Aland", "Borduria")

    assert result.exit_code == 0, result.output
    assert re.search(r"frustration index\s+1\s+0\n", result.output)
    assert "romantic triangle (pivot Borduria)  stable marriage (outcast Aland)" in result.output


def test_unknown_actor_is_one_line_with_candidates():
    result = run("wedges", "Alland", "Borduria", TRIANGLE)

    assert result.exit_code == 2
    assert result.output == ("Error: unknown actor 'Alland'; did you mean: "
                             "Aland (kgr:a)?\n")


def test_wedges_need_a_pair_or_all():
    result = run("wedges", "--format", "json")

    assert result.exit_code == 2 and "name the pair A B" in result.output


def test_unsigned_edge_in_an_edge_list_is_one_line(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("source,target,sign\nA,B,\n", encoding="utf-8")

    result = run("balance", "--edges", path)

    assert result.exit_code == 2
    assert result.output.strip().endswith("ties.csv:2: unsigned edge A-B: sign '' is not +1 or -1")
    assert result.output.count("\n") == 1


def test_empty_network_is_an_error(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("source,target,sign\n", encoding="utf-8")

    result = run("centrality", "--edges", path)

    assert result.exit_code == 2 and "nothing to analyse" in result.output


def test_paths_and_edges_together_are_refused():
    result = run("balance", TRIANGLE, "--edges", TRIBES)

    assert result.exit_code == 2 and "not both" in result.output


def test_whatif_needs_exactly_one_change():
    result = run("whatif", TRIANGLE)

    assert result.exit_code == 2 and "exactly one of" in result.output


def test_wedges_read_an_edge_list_as_tsv():
    result = run("wedges", "--all", "--edges", TRIBES, "--top", "1", "--format", "tsv")

    header, row = result.output.splitlines()
    assert header.split("\t")[:3] == ["rank", "score", "strain"]
    assert row.split("\t")[0] == "1"


@pytest.mark.parametrize("command", ["centrality", "balance", "frustration", "triangles"])
def test_output_file_of_an_analysis_is_its_printed_table(command, tmp_path):
    target = tmp_path / f"{command}.txt"

    result = run(command, TRIANGLE, "-o", target)

    assert (result.exit_code, result.output) == (0, "")
    assert target.read_text(encoding="utf-8") == run(command, TRIANGLE).output
