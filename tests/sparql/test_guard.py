"""A user's query never reaches the network or the file system.

Each refused query names a listener on 127.0.0.1, which must see no
connection: the refusal happens before any engine sees the query.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from network_helpers import SilentListener
from query_helpers import make_store
from rdflib import URIRef

from kg.cli import main
from kg.errors import KGError
from kg.sparql.engine_endpoint import EndpointEngine
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.guard import check_query
from kg.sparql.run import run_query
from kg.sparql.values import bound_text


@pytest.fixture()
def listener():
    socket = SilentListener()
    yield socket
    socket.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return make_store(tmp_path_factory)


@pytest.fixture(scope="module")
def memory(summit):
    return MemoryEngine(summit)


@pytest.fixture(scope="module")
def oxigraph_memory():
    """The shipped data as `kg query` reads it; Oxigraph would run SERVICE itself."""
    return StoreEngine.in_memory()


@pytest.fixture()
def local(memory, oxigraph_memory, store):
    return [memory, oxigraph_memory, StoreEngine(store)]


def engines(local, listener):
    # The endpoint is the listener itself: a query that got through would connect.
    return [*local, EndpointEngine(listener.url)]


SERVICE_QUERIES = {
    "top level": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "nested in OPTIONAL":
        "SELECT * WHERE { ?s a kg:State OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "in a subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "in FILTER EXISTS":
        "SELECT * WHERE { ?s a kg:State FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "silent, by variable": "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE SILENT ?e { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("where", SERVICE_QUERIES)
def test_query_rejects_service_clause(where, local, listener):
    text = SERVICE_QUERIES[where].replace("{url}", listener.url)
    for engine in engines(local, listener):
        with pytest.raises(KGError, match="SERVICE is not allowed"):
            run_query(engine, text)
    assert listener.connections() == 0


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_query_rejects_from_outside_the_store(clause, local, listener):
    # An endpoint is asked for its graphs first; tests/sparql/test_endpoint.py covers it.
    text = f"SELECT * {clause} <{listener.url}> WHERE {{ ?s ?p ?o }}"
    for engine in local:
        with pytest.raises(KGError, match="names a graph that is not in the store"):
            run_query(engine, text)
    assert listener.connections() == 0


def test_query_rejects_from_a_local_file(local, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    text = f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    for engine in local:
        with pytest.raises(KGError, match="not in the store"):
            run_query(engine, text)


def test_query_may_name_a_graph_of_the_store(store):
    text = ("SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/kg-relations/id/graph-summit-2025> "
            "WHERE { ?s a kg:State }")
    (row,) = run_query(StoreEngine(store), text).rows
    assert int(row[0]) == 5


# Updates that would reach outside the store, and why each is refused.
OUTSIDE_UPDATES = {
    "SERVICE in WHERE": ("INSERT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
                         "SERVICE is not allowed"),
    "LOAD": ("LOAD <{url}>", "LOAD is not allowed"),
    "LOAD SILENT INTO": ("LOAD SILENT <{url}> INTO GRAPH <urn:g>", "LOAD is not allowed"),
    "USING": ("INSERT { ?s a kg:State } USING <{url}> WHERE { ?s ?p ?o }",
              "USING .* not in the store"),
}


@pytest.mark.parametrize("case", OUTSIDE_UPDATES)
def test_update_reaching_outside_is_refused_even_with_update(case, store, listener):
    text, reason = OUTSIDE_UPDATES[case]
    with pytest.raises(KGError, match=reason):
        run_query(StoreEngine(store), text.replace("{url}", listener.url), update=True)
    assert listener.connections() == 0


def test_update_is_refused_without_the_update_flag(store):
    with pytest.raises(KGError, match="pass --update"):
        run_query(StoreEngine(store), "DELETE WHERE { ?s ?p ?o }")


def test_update_is_refused_in_memory_and_on_an_endpoint(memory, oxigraph_memory, listener):
    text = f"INSERT DATA {{ <{listener.url}> a kg:State }}"
    for engine in (memory, oxigraph_memory):
        with pytest.raises(KGError, match="on-disk store"):
            run_query(engine, text, update=True)
    with pytest.raises(KGError, match="no updates to an endpoint"):
        run_query(EndpointEngine(listener.url), text, update=True)
    assert listener.connections() == 0


def test_update_with_the_flag_changes_a_store(tmp_path_factory):
    store = make_store(tmp_path_factory)
    result = CliRunner().invoke(main, ["query", "--store", str(store), "--update",
                                       "INSERT DATA { kgr:avalon a kg:State }"])
    assert result.exit_code == 0, result.output
    asked = CliRunner().invoke(main, ["query", "--store", str(store),
                                      "ASK { kgr:avalon a kg:State }"])
    assert asked.output == "true\n"


def test_a_parameter_cannot_smuggle_a_service_clause(store, listener):
    value = f"<http://example.org/x> }} SERVICE <{listener.url}> {{ ?s ?p ?o }} <urn:y>"
    with pytest.raises(KGError, match="not a valid IRI"):
        run_query(StoreEngine(store), name="members", params={"organization": value})
    assert listener.connections() == 0


def test_a_string_parameter_stays_a_string_on_a_store(store, listener):
    value = f'x" }} SERVICE <{listener.url}> {{ ?s ?p ?o }} FILTER("'
    result = run_query(StoreEngine(store), name="resource-by-label", params={"text": value})
    assert result.rows == ()
    assert listener.connections() == 0


def test_a_parameter_name_must_be_a_variable_name(store):
    checked = check_query("SELECT ?x WHERE { ?x ?p ?o }")
    with pytest.raises(KGError, match="not a variable name"):
        bound_text(checked, {"x) } SERVICE <urn:x> { (": URIRef("urn:y")}, with_prefixes=False)


def test_service_inside_a_string_or_comment_is_harmless(memory):
    text = 'SELECT ?s WHERE { ?s rdfs:label "SERVICE <http://x> {}" } # SERVICE'
    assert run_query(memory, text).rows == ()


def test_timeout_stops_an_expensive_query_in_memory(memory):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(KGError, match=r"query stopped after 0.5 s \(--timeout\)"):
        run_query(memory, text, timeout=0.5)


def test_timeout_stops_an_expensive_query_on_a_store(store):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(KGError, match="query stopped after 0.5 s"):
        run_query(StoreEngine(store), text, timeout=0.5)


def test_timeout_from_the_command_line_says_so_and_exits_2():
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = CliRunner().invoke(main, ["query", "--timeout", "0.5", text])
    assert result.exit_code == 2
    assert result.output == ("Error: query stopped after 0.5 s (--timeout); narrow it, "
                             "add a LIMIT or allow more time\n")


def test_a_query_within_its_timeout_answers(memory):
    result = run_query(memory, "ASK { kgr:india a kg:State }", timeout=30)
    assert result.boolean is True


def test_syntax_error_shows_line_column_and_the_line():
    with pytest.raises(KGError) as info:
        check_query("SELECT ?x\nWHERE { ?x a kg:State .\n  ?x ?p }")
    assert str(info.value) == ("query:3: syntax error at column 3 (Expected SelectQuery): "
                               "'  ?x ?p }'")


def test_unknown_prefix_lists_the_predeclared_ones():
    with pytest.raises(KGError) as info:
        check_query("SELECT ?x WHERE {\n  ?x a foaf:Person }")
    message = str(info.value)
    assert message.startswith("query:2: unknown prefix foaf:; declare it with PREFIX")
    assert "kg, kgc, kgr" in message


def test_a_declared_prefix_is_accepted():
    checked = check_query("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
                          "SELECT ?x WHERE { ?x a foaf:Person }")
    assert checked.form == "select"
