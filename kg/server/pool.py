"""The query workers of ``kg serve``: forked once, reused, killed at the time limit.

A local engine answers in a small pool of worker processes, each with the
store already loaded, forked by a zygote (:mod:`kg.server.zygote`) that the
server forks once at start, before it has any thread. Each keeps the
walls of the ``kg query`` worker (:mod:`kg.sparql.engine_common`): it
dies with the server (``PR_SET_PDEATHSIG``) and, where the kernel allows,
has left the network (a network namespace of its own), so even a query
the guard misread could reach no server. A worker takes one job at a
time over a pipe: it checks the query (:func:`kg.sparql.guard.check_query`,
each text parsed once per worker), runs it, cuts it at the row limit and
writes the answer in the format the client asked for, so the server
process only moves bytes. A worker that runs past the time limit (or
whose client went away) is killed and replaced by a fresh fork of the
zygote (never of the server, whose threads a fork would strand); the
others go on answering. Each worker may map at most ``max_memory`` bytes
more than the loaded data (:func:`kg.sparql.engine_common.limit_memory`):
a query that needs more ends in a one-line error, and its worker is
replaced, before the kernel's out-of-memory killer would reach the server.

At most ``size`` queries run at once and ``max_waiting`` more may wait
for a worker; a query beyond both is refused at once (:class:`Busy`).
A remote endpoint is asked from a thread instead (it needs the network
and waits on its own time limit).
"""

from __future__ import annotations

import asyncio
import collections
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import KGError
from kg.sparql.engine_common import OUT_OF_MEMORY, WORKER_STOPPED, QueryRefused, error_line


class Busy(KGError):
    """Every worker is busy and the wait queue is full (HTTP 503)."""


class QueryTimeout(KGError):
    """The query ran past the time limit and its worker was killed."""


class NotAcceptable(KGError):
    """The client accepts no format the query's form can be written in (HTTP 406)."""

    def __init__(self, form: str):
        super().__init__(f"a {form.upper()} query cannot be written in a format "
                         "the request accepts")
        self.form = form


@dataclass(frozen=True)
class Job:
    """One query for a worker.

    ``formats`` is the (row format, graph format) the client accepts
    (see :mod:`kg.server.formats`; ``None`` where it accepts none), or
    ``None`` for the :class:`~kg.sparql.results.QueryResult` itself.
    """

    text: str | None = None
    name: str | None = None
    bindings: Mapping | None = None
    formats: tuple[str | None, str | None] | None = None
    max_rows: int = 10_000
    kind: str = "query"


@dataclass(frozen=True)
class Written:
    """A query's answer, written: ``fmt`` key, ``body`` bytes, and ``cut``
    (``"rows=N"`` when the row limit cut it)."""

    form: str
    fmt: str
    body: bytes
    cut: str | None = None


def answer(engine, job: Job, check=None, *, timeout: float | None = None):
    """A job's reply: ``(status, payload)``, never an exception.

    Runs where the engine is: in a worker process, or (an endpoint) in a
    thread of the server. ``check`` is the guard (default
    :func:`kg.sparql.guard.check_query` against the engine's graphs).

    Examples
    --------
    >>> from kg.sparql.engine_oxigraph import StoreEngine
    >>> import pyoxigraph
    >>> engine = StoreEngine.of(pyoxigraph.Store())
    >>> answer(engine, Job("ASK { }", formats=("json", "ttl")))[1].body
    b'{"head": {}, "boolean": true}'
    >>> answer(engine, Job("LOAD <http://example.org/>"))
    ('refused', 'query: LOAD is not allowed: a query must not read the network or files')
    """
    if job.kind == "graphs":
        from kg.sparql.engine_common import left_network

        return "graphs", (tuple(sorted(engine.graphs())), left_network())
    from kg.sparql.guard import check_query
    from kg.sparql.named import check_named

    try:
        if job.name is not None:
            checked = check_named(job.name)
        elif check is not None:
            checked = check(job.text)
        else:
            checked = check_query(job.text, graphs=engine.graphs)
    except KGError as err:
        return "refused", str(err)
    try:
        result, cut = _run(engine, checked, job, timeout)
        if job.formats is None:
            return "result", (result, cut)
        return "written", _write(result, cut, job.formats)
    except NotAcceptable as err:
        return "unacceptable", err.form
    except QueryRefused as err:
        return "refused", str(err)
    except KGError as err:
        return "error", str(err)
    except Exception as err:  # one line for the client, never a traceback
        return "error", error_line(err)


