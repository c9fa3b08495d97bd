import networkx as nx
from signed_helpers import brute_force_triangles, random_signed_graphs

from kg.signed.strategic import strategic_triangles


def triad(ab: int, ac: int, bc: int) -> nx.Graph:
    G = nx.Graph()
    G.add_edge("a", "b", sign=ab)
    G.add_edge("a", "c", sign=ac)
    G.add_edge("b", "c", sign=bc)
    return G


def test_all_positive_is_a_menage_a_trois():
    (t,) = strategic_triangles(triad(1, 1, 1))

    assert t.kind == "ménage à trois"


def test_romantic_triangle_names_the_pivot_and_wings():
    (t,) = strategic_triangles(triad(1, -1, 1))

    assert (t.kind, t.pivot, t.wings) == ("romantic triangle", "b", ("a", "c"))


def test_stable_marriage_names_the_partners_and_outcast():
    (t,) = strategic_triangles(triad(-1, 1, -1))

    assert (t.kind, t.partners, t.outcast) == ("stable marriage", ("a", "c"), "b")


def test_all_negative_is_a_unit_veto():
    (t,) = strategic_triangles(triad(-1, -1, -1))

    assert t.kind == "unit veto" and t.roles() == {"a": "rival", "b": "rival", "c": "rival"}


def test_only_the_chosen_nodes_form_triads():
    G = triad(1, 1, 1)
    G.add_edges_from([("a", "d"), ("b", "d")], sign=-1)

    found = strategic_triangles(G, nodes=["a", "b", "c"])

    assert [t.nodes for t in found] == [("a", "b", "c")]


def test_every_triangle_is_classified_by_its_signs():
    kinds = {0: "ménage à trois", 1: "romantic triangle", 2: "stable marriage", 3: "unit veto"}
    for G in random_signed_graphs(40, seed=9, max_nodes=8):
        expected = [(nodes, kinds[sum(s < 0 for s in signs)])
                    for nodes, signs in brute_force_triangles(G)]

        assert [(t.nodes, t.kind) for t in strategic_triangles(G)] == expected
