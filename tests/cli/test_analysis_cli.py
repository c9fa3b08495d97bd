import json
import re
import subprocess
import sys
import time
from pathlib import Path

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


@pytest.mark.parametrize("command", ["balance", "timeline"])
def test_a_column_an_edge_list_does_not_read_is_named_on_stderr(tmp_path, command):
    edges = tmp_path / "votes.csv"
    edges.write_text("source,target,sign,year\nA,B,+,1990\nB,C,-,1991\nA,C,-,1992\n")

    result = run(command, "--edges", edges)

    assert result.stderr.startswith(
        f"note: {edges}: column(s) year not read (an edge list has source, target, sign, "
        "weight, start, end)\n")


def test_a_hostile_column_name_is_named_escaped_on_one_line(tmp_path):
    edges = tmp_path / "votes.csv"
    edges.write_text("source,target,sign,\x1b[31mevil\x07\nA,B,+,x\n")

    result = run("balance", "--edges", edges)

    assert result.exit_code == 0
    assert "column(s) \\x1b[31mevil\\x07 not read" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_balance_table_reports_census_share_and_unbalanced_triangles():
    result = run("balance", TRIANGLE)

    assert result.exit_code == 0
    assert "balanced: 0 of 1 triangle (0%)" in result.output
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
                             f"Aland (kgr:a)? (looked in {TRIANGLE})\n")


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
    assert header.split("\t")[:4] == ["rank", "kind", "score", "strain"]
    assert row.split("\t")[0] == "1"


# --- wedges of both kinds, claimed wedges, mixed pairs, plurals -------------------------

STRATEGIES = str(Path(__file__).parents[1] / "signed" / "wedge_strategies.trig")


def test_wedges_list_coercive_wedges_after_accommodative_ones_with_their_prediction():
    result = run("wedges", "--all", STRATEGIES, "--format", "csv")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "rank,kind,score,strain,drawn,from,pivot,sponsors,prediction,path",
        "1,accommodative,0.1111,0.3333,Avalon,Brisa,Pella,Sudland (positive),"
        "predicted to strain the pair,Sudland + Pella + Avalon + Brisa; Pella - Brisa",
        "2,accommodative,0.0,0.3333,Avalon,Pella,Brisa,,predicted to strain the pair,"
        "Brisa + Avalon + Pella; Brisa - Pella",
        "3,coercive,0.0,0.0,Avalon,Brisa,,Westmark (pressing),predicted to tighten the pair,"
        "Westmark - Avalon + Brisa; Westmark - Brisa",
        "4,coercive,0.0,0.0,Avalon,Pella,,Westmark (pressing),predicted to tighten the pair,"
        "Westmark - Avalon + Pella; Westmark - Pella",
    ]


def test_a_coercive_wedge_is_explained_by_the_pair_and_the_sponsors_two_ties():
    result = run("wedges", "Avalon", "Brisa", STRATEGIES, "--explain", "--format", "json")

    (coercive,) = [w for w in json.loads(result.stdout) if w["kind"] == "coercive"]
    assert [(e["edge"], e["statement"]) for e in coercive["evidence"]] == [
        (["Avalon", "Brisa"], "kgr:rel-avalon-brisa"),
        (["Westmark", "Avalon"], "kgr:pressure-westmark-avalon"),
        (["Westmark", "Avalon"], "kgr:rel-westmark-avalon"),
        (["Westmark", "Brisa"], "kgr:rel-westmark-brisa"),
    ]


def test_wedges_help_states_the_rule_of_each_kind():
    text = " ".join(run("wedges", "--help").output.split())

    assert "Crawford 2011; Izumikawa 2013" in text
    assert ("A common enemy makes the triad + - -, which is balanced: \"predicted to tighten "
            "the pair\"") in text


