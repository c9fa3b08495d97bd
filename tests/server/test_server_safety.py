"""What `kg serve` refuses and bounds: the guard over HTTP, time, rows, load."""

from __future__ import annotations

import concurrent.futures
import time

import httpx
import pytest
from network_helpers import Listener
from server_helpers import SLOW, Server

from kg.server.middleware import query_hash


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server("--timeout", "1", "--max-concurrent", "2", "--max-waiting", "0",
                     "--max-rows", "3", "--allow-origin", "https://class.example.org",
                     log=tmp_path_factory.mktemp("serve") / "stderr.log")
    yield running
    running.stop()


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


REFUSED = {
    "service": ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    "load": ("LOAD <{url}/data.ttl>", "LOAD is not allowed"),
    "update": ("INSERT { ?s ?p ?o } WHERE { SERVICE <{url}/x> { ?s ?p ?o } }", "not allowed"),
    "from": ("SELECT * FROM <{url}/graph> WHERE { ?s ?p ?o }", "not in the store"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_a_query_that_would_leave_the_store_is_refused_with_400(server, listener, kind):
    text, message = REFUSED[kind]

    response = server.get({"query": text.replace("{url}", listener.url)})

    assert response.status_code == 400
    assert message in response.text and response.text.count("\n") == 1
    assert listener.connections() == 0


def test_a_slow_query_stops_at_the_timeout_while_others_are_answered(server):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        slow = pool.submit(server.get, {"query": SLOW})
        time.sleep(0.2)
        started = time.monotonic()
        quick = server.get({"query": "ASK { ?s a kg:State }"})
        quick_took = time.monotonic() - started
        stopped = slow.result()

    assert quick.status_code == 200 and quick_took < 0.9
    assert stopped.status_code == 500 and "stopped after 1 s" in stopped.text
    assert stopped.headers["x-kg-cut"] == "timeout=1"


def test_a_flood_beyond_the_bound_is_answered_503_at_once(server):
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        running = [pool.submit(server.get, {"query": SLOW}) for _ in range(2)]
        time.sleep(0.3)
        started = time.monotonic()
        refused = server.get({"query": "ASK { ?s ?p ?o }"})
        took = time.monotonic() - started
        [future.result() for future in running]

    assert refused.status_code == 503 and took < 0.5
    assert refused.headers["retry-after"] == "1"
    assert server.get({"query": "ASK { ?s ?p ?o }"}).status_code == 200  # workers replaced


def test_a_result_over_the_row_limit_is_cut_and_says_so(server):
    response = server.get({"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10"})

    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["x-kg-cut"] == "rows=3"


def test_allow_origin_opens_cors_to_that_origin(server):
    response = server.get({"query": "ASK {}"}, {"Origin": "https://class.example.org"})

    assert response.headers["access-control-allow-origin"] == "https://class.example.org"


def test_the_access_log_holds_the_query_hash_never_its_text(server):
    text = 'SELECT * WHERE { ?s rdfs:label "kg-private-marker-7731" }'
    httpx.post(server.url, data={"query": text}, timeout=30)
    time.sleep(0.2)

    log = server.log.read_text()
    assert "kg-private-marker" not in log
    assert f'"query_sha256": "{query_hash(text)}"' in log
    assert '"path": "/sparql"' in log and '"status": 200' in log