def _run(engine, checked, job: Job, timeout):
    import dataclasses

    limit = job.max_rows + 1
    if hasattr(engine, "execute"):
        result = engine.execute(checked, job.bindings or {}, limit=limit)
    else:
        result = engine.query(checked, job.bindings or {}, limit=limit, timeout=timeout)
    cut = None
    if result.form == "select" and len(result.rows) > job.max_rows:
        result, cut = dataclasses.replace(result, rows=tuple(result.rows)[:job.max_rows]), \
            f"rows={job.max_rows}"
    elif result.returns_graph and len(result.triples) > job.max_rows:
        result, cut = dataclasses.replace(result, triples=tuple(result.triples)[:job.max_rows]), \
            f"rows={job.max_rows}"
    return result, cut


def _write(result, cut, formats) -> Written:
    from kg.server.formats import boolean_text, graph_text, rows_text

    row_fmt, graph_fmt = formats
    fmt = graph_fmt if result.returns_graph else row_fmt
    if fmt is None:
        raise NotAcceptable(result.form)
    if result.form == "ask":
        text = boolean_text(bool(result.boolean), fmt)
    elif result.returns_graph:
        text = graph_text(result.triples, fmt)
    else:
        text = rows_text(result.variables, result.rows, fmt)
    return Written(result.form, fmt, text.encode("utf-8", "replace"), cut)


# --- the gate: at most `size` at once, `max_waiting` waiting ---------------------

class _Gate:
    def __init__(self, size: int, max_waiting: int):
        self.free = size
        self.max_waiting = max_waiting
        self.waiters: collections.deque = collections.deque()

    async def enter(self, wait: float | None) -> None:
        if self.free > 0 and not self.waiters:
            self.free -= 1
            return
        if len(self.waiters) >= self.max_waiting:
            raise Busy("every query worker is busy; try again in a moment")
        ticket = asyncio.get_running_loop().create_future()
        self.waiters.append(ticket)
        try:
            await asyncio.wait_for(ticket, wait)
        except TimeoutError:
            raise Busy("every query worker stayed busy; try again in a moment") from None
        except BaseException:
            if ticket.done() and not ticket.cancelled():
                self.leave()  # handed a slot just as the client left
            raise

    def leave(self) -> None:
        while self.waiters:
            ticket = self.waiters.popleft()
            if not ticket.done():
                ticket.set_result(None)
                return
        self.free += 1

    @property
    def waiting(self) -> int:
        return sum(not ticket.done() for ticket in self.waiters)


# --- worker processes --------------------------------------------------------

class _Worker:
    def __init__(self, pid: int, conn):
        self.pid = pid
        self.conn = conn


