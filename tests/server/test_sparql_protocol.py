"""`kg serve` speaks the SPARQL 1.1 Protocol: a real server, a real client."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef
from server_helpers import Server
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from kg.rdf.shipped import data_dir
from kg.sparql.named import check_named, named_query, query_names
from kg.sparql.results import results_json

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
EVIDENCE = "statement-evidence"
STATES = "SELECT ?state ?label WHERE { ?state a kg:State ; rdfs:label ?label } ORDER BY ?state"
DISTINCT_STATES = "SELECT DISTINCT ?state WHERE { ?state a kg:State }"
ASK = "ASK { ?s a kg:State }"
CONSTRUCT = "CONSTRUCT { ?s a kg:State } WHERE { ?s a kg:State }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(log=tmp_path_factory.mktemp("serve") / "stderr.log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def reference():
    """What `kg query` answers on the same data, as JSON bindings."""
    from kg.sparql.engine_oxigraph import StoreEngine
    from kg.sparql.run import run_query

    engine = StoreEngine.in_memory(sorted(p for p in data_dir().iterdir() if p.is_dir()))

    def rows(text: str) -> list[str]:
        return comparable(results_json(run_query(engine, text))["results"]["bindings"])
    return rows


def comparable(bindings: list[dict]) -> list[str]:
    """Bindings as sorted text; blank nodes have no shared name."""
    out = []
    for binding in bindings:
        binding = {var: ({"type": "bnode"} if value["type"] == "bnode" else value)
                   for var, value in binding.items()}
        out.append(json.dumps(binding, sort_keys=True))
    return sorted(out)


def wrapper(server: Server, query: str, fmt=JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_select_returns_the_statements_with_their_quotes(server):
    result = wrapper(server, named_query(EVIDENCE).text).queryAndConvert()

    rows = result["results"]["bindings"]
    assert rows and "quote" in result["head"]["vars"]
    assert any(row.get("quote", {}).get("value", "").strip() for row in rows)


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_gives_the_rows_of_kg_query(server, reference, name):
    text = named_query(name).text
    if check_named(name).form != "select":
        pytest.skip("not a SELECT")

    # httpx: SPARQLWrapper takes a word in a query's comments for its form
    result = server.get({"query": text}, {"Accept": "application/sparql-results+json"}).json()

    assert comparable(result["results"]["bindings"]) == reference(text)


def test_select_as_xml_holds_the_same_rows(server):
    document = wrapper(server, STATES, XML).queryAndConvert()

    results = document.getElementsByTagName("result")
    assert len(results) == len(server.get({"query": STATES}).json()["results"]["bindings"])
    assert results[0].getElementsByTagName("uri")[0].firstChild.data.startswith("https://")


def test_select_as_csv_reads_with_the_csv_module(server):
    response = server.get({"query": STATES}, {"Accept": "text/csv"})

    rows = list(csv.reader(io.StringIO(response.text)))
    assert response.headers["content-type"].startswith("text/csv")
    assert rows[0] == ["state", "label"]
    assert len(rows) == 1 + len(server.get({"query": STATES}).json()["results"]["bindings"])


def test_select_as_tsv_writes_terms_in_ntriples_syntax(server):
    response = server.get({"query": STATES}, {"Accept": "text/tab-separated-values"})

    header, first = response.text.split("\n")[:2]
    assert header == "?state\t?label"
    assert first.startswith("<https://") and first.split("\t")[1].startswith('"')


def test_ask_answers_a_boolean(server):
    assert server.get({"query": ASK}).json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize("accept, parser", [("text/turtle", "turtle"),
                                            ("application/n-triples", "nt"),
                                            ("application/ld+json", "json-ld")])
def test_construct_answers_in_each_graph_format(server, accept, parser):
    response = server.get({"query": CONSTRUCT}, {"Accept": accept})

    graph = Graph().parse(data=response.text, format=parser)
    assert response.headers["content-type"].startswith(accept)
    assert len(graph) == len(server.get({"query": DISTINCT_STATES}).json()["results"]["bindings"])


def test_a_format_that_cannot_hold_the_answer_is_406(server):
    assert server.get({"query": CONSTRUCT}, {"Accept": "text/csv"}).status_code == 406
    assert server.get({"query": STATES}, {"Accept": "image/png"}).status_code == 406


def test_post_as_form_and_as_sparql_query_give_the_same_answer(server):
    form = httpx.post(server.url, data={"query": STATES}, timeout=30)
    body = httpx.post(server.url, content=STATES.encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=30)

    assert form.status_code == body.status_code == 200
    assert form.json() == body.json()


def test_sparql_without_a_query_is_the_service_description(server):
    response = server.get(headers={"Accept": "text/turtle"})

    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef(server.url)
    assert (service, None, SD.Service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph


def test_updates_are_refused(server):
    by_param = httpx.post(server.url, data={"update": "CLEAR ALL"}, timeout=30)
    by_body = httpx.post(server.url, content=b"CLEAR ALL", timeout=30,
                         headers={"Content-Type": "application/sparql-update"})
    as_query = server.get({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})

    assert by_param.status_code == by_body.status_code == as_query.status_code == 400
    assert "updates are" in as_query.text


def test_an_oversized_request_is_413(server):
    response = httpx.post(server.url, content=b"#" * 300_000 + b"\nASK {}", timeout=30,
                          headers={"Content-Type": "application/sparql-query"})

    assert response.status_code == 413


def test_every_response_carries_the_security_headers(server):
    response = server.get({"query": ASK})

    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_cors_is_off_by_default(server):
    response = server.get({"query": ASK}, {"Origin": "https://elsewhere.example"})

    assert "access-control-allow-origin" not in response.headers


def test_health_says_ok(server):
    response = server.get(path="/health")

    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_a_query_the_store_refuses_is_400(server):
    response = server.get({"query": "SELECT * WHERE { ?s ?p ?o } GROUP BY ?s"})

    assert response.status_code == 400
    assert response.text.startswith("the store refused the query")
