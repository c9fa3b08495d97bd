"""`kg export`: RDF that other tools read, the same bytes for the same graph."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT
from query_helpers import comparable
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.rdf.load import ONTOLOGY_GRAPH
from kg.rdf.namespaces import KGR
from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.export import export_rdf


def data_graph(dataset) -> Graph:
    graph = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g != ONTOLOGY_GRAPH:
            graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt")])
def test_triple_formats_hold_every_data_triple(summit, fmt, parser):
    text = export_rdf(MemoryEngine(summit).quads(), fmt=fmt)
    assert isomorphic(Graph().parse(data=text, format=parser), data_graph(summit))


@pytest.mark.parametrize("fmt,parser", [("nq", "nquads"), ("trig", "trig"),
                                        ("jsonld", "json-ld")])
def test_quad_formats_keep_the_named_graphs(summit, fmt, parser):
    text = export_rdf(MemoryEngine(summit).quads(), fmt=fmt)
    back = Dataset()
    back.parse(data=text, format=parser)
    names = {g.identifier for g in back.graphs() if len(g)}
    assert {KGR["graph-summit-2025"], KGR["graph-summit-2025-background"]} <= names
    assert ONTOLOGY_GRAPH not in names
    assert isomorphic(data_graph(back), data_graph(summit))


def test_ontology_is_kept_on_request(summit):
    text = export_rdf(MemoryEngine(summit).quads(), fmt="nq", with_ontology=True)
    assert f"<{ONTOLOGY_GRAPH}> .\n" in text


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf"])
def test_export_is_byte_identical_across_runs(tmp_path, fmt):
    outputs = []
    for seed in ("1", "2"):
        path = tmp_path / f"out-{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "cli.py", "export", "--format", fmt, "-o", str(path)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 10_000


def test_export_to_standard_output():
    result = CliRunner().invoke(main, ["export", "--format", "nt"])
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout, format="nt")) > 900


def test_failed_export_writes_no_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["export", "--data", str(bad), "--format", "ttl",
                                       "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}:1: syntax error")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl"]


def test_export_from_a_store_matches_memory(tmp_path, summit):
    from kg.rdf.shipped import scenario_dir
    from kg.sparql.store import load_store

    load_store([scenario_dir()], tmp_path / "store")
    result = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "store"),
                                       "--format", "nq"])
    from_store, from_memory = Dataset(), Dataset()
    from_store.parse(data=result.output, format="nquads")
    from_memory.parse(data=export_rdf(MemoryEngine(summit).quads(), fmt="nq"), format="nquads")
    assert quad_keys(from_store) == quad_keys(from_memory)


def quad_keys(dataset) -> list[tuple]:
    # Oxigraph writes decimals in canonical form (4.9E9 as "4900000000"): compare values.
    return sorted(tuple(comparable(t) for t in quad) for quad in dataset.quads())
