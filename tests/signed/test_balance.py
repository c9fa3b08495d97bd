import networkx as nx
import numpy as np
import pytest
from signed_helpers import brute_force_triangles, random_signed_graphs

from kg.errors import KGError
from kg.signed.arrays import SignedEdges
from kg.signed.balance import balance
from kg.signed.triads import TRIAD_TYPES, triad_census, triangle_edges


@pytest.mark.parametrize("seed", range(4))
def test_census_matches_brute_force_on_random_graphs(seed):
    for G in random_signed_graphs(50, seed=seed, max_nodes=12):
        expected = dict.fromkeys(TRIAD_TYPES, 0)
        for _, signs in brute_force_triangles(G):
            expected[TRIAD_TYPES[sum(s < 0 for s in signs)]] += 1

        assert balance(G).census == expected


def test_unbalanced_triangles_match_brute_force():
    for G in random_signed_graphs(60, seed=7, max_nodes=9):
        expected = [(nodes, signs) for nodes, signs in brute_force_triangles(G)
                    if sum(s < 0 for s in signs) % 2]

        found = [(t.nodes, t.signs) for t in balance(G).unbalanced]

        assert found == expected


def test_census_scales_past_the_block_size():
    rng = np.random.default_rng(3)
    n, m = 400, 20_000
    keys = np.unique(np.sort(rng.integers(0, n, (m, 2)), axis=1) @ np.array([n, 1]))
    u, v = keys // n, keys % n
    keep = u != v
    G = nx.Graph()
    G.add_edges_from(zip(u[keep].tolist(), v[keep].tolist(), strict=True), sign=1)

    census = triad_census(SignedEdges.from_graph(G))

    assert census["+++"] == sum(nx.triangles(G).values()) // 3


def test_share_is_none_without_triangles():
    G = nx.Graph([("a", "b", {"sign": 1})])

    result = balance(G)

    assert result.share is None and result.triangles == 0


def test_mixed_dyads_are_flagged_on_their_triangles():
    G = nx.Graph()
    G.add_edge("a", "b", sign=-1, mixed=True)
    G.add_edge("b", "c", sign=-1)
    G.add_edge("a", "c", sign=-1)

    (t,) = balance(G).unbalanced

    assert t.triad == "---" and t.mixed


def test_balance_refuses_an_unsigned_edge():
    with pytest.raises(KGError, match="unsigned edge"):
        balance(nx.Graph([("a", "b")]))


def test_triangles_of_an_empty_graph():
    E = SignedEdges.from_rows([], [], [], [])

    assert triangle_edges(E).shape == (0, 3)
