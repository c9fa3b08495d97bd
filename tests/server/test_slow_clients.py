"""Slow clients cannot hold `kg serve`'s connections (slowloris): a client
that keeps its connection waiting for --client-timeout is let go."""

from __future__ import annotations

import socket
import time
from urllib.parse import quote, urlsplit

import pytest
from server_helpers import Server

HEAD = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server("--client-timeout", "1", "--max-concurrent", "2", "--max-waiting", "0",
                     log=tmp_path_factory.mktemp("serve") / "stderr.log")
    yield running
    running.stop()


def connect(server) -> socket.socket:
    address = urlsplit(server.base)
    sock = socket.create_connection((address.hostname, address.port))
    sock.settimeout(30)
    return sock


def everything(sock: socket.socket) -> bytes:
    """What the server sends until it closes the connection."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def test_a_client_that_sends_nothing_is_let_go(server):
    with connect(server) as sock:
        assert everything(sock) == b""


def test_a_head_that_comes_too_slowly_gets_408_and_is_let_go(server):
    with connect(server) as sock:
        sock.sendall(HEAD)  # the blank line that ends the head never comes
        answer = everything(sock)

    assert answer.startswith(b"HTTP/1.1 408 ")
    assert answer.endswith(b"the request head came too slowly")


def test_a_head_that_comes_in_parts_in_time_is_answered(server):
    with connect(server) as sock:
        sock.sendall(HEAD[:20])
        time.sleep(0.2)
        sock.sendall(HEAD[20:] + b"Connection: close\r\n\r\n")

        assert everything(sock).startswith(b"HTTP/1.1 200 ")


def test_the_deadline_starts_again_after_each_answer(server):
    with connect(server) as sock:
        sock.sendall(HEAD + b"\r\n")
        answer = sock.recv(4096)
        sock.sendall(HEAD)  # a second request on the same connection, never finished
        answer += everything(sock)

    assert answer.startswith(b"HTTP/1.1 200 ")
    assert answer.count(b"HTTP/1.1 ") == 2 and b"HTTP/1.1 408 " in answer


def test_more_slow_clients_than_connections_do_not_lock_others_out(server):
    # beyond its connection bound (256 here) the server answers 503; slow
    # clients that never finish a head are let go, and others get in again
    slow = [connect(server) for _ in range(300)]
    try:
        for sock in slow:
            sock.sendall(b"GET / HTTP/1.1\r\n")
        for sock in slow:
            everything(sock)
        assert server.get(path="/health").status_code == 200
    finally:
        for sock in slow:
            sock.close()


def test_the_body_of_an_answered_request_is_not_waited_for(server):
    # /health answers without reading a body: a client that announces one
    # and sends it a byte at a time after the answer is let go
    with connect(server) as sock:
        sock.sendall(HEAD + b"Content-Length: 1000000\r\n\r\n")
        answer = sock.recv(4096)
        sock.settimeout(0.4)
        closed = False
        for _ in range(50):
            try:
                sock.sendall(b"x")
                closed = sock.recv(4096) == b""
            except TimeoutError:
                continue
            except OSError:
                closed = True
            if closed:
                break

    assert answer.startswith(b"HTTP/1.1 200 ")
    assert closed


def test_a_client_that_reads_none_of_its_answer_is_let_go(tmp_path):
    # an answer larger than the kernel's buffers (tens of megabytes) that the
    # client never reads waits in the server until the client is let go
    query = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"
    big = Server("--client-timeout", "1", "--max-rows", "50000", log=tmp_path / "stderr.log")
    try:
        address = urlsplit(big.base)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect((address.hostname, address.port))
        with sock:
            sock.sendall(f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n"
                         .encode())
            time.sleep(6)  # past the deadline several times over: nothing read
            sock.settimeout(30)
            answer = everything(sock)
    finally:
        big.stop()

    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    assert not body.rstrip().endswith(b"}")  # cut short: the JSON never closes
