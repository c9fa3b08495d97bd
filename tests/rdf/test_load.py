"""kg.rdf.load reads every supported RDF format and keeps named graphs."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.errors import KGError
from kg.rdf.load import ONTOLOGY_GRAPH, load
from kg.rdf.namespaces import KGR

FORMATS = [("ttl", "turtle"), ("nt", "nt"), ("trig", "trig"), ("nq", "nquads"),
           ("jsonld", "json-ld")]


def data_triples(dataset: Dataset) -> Graph:
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o, g in dataset.quads() if g != ONTOLOGY_GRAPH)
    return graph


@pytest.mark.parametrize(("suffix", "fmt"), FORMATS, ids=[f[0] for f in FORMATS])
def test_each_format_loads_the_same_triples(summit, tmp_path, suffix, fmt):
    quads = fmt in ("trig", "nquads", "json-ld")
    source = Dataset()
    source.addN(
        (s, p, o, source.graph(g)) for s, p, o, g in summit.quads() if g != ONTOLOGY_GRAPH
    )
    text = (source if quads else data_triples(summit)).serialize(format=fmt)
    path = tmp_path / f"summit.{suffix}"
    path.write_text(text, encoding="utf-8")
    reloaded = load([path])
    assert isomorphic(data_triples(reloaded), data_triples(summit))
    if quads:
        assert graph_names(reloaded) == graph_names(summit)


def graph_names(dataset: Dataset) -> set:
    return {g.identifier for g in dataset.graphs() if len(g) and g.identifier != ONTOLOGY_GRAPH}


def test_named_graphs_are_kept(summit):
    names = {g.identifier for g in summit.graphs() if len(g)}
    assert {KGR["graph-summit-2025"], KGR["graph-summit-2025-background"], ONTOLOGY_GRAPH} <= names


def test_a_folder_loads_all_its_rdf_files_and_skips_text(summit):
    assert (KGR["india"], None, None) in summit
    assert (KGR["brics"], None, None) in summit


def test_relative_iris_mean_the_same_wherever_the_file_lies(tmp_path):
    text = '@prefix kg: <https://w3id.org/kg-relations/ontology#> .\n<avalon> a kg:State .\n'
    for folder in ("one", "two/deeper"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "s.ttl").write_text(text, encoding="utf-8")

    subjects = [
        {str(q[0]) for q in load([tmp_path / f / "s.ttl"], check_terms=False,
                                  with_ontology=False)}
        for f in ("one", "two/deeper")
    ]

    assert subjects[0] == subjects[1] == {"https://w3id.org/kg-relations/id/avalon"}


def test_an_undeclared_term_is_named_where_it_is_used_not_where_it_is_mentioned(tmp_path):
    (tmp_path / "a.ttl").write_text("@prefix kgr: <https://w3id.org/kg-relations/id/> .\n"
                                    "# kg:Bogus is only mentioned here\n"
                                    "kgr:x kgr:y kgr:z .\n")
    (tmp_path / "b.ttl").write_text("@prefix kg: <https://w3id.org/kg-relations/ontology#> .\n"
                                    "@prefix kgr: <https://w3id.org/kg-relations/id/> .\n"
                                    "kgr:x a kg:Bogus .\n")

    with pytest.raises(KGError) as err:
        load([tmp_path / "a.ttl", tmp_path / "b.ttl"])

    assert str(err.value) == (f"{tmp_path / 'b.ttl'}:3: unknown term kg:Bogus: "
                              "not declared in ontology/kg.ttl")


def test_a_files_own_prefixes_do_not_rename_the_projects(tmp_path):
    (tmp_path / "a.ttl").write_text("@prefix xx: <https://w3id.org/kg-relations/id/> .\n"
                                    "xx:x xx:y xx:z .\n")

    dataset = load([tmp_path / "a.ttl"])

    assert dataset.namespace_manager.normalizeUri(URIRef(KGR["x"])) == "kgr:x"