def test_claimed_wedges_are_read_as_accommodative_coercive_or_not_a_wedge():
    result = run("wedges", "--claimed", STRATEGIES, "--format", "csv")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "claim,id,class,claimed by,kind,sponsor,pivot,pair,supported,status,prediction,ties",
        "Westmark's forced wedge,kgr:hyp-forced,strategy hypothesis,Ada Analyst,coercive,"
        'Westmark,Westmark,"Avalon, Brisa",yes,supported: the network has every tie it needs,'
        "predicted to tighten the pair,Avalon + Brisa: yes; Westmark - Avalon: yes; "
        "Westmark - Brisa: yes; Westmark presses Avalon: yes",
        "Sudland's offered wedge,kgr:hyp-offered,strategy hypothesis,Ada Analyst,accommodative,"
        'Sudland,Pella,"Avalon, Brisa",yes,supported: the network has every tie it needs,'
        "predicted to strain the pair,Avalon + Brisa: yes; Pella + Avalon: yes; "
        "Pella - Brisa: yes; Sudland - Brisa: yes; Sudland + Pella: yes",
        "Westmark's wedge through Pella,kgr:hyp-unbacked,strategy hypothesis,Ada Analyst,"
        'accommodative,Westmark,Pella,"Avalon, Brisa",no,not supported: 1 of the 5 ties it '
        "needs is missing or of another sign,predicted to strain the pair,Avalon + Brisa: yes; "
        "Pella + Avalon: yes; Pella - Brisa: yes; Westmark - Brisa: yes; Westmark - Pella: no",
        '"Sudland courts Avalon, as once before",kgr:analogy-courted,historical analogy,'
        'Ada Analyst,,Sudland,Avalon,"Avalon, Brisa",n/a,pivot is a member of the pair: not a '
        "wedge as modelled,no prediction: not a wedge as modelled,",
        "A wedge among three,kgr:hyp-three,strategy hypothesis,Ada Analyst,,Sudland,Pella,"
        '"Avalon, Brisa, Westmark",n/a,names 3 members of the pair: a wedge splits two,'
        "no prediction: not a wedge as modelled,",
    ]


def test_a_claimed_coercive_wedge_shows_each_tie_with_its_own_quotes():
    result = run("wedges", "--claimed", STRATEGIES)

    block = result.stdout.split("\n\n")[1]
    assert block.splitlines() == [
        "#1 Westmark's forced wedge (kgr:hyp-forced): strategy hypothesis, claimed by "
        "Ada Analyst",
        '  the source: "Westmark\'s tariffs are to split Avalon from Brisa."',
        "  coercive: Westmark presses Avalon to pull it away from Brisa",
        "  supported: the network has every tie it needs",
        "  balance: the triad Westmark, Avalon, Brisa is + - - (balanced): predicted to "
        "tighten the pair",
        "  ties it needs:",
        "    yes  Avalon + Brisa (wanted + or ±, found +): the pair is friendly",
        '           Avalon + Brisa: kgr:rel-avalon-brisa kgc:alignment (+) "Avalon and Brisa '
        'are allies."',
        "    yes  Westmark - Avalon (wanted -, found -): the sponsor is hostile to the pressed "
        "member",
        "           Westmark - Avalon: kgr:pressure-westmark-avalon kgc:pressure (-) "
        '"Westmark puts tariffs on Avalon."',
        "           Westmark - Avalon: kgr:rel-westmark-avalon kgc:rivalry (-) "
        '"Westmark and Avalon are rivals."',
        "    yes  Westmark - Brisa (wanted -, found -): the sponsor is hostile to the other "
        "member",
        "           Westmark - Brisa: kgr:rel-westmark-brisa kgc:rivalry (-) "
        '"Westmark and Brisa are rivals."',
        "    yes  Westmark presses Avalon (wanted presses, found presses): the sponsor presses "
        "one member",
        "           Westmark - Avalon: kgr:pressure-westmark-avalon kgc:pressure (-) "
        '"Westmark puts tariffs on Avalon."',
    ]


