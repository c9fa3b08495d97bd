"""Mixed pairs: allies that are also rivals, with both components in view."""

import networkx as nx
from conftest import FIXTURES

from kg.rdf.load import load
from kg.signed.mixed import mixed_tie, mixed_ties
from kg.signed.network import signed_graph
from kg.signed.strategic import strategic_triangles

KGR = "https://w3id.org/kg-relations/id/"


def test_a_mixed_tie_keeps_both_components_and_says_which_dominates():
    S = signed_graph(load([FIXTURES / "triangle.trig"]))

    t = mixed_tie(S, KGR + "a", KGR + "b")

    assert (t.positive, t.negative, t.sign, t.dominant) == (8.0, 4.0, 1, "positive")


def test_equal_components_dominate_neither_and_count_as_negative():
    G = nx.Graph([("A", "B", {"sign": -1, "weight": 0.0, "mixed": True,
                              "positive_weight": 4.0, "negative_weight": 4.0})])

    t = mixed_tie(G, "A", "B")

    assert (t.sign, t.dominant) == (-1, "neither")


def test_a_clean_tie_or_no_tie_is_not_mixed():
    G = nx.Graph([("A", "B", {"sign": 1})])

    assert (mixed_tie(G, "A", "B"), mixed_tie(G, "A", "C")) == (None, None)


def test_an_actors_mixed_ties_run_from_it_to_each_neighbour():
    G = nx.Graph([("A", "C", {"sign": 1, "mixed": True}), ("B", "A", {"sign": -1, "mixed": True}),
                  ("A", "D", {"sign": 1})])

    assert [(t.a, t.b, t.positive) for t in mixed_ties(G, "A")] == [
        ("A", "B", None), ("A", "C", None)]


def test_a_strategic_triangle_names_its_mixed_pairs(summit):
    S = signed_graph(summit)

    mixed = {tuple(S.nodes[n]["label"] for n in t.nodes):
             [tuple(S.nodes[n]["label"] for n in pair) for pair in t.mixed_pairs]
             for t in strategic_triangles(S)}

    assert mixed == {
        ("China", "India", "Russia"): [],
        ("China", "India", "United States"): [("India", "United States")],
        ("China", "Russia", "United States"): [],
        ("India", "Russia", "United States"): [("India", "United States")],
        ("India", "Russia", "the West"): [],
    }


def test_a_pair_whose_two_signs_never_held_at_once_is_mixed_only_apart():
    S = signed_graph(load([FIXTURES / "apart.trig"]))

    t = mixed_tie(S, KGR + "eastvale", KGR + "northmark")

    assert (t.dominant, t.apart) == ("neither", True)


def test_a_pair_with_an_undated_tie_is_not_apart():
    S = signed_graph(load([FIXTURES / "dated.trig"]))

    t = mixed_tie(S, KGR + "brigadoon", KGR + "cockaigne")

    assert t.apart is False  # the partnership is undated: it holds at every date
