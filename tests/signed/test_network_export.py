"""`kg export` in the network formats: GraphML, GEXF and CSV files of the actor network."""

from __future__ import annotations

import csv

import networkx as nx
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.namespaces import KGR


def test_graphml_gives_the_actor_network_with_its_attributes(tmp_path):
    path = tmp_path / "actors.graphml"
    result = CliRunner().invoke(main, ["export", "--format", "graphml", "-o", str(path)])
    G = nx.read_graphml(path, force_multigraph=True)
    india, russia = KGR["india"], KGR["russia"]
    assert result.exit_code == 0
    assert G.nodes[str(india)] == {"label": "India", "type": "kg:State",
                                   "wikidata": "http://www.wikidata.org/entity/Q668"}
    rivalry = G.edges[str(india), str(KGR["china"]), str(KGR["rel-india-china-rivalry"])]
    assert rivalry == {"layer": "relation", "sign": -1, "kind": "kgc:rivalry", "weight": 4.0,
                       "signed_weight": -4.0, "directed": False,
                       "statements": str(KGR["rel-india-china-rivalry"])}
    assert G.number_of_edges(str(india), str(russia)) >= 4


def test_gexf_reads_back_into_networkx(tmp_path):
    path = tmp_path / "actors.gexf"
    CliRunner().invoke(main, ["export", "--format", "gexf", "-o", str(path)])
    G = nx.read_gexf(path)
    graphml = tmp_path / "actors.graphml"
    CliRunner().invoke(main, ["export", "--format", "graphml", "-o", str(graphml)])
    assert G.number_of_nodes() == nx.read_graphml(graphml).number_of_nodes()
    assert G.nodes[str(KGR["china"])]["label"] == "China"


def test_csv_writes_nodes_and_edges_into_a_folder(tmp_path):
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "net")])
    with open(tmp_path / "net" / "nodes.csv", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with open(tmp_path / "net" / "edges.csv", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    ids = {n["id"] for n in nodes}
    assert result.exit_code == 0
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    pressure = next(e for e in edges if e["key"] == str(KGR["pressure-us-tariffs-on-india"]))
    assert (pressure["layer"], pressure["sign"], pressure["weight"]) == ("pressure", "-1", "8.0")


def test_csv_needs_a_folder():
    result = CliRunner().invoke(main, ["export", "--format", "csv"])
    assert result.exit_code == 2
    assert "give a folder with -o" in result.output


def test_network_from_a_store_matches_memory(tmp_path):
    from kg.rdf.shipped import scenario_dir
    from kg.sparql.store import load_store

    load_store([scenario_dir()], tmp_path / "store")
    on_store = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "store"),
                                         "--format", "graphml"])
    in_memory = CliRunner().invoke(main, ["export", "--format", "graphml"])
    assert on_store.stdout == in_memory.stdout
