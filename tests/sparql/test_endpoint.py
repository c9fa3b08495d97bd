"""The same answers from a real Oxigraph server over the SPARQL 1.1 protocol.

A fixture loads the shipped data with `kg load`, starts `oxigraph serve` on
127.0.0.1 on a free port, and stops it by its PID.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from network_helpers import SilentListener, free_port, oxigraph_serving
from query_helpers import make_store, normalized, short_rows
from rdflib import RDF, URIRef
from rdflib.namespace import ORG

from kg.cli import main
from kg.errors import KGError
from kg.sparql.engine_endpoint import EndpointEngine
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.named import named_query, query_names
from kg.sparql.run import run_query


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory)


@pytest.fixture(scope="module")
def oxigraph_memory():
    """The shipped data in Oxigraph's in-memory store, as `kg query` reads it."""
    return StoreEngine.in_memory()


@pytest.fixture(scope="module")
def server(store, tmp_path_factory):
    served = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(store, served)  # a server locks its folder
    with oxigraph_serving(served, "--union-default-graph") as url:
        yield url


#: The queries about one resource run about one, as their users run them (unbound,
#: rdflib takes half a minute over every resource of the graph).
ONE_RESOURCE = {"resource": "kgr:india"}


@pytest.mark.parametrize("name", query_names())
def test_every_shipped_query_gives_the_same_rows_everywhere(name, server, store, summit,
                                                           oxigraph_memory):
    params = ONE_RESOURCE if "resource" in named_query(name).params else {}
    on_memory = run_query(MemoryEngine(summit), name=name, params=params)
    on_oxigraph_memory = run_query(oxigraph_memory, name=name, params=params)
    on_store = run_query(StoreEngine(store), name=name, params=params)
    on_server = run_query(EndpointEngine(server), name=name, params=params)
    assert on_memory.rows or name not in ("describe-resource", "resource-qualifiers")
    assert normalized(on_oxigraph_memory) == normalized(on_memory)
    assert normalized(on_store) == normalized(on_memory)
    assert normalized(on_server) == normalized(on_memory)


def test_parameters_bind_on_the_server_as_in_memory(server, summit):
    params = {"a": "India", "b": "kgr:russia"}
    remote = run_query(EndpointEngine(server), name="agreements-between", params=params)
    local = run_query(MemoryEngine(summit), name="agreements-between", params=params)
    assert short_rows(remote) == short_rows(local)
    assert len(remote.rows) == 7


def test_query_command_against_the_endpoint(server):
    result = CliRunner().invoke(main, ["query", "--endpoint", server, "--name", "members",
                                       "--param", "organization=BRICS", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "organization,member,role,since,source,membership"
    assert len(result.output.splitlines()) == 4


def test_construct_and_ask_on_the_endpoint(server):
    engine = EndpointEngine(server)
    built = run_query(engine, "CONSTRUCT { ?a kg:rivalOf ?b } WHERE { ?a kg:rivalOf ?b }")
    asked = run_query(engine, "ASK { kgr:india kg:rivalOf kgr:china }")
    assert len(built.triples) == 1
    assert asked.boolean is True


def test_endpoint_refuses_from_outside_its_graphs(server):
    listener = SilentListener()
    try:
        with pytest.raises(KGError, match="names a graph that is not in the store"):
            run_query(EndpointEngine(server),
                      f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}")
        assert listener.connections() == 0
    finally:
        listener.close()


BACKGROUND = "<https://w3id.org/kg-relations/id/graph-summit-2025-background>"
ARTICLE_GRAPH = "<https://w3id.org/kg-relations/id/graph-summit-2025>"


def _graph(dataset, name: str):
    return dataset.graph(URIRef(name.strip("<>")))


def _memberships(graph) -> int:
    return len(set(graph.subjects(RDF.type, ORG.Membership)))


# (query, its count on the shipped data, read without SPARQL): FROM and FROM
# NAMED choose the dataset.
DATASET_CASES = [
    (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {BACKGROUND} {{ ?s ?p ?o }} }}",
     lambda ds: len(_graph(ds, BACKGROUND))),
    (f"SELECT (COUNT(*) AS ?n) FROM {BACKGROUND} WHERE {{ ?s ?p ?o }}",
     lambda ds: len(_graph(ds, BACKGROUND))),
    (f"SELECT (COUNT(DISTINCT ?s) AS ?n) FROM {BACKGROUND} WHERE {{ ?s a org:Membership }}",
     lambda ds: _memberships(_graph(ds, BACKGROUND))),
    (f"SELECT (COUNT(*) AS ?n) FROM NAMED {BACKGROUND} WHERE {{ ?s ?p ?o }}", lambda ds: 0),
    (f"SELECT (COUNT(*) AS ?n) FROM {BACKGROUND} FROM NAMED {ARTICLE_GRAPH} "
     "WHERE { GRAPH ?g { ?s ?p ?o } }", lambda ds: len(_graph(ds, ARTICLE_GRAPH))),
]


@pytest.mark.parametrize(("text", "count"), DATASET_CASES)
def test_from_chooses_the_dataset_on_every_local_engine(text, count, store, summit,
                                                        oxigraph_memory):
    engines = [MemoryEngine(summit), oxigraph_memory, StoreEngine(store)]
    assert [int(run_query(engine, text).rows[0][0]) for engine in engines] == [count(summit)] * 3


def test_endpoint_accepts_from_one_of_its_graphs(server, summit):
    # The query is not refused. (Oxigraph's server, run with
    # --union-default-graph, reads the union whatever FROM says.)
    text = ("SELECT (COUNT(DISTINCT ?s) AS ?n) "
            f"FROM {BACKGROUND} WHERE {{ ?s a org:Membership }}")
    (row,) = run_query(EndpointEngine(server), text).rows
    assert int(row[0]) == _memberships(summit)


def test_export_from_the_endpoint_keeps_named_graphs(server):
    result = CliRunner().invoke(main, ["export", "--endpoint", server, "--format", "nq"])
    assert result.exit_code == 0
    assert "<https://w3id.org/kg-relations/id/graph-summit-2025-background> .\n" in result.output


def test_unreachable_endpoint_is_one_line():
    port = free_port()
    result = CliRunner().invoke(main, ["query", "--endpoint", f"http://127.0.0.1:{port}/q",
                                       "ASK { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: http://127.0.0.1:{port}/q: cannot reach the "
                                    "endpoint:")


def test_endpoint_error_is_reported(server):
    base = server.rsplit("/", 1)[0]
    result = CliRunner().invoke(main, ["query", "--endpoint", f"{base}/nowhere",
                                       "ASK { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {base}/nowhere: the endpoint answered 404")
