import pytest
from conftest import FIXTURES

from kg.errors import KGError
from kg.rdf.load import load
from kg.signed.network import actor_labels, actor_multigraph, read_edge_list, signed_graph

FIXTURE = FIXTURES / "triangle.trig"
KGR = "https://w3id.org/kg-relations/id/"


@pytest.fixture(scope="module")
def dataset():
    return load([FIXTURE])


def test_multigraph_nodes_carry_label_type_and_wikidata(dataset):
    G = actor_multigraph(dataset)

    assert G.nodes[KGR + "a"] == {
        "label": "Aland", "type": "kg:State", "wikidata": "http://www.wikidata.org/entity/Q1",
    }
    assert G.nodes[KGR + "league"]["type"] == "kg:InternationalOrganization"


def test_multigraph_keys_relation_edges_by_statement(dataset):
    G = actor_multigraph(dataset, layers=("relation",))

    data = G.edges[KGR + "b", KGR + "c", KGR + "rel-b-c"]

    assert data == {
        "layer": "relation", "sign": 1, "kind": "kgc:alignment", "weight": 4.0,
        "directed": False, "statements": (KGR + "rel-b-c",), "claimants": (),
    }


def test_pressure_layer_is_negative_and_directed(dataset):
    G = actor_multigraph(dataset, layers=("pressure",))

    (u, v, data), = G.edges(data=True)

    assert (u, v) == (KGR + "a", KGR + "b")
    assert (data["sign"], data["directed"], data["kind"]) == (-1, True, "kgc:pressure")


def test_agreement_weight_comes_from_the_status_cameo_class(dataset):
    G = actor_multigraph(dataset, layers=("agreement",))

    (u, v, key, data), = G.edges(keys=True, data=True)

    assert key == f"agreement {KGR}pact-a-c {KGR}a {KGR}c"
    assert (data["sign"], data["weight"], data["kind"]) == (1, 8.0, "kg:party")


def test_membership_layer_links_member_to_organization(dataset):
    G = actor_multigraph(dataset, layers=("membership",))

    (u, v, data), = G.edges(data=True)

    assert (u, v) == (KGR + "a", KGR + "league")
    assert data["statements"] == (KGR + "membership-a-league",)


def test_signed_graph_keeps_a_mixed_dyad_visible(dataset):
    S = signed_graph(dataset)

    data = S.edges[KGR + "a", KGR + "b"]

    assert (data["sign"], data["weight"], data["mixed"]) == (1, 4.0, True)
    assert (data["positive_weight"], data["negative_weight"]) == (8.0, 4.0)
    assert data["statements"] == (KGR + "pressure-a-b", KGR + "rel-a-b", KGR + "rel-a-b-aligned")


def test_signed_graph_keeps_who_presses_whom(dataset):
    S = signed_graph(dataset)

    assert S.edges[KGR + "b", KGR + "a"]["pressures"] == (
        (KGR + "a", KGR + "b", KGR + "pressure-a-b"),)
    assert S.edges[KGR + "b", KGR + "c"]["pressures"] == ()


def test_signed_graph_without_the_pressure_layer_has_no_pressures(dataset):
    S = signed_graph(dataset, layers=("relation",))

    assert S.edges[KGR + "a", KGR + "b"]["pressures"] == ()


def test_actor_labels_name_actors_without_ties(dataset):
    assert actor_labels(dataset)[KGR + "league"] == "League"


def test_signed_graph_with_agreements_turns_a_rivalry_mixed(dataset):
    S = signed_graph(dataset, layers=("relation", "agreement"))

    data = S.edges[KGR + "a", KGR + "c"]

    assert (data["sign"], data["weight"], data["mixed"]) == (1, 4.0, True)


def test_unknown_layer_is_refused(dataset):
    with pytest.raises(KGError, match="unknown layer 'alliances'"):
        actor_multigraph(dataset, layers=("alliances",))


def write(tmp_path, text):
    path = tmp_path / "ties.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_edge_list_collapses_repeated_pairs(tmp_path):
    path = write(tmp_path, "source,target,sign,weight\nA,B,+1,2\nB,A,-1,3\nB,C,+,\n")

    G = read_edge_list(path)

    assert G.edges["A", "B"]["sign"] == -1 and G.edges["A", "B"]["mixed"]
    assert G.edges["A", "B"]["lines"] == (2, 3)
    assert G.edges["B", "C"]["weight"] == 1.0


