"""The shipped summit scenario, analysed from the data alone."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import main


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


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
