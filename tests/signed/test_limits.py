"""Limits of the signed-network analysis: time limits hold, weights are
checked, numerical failures and sizes a measure cannot handle are one
clear error."""

import time

import networkx as nx
import numpy as np
import pytest
from conftest import FIXTURES
from scipy import sparse
from signed_helpers import brute_force_triangles, random_signed_graphs

import kg.signed.balance as balance_module
import kg.signed.centrality as centrality_module
import kg.signed.strategic as strategic_module
import kg.signed.triads as triads_module
import kg.signed.wedges as wedges_module
from kg.errors import KGError
from kg.rdf.load import load
from kg.signed.arrays import SignedEdges
from kg.signed.balance import balance
from kg.signed.centrality import centrality
from kg.signed.frustration import frustration
from kg.signed.network import signed_graph
from kg.signed.strategic import strategic_triangles
from kg.signed.wedges import wedges

# Generous: a run may overshoot its limit by the one pass over the edges
# that always runs, and by a slow machine, but not by a multiple.
SLACK = 10


def random_edges(m: int, *, seed: int) -> SignedEdges:
    """``m`` random ties with random signs among m/4 actors."""
    rng = np.random.default_rng(seed)
    n = m // 4
    pairs = np.unique(np.sort(rng.integers(0, n, (2 * m, 2)), axis=1), axis=0)
    pairs = rng.permutation(pairs[pairs[:, 0] != pairs[:, 1]])[:m]
    names = np.array([f"n{i}" for i in range(n)])
    return SignedEdges.from_rows(names[pairs[:, 0]], names[pairs[:, 1]],
                                 rng.choice([-1, 1], len(pairs)), np.ones(len(pairs)))


def timed(function, *args, **kwargs):
    start = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - start


# --- time limits ----------------------------------------------------------------------


def test_exact_frustration_of_a_large_random_graph_stops_near_its_time_limit():
    E = random_edges(40_000, seed=1)

    # 3 s leave the relaxation time to start separating cycle inequalities
    result, seconds = timed(frustration, E, time_limit=3.0)

    assert seconds < 3.0 * SLACK
    assert not result.optimal
    assert result.lower_bound <= result.index == len(result.frustrated)


@pytest.mark.parametrize("method", ["heuristic", "exact"])
def test_frustration_stops_near_its_time_limit_when_the_spectral_start_is_slow(method):
    # ARPACK needs a very long time for the leading eigenvector of a long path
    rng = np.random.default_rng(2)
    G = nx.path_graph(20_000)
    nx.set_edge_attributes(G, {e: int(s) for e, s in zip(G.edges, rng.choice([-1, 1], 19_999),
                                                          strict=True)}, "sign")

    result, seconds = timed(frustration, G, method=method, time_limit=1.0)

    assert seconds < 1.0 * SLACK
    assert (result.index, result.optimal) == (0.0, True)  # a path is always balanceable


def test_frustration_of_many_small_components_stops_near_its_time_limit():
    G = nx.Graph()
    for i in range(10_000):  # disjoint K4s, each with one negative tie
        quad = [f"q{i}-{j}" for j in range(4)]
        G.add_edges_from(((a, b) for k, a in enumerate(quad) for b in quad[k + 1:]), sign=1)
        G.edges[quad[0], quad[1]]["sign"] = -1

    _, floor = timed(frustration, G, time_limit=0.0)  # the pass that always runs
    result, seconds = timed(frustration, G, time_limit=1.0)

    assert seconds < 2 * floor + 1.0 * SLACK
    assert result.lower_bound <= result.index == 10_000


def test_a_zero_time_limit_still_gives_a_consistent_partition():
    E = random_edges(2_000, seed=3)

    result = frustration(E, time_limit=0.0)

    assert result.index == len(result.frustrated) > 0
    assert sorted(result.factions[0] + result.factions[1]) == sorted(E.nodes.tolist())


def test_a_negative_time_limit_is_refused():
    with pytest.raises(KGError, match="time limit"):
        frustration(nx.Graph([("a", "b", {"sign": 1})]), time_limit=-1)