def test_edge_list_with_blank_lines_keeps_true_line_numbers(tmp_path):
    plain = read_edge_list(write(tmp_path, "source,target,sign\nA,B,+1\nB,C,-1\n"))
    spaced = read_edge_list(write(tmp_path, "\nsource,target,sign\n\nA,B,+1\n\nB,C,-1\n"))

    assert list(plain.edges(data="lines")) == [("A", "B", (2,)), ("B", "C", (3,))]
    assert list(spaced.edges(data="lines")) == [("A", "B", (4,)), ("B", "C", (6,))]


def test_edge_list_reads_columns_in_any_order(tmp_path):
    path = write(tmp_path, "sign,target,note,source\n-1,B,x,A\n")

    G = read_edge_list(path)

    assert list(G.edges(data="sign")) == [("A", "B", -1)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source,target,sign\nA,B,+1\nA,C,\n", "ties.csv:3: unsigned edge A-C"),
        ("source,target,sign\n\nA,B,positive\n", "ties.csv:3: unsigned edge A-B"),
        ("from,to,sign\nA,B,+1\n", "ties.csv:1: the first row must name the columns"),
        ("source,target,sign\nA,B\n", "ties.csv:2: expected 3 columns, found 2"),
        ("source,target,sign,weight\nA,B,+1,heavy\n", "ties.csv:2: weight 'heavy' is not a number"),
        ("source,target,sign,weight\nA,B,+1,-2\n", "ties.csv:2: negative weight on a positive"),
        ("source,target,sign,weight\nA,B,+1,0\n", "ties.csv:2: weight must not be 0"),
        ("source,target,sign,weight\nA,B,+1,1\nB,C,-1,1e308\n",
         "ties.csv:3: weight '1e308' is too large: at most 1e+06 in size"),
        ("source,target,sign,weight\nA,B,-1,-1e7\n", "ties.csv:2: weight '-1e7' is too large"),
        ("source,target,sign\nA,A,-1\n", "ties.csv:2: self-loop"),
        ("", "ties.csv: empty file"),
    ],
)
def test_edge_list_errors_name_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)

    with pytest.raises(KGError) as caught:
        read_edge_list(path)

    assert str(caught.value).startswith(str(tmp_path / "")) and message in str(caught.value)


def test_missing_edge_list_is_one_error(tmp_path):
    with pytest.raises(KGError, match="no such file"):
        read_edge_list(tmp_path / "absent.csv")


def test_signed_graph_refuses_an_already_collapsed_graph(dataset):
    S = signed_graph(dataset)

    with pytest.raises(KGError, match="needs a MultiDiGraph"):
        signed_graph(S)


CLAIMED_TIES = """
@prefix kg:  <https://w3id.org/kg-relations/ontology#> .
@prefix kgc: <https://w3id.org/kg-relations/concept/> .
@prefix kgr: <https://w3id.org/kg-relations/id/> .
kgr:a a kg:State . kgr:b a kg:State . kgr:c a kg:State .
kgr:x a kg:Person . kgr:y a kg:Person .
kgr:fact a kg:Relation ; kg:fromActor kgr:a ; kg:toActor kgr:b ; kg:relationKind kgc:rivalry ;
    kg:polarity -1 ; kg:weight -4.0 , -4.5 ; kg:directed false .
kgr:claim a kg:Relation , kg:Claim ; kg:claimant kgr:y , kgr:x ;
    kg:fromActor kgr:b ; kg:toActor kgr:c ; kg:relationKind kgc:alignment ;
    kg:polarity 1 ; kg:weight 4.0 ; kg:directed false .
"""


@pytest.fixture(scope="module")
def claimed(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "ties.ttl"
    path.write_text(CLAIMED_TIES, encoding="utf-8")
    return load([path], check_terms=False)


def test_a_claimed_tie_names_every_claimant_and_a_fact_none(claimed):
    G = actor_multigraph(claimed, layers=("relation",))

    assert G.edges[KGR + "b", KGR + "c", KGR + "claim"]["claimants"] == (KGR + "x", KGR + "y")
    assert G.edges[KGR + "a", KGR + "b", KGR + "fact"]["claimants"] == ()


def test_leaving_claims_out_keeps_only_the_facts(claimed):
    S = signed_graph(claimed, claims=False)

    assert sorted(S.edges) == [(KGR + "a", KGR + "b")]
    assert sorted(signed_graph(actor_multigraph(claimed), claims=False).edges) == sorted(S.edges)