class WorkerPool:
    """``size`` forked workers over a local engine (see the module docstring)."""

    def __init__(self, engine, *, size: int, timeout: float, max_waiting: int,
                 max_memory: int | None = None):
        from kg.server.zygote import Zygote

        self.engine = engine
        self.size = size
        self.timeout = timeout
        self.max_memory = max_memory
        self._gate = _Gate(size, max_waiting)
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._zygote = Zygote(functools.partial(_serve, engine, max_memory=max_memory))
        self.isolated = False
        self.started = False

    def start(self) -> None:
        """Load the engine, fork the zygote, and have it fork the workers."""
        if self.started:
            return
        from kg.sparql.guard import check_query

        self.engine.open()
        check_query("ASK { }")  # the parser is imported once, before the forks
        self._zygote.start()
        for _ in range(self.size):
            self._idle.append(self._spawn())
        self.started = True

    async def run(self, job: Job):
        """The reply of a worker to ``job`` (see :func:`answer`)."""
        self.start()
        await self._gate.enter(self.timeout)
        worker = self._idle.pop()
        try:
            reply = await self._ask(worker, job)
            if reply == ("error", OUT_OF_MEMORY):  # a MemoryError may have left it broken
                worker = self._replace(worker)
        except BaseException:
            worker = self._replace(worker)
            raise
        finally:
            self._idle.append(worker)
            self._gate.leave()
        return reply

    async def _ask(self, worker: _Worker, job: Job):
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send(job)
        except OSError:
            raise _stopped() from None
        ready = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, self.timeout)
        except TimeoutError:
            from kg.sparql.engine_common import timeout_message

            raise QueryTimeout(timeout_message(self.timeout)) from None
        finally:
            loop.remove_reader(fd)
        try:
            return worker.conn.recv()
        except (EOFError, OSError):
            raise _stopped(self.max_memory) from None

    def _spawn(self) -> _Worker:
        worker = _Worker(*self._zygote.spawn())
        self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        """A fresh worker in place of ``worker`` (killed); ``worker`` itself, closed,
        when none can be started (its next job then fails at once)."""
        self._stop(worker)
        try:
            return self._spawn()
        except KGError:
            self._all.add(worker)
            return worker

    def _stop(self, worker: _Worker) -> None:
        if worker not in self._all:
            return
        self._all.discard(worker)
        worker.conn.close()
        try:
            self._zygote.stop(worker.pid)
        except KGError:
            pass  # the zygote is gone, and its workers with it

    @property
    def busy(self) -> int:
        return len(self._all) - len(self._idle)

    @property
    def waiting(self) -> int:
        return self._gate.waiting

    @property
    def worker_pids(self) -> list[int]:
        """The process ids of the live workers, sorted."""
        return sorted(worker.pid for worker in self._all)

    def close(self) -> None:
        """Stop the workers and the zygote."""
        for worker in list(self._all):
            worker.conn.close()
        self._all.clear()
        self._idle.clear()
        self._zygote.close()  # kills and reaps what is left of the workers
        self.started = False


def _stopped(max_memory: int | None = None) -> KGError:
    """What the client hears of a worker that died without an answer.

    Examples
    --------
    >>> str(_stopped(64 * 2**20))  # doctest: +ELLIPSIS
    'the query worker stopped without an answer: the query may have needed more than ...'
    """
    if max_memory is None:
        return KGError(WORKER_STOPPED)
    return KGError(f"the query worker stopped without an answer: the query may have needed "
                   f"more than --max-memory {max_memory // 2**20} MB; narrow it or add a LIMIT")


def _serve(engine, conn, parent: int, *, max_memory: int | None = None) -> None:
    """A worker's life: leave the network and bound its memory, then answer jobs
    until the pipe closes."""
    from kg.sparql.engine_common import enter_worker, limit_memory
    from kg.sparql.guard import check_query

    enter_worker(parent)
    limit_memory(max_memory)
    check = functools.lru_cache(maxsize=256)(
        lambda text: check_query(text, graphs=engine.graphs))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        reply = answer(engine, job, check)
        try:
            conn.send(reply)
        except OSError:
            os._exit(0)


# --- an endpoint: threads -----------------------------------------------------

class ThreadPool:
    """The same gate for a remote endpoint, whose queries run in threads and
    give up after the time limit (a thread cannot be killed)."""

    def __init__(self, engine, *, size: int, timeout: float, max_waiting: int):
        self.engine = engine
        self.size = size
        self.timeout = timeout
        self._gate = _Gate(size, max_waiting)
        self._busy = 0
        self.isolated = False
        self.started = True

    def start(self) -> None:
        """Nothing to start: a thread per query."""

    async def run(self, job: Job):
        await self._gate.enter(self.timeout)
        self._busy += 1
        try:
            return await asyncio.to_thread(answer, self.engine, job, timeout=self.timeout)
        finally:
            self._busy -= 1
            self._gate.leave()

    @property
    def busy(self) -> int:
        return self._busy

    @property
    def waiting(self) -> int:
        return self._gate.waiting

    def close(self) -> None:
        """Nothing to stop."""