# --- weights ----------------------------------------------------------------------------


def graph_with_weight(value) -> nx.Graph:
    G = nx.Graph()
    G.add_edge("a", "b", sign=1, weight=1.0)
    G.add_edge("b", "c", sign=1, weight=value)
    G.add_edge("a", "c", sign=-1, weight=1.0)
    return G


MEASURES = {
    "balance": lambda G: balance(G),
    "frustration": lambda G: frustration(G),
    "weighted frustration": lambda G: frustration(G, weight="weight", method="heuristic"),
    "strength": lambda G: centrality(G, measure="strength"),
    "pagerank": lambda G: centrality(G, measure="pagerank"),
    "wedges": lambda G: wedges(G),
}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e308, 2e6, "heavy"])
@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_every_measure_refuses_a_weight_that_is_not_a_bounded_number(measure, value):
    with pytest.raises(KGError, match=r"edge \('b', 'c'\): weight .* at most 1e\+06"):
        MEASURES[measure](graph_with_weight(value))


def test_frustration_refuses_huge_weights_handed_over_as_arrays():
    E = SignedEdges.from_rows(["a", "b"], ["b", "c"], [1, -1], [1.0, 1.0])
    huge = SignedEdges(E.nodes, E.u, E.v, E.sign, np.array([1e308, 1e308]), E.mixed,
                       E.positive_weight, E.negative_weight)

    with pytest.raises(KGError, match="weight 1e\\+308 is not a finite number"):
        frustration(huge, weight="weight")


def rdf_with_weight(tmp_path, literal: str):
    text = (FIXTURES / "triangle.trig").read_text(encoding="utf-8")
    at = text.index("kg:weight 4.0", text.index("kgr:rel-b-c a kg:Relation"))
    path = tmp_path / "weights.trig"
    path.write_text(text[:at] + f"kg:weight {literal}" + text[at + len("kg:weight 4.0"):],
                    encoding="utf-8")
    return load([str(path)])


DOUBLE = "^^<http://www.w3.org/2001/XMLSchema#double>"


@pytest.mark.parametrize("literal", [
    f'"NaN"{DOUBLE}', f'"INF"{DOUBLE}', "1e308", "2000000.0", f'"heavy"{DOUBLE}',
])
def test_rdf_weight_that_is_not_a_bounded_number_is_refused_naming_the_statement(
        tmp_path, literal):
    dataset = rdf_with_weight(tmp_path, literal)

    with pytest.raises(KGError, match=r"^kgr:rel-b-c has kg:weight .* at most 1e\+06"):
        signed_graph(dataset)


def test_rdf_weight_of_zero_keeps_its_meaning(tmp_path):
    dataset = rdf_with_weight(tmp_path, "0.0")

    S = signed_graph(dataset)

    b, c = (f"https://w3id.org/kg-relations/id/{x}" for x in "bc")
    assert (S.edges[b, c]["sign"], S.edges[b, c]["weight"]) == (-1, 0.0)


# --- numerical failures -----------------------------------------------------------------


def positive(G: nx.Graph) -> nx.Graph:
    nx.set_edge_attributes(G, 1, "sign")
    return G


def test_eigenvector_centrality_that_does_not_converge_says_what_to_try():
    with pytest.raises(KGError, match="did not converge.*try degree, strength or pagerank"):
        centrality(positive(nx.cycle_graph(1000)), measure="eigenvector")


def test_eigenvector_centrality_of_a_network_in_parts_says_what_to_try():
    with pytest.raises(KGError, match="2 separate parts.*try degree, strength or pagerank"):
        centrality(positive(nx.Graph([(1, 2), (3, 4)])), measure="eigenvector")


# --- sizes ------------------------------------------------------------------------------


