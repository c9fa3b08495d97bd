import json
import re
import subprocess
import sys
import time

import numpy as np
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


# --- limits: time, weights, numerical failures ---------------------------------------


def random_edge_list(path, m: int, *, seed: int):
    rng = np.random.default_rng(seed)
    n = m // 4
    pairs = np.unique(np.sort(rng.integers(0, n, (2 * m, 2)), axis=1), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]][:m]
    signs = rng.choice(["+", "-"], len(pairs))
    path.write_text("source,target,sign\n" + "".join(
        f"n{a},n{b},{s}\n" for (a, b), s in zip(pairs.tolist(), signs, strict=True)))
    return path


def test_frustration_command_stops_near_its_time_limit_reading_included(tmp_path):
    edges = random_edge_list(tmp_path / "ties.csv", 40_000, seed=1)

    start = time.monotonic()
    result = run("frustration", "--edges", edges, "--time-limit", 3, "--format", "json")
    seconds = time.monotonic() - start

    assert result.exit_code == 0, result.output
    assert seconds < 30
    assert json.loads(result.output)["optimal"] is False


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_weighted_frustration_of_a_huge_weight_is_one_error_line(tmp_path, method):
    edges = tmp_path / "ties.csv"
    edges.write_text("source,target,sign,weight\n" + "".join(
        f"{a},{b},{s},1e308\n" for a, b, s in
        [("A", "B", "+"), ("B", "C", "+"), ("A", "C", "-"), ("C", "D", "+"), ("D", "A", "-"),
         ("B", "D", "+")]))

    # in a process of its own: before weights were checked, this looped forever
    done = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "frustration", "--weighted",
         "--method", method, "--edges", str(edges)],
        capture_output=True, text=True, timeout=120)

    assert done.returncode == 2
    assert done.stderr == f"Error: {edges}:2: weight '1e308' is too large: at most 1e+06 in size\n"


def test_balance_of_rdf_with_a_nan_weight_is_one_error_line(tmp_path):
    text = (FIXTURES / "triangle.trig").read_text(encoding="utf-8")
    at = text.index("kg:weight 4.0", text.index("kgr:rel-b-c a kg:Relation"))
    data = tmp_path / "nan.trig"
    data.write_text(text[:at] + 'kg:weight "NaN"^^<http://www.w3.org/2001/XMLSchema#double>'
                    + text[at + len("kg:weight 4.0"):], encoding="utf-8")

    result = run("balance", data)

    assert result.exit_code == 2
    assert result.output == ("Error: kgr:rel-b-c has kg:weight nan; expected a finite number "
                             "of at most 1e+06 in size\n")


def test_eigenvector_centrality_that_does_not_converge_is_one_error_line(tmp_path):
    edges = tmp_path / "cycle.csv"
    edges.write_text("source,target,sign\n" + "".join(
        f"n{i},n{(i + 1) % 1000},+\n" for i in range(1000)))

    result = run("centrality", "--measure", "eigenvector", "--edges", edges)

    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith("Error: eigenvector centrality did not converge")
    assert line.endswith("try degree, strength or pagerank")
