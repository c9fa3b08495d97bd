"""Servers on 127.0.0.1 for the tests of `kg import wikidata`: Oxigraph
loaded with a fixture in Wikidata's RDF shape, and a scripted HTTP server
that records the requests it gets and answers as it is told (429 first,
then 200)."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from network_helpers import oxigraph_program, oxigraph_serving

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "wikidata"
EMPTY = json.dumps({"head": {"vars": []}, "results": {"bindings": []}}).encode()


@contextmanager
def oxigraph_endpoint(fixture: Path, folder: Path):
    """The SPARQL query URL of `oxigraph serve` holding ``fixture``."""
    store = folder / "store"
    subprocess.run([oxigraph_program(), "load", "--location", str(store), "--file",
                    str(fixture)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with oxigraph_serving(store) as url:
        yield url


class ScriptedServer:
    """Answers each POST with the next (status, headers, body) of ``script``
    (the last one again when the script runs out) and records the requests:
    their User-Agent and their query."""

    def __init__(self, script):
        self.script = list(script)
        self.requests: list[dict] = []
        self.times: list[float] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                outer.requests.append({"user_agent": self.headers.get("User-Agent"),
                                       "query": form.get("query", [""])[0]})
                outer.times.append(time.monotonic())
                index = min(len(outer.requests), len(outer.script)) - 1
                status, headers, body = outer.script[index]
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
