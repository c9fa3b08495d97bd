"""What the local engines share: the query worker, its time limit and its walls.

A local query runs in a forked worker process (:func:`in_worker`):

* the worker is killed when its time limit is up, and dies with the
  command that started it (SIGTERM, SIGHUP or SIGKILL of the parent), so
  no query is left running;
* on Linux the worker first leaves the network: it moves into a network
  namespace of its own, with no interface but a loopback that is down, so
  even a query the guard (:mod:`kg.sparql.guard`) misread could not
  reach a server. Where the kernel refuses a namespace (another
  platform, or user namespaces switched off), the guard is the only wall;
  :func:`network_isolation` says which holds;
* a SELECT's rows come back in batches as the engine yields them, so a
  result of millions of rows is never held whole (:func:`in_worker` with
  a result whose ``rows`` is an iterator).

A remote query (:mod:`kg.sparql.engine_endpoint`) needs the network and
gives up waiting instead.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping

from kg.errors import KGError

#: Why an in-memory engine refuses an update.
MEMORY_UPDATE = ("updates change an on-disk store only: load it with "
                 "`kg load FILES --store DIR`, then `kg query --store DIR --update`")

#: What a caller hears when the query worker died before it answered.
WORKER_STOPPED = "the query worker stopped without an answer (out of memory, or killed)"

#: What a caller hears when a query ran out of memory in its worker.
OUT_OF_MEMORY = "the query ran out of memory; narrow it or add a LIMIT"

#: Rows per message from the worker: big enough to keep the pipe busy,
#: small enough that a batch is a few hundred kilobytes.
_BATCH = 2000

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1

#: Set in a worker that has left the network.
_network_left = False


class QueryRefused(KGError):
    """The guard or the engine refused the query: the query is at fault, not
    the engine (``kg serve`` answers 400). It stays one across the worker.

    Examples
    --------
    >>> def refuse():
    ...     raise QueryRefused("the store refused the query: no")
    >>> in_worker(refuse)
    Traceback (most recent call last):
    ...
    kg.sparql.engine_common.QueryRefused: the store refused the query: no
    """


def error_line(err: Exception) -> str:
    """One line for the user about an error an engine raised that is not a
    :class:`KGError` (never a traceback).

    Examples
    --------
    >>> error_line(RecursionError())
    'the query is nested too deeply for the engine'
    >>> error_line(ValueError("bad value\\nmore detail"))
    'the engine failed: ValueError: bad value'
    """
    if isinstance(err, RecursionError):
        return "the query is nested too deeply for the engine"
    if isinstance(err, MemoryError):
        return OUT_OF_MEMORY
    first = (str(err).strip().splitlines() or [""])[0]
    return f"the engine failed: {type(err).__name__}: {first}"


def timeout_message(timeout: float) -> str:
    return (f"query stopped after {timeout:g} s (--timeout); "
            "narrow it, add a LIMIT or allow more time")


def check_timeout(timeout: float | None) -> float | None:
    """A time limit in seconds: ``None``, or a finite positive number.

    Examples
    --------
    >>> check_timeout(2.5)
    2.5
    >>> check_timeout(float("nan"))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --timeout must be a finite number of seconds above 0, not nan
    """
    if timeout is None:
        return None
    if not math.isfinite(timeout) or timeout <= 0:
        raise KGError(f"--timeout must be a finite number of seconds above 0, not {timeout:g}")
    return float(timeout)


def in_worker(fn: Callable[[], object], *, timeout: float | None = None):
    """``fn()`` in a forked worker process without network access.

    The worker is killed after ``timeout`` seconds (none: no limit). A
    :class:`KGError` raised in the worker is raised again here; any other
    error becomes a one-line :class:`KGError`. When ``fn`` returns an object
    whose ``rows`` is an iterator (a streamed
    :class:`~kg.sparql.results.QueryResult`), the rows arrive in batches:
    the object comes back with ``rows`` an iterator over them, still under
    the time limit, and the worker ends when they are read or dropped.
    Without ``fork`` (Windows), ``fn`` runs here and a time limit is refused.

    Examples
    --------
    >>> in_worker(lambda: 6 * 7, timeout=5.0)
    42
    """
    timeout = check_timeout(timeout)
    if not hasattr(os, "fork"):
        if timeout is not None:
            raise KGError("--timeout needs a platform with fork (Linux, macOS)")
        return fn()
    import multiprocessing

    deadline = None if timeout is None else time.monotonic() + timeout
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(fn, sender, os.getpid()), daemon=True)
    with inherited_objects_frozen():
        worker.start()
    sender.close()
    streaming = False
    try:
        kind, payload = _receive(receiver, deadline, timeout)
        if kind == "head":
            streaming = True
            import dataclasses

            return dataclasses.replace(
                payload, rows=_rows(receiver, worker, deadline, timeout))
        return payload
    finally:
        if not streaming:
            _stop(worker, receiver)


@contextlib.contextmanager
def inherited_objects_frozen():
    """Fork inside this block, and never leave it in the child: the child
    never finalizes what it inherits.

    Garbage of the parent's (a browser's greenlets, a database's handles)
    collected in a forked child can crash it. Frozen objects are left alone
    by the collector, in the child for good; the parent thaws its own on
    leaving the block.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class LocalEngine:
    """What the local engines share: :meth:`query` runs the engine's
    ``execute`` in the query worker, after :meth:`open` has loaded what a
    worker should find loaded."""

    def open(self) -> None:
        """Load what the engine reads, before a query worker forks."""

    def execute(self, checked, bindings: Mapping | None = None, *, limit: int | None = None,
                stream: bool = False):
        """Run a checked query in this process.

        Parameters
        ----------
        checked : CheckedQuery
            A query from :func:`kg.sparql.guard.check_query`.
        bindings : Mapping, optional
            Values of the query's variables, by name.
        limit : int, optional
            Keep at most this many rows of a SELECT.
        stream : bool, default False
            Give the rows as an iterator instead of a tuple.

        Returns
        -------
        kg.sparql.results.QueryResult
            The rows, the answer or the triples.
        """
        return self._execute(checked, bindings, limit=limit, stream=stream)

    def query(self, checked, bindings: Mapping | None = None, *, limit: int | None = None,
              timeout: float | None = None, stream: bool = False):
        """Run a checked query in the query worker (:func:`in_worker`)."""
        self.open()
        return in_worker(lambda: self.execute(checked, bindings, limit=limit, stream=stream),
                         timeout=timeout)


