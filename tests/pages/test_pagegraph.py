"""The page graph read from RDF, its lenses, focus and name resolution."""

import pytest
from conftest import FIXTURES

from kg.errors import KGError
from kg.pages.pagegraph import focus, lens, page_graph
from kg.rdf.load import load
from kg.rdf.namespaces import KGR

FIXTURE = FIXTURES / "render"
ALPHA, BETA, GAMMA, EPSILON = (str(KGR.alpha), str(KGR.beta), str(KGR.gamma),
                               str(KGR.epsilon))
DELTA, ADA, PACT, SUMMIT = (str(KGR["delta-league"]), str(KGR["ada-leader"]),
                            str(KGR["alpha-beta-pact"]), str(KGR.summit))


@pytest.fixture(scope="module")
def graph():
    return page_graph(load([FIXTURE]))


def test_page_graph_groups_nodes_by_class(graph):
    groups = dict(graph.nodes(data="group"))
    assert groups == {ALPHA: "state", BETA: "state", GAMMA: "state", EPSILON: "state",
                      DELTA: "organization",
                      ADA: "person", PACT: "initiative", SUMMIT: "event"}


def test_page_graph_keeps_label_type_wikidata_and_quotes(graph):
    alpha = graph.nodes[ALPHA]
    assert alpha["label"] == 'Alpha <img src=x onerror="window.__pwned=1">'
    assert alpha["type"] == "state"
    assert alpha["wikidata"] == "http://www.wikidata.org/entity/Q1"
    assert [(q.text, q.source) for q in alpha["quotes"]] == [
        ("Alpha said <script>window.__pwned=2</script> nothing.", "Fixture <b>report</b>")]


def test_relations_of_opposite_sign_merge_into_one_mixed_edge(graph):
    edge = graph.edges[ALPHA, BETA, "relation"]
    assert edge["sign"] == "mixed" and edge["mixed"]
    assert edge["kinds"] == ("economic cooperation", "rivalry")
    assert edge["weight"] == pytest.approx(10.4)
    assert [s["polarity"] for s in edge["statements"]] == [1, -1]


def test_pressure_is_a_directed_negative_edge_of_its_own_layer(graph):
    edge = graph.edges[BETA, GAMMA, "pressure"]
    assert (edge["sign"], edge["directed"], edge["source"], edge["target"]) == (
        "negative", True, GAMMA, BETA)
    assert "instrument: tariff" in edge["statements"][0]["details"]
    assert graph.edges[BETA, GAMMA, "relation"]["sign"] == "positive"


def test_structural_links_are_neutral_edges(graph):
    layers = {(k, d["kinds"]) for u, v, k, d in graph.edges(keys=True, data=True)
              if d["sign"] == "neutral"}
    assert layers == {("agreement", ("party to",)), ("affiliation", ("holds post",)),
                      ("participation", ("participant in",))}


def test_alliances_lens_keeps_signed_ties_between_states_and_organizations(graph):
    page = lens(graph, "alliances")
    assert set(page) == {ALPHA, BETA, GAMMA, DELTA, EPSILON}
    assert {k for _, _, k in page.edges(keys=True)} == {"relation"}


def test_pressures_lens_keeps_only_pressures_and_their_ends(graph):
    page = lens(graph, "pressures")
    assert sorted(page.edges(keys=True)) == [(BETA, GAMMA, "pressure")]
    assert set(page) == {BETA, GAMMA}


def test_agreements_lens_keeps_initiatives_with_their_parties(graph):
    page = lens(graph, "agreements")
    assert set(page) == {PACT, ALPHA, BETA}
    assert page.nodes[PACT]["status"] == "signed"


def test_balance_lens_keeps_signed_ties_among_actors(graph):
    page = lens(graph, "balance")
    assert {k for _, _, k in page.edges(keys=True)} == {"relation", "pressure"}
    assert PACT not in page and SUMMIT not in page


def test_unknown_lens_is_refused(graph):
    with pytest.raises(KGError, match="unknown lens 'friends'"):
        lens(graph, "friends")


def test_focus_keeps_the_neighbourhood_within_depth(graph):
    assert set(focus(graph, ALPHA, depth=0)) == {ALPHA}
    assert set(focus(graph, DELTA, depth=1)) == {DELTA, GAMMA, EPSILON}
    assert set(focus(graph, DELTA, depth=2)) == {DELTA, GAMMA, EPSILON, ALPHA, BETA}


def test_a_tie_that_is_someones_claim_says_whose_in_its_details():
    graph = page_graph(load())
    us, china = str(KGR["united-states"]), str(KGR.china)

    (tie,) = graph.edges[us, china, "relation"]["statements"]

    assert tie["id"] == "kgr:rel-us-china-adversary"
    assert "claim of CNA, not a fact" in tie["details"]


def test_a_quoted_tie_lists_its_sources_only_with_its_quotes(summit):
    statements = [s for _, _, d in page_graph(summit).edges(data=True)
                  for s in d["statements"] if d["layer"] in ("relation", "pressure")]
    quoted = [s for s in statements if s["quotes"]]
    assert quoted and all(s["sources"] == () and s["codes"] == () for s in quoted)
    assert all(q["source"] for s in quoted for q in s["quotes"])