def test_claimed_wedges_in_json_carry_each_tie_and_the_claims_own_quotes():
    result = run("wedges", "--claimed", STRATEGIES, "--format", "json")

    offered = json.loads(result.stdout)[1]
    assert (offered["id"], offered["kind"], offered["supported"]) == (
        "kgr:hyp-offered", "accommodative", True)
    assert offered["quotes"] == ["Sudland backs Pella to split Avalon from Brisa."]
    assert [(t["tie"], t["holds"], [e["quotes"] for e in t["evidence"]])
            for t in offered["ties"]] == [
        ("Avalon + Brisa", True, [["Avalon and Brisa are allies."]]),
        ("Pella + Avalon", True, [["Pella courts Avalon."]]),
        ("Pella - Brisa", True, [["Pella and Brisa are rivals."]]),
        ("Sudland - Brisa", True, [["Sudland and Brisa are rivals."]]),
        ("Sudland + Pella", True, [["Sudland backs Pella."]]),
    ]


def test_every_quote_of_a_claimed_wedge_is_on_the_statement_it_is_shown_with(summit):
    from kg.rdf.namespaces import curie
    from kg.sparql.named import select

    own = {(curie(str(s)), str(q)) for s, q, _, _ in select(summit, "statement-evidence")}
    items = json.loads(run("wedges", "--claimed", "--format", "json").stdout)

    shown = {(e["statement"], q) for item in items for t in item["ties"]
             for e in t["evidence"] for q in e["quotes"]}
    assert shown and shown <= own


@pytest.mark.parametrize("args, message", [
    (["--claimed", "--all"], "give --all or --claimed, not both"),
    (["--claimed", "--edges", TRIBES], "--claimed reads the claims of RDF data"),
])
def test_claimed_wedges_refuse_what_they_cannot_read(args, message):
    result = run("wedges", *args)

    assert result.exit_code == 2 and message in result.output
    assert result.output.count("\n") == 1


def test_triangles_show_a_mixed_pair_with_both_components_and_which_dominates():
    result = run("triangles", TRIANGLE, "--format", "json")

    (row,) = json.loads(result.stdout)
    assert row["mixed"] == "Aland ± Borduria: +8 vs -4, positive dominates"


def test_centrality_shows_each_actors_mixed_ties():
    result = run("centrality", TRIANGLE, "--format", "csv")

    assert result.stdout.splitlines() == [
        "rank,actor,id,degree,positive,negative,mixed ties",
        "1,Aland,kgr:a,2.0,1.0,1.0,\"Borduria: +8 vs -4, positive dominates\"",
        "2,Borduria,kgr:b,2.0,2.0,0.0,\"Aland: +8 vs -4, positive dominates\"",
        "3,Carpania,kgr:c,2.0,1.0,1.0,",
    ]


def test_one_frustrated_tie_and_one_triangle_are_counted_in_the_singular():
    frustration = run("frustration", TRIANGLE)
    balance = run("balance", TRIANGLE)

    assert frustration.stdout.splitlines()[0] == "frustration index: 1 tie (proven optimal)"
    assert "balanced: 0 of 1 triangle (0%)" in balance.stdout


def test_two_frustrated_ties_are_counted_in_the_plural():
    result = run("frustration", "--edges", TRIBES)

    assert result.stdout.splitlines()[0] == "frustration index: 7 ties (proven optimal)"


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


def test_an_unknown_actor_says_where_it_was_looked_for():
    result = CliRunner().invoke(main, ["wedges", "Atlantis", "China",
                                       "tests/fixtures/triangle.trig"])
    assert result.exit_code == 2
    assert "(looked in tests/fixtures/triangle.trig)" in result.output


APART_NOTE = ("Eastvale ± Northmark: +4 vs -4, neither dominates (counts as negative); its two "
              "signs never held at the same time (--as-of shows one date)")


def test_balance_says_when_a_mixed_pair_is_mixed_only_over_all_dates():
    result = run("balance", FIXTURES / "apart.trig")

    assert result.stdout.splitlines()[-1] == APART_NOTE
    assert "no unbalanced triangle" in run("balance", FIXTURES / "apart.trig",
                                           "--as-of", "2000").stdout


def test_triangles_say_when_a_mixed_pair_is_mixed_only_over_all_dates():
    result = run("triangles", FIXTURES / "apart.trig", "--format", "csv")

    assert result.stdout.splitlines()[1].endswith(f'"{APART_NOTE}"')