def network_isolation() -> bool:
    """Whether the query worker runs without network on this machine.

    Examples
    --------
    >>> isinstance(network_isolation(), bool)
    True
    """
    return in_worker(left_network)


def left_network() -> bool:
    """Whether this process (a query worker) has left the network."""
    return _network_left


def _receive(receiver, deadline: float | None, timeout: float | None):
    remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
    try:
        if not receiver.poll(remaining):
            raise KGError(timeout_message(timeout or 0))
        kind, payload = receiver.recv()
    except EOFError:
        raise KGError(WORKER_STOPPED) from None
    if kind in ("error", "refused"):
        message, file, line = payload
        raise (QueryRefused if kind == "refused" else KGError)(message, file=file, line=line)
    if kind == "raise":
        raise payload
    return kind, payload


def _rows(receiver, worker, deadline, timeout) -> Iterator[tuple]:
    try:
        while True:
            kind, payload = _receive(receiver, deadline, timeout)
            if kind == "end":
                return
            yield from payload
    finally:
        _stop(worker, receiver)


def _stop(worker, receiver) -> None:
    if worker.is_alive():
        worker.kill()
    worker.join()
    receiver.close()


def enter_worker(parent: int) -> bool:
    """Make this (forked) process a query worker: it dies with ``parent``
    and leaves the network where the kernel allows; whether it left."""
    _die_with(parent)
    _leave_network()
    return _network_left


def limit_memory(extra: int | None) -> int | None:
    """Bound this (forked) query worker's memory: it may map at most ``extra``
    bytes more than it maps now (``RLIMIT_AS``), and it is the first process
    the kernel's out-of-memory killer picks (``oom_score_adj`` 1000), so a
    greedy query ends its own worker, never the server. Best effort where
    the platform has neither; the address-space limit set, or ``None``.

    Counting from what the worker maps now leaves the data it holds (an
    in-memory store, a store's mappings) out of the allowance.

    Examples
    --------
    >>> limit_memory(None) is None
    True
    """
    try:
        with open("/proc/self/oom_score_adj", "w") as adj:
            adj.write("1000")
    except OSError:
        pass  # another platform, or a kernel that refuses: the limit below still holds
    if extra is None:
        return None
    try:
        import resource

        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = mapped + int(extra)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        return None
    return limit


def _worker(fn, sender, parent: int) -> None:
    enter_worker(parent)
    try:
        result = fn()
        rows = getattr(result, "rows", ())
        if isinstance(rows, Iterator):
            import dataclasses

            sender.send(("head", dataclasses.replace(result, rows=())))
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) >= _BATCH:
                    sender.send(("rows", batch))
                    batch = []
            sender.send(("rows", batch))
            sender.send(("end", None))
        else:
            sender.send(("ok", result))
    except KGError as err:
        kind = "refused" if isinstance(err, QueryRefused) else "error"
        sender.send((kind, (err.message, err.file, err.line)))
    except UnicodeEncodeError as err:  # text that was not UTF-8: the CLI names the argument
        sender.send(("raise", err))
    except BrokenPipeError:
        pass  # the reader stopped reading: nothing to say
    except Exception as err:  # reported to the parent as one line
        sender.send(("error", (error_line(err), None, None)))
    finally:
        sender.close()


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when the command that forked it dies."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _leave_network() -> None:
    """Move into a network namespace of our own: no route to any server.

    Without privilege, a user namespace comes first, as ``unshare -rn``
    does. The worker is single-threaded after fork, as unshare needs.
    """
    global _network_left
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            _network_left = True
            return
