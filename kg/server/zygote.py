"""The zygote: the one process that forks the query workers of ``kg serve``.

A fork copies only the thread that calls it: a lock that another thread
held at that moment (in the allocator, in logging, in an import) stays
held in the child for ever, and the child can hang on it. The server has
threads once it answers (Starlette reads files and runs blocking work in
worker threads), so it never forks once it runs. At start, with the data
loaded and before any thread exists, it forks one :class:`Zygote`, a
process that stays single-threaded for its whole life and does two things
on request over a Unix socket:

* ``spawn``: fork a worker (which runs ``target(conn, zygote_pid)``) and
  hand the server its end of the worker's pipe: the descriptor travels
  over the socket (``SCM_RIGHTS``, :func:`socket.send_fds`) with the
  worker's process id;
* ``stop``: kill a worker and reap it. The zygote is the workers' parent,
  and a process id cannot be reused before its parent reaps it, so the
  signal always reaches the worker meant.

The zygote dies with the server and the workers with the zygote
(``PR_SET_PDEATHSIG``, :func:`kg.sparql.engine_common.enter_worker`);
when the server closes the socket, the zygote kills and reaps its workers
and exits, and the server reaps the zygote: no process is left, nor a
zombie.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Callable

from kg.errors import KGError
from kg.sparql.engine_common import inherited_objects_frozen

_SPAWN, _STOP = b"s", b"k"
_REQUEST = 9  # one command byte, a process id in 8 bytes


class Zygote:
    """The server's handle on the zygote process (see the module docstring).

    ``target(conn, parent)`` is a worker's life: ``conn`` its end of the
    pipe (a :class:`multiprocessing.connection.Connection`), ``parent`` the
    zygote's process id; the worker exits when it returns.

    Examples
    --------
    >>> def echo(conn, parent):
    ...     conn.send(conn.recv() * 2)
    >>> zygote = Zygote(echo)
    >>> zygote.start()
    >>> pid, conn = zygote.spawn()
    >>> conn.send(21); conn.recv()
    42
    >>> zygote.stop(pid); conn.close(); zygote.close()
    """

    def __init__(self, target: Callable, *, wait: float = 30.0):
        self.target = target
        self.wait = wait
        self.pid: int | None = None
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Fork the zygote (call it before the process starts any thread)."""
        if self.pid is not None:
            return
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        parent = os.getpid()

        def run() -> None:
            ours.close()
            _zygote(theirs, self.target, parent)

        pid = _fork_child(run)
        theirs.close()
        ours.settimeout(self.wait)
        self.pid, self._socket = pid, ours

    def spawn(self):
        """A new worker: ``(pid, conn)``, ``conn`` the server's end of its pipe."""
        from multiprocessing.connection import Connection

        with self._lock:
            self._request(_SPAWN, 0)
            try:
                data, fds, _, _ = socket.recv_fds(self._socket, 8, 1)
            except OSError:
                data, fds = b"", []
            if len(data) != 8 or len(fds) != 1:
                for fd in fds:
                    os.close(fd)
                raise KGError("the process that starts query workers stopped; "
                              "restart kg serve")
        return int.from_bytes(data, "big"), Connection(fds[0])

    def stop(self, pid: int) -> None:
        """Kill the worker ``pid`` and wait until the zygote has reaped it."""
        with self._lock:
            self._request(_STOP, pid)
            try:
                self._socket.recv(1)
            except OSError:
                pass  # a zygote that is gone took its workers with it

    def close(self) -> None:
        """Stop the zygote and its workers, and reap the zygote."""
        if self.pid is None:
            return
        self._socket.close()
        deadline = time.monotonic() + 5.0
        while not os.waitpid(self.pid, os.WNOHANG)[0]:
            if time.monotonic() > deadline:  # stuck: its workers die with it
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            time.sleep(0.01)
        self.pid, self._socket = None, None

    def _request(self, command: bytes, pid: int) -> None:
        if self._socket is None:
            raise KGError("the query workers are stopped")
        try:
            self._socket.sendall(command + pid.to_bytes(8, "big"))
        except OSError:
            raise KGError("the process that starts query workers stopped; "
                          "restart kg serve") from None


def _zygote(sock: socket.socket, target: Callable, parent: int) -> None:
    """The zygote's life: fork and stop workers until the server closes the socket."""
    from kg.sparql.engine_common import enter_worker

    # The server's handlers (and its wake-up descriptor) are not the zygote's.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    enter_worker(parent)
    children: set[int] = set()
    while True:
        request = _receive(sock)
        _reap(children)
        if request is None:
            break
        command, pid = request[:1], int.from_bytes(request[1:], "big")
        if command == _SPAWN:
            child, conn = _fork(sock, target)
            children.add(child)
            try:
                socket.send_fds(sock, [child.to_bytes(8, "big")], [conn.fileno()])
            except OSError:
                break
            finally:
                conn.close()
        elif command == _STOP:
            if pid in children:  # not reaped yet, so the id is still this worker's
                _kill(pid)
                children.discard(pid)
            try:
                sock.sendall(_STOP)
            except OSError:
                break
    for child in children:
        _kill(child)


def _receive(sock: socket.socket) -> bytes | None:
    """One whole request, or ``None`` once the server has closed the socket."""
    request = b""
    while len(request) < _REQUEST:
        try:
            chunk = sock.recv(_REQUEST - len(request))
        except InterruptedError:
            continue
        except OSError:
            return None
        if not chunk:
            return None
        request += chunk
    return request


def _fork(sock: socket.socket, target: Callable):
    from multiprocessing.connection import Pipe

    ours, theirs = Pipe(duplex=True)
    zygote = os.getpid()

    def run() -> None:
        sock.close()
        ours.close()
        target(theirs, zygote)

    pid = _fork_child(run)
    theirs.close()
    return pid, ours


def _fork_child(run: Callable[[], None]) -> int:
    """Fork a child that calls ``run()`` and exits (0 if it returned, 1 if it
    raised), never returning into the caller's code; the child's pid."""
    with inherited_objects_frozen():  # the child never leaves this block
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                run()
                code = 0
            finally:
                os._exit(code)
    return pid


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _reap(children: set[int]) -> None:
    """Reap the workers that died on their own (out of memory, a crash)."""
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)
