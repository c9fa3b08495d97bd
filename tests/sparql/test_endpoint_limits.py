"""An endpoint that never answers, or answers something else, ends in one line."""

from __future__ import annotations

import http.server
import threading

import pytest
from click.testing import CliRunner
from network_helpers import SilentListener

from kg.cli import main
from kg.sparql.engine_endpoint import ENDPOINT_TIMEOUT, EndpointEngine


@pytest.fixture()
def silent():
    """Takes connections and never answers."""
    socket = SilentListener()
    yield socket
    socket.close()


@pytest.fixture()
def not_sparql():
    """An HTTP server that answers every request with JSON that is not SPARQL's."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the name http.server calls)
            body = b'{"status": "ok", "items": []}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def kg(*args: str):
    return CliRunner().invoke(main, list(args))


def test_an_endpoint_without_a_time_limit_gets_the_default():
    assert EndpointEngine("http://127.0.0.1:1/sparql").timeout == ENDPOINT_TIMEOUT


def test_query_gives_up_on_an_endpoint_that_never_answers(silent):
    result = kg("query", "--endpoint", silent.url, "--timeout", "0.5", "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "query stopped after 0.5 s" in result.output


def test_export_gives_up_on_an_endpoint_that_never_answers(silent):
    result = kg("export", "--endpoint", silent.url, "--timeout", "0.5", "--format", "nt")
    assert result.exit_code == 2
    assert "query stopped after 0.5 s" in result.output


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }"])
def test_an_answer_that_is_not_sparql_json_is_an_error(not_sparql, query):
    result = kg("query", "--endpoint", not_sparql, "--format", "csv", query)
    assert result.exit_code == 2
    assert "did not answer" in result.output
    assert result.output.count("\n") == 1
