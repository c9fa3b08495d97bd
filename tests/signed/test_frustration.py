import networkx as nx
import numpy as np
import pytest
from conftest import FIXTURES
from signed_helpers import brute_force_frustration, random_signed_graphs

from kg.errors import KGError
from kg.signed.arrays import SignedEdges
from kg.signed.frustration import frustration
from kg.signed.frustration_exact import reduce_graph
from kg.signed.network import read_edge_list

TRIBES = FIXTURES / "highland_tribes.csv"


@pytest.mark.parametrize("weighted", [False, True])
def test_exact_index_matches_brute_force_on_random_graphs(weighted):
    for G in random_signed_graphs(120, seed=11 + weighted, max_nodes=10, weighted=weighted):
        result = frustration(G, weight="weight" if weighted else None, time_limit=30)

        assert result.optimal
        assert result.index == pytest.approx(brute_force_frustration(G, weighted=weighted))


def test_frustrated_edges_are_exactly_those_the_factions_violate():
    for G in random_signed_graphs(40, seed=5, max_nodes=10):
        result = frustration(G)
        side = {node: 1 for node in result.factions[0]} | {n: -1 for n in result.factions[1]}

        violated = {tuple(sorted(e)) for e in G.edges
                    if G.edges[e]["sign"] * side[e[0]] * side[e[1]] < 0}

        assert violated == {tuple(sorted(e)) for e in result.frustrated}
        assert len(violated) == result.index


def test_highland_tribes_has_the_published_frustration_index_7():
    G = read_edge_list(TRIBES)

    result = frustration(G)

    assert (G.number_of_nodes(), G.number_of_edges()) == (16, 58)
    assert result.index == 7 and result.optimal
    assert set(result.factions[1]) == {"GAMA", "GAVEV", "KOTUN", "NAGAD"}


def test_heuristic_bounds_enclose_the_exact_index():
    G = read_edge_list(TRIBES)

    result = frustration(G, method="heuristic", seed=1)

    assert result.lower_bound <= 7 <= result.index
    assert result.gap == pytest.approx((result.index - result.lower_bound) / result.index)


def planted(m: int, n: int, flip: float, seed: int) -> SignedEdges:
    rng = np.random.default_rng(seed)
    keys = np.unique(np.sort(rng.integers(0, n, (3 * m, 2)), axis=1) @ np.array([n, 1]))
    keys = keys[keys // n != keys % n]
    keys = rng.permutation(keys)[:m]
    u, v = keys // n, keys % n
    camp = rng.integers(0, 2, n)
    sign = np.where(camp[u] == camp[v], 1, -1) * np.where(rng.random(len(u)) < flip, -1, 1)
    return SignedEdges.from_rows(u.astype(str), v.astype(str), sign, np.ones(len(u)))


def test_planted_factions_are_proven_optimal():
    E = planted(600, 150, 0.05, seed=2)

    result = frustration(E, time_limit=60)

    assert result.optimal and result.lower_bound == result.index
    assert result.index <= 0.05 * 600 * 1.5


def test_a_tree_is_balanced_and_reduces_to_nothing():
    G = nx.random_labeled_tree(30, seed=4)
    for a, b in G.edges:
        G.edges[a, b]["sign"] = -1 if (a + b) % 3 else 1
    E = SignedEdges.from_graph(G)

    kernel = reduce_graph(E.n, E.u, E.v, E.sign.astype(np.int64), np.ones(E.m))

    assert kernel.nodes == [] and frustration(G).index == 0


def test_reduction_keeps_a_cost_for_opposite_parallel_paths():
    G = nx.Graph()
    G.add_edges_from([("a", "x"), ("x", "b"), ("a", "y")], sign=1)
    G.add_edge("y", "b", sign=-1)

    result = frustration(G)

    assert result.index == 1 and result.optimal


def test_unknown_method_is_refused():
    with pytest.raises(KGError, match="unknown method"):
        frustration(nx.Graph([("a", "b", {"sign": 1})]), method="quantum")


def test_a_time_limited_run_reports_a_bound_below_its_index():
    E = planted(500, 125, 0.5, seed=3)

    result = frustration(E, time_limit=0.5)

    assert result.lower_bound <= result.index
    assert result.optimal == (result.gap == 0.0)


def test_exact_results_repeat_exactly():
    E = planted(400, 100, 0.1, seed=6)

    first, second = frustration(E), frustration(E)

    assert (first.frustrated, first.factions) == (second.frustrated, second.factions)
