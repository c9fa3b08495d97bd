"""`kg serve` on the command line: where it listens and what it says."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from server_helpers import Server

from kg.cli import main
from kg.server.app import QueryRefused, ServeConfig, ServerState, run_select


def listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses a local TCP port listens on, from /proc/net/tcp."""
    found = set()
    if not Path("/proc/net/tcp").exists():
        return {"127.0.0.1"}  # not Linux: the line printed is what there is to check
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # LISTEN
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_serve_binds_loopback_by_default_and_says_so(tmp_path):
    server = Server(log=tmp_path / "stderr.log")
    try:
        health = server.get(path="/health")
        addresses = listening_addresses(int(server.base.rsplit(":", 1)[1]))
    finally:
        server.stop()

    assert "local only" in server.first_line
    assert health.json()["status"] == "ok"
    assert addresses == {"127.0.0.1"}


def test_serve_says_in_one_line_when_the_port_is_taken():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        result = CliRunner().invoke(main, ["serve", "--port", str(taken.getsockname()[1])])
    finally:
        taken.close()

    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1 port" in result.output


def test_serve_refuses_an_origin_that_is_not_one():
    result = CliRunner().invoke(main, ["serve", "--allow-origin", "https://a.example/path"])

    assert result.exit_code == 2 and "--allow-origin" in result.output


@pytest.fixture(scope="module")
def state():
    return ServerState(ServeConfig.for_source(["tests/fixtures/triangle.trig"], max_rows=2))


def select(state, text: str):
    """``run_select`` as a page runs it, then the workers stopped."""
    async def ask():
        try:
            return await run_select(state, text)
        finally:
            state.close()

    return asyncio.run(ask())


def test_run_select_gives_pages_rdflib_rows_under_the_same_limits(state):
    answer = select(state, "SELECT ?s WHERE { ?s ?p ?o }")

    assert len(answer.result.rows) == 2 and answer.cut == "rows=2"
    assert isinstance(answer.result.rows[0][0], URIRef)


def test_run_select_refuses_what_the_guard_refuses(state):
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        select(state, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> {} }")
