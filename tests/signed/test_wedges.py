import itertools

import networkx as nx
import numpy as np
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


# --- coercive wedges --------------------------------------------------------------------


def pressing(W, A):
    """Edge data of a hostile tie W-A that holds a pressure of W on A."""
    return {"sign": -1, "pressures": ((W, A, f"urn:pressure-{W}-{A}"),)}


def test_a_common_enemy_pressing_one_member_is_a_coercive_wedge():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", {"sign": -1}),
                  ("W", "A", pressing("W", "A"))])

    found = [(w.kind, w.a, w.b, w.pivot, [(s.node, s.stance) for s in w.sponsors], w.score,
              w.strain, w.prediction) for w in wedges(G)]

    assert found == [("coercive", "A", "B", None, [("W", "pressing")], 0.0, 0.0,
                      "predicted to tighten the pair")]


def test_a_common_enemy_that_presses_nobody_is_no_wedge():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", {"sign": -1}), ("W", "A", {"sign": -1})])

    assert wedges(G) == []


def test_a_pressure_from_a_friend_of_the_other_member_is_no_coercive_wedge():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", {"sign": 1}),
                  ("W", "A", pressing("W", "A"))])

    assert wedges(G, kinds=("coercive",)) == []


def test_a_pressure_on_the_other_member_counts_only_for_that_member():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", pressing("W", "B")),
                  ("W", "A", {"sign": -1, "pressures": (("A", "W", "urn:a-presses-w"),)})])

    assert [(w.a, w.b) for w in wedges(G)] == [("B", "A")]


def test_coercive_wedges_follow_the_accommodative_ones_strongest_pressure_first():
    G = nx.Graph()
    G.add_edge("A", "B", sign=1, weight=4.0)
    G.add_edge("P", "A", sign=1, weight=4.0)
    G.add_edge("P", "B", sign=-1, weight=4.0)
    G.add_edge("W", "A", sign=-1, weight=2.0, pressures=(("W", "A", "urn:w"),))
    G.add_edge("W", "B", sign=-1, weight=2.0)
    G.add_edge("V", "A", sign=-1, weight=8.0, pressures=(("V", "A", "urn:v"),))
    G.add_edge("V", "B", sign=-1, weight=8.0)

    found = wedges(G)

    assert [(w.kind, w.a, w.b, w.pivot) for w in found] == [
        ("accommodative", "A", "B", "P"), ("accommodative", "A", "P", "B"),
        ("coercive", "A", "B", None)]
    forced = found[-1]
    assert [s.node for s in forced.sponsors] == ["V", "W"]
    assert [s.support for s in forced.sponsors] == [1.0, 0.25]


def test_a_named_pair_gets_its_coercive_wedges_too():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", {"sign": -1}),
                  ("W", "A", pressing("W", "A")), ("C", "W", {"sign": 1})])

    assert [(w.kind, w.a) for w in wedges(G, "B", "A")] == [("coercive", "A")]


def test_kinds_choose_which_wedges_are_found():
    G = nx.Graph([("A", "B", {"sign": 1}), ("W", "B", {"sign": -1}),
                  ("W", "A", pressing("W", "A")), ("P", "A", {"sign": 1}),
                  ("P", "B", {"sign": -1})])

    assert {w.kind for w in wedges(G, kinds=("accommodative",))} == {"accommodative"}
    assert {w.kind for w in wedges(G, kinds="coercive")} == {"coercive"}
    with pytest.raises(KGError, match="unknown kind of wedge 'forced'"):
        wedges(G, kinds=("forced",))


def brute_force_coercive(G):
    """(pressed, other) -> the sponsors, by the definition."""
    found = {}
    for a, b, w in itertools.permutations(G, 3):
        if not (G.has_edge(a, b) and G.has_edge(w, a) and G.has_edge(w, b)):
            continue
        if not (G.edges[a, b]["sign"] > 0 or G.edges[a, b].get("mixed")):
            continue
        pressed = (w, a) in {(x, y) for x, y, _ in G.edges[w, a].get("pressures", ())}
        if G.edges[w, a]["sign"] < 0 and G.edges[w, b]["sign"] < 0 and pressed:
            found.setdefault((a, b), set()).add(w)
    return found


def test_coercive_wedges_match_their_definition_on_random_graphs():
    rng = np.random.default_rng(5)
    for G in random_signed_graphs(60, seed=34, max_nodes=8):
        for x, y in G.edges:
            direction = rng.integers(0, 4)  # none, x on y, y on x, both
            G.edges[x, y]["pressures"] = tuple(
                (p, q, f"urn:{p}-{q}") for bit, (p, q) in ((1, (x, y)), (2, (y, x)))
                if direction & bit)
            G.edges[x, y]["mixed"] = bool(rng.integers(0, 3) == 0)

        found = {(w.a, w.b): {s.node for s in w.sponsors}
                 for w in wedges(G, kinds=("coercive",))}

        assert found == brute_force_coercive(G)