def test_pn_of_a_large_sparse_graph_needs_no_dense_matrix():
    # a dense matrix of 100,000 x 100,000 floats would be 80 GB
    n = 100_000
    rng = np.random.default_rng(4)
    G = nx.gnm_random_graph(n, n, seed=4)
    signs = rng.choice([-1, 1], n)
    nx.set_edge_attributes(G, {e: int(s) for e, s in zip(G.edges, signs, strict=True)}, "sign")

    scores = centrality(G, measure="pn")

    x = np.empty(n)
    for s in scores:
        x[s.node] = s.value
    a, b = np.array(G.edges).T
    tie = np.where(signs > 0, 1.0, -2.0)
    A = sparse.csr_matrix((np.concatenate([tie, tie]), (np.concatenate([a, b]),
                           np.concatenate([b, a]))), shape=(n, n))
    assert np.abs(x - A @ x / (2 * n - 2) - 1).max() < 1e-9


def test_sparse_pn_gives_the_dense_numbers(monkeypatch):
    graphs = [G for G in random_signed_graphs(60, seed=8, max_nodes=12) if len(G) > 2]
    dense = [centrality(G, measure="pn") for G in graphs]

    monkeypatch.setattr(centrality_module, "PN_DENSE_NODES", 0)
    iterative = [centrality(G, measure="pn") for G in graphs]

    for one, other in zip(dense, iterative, strict=True):
        assert [s.node for s in one] == [s.node for s in other]
        assert [s.value for s in one] == pytest.approx([s.value for s in other], abs=1e-9)


def test_betweenness_refuses_a_network_beyond_its_work_limit():
    G = positive(nx.gnm_random_graph(5_500, 5_500, seed=5))

    with pytest.raises(KGError, match="5,500 x 5,500 here, more than the 30,000,000"):
        centrality(G, measure="betweenness")


def test_wedge_search_walks_the_smaller_neighbourhood_of_a_hub(monkeypatch):
    G = positive(nx.star_graph(20_000))
    monkeypatch.setattr(wedges_module, "MAX_WORK", 2 * G.number_of_edges())

    assert wedges(G) == []


def test_wedge_search_beyond_its_work_limit_is_refused(monkeypatch):
    G = positive(nx.complete_graph(30))
    for other in range(1, 30):
        G.edges[0, other]["sign"] = -1
    monkeypatch.setattr(wedges_module, "MAX_WORK", 1_000)

    with pytest.raises(KGError, match="more than 1,000 candidate pivots.*name one friendly pair"):
        wedges(G)


def all_negative(n: int) -> nx.Graph:
    G = nx.complete_graph(n)
    nx.set_edge_attributes(G, -1, "sign")
    return G


def test_balance_refuses_to_list_more_triangles_than_it_can_hold(monkeypatch):
    monkeypatch.setattr(balance_module, "MAX_LISTED", 10)

    with pytest.raises(KGError, match="more than 10 unbalanced triangles.*--limit"):
        balance(all_negative(8))


def test_balance_with_a_limit_counts_every_triangle_and_lists_the_first(monkeypatch):
    monkeypatch.setattr(balance_module, "MAX_LISTED", 10)

    result = balance(all_negative(8), limit=5)

    assert result.census["---"] == 56
    assert [t.nodes for t in result.unbalanced] == [(0, 1, 2), (0, 1, 3), (0, 1, 4), (0, 1, 5),
                                                   (0, 1, 6)]


def test_balance_with_a_limit_keeps_the_first_triangles_across_blocks(monkeypatch):
    monkeypatch.setattr(triads_module, "_BLOCK", 7)
    for G in random_signed_graphs(20, seed=9, max_nodes=12):
        odd = [nodes for nodes, signs in brute_force_triangles(G)
               if sum(s < 0 for s in signs) % 2]

        result = balance(G, limit=3)

        assert [t.nodes for t in result.unbalanced] == odd[:3]


def test_strategic_triangles_refuse_more_triangles_than_they_can_hold(monkeypatch):
    monkeypatch.setattr(strategic_module, "MAX_LISTED", 10)

    with pytest.raises(KGError, match="more than 10 triangles"):
        strategic_triangles(all_negative(8))
