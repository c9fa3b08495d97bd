"""What `kg import wikidata`'s client does with a hostile endpoint: a huge or
dripping answer, a redirect, results of the wrong shape; one KGError line each."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.errors import KGError
from kg.imports.wikidata_client import SparqlClient, parse_results

ENDPOINT = "http://127.0.0.1:1/sparql"


class Hostile:
    """An endpoint on 127.0.0.1 whose POST handler is ``answer(handler)``."""

    def __init__(self, answer):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    answer(self)
                except OSError:
                    pass  # the client hung up, as it should

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture()
def hostile():
    servers = []

    def start(answer):
        servers.append(Hostile(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _head(handler, status=200, **headers):
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()


def test_an_answer_over_the_size_cap_is_refused_in_one_line(hostile):
    def huge(handler):
        _head(handler, Content_Type="application/json")
        handler.wfile.write(b'{"results": {"bindings": [{"x": {"type": "literal", "value": "')
        for _ in range(64):
            handler.wfile.write(b"A" * 65536)

    server = hostile(huge)

    with pytest.raises(KGError) as caught:
        SparqlClient(server.url, timeout=10, max_bytes=1_000_000).select("SELECT * {}")

    assert "over 1000000 bytes" in str(caught.value) and "\n" not in str(caught.value)


def test_a_dripping_answer_stops_at_one_deadline_for_the_whole_request(hostile):
    def drip(handler):
        _head(handler, Content_Type="application/json")
        for byte in b'{"results": {"bindings": []}}':
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.2)

    server = hostile(drip)
    started = time.monotonic()

    with pytest.raises(KGError) as caught:
        SparqlClient(server.url, timeout=1).select("SELECT * {}")

    assert time.monotonic() - started < 2.0
    assert "within 1 s" in str(caught.value)


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1:1/x",
                                      "http://127.0.0.1:1/elsewhere"])
def test_a_redirect_is_not_followed(hostile, location):
    server = hostile(lambda handler: _head(handler, 302, Location=location,
                                           Content_Length="0"))

    with pytest.raises(KGError) as caught:
        SparqlClient(server.url, timeout=5).select("SELECT * {}")

    assert "redirect" in str(caught.value) and "\n" not in str(caught.value)


MALFORMED = {
    "binding is a string": {"statement": "oops"},
    "row is a list": ["x"],
    "value is a number": {"x": {"type": "literal", "value": 7}},
    "bad language tag": {"x": {"type": "literal", "value": "x",
                               "xml:lang": 'en" ; <x> <y> <z'}},
    "datatype is a list": {"x": {"type": "literal", "value": "1", "datatype": ["a"]}},
    "unknown type": {"x": {"type": "triple", "value": "x"}},
    "iri that breaks out": {"x": {"type": "uri", "value": "http://x/a> <b> <c"}},
    "language and datatype": {"x": {"type": "literal", "value": "1", "xml:lang": "en",
                                    "datatype": "http://www.w3.org/2001/XMLSchema#int"}},
}


@pytest.mark.parametrize("shape", sorted(MALFORMED))
def test_results_of_the_wrong_shape_are_one_kgerror_line(shape):
    body = json.dumps({"results": {"bindings": [MALFORMED[shape]]}}).encode()

    with pytest.raises(KGError) as caught:
        parse_results(body, endpoint=ENDPOINT)

    assert str(caught.value).startswith(f"the SPARQL endpoint {ENDPOINT} answered ")
    assert "\n" not in str(caught.value)


def test_results_whose_bindings_are_not_a_list_are_refused():
    with pytest.raises(KGError, match="did not answer with SPARQL JSON results"):
        parse_results(b'{"results": {"bindings": "x"}}', endpoint=ENDPOINT)
