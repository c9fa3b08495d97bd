"""Listeners on 127.0.0.1 that count the connections a command makes, and
a guard that refuses (and records) every other connection, so that a test
of "reads nothing from the network" never reaches it either; and a real
``oxigraph serve`` on 127.0.0.1 (:func:`oxigraph_serving`)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_program() -> str:
    """The ``oxigraph`` server binary: the pip package's, beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else (shutil.which("oxigraph") or "oxigraph")


@contextmanager
def oxigraph_serving(location: Path, *options: str) -> Iterator[str]:
    """The query URL of ``oxigraph serve`` on the store at ``location`` (with
    ``options``), on 127.0.0.1 on a free port; stopped by its PID on exit."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_program(), "serve", "--location", str(location),
         "--bind", f"127.0.0.1:{port}", *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("oxigraph serve exited at start") from None
                time.sleep(0.05)
        else:
            raise RuntimeError("oxigraph serve did not start within 10 s")
        yield f"http://127.0.0.1:{port}/query"
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


class Listener:
    """A TCP server on 127.0.0.1 that counts connections and closes each at
    once (so that a reader that does connect fails fast instead of hanging)."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.05)
        self.port = self._socket.getsockname()[1]
        self._count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            self._accept()

    def _accept(self) -> bool:
        try:
            connection, _ = self._socket.accept()
        except (TimeoutError, BlockingIOError):
            return False
        self._count += 1
        connection.close()
        return True

    def connections(self) -> int:
        """Connections so far, those still waiting in the backlog included."""
        self._stop.set()
        self._thread.join()
        self._socket.settimeout(0)
        while self._accept():
            pass
        return self._count

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()


class SilentListener:
    """A TCP socket on 127.0.0.1 that takes connections and never answers
    (a client waits for its own time limit); counts who connected."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.setblocking(False)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.socket.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.socket.close()


def listening(monkeypatch):
    """Yield a :class:`Listener` (for a fixture); any connection elsewhere is
    refused and recorded in ``listener.elsewhere``."""
    server = Listener()
    server.elsewhere = []
    connect = socket.create_connection

    def guarded(address, *args, **kwargs):
        if tuple(address[:2]) != ("127.0.0.1", server.port):
            server.elsewhere.append(address)
            raise OSError(f"tests reach no network: {address}")
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    yield server
    server.close()
