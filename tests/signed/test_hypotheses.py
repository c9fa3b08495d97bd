"""Claimed wedge strategies, read against the signed network."""

from pathlib import Path

import networkx as nx
import pytest

from kg.rdf.load import load
from kg.rdf.namespaces import curie
from kg.signed.hypotheses import Claimed, claimed_wedges, read_hypothesis, wedge_hypotheses
from kg.signed.network import signed_graph

FIXTURE = Path(__file__).parent / "wedge_strategies.trig"
KGR = "https://w3id.org/kg-relations/id/"


@pytest.fixture(scope="module")
def dataset():
    return load([FIXTURE])


@pytest.fixture(scope="module")
def readings(dataset):
    return {curie(r.claimed.claim): r for r in wedge_hypotheses(signed_graph(dataset), dataset)}


def needs(reading):
    return [(n.a, n.b, n.want, n.found, n.holds) for n in reading.needs]


def offered_wedge():
    """A-B allied; P courts A and is B's rival; W is B's rival and tolerates P."""
    G = nx.Graph()
    G.add_edges_from([("A", "B"), ("P", "A")], sign=1)
    G.add_edges_from([("P", "B"), ("W", "B")], sign=-1)
    G.add_edge("W", "P", sign=-1, mixed=True)
    return G


def test_every_claim_naming_a_wedge_is_read_one_per_sponsor_and_pivot(dataset):
    found = [(curie(c.claim), c.claim_class, curie(c.sponsor), curie(c.pivot),
              [curie(m) for m in c.pair]) for c in claimed_wedges(dataset)]

    assert found == [
        ("kgr:analogy-courted", "kg:HistoricalAnalogy", "kgr:sudland", "kgr:avalon",
         ["kgr:avalon", "kgr:brisa"]),
        ("kgr:hyp-forced", "kg:StrategyHypothesis", "kgr:westmark", "kgr:westmark",
         ["kgr:avalon", "kgr:brisa"]),
        ("kgr:hyp-offered", "kg:StrategyHypothesis", "kgr:sudland", "kgr:pella",
         ["kgr:avalon", "kgr:brisa"]),
        ("kgr:hyp-three", "kg:StrategyHypothesis", "kgr:sudland", "kgr:pella",
         ["kgr:avalon", "kgr:brisa", "kgr:westmark"]),
        ("kgr:hyp-unbacked", "kg:StrategyHypothesis", "kgr:westmark", "kgr:pella",
         ["kgr:avalon", "kgr:brisa"]),
    ]


def test_a_pivot_outside_the_pair_is_an_accommodative_wedge_with_its_ties(readings):
    r = readings["kgr:hyp-offered"]

    assert (r.kind, r.supported, r.triad, r.prediction) == (
        "accommodative", True, "++-", "predicted to strain the pair")
    assert [(curie(a), curie(b), want, found, holds) for a, b, want, found, holds in needs(r)] == [
        ("kgr:avalon", "kgr:brisa", "+ or ±", "+", True),
        ("kgr:pella", "kgr:avalon", "+", "+", True),
        ("kgr:pella", "kgr:brisa", "-", "-", True),
        ("kgr:sudland", "kgr:brisa", "-", "-", True),
        ("kgr:sudland", "kgr:pella", "+ or ±", "+", True),
    ]


def test_a_sponsor_that_presses_a_member_itself_is_a_coercive_wedge(readings):
    r = readings["kgr:hyp-forced"]

    assert (r.kind, curie(r.drawn), curie(r.other), r.supported, r.triad, r.prediction) == (
        "coercive", "kgr:avalon", "kgr:brisa", True, "+--", "predicted to tighten the pair")
    assert [(curie(a), curie(b), want, found) for a, b, want, found, _ in needs(r)] == [
        ("kgr:avalon", "kgr:brisa", "+ or ±", "+"),
        ("kgr:westmark", "kgr:avalon", "-", "-"),
        ("kgr:westmark", "kgr:brisa", "-", "-"),
        ("kgr:westmark", "kgr:avalon", "presses", "presses"),
    ]
    assert r.needs[-1].statements == (KGR + "pressure-westmark-avalon",)


def test_a_pivot_that_is_a_member_of_the_pair_is_not_a_wedge_as_modelled(readings):
    r = readings["kgr:analogy-courted"]

    assert (r.kind, r.supported, r.needs) == (None, None, ())
    assert r.status == "pivot is a member of the pair: not a wedge as modelled"
    assert r.prediction == "no prediction: not a wedge as modelled"


def test_a_pair_of_three_is_reported_not_read(readings):
    r = readings["kgr:hyp-three"]

    assert (r.kind, r.status) == (None, "names 3 members of the pair: a wedge splits two")


def test_a_sponsor_that_does_not_back_the_pivot_leaves_the_wedge_unsupported(readings):
    r = readings["kgr:hyp-unbacked"]

    assert (r.kind, r.supported) == ("accommodative", False)
    assert r.status == "not supported: 1 of the 5 ties it needs is missing or of another sign"
    assert [(curie(n.a), curie(n.b), n.found) for n in r.needs if not n.holds] == [
        ("kgr:westmark", "kgr:pella", "-")]


