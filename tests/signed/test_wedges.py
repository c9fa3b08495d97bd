import itertools

import networkx as nx
import pytest
from signed_helpers import random_signed_graphs

from kg.errors import KGError
from kg.signed.wedges import wedges


def brute_force_wedges(G):
    """(a, b, pivot) by the definition, and each wedge's sponsors."""
    found = {}
    for a, b, p in itertools.permutations(G, 3):
        if not (G.has_edge(a, b) and G.has_edge(p, a) and G.has_edge(p, b)):
            continue
        ab = G.edges[a, b]
        if not (ab["sign"] > 0 or ab.get("mixed")):
            continue
        if G.edges[p, a]["sign"] > 0 and G.edges[p, b]["sign"] < 0:
            found[(a, b, p)] = {
                w for w in G if w not in (a, b, p) and G.has_edge(w, b) and G.has_edge(w, p)
                and G.edges[w, b]["sign"] < 0
                and (G.edges[w, p]["sign"] > 0 or G.edges[w, p].get("mixed"))
            }
    return found


def test_wedges_match_their_definition_on_random_graphs():
    for G in random_signed_graphs(60, seed=21, max_nodes=8):
        for a, b in list(G.edges)[::3]:
            G.edges[a, b]["mixed"] = True

        found = {(w.a, w.b, w.pivot): {s.node for s in w.sponsors} for w in wedges(G)}

        assert found == brute_force_wedges(G)


def test_wedges_are_ranked_by_score_then_strain():
    for G in random_signed_graphs(30, seed=8, max_nodes=8, weighted=True):
        keys = [(-round(w.score, 9), -round(w.strain, 9)) for w in wedges(G)]

        assert keys == sorted(keys)


def test_a_mixed_sponsor_tie_counts_as_tolerating():
    G = nx.Graph()
    G.add_edges_from([("A", "B"), ("P", "A")], sign=1)
    G.add_edges_from([("P", "B"), ("W", "B")], sign=-1)
    G.add_edge("W", "P", sign=-1, mixed=True)

    (sponsor,) = wedges(G, "A", "B")[0].sponsors

    assert (sponsor.node, sponsor.stance, sponsor.support) == ("W", "tolerating", 0.5 ** 0.5)


def test_a_pair_without_a_positive_tie_has_nothing_to_wedge():
    G = nx.Graph([("A", "B", {"sign": -1})])

    with pytest.raises(KGError, match="A and B have no positive tie"):
        wedges(G, "A", "B")


def test_an_actor_outside_the_network_is_refused():
    G = nx.Graph([("A", "B", {"sign": 1})])

    with pytest.raises(KGError, match="'Z' is not in the network"):
        wedges(G, "A", "Z")
