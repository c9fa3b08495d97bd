"""What `kg serve` bounds beyond a query's time and rows: a worker's memory, the
names it answers to (DNS rebinding), a body that never arrives, a client
that hangs up while its query runs."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest
from server_helpers import SLOW, Server

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

#: Sorts every pair of triples: memory grows with the square of the store.
GREEDY = "SELECT ?a ?b ?o WHERE { ?a ?p ?o . ?b ?q ?r } ORDER BY ?o ?a ?b LIMIT 1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server("--timeout", "4", "--max-concurrent", "2", "--max-memory", "64",
                     "--allow-host", "kg.example.org",
                     log=tmp_path_factory.mktemp("serve") / "stderr.log")
    yield running
    running.stop()


def workers(server) -> list[int]:
    """The query workers: the children of the server's children (the zygote)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                table[int(entry.name)] = int((entry / "stat").read_text()
                                             .rpartition(")")[2].split()[1])
            except OSError:
                pass
    zygotes = {pid for pid, ppid in table.items() if ppid == server.process.pid}
    return sorted(pid for pid, ppid in table.items() if ppid in zygotes)


def busy(server) -> int:
    return server.get(path="/health").json()["busy"]


def test_a_query_over_the_memory_bound_is_one_line_and_its_worker_is_replaced(server):
    before = workers(server)
    started = time.monotonic()

    response = server.get({"query": GREEDY})

    assert response.status_code == 500 and time.monotonic() - started < 4
    assert "--max-memory 64 MB" in response.text and response.text.count("\n") == 1
    assert server.get({"query": "ASK { ?s ?p ?o }"}).status_code == 200
    assert len(workers(server)) == 2 and workers(server) != before


def test_workers_are_the_first_the_out_of_memory_killer_picks(server):
    pids = workers(server)

    scores = {Path(f"/proc/{pid}/oom_score_adj").read_text().strip() for pid in pids}

    assert scores == {"1000"}
    assert Path(f"/proc/{server.process.pid}/oom_score_adj").read_text().strip() != "1000"


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "kg.example.org.x"])
def test_a_request_naming_another_host_is_400(server, host):
    response = server.get(path="/health", headers={"Host": host})

    assert response.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:{port}", "[::1]:{port}",
                                  "kg.example.org"])
def test_loopback_names_and_allowed_hosts_are_answered(server, host):
    port = server.base.rsplit(":", 1)[1]

    response = server.get(path="/health", headers={"Host": host.format(port=port)})

    assert response.status_code == 200


def test_a_client_that_hangs_up_frees_its_worker_long_before_the_timeout(server):
    port = int(server.base.rsplit(":", 1)[1])
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(b"GET /sparql?query=" + SLOW.replace(" ", "%20").encode()
                   + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    time.sleep(0.3)
    assert busy(server) == 1
    hung_up = time.monotonic()

    client.close()
    while busy(server) and time.monotonic() - hung_up < 3:
        time.sleep(0.05)

    assert busy(server) == 0 and time.monotonic() - hung_up < 1.5
    assert server.get({"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_a_body_that_never_arrives_is_408_at_the_timeout(server):
    port = int(server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       b"Content-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\n"
                       b"SELECT")
        client.settimeout(10)
        started = time.monotonic()

        head = client.recv(100)

    assert head.startswith(b"HTTP/1.1 408") and 3.5 < time.monotonic() - started < 6


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.0.0.2", True),
                                                ("::1", True), ("localhost", True),
                                                ("0.0.0.0", False), ("192.0.2.7", False),
                                                ("::", False)])
def test_only_a_loopback_address_counts_as_local(host, loopback):
    from kg.cli.serve import _is_loopback

    assert _is_loopback(host) is loopback