def test_wedges_come_before_the_claims_that_are_none(readings):
    assert list(readings) == ["kgr:hyp-forced", "kgr:hyp-offered", "kgr:hyp-unbacked",
                              "kgr:analogy-courted", "kgr:hyp-three"]


def test_a_tolerating_sponsor_and_a_mixed_pair_count_as_friendly():
    G = offered_wedge()
    G.edges["A", "B"].update(sign=-1, mixed=True)

    r = read_hypothesis(G, Claimed("urn:c", "W", "P", ("A", "B")))

    assert (r.supported, r.triad, r.prediction) == (True, "++-", "predicted to strain the pair")
    assert [n.found for n in r.needs] == ["± (net -)", "+", "-", "-", "± (net -)"]


def test_no_pivot_and_a_sponsor_friendly_to_one_member_is_an_offered_wedge_it_pivots():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "A", {"sign": 1}), ("W", "B", {"sign": -1})])

    r = read_hypothesis(G, Claimed("urn:c", "W", None, ("B", "A")))

    assert (r.kind, r.acting, r.drawn, r.other, r.supported) == (
        "accommodative", "W", "A", "B", True)
    assert [n.why for n in r.needs] == [
        "the pair is friendly", "the sponsor, acting as the pivot, courts the drawn member",
        "the sponsor, acting as the pivot, is hostile to the other member"]


def test_a_common_enemy_that_presses_nobody_is_an_unsupported_coercive_wedge():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "A", {"sign": -1}), ("W", "B", {"sign": -1})])

    r = read_hypothesis(G, Claimed("urn:c", "W", None, ("A", "B")))

    assert (r.kind, r.supported, r.prediction) == (
        "coercive", False, "predicted to tighten the pair")
    assert [(n.want, n.found, n.holds) for n in r.needs][-1] == ("presses", None, False)


def test_balance_predicts_from_the_ties_the_network_has_not_from_the_claim():
    G = offered_wedge()
    G.edges["P", "A"]["sign"] = -1  # the pivot turns on the member it was to draw

    r = read_hypothesis(G, Claimed("urn:c", "W", "P", ("A", "B")))

    assert (r.kind, r.supported, r.triad, r.prediction) == (
        "accommodative", False, "+--", "predicted to tighten the pair")


def test_a_missing_tie_gives_no_prediction_and_actors_outside_the_network_are_no_error():
    G = offered_wedge()

    r = read_hypothesis(G, Claimed("urn:c", "W", "Z", ("A", "B")))

    assert (r.supported, r.triad, r.prediction) == (
        False, None, "no prediction: a tie of the triad is missing")
    assert [n.found for n in r.needs][1:3] == [None, None]


def test_a_hostile_pair_has_nothing_to_split():
    G = offered_wedge()
    G.edges["A", "B"]["sign"] = -1

    r = read_hypothesis(G, Claimed("urn:c", "W", "P", ("A", "B")))

    assert r.prediction == "no prediction: the pair has no positive tie to split"


def test_the_reverse_nixon_hypotheses_are_supported_accommodative_wedges(summit):
    readings = wedge_hypotheses(signed_graph(summit), summit)

    found = [(curie(r.claimed.claim), r.kind, curie(r.acting) if r.acting else None,
              curie(r.drawn) if r.drawn else None, r.supported, r.prediction)
             for r in readings]
    assert found == [
        ("kgr:claim-cna-reverse-nixon", "accommodative", "kgr:india", "kgr:russia", True,
         "predicted to strain the pair"),
        ("kgr:claim-strategists-wedge", "accommodative", "kgr:india", "kgr:russia", True,
         "predicted to strain the pair"),
        ("kgr:analogy-nixon-wedge", None, None, None, None,
         "no prediction: not a wedge as modelled"),
    ]
    assert readings[-1].status == "pivot is a member of the pair: not a wedge as modelled"


def test_without_the_claims_the_reverse_nixon_lacks_us_hostility_to_china(summit):
    readings = wedge_hypotheses(signed_graph(summit, claims=False), summit)

    failing = [(curie(n.a), curie(n.b), n.want) for n in readings[0].needs if not n.holds]
    assert failing == [("kgr:united-states", "kgr:china", "-")]


def test_a_claim_that_names_no_pair_is_reported_with_its_description():
    from conftest import ROOT

    dataset = load([ROOT / "data" / "triangle-1969-1972"])

    (r,) = wedge_hypotheses(signed_graph(dataset), dataset)

    assert (curie(r.claimed.claim), r.kind, r.status) == (
        "kgr:t1969-hypothesis-triangular-diplomacy", None,
        "names no pair to split: not a wedge as modelled")
    assert r.claimed.description.startswith("The Office of the Historian writes")
