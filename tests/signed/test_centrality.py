import networkx as nx
import numpy as np
import pytest
from signed_helpers import random_signed_graphs

from kg.errors import KGError
from kg.signed.centrality import centrality


def complete(n: int, sign: int) -> nx.Graph:
    G = nx.complete_graph(n)
    nx.set_edge_attributes(G, sign, "sign")
    return G


def test_pn_of_a_complete_positive_graph_is_2_everywhere():
    scores = centrality(complete(6, 1), measure="pn")

    assert [s.value for s in scores] == pytest.approx([2.0] * 6)


def test_pn_of_a_complete_negative_graph_is_one_half_everywhere():
    scores = centrality(complete(5, -1), measure="pn")

    assert [s.value for s in scores] == pytest.approx([0.5] * 5)


def test_pn_equals_its_power_series():
    for G in random_signed_graphs(20, seed=3, max_nodes=9):
        if G.number_of_nodes() < 3:
            continue
        nodes = list(G)
        n = len(nodes)
        A = nx.to_numpy_array(G, nodelist=nodes, weight="sign")
        A = np.where(A < 0, -2.0, A)
        term, total = np.ones(n), np.ones(n)
        for _ in range(400):
            term = A @ term / (2 * n - 2)
            total += term
        if not np.all(np.isfinite(total)) or np.abs(term).max() > 1e-9:
            continue  # the series does not converge on this graph

        scores = {s.node: s.value for s in centrality(G, measure="pn")}

        assert [scores[node] for node in nodes] == pytest.approx(total.tolist(), rel=1e-6)


def test_degree_splits_ties_by_sign_and_ranks_best_first():
    G = nx.Graph()
    G.add_edges_from([("hub", "a"), ("hub", "b")], sign=1)
    G.add_edge("hub", "c", sign=-1)

    best = centrality(G, measure="degree", top=1)[0]

    assert (best.node, best.value, best.positive, best.negative) == ("hub", 3.0, 2.0, 1.0)


def test_strength_sums_absolute_weights():
    G = nx.Graph([("a", "b", {"sign": -1, "weight": 2.5}), ("a", "c", {"sign": 1, "weight": 1})])

    scores = {s.node: (s.value, s.positive, s.negative) for s in centrality(G, measure="strength")}

    assert scores["a"] == (3.5, 1.0, 2.5)


@pytest.mark.parametrize("measure", ["betweenness", "eigenvector", "pagerank"])
def test_unsigned_measures_put_the_star_centre_first(measure):
    G = nx.star_graph(4)
    nx.set_edge_attributes(G, -1, "sign")

    assert centrality(G, measure=measure)[0].node == 0


def test_unknown_measure_is_refused():
    with pytest.raises(KGError, match="unknown measure 'fame'"):
        centrality(complete(3, 1), measure="fame")
