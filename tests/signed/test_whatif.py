import networkx as nx
import pytest

from kg.errors import KGError
from kg.signed.whatif import Change, apply_change, whatif


def romantic() -> nx.Graph:
    G = nx.Graph()
    G.add_edges_from([("p", "w1"), ("p", "w2")], sign=1, weight=1.0)
    G.add_edge("w1", "w2", sign=-1, weight=1.0)
    return G


def test_flipping_the_hostile_tie_balances_the_triangle():
    result = whatif(romantic(), Change("flip", "w1", "w2"))

    ((nodes, before, after),) = result.triangle_changes()

    assert (before.kind, after.kind) == ("romantic triangle", "ménage à trois")
    assert ("frustration index", 1.0, 0.0) in result.summary()


def test_removing_a_tie_removes_its_triangle_and_wedges():
    result = whatif(romantic(), Change("remove", "p", "w1"))

    assert result.after.triangles == () and result.after.wedges == ()
    assert all(after is None for _, _, after, _, _ in result.wedge_changes())


def test_an_added_tie_weighs_the_median_weight():
    G = romantic()
    G.add_node("x")

    H = apply_change(G, Change("add", "x", "p", sign=-1))

    assert H.edges["x", "p"]["weight"] == 1.0 and H.edges["x", "p"]["hypothetical"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Change("flip", "w1", "q"), "'q' is not in the network"),
        (Change("add", "p", "w1", sign=1), "already tied"),
    ],
)
def test_impossible_changes_are_refused(change, message):
    with pytest.raises(KGError, match=message):
        apply_change(romantic(), change)


def test_an_added_tie_needs_a_sign():
    with pytest.raises(KGError, match="needs a sign"):
        Change("add", "a", "b")
