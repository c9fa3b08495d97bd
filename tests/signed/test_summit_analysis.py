"""The shipped summit scenario, analysed from the data alone."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import main


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def all_wedges():
    return json.loads(run("wedges", "--all", "--format", "json"))


def test_reverse_nixon_is_found_and_ranked_first(all_wedges):
    top = all_wedges[0]

    assert (top["drawn"], top["from"], top["pivot"]) == ("Russia", "China", "India")
    assert top["sponsors"] == "United States (tolerating)"


def test_reverse_nixon_evidence_names_the_ties_that_are_someones_claim():
    top = json.loads(run("wedges", "--all", "--explain", "--format", "json"))[0]

    claimed = {e["statement"]: e["claimants"] for e in top["evidence"] if e["claimants"]}
    assert claimed == {"kgr:rel-us-china-adversary": ["kgr:cna"],
                       "kgr:pressure-us-threat-on-india": ["kgr:article-author"]}


def test_reverse_nixon_is_printed_as_a_path(all_wedges):
    assert all_wedges[0]["path"] == (
        "United States ± India + Russia + China; India - China"
    )


def test_the_india_russia_china_triad_is_a_romantic_triangle_around_russia():
    rows = json.loads(run("triangles", "--format", "json"))

    (row,) = [r for r in rows if r["triad"] == "China, India, Russia"]
    assert (row["type"], row["pivot"]) == ("romantic triangle", "Russia")


def test_the_summit_network_is_not_balanced():
    payload = json.loads(run("balance", "--format", "json"))

    assert payload["census"]["++-"] >= 1 and payload["share_balanced"] < 1


def test_without_the_claims_the_reverse_nixon_has_no_sponsor():
    rows = json.loads(run("wedges", "--all", "--no-claims", "--format", "json"))

    (wedge,) = [w for w in rows if (w["drawn"], w["from"]) == ("Russia", "China")]
    assert (wedge["pivot"], wedge["sponsors"], wedge["score"]) == ("India", "", 0)


def test_us_tariffs_on_india_are_a_coercive_wedge_predicted_to_tighten_india_russia(all_wedges):
    (coercive,) = [w for w in all_wedges if w["kind"] == "coercive"]

    assert (coercive["drawn"], coercive["from"], coercive["pivot"], coercive["sponsors"]) == (
        "India", "Russia", "", "United States (pressing)")
    assert coercive["prediction"] == "predicted to tighten the pair"
    assert coercive["path"] == "United States ± India + Russia; United States - Russia"
    assert all_wedges[-1] == coercive


def test_without_the_claims_the_united_states_is_no_common_enemy_of_india_and_russia():
    rows = json.loads(run("wedges", "--all", "--no-claims", "--format", "json"))

    assert [w["kind"] for w in rows] == ["accommodative"] * 4


def test_the_mixed_us_india_pair_shows_both_components_in_triangles_and_centrality():
    mixed = "India ± United States: +11.4 vs -13.8, negative dominates"
    triangles = json.loads(run("triangles", "--format", "json"))
    ranks = json.loads(run("centrality", "--format", "json"))

    assert {r["triad"]: r["mixed"] for r in triangles} == {
        "China, India, Russia": "no",
        "China, India, United States": mixed,
        "China, Russia, United States": "no",
        "India, Russia, United States": mixed,
    }
    assert {r["actor"]: r["mixed ties"] for r in ranks} == {
        "India": "United States: +11.4 vs -13.8, negative dominates",
        "Russia": "", "China": "", "the West": "",
        "United States": "India: +11.4 vs -13.8, negative dominates",
    }


def test_the_claimed_reverse_nixon_is_supported_and_the_analogy_is_no_wedge_as_modelled():
    rows = json.loads(run("wedges", "--claimed", "--format", "json"))

    assert [(r["id"], r["kind"], r["supported"], r["prediction"]) for r in rows] == [
        ("kgr:claim-cna-reverse-nixon", "accommodative", True, "predicted to strain the pair"),
        ("kgr:claim-strategists-wedge", "accommodative", True, "predicted to strain the pair"),
        ("kgr:analogy-nixon-wedge", "", None, "no prediction: not a wedge as modelled"),
    ]
    assert rows[-1]["status"] == "pivot is a member of the pair: not a wedge as modelled"
