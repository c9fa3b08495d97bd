"""The ``kg serve`` application: a SPARQL endpoint and the workbench.

:func:`create_app` builds a Starlette application from a
:class:`ServeConfig`: ``/sparql`` speaks the SPARQL 1.1 Protocol
(:mod:`kg.server.protocol`), ``/health`` says the server is up, and the
workbench's pages (:mod:`kg.server.workbench`) come after.
Every query, from a client or from a page (:func:`run_select`), passes the
guard and runs in the worker pool (:mod:`kg.server.pool`) under the same
limits.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.server.pool import Busy, Job, NotAcceptable, QueryRefused, QueryTimeout
from kg.server.workbench import routes as workbench_routes

__all__ = ["Answer", "Busy", "NotAcceptable", "QueryRefused", "QueryTimeout", "ServeConfig",
           "ServerState", "create_app", "run_select", "state_of"]

#: Queries running at once by default: one per core, 2 to 8.
DEFAULT_CONCURRENT = max(2, min(8, os.cpu_count() or 2))
#: Memory (MB) a query may take in its worker, above the loaded data. A worker
#: holding the shipped scenarios maps about 730 MB (45 MB resident) before any
#: query; eight workers at this bound stay within a machine of 10 GB.
DEFAULT_MAX_MEMORY = 1024
#: The Host headers every server accepts: its loopback names.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class ServeConfig:
    """What ``kg serve`` serves and its limits.

    ``paths``, ``store`` or ``endpoint`` is the source (none: every shipped
    scenario); ``scenarios`` maps a scenario's name to its folder or file
    (:meth:`for_source` fills it). ``timeout`` (seconds) and ``max_rows``
    bound each query, ``max_concurrent`` the queries running at once,
    ``max_waiting`` those waiting for a worker, ``max_request_bytes`` a
    request's body or query text, ``max_memory`` (MB, ``None``: no bound) the
    memory a query may take in its worker above the loaded data;
    ``allow_origin`` opens CORS to one origin. Requests must name the server
    (``Host``) by a loopback name, by ``host`` (the address it listens on) or
    by one of ``allow_hosts`` (``*``: any), so a web page cannot reach it
    through a name it controls (DNS rebinding).

    Examples
    --------
    >>> config = ServeConfig.for_source()
    >>> sorted(config.scenarios)
    ['summit-2025', 'triangle-1969-1972']
    >>> config.timeout, config.max_rows, config.max_memory
    (10.0, 10000, 1024)
    >>> ServeConfig(host="::1", allow_hosts=("kg.example.org",)).trusted_hosts()
    ['127.0.0.1', '[::1]', 'kg.example.org', 'localhost']
    """

    paths: tuple[Path, ...] = ()
    store: Path | None = None
    endpoint: str | None = None
    scenarios: Mapping[str, Path] = field(default_factory=dict)
    timeout: float = 10.0
    max_rows: int = 10_000
    max_concurrent: int = DEFAULT_CONCURRENT
    max_waiting: int = 64
    max_request_bytes: int = 262_144
    allow_origin: str | None = None
    max_memory: int | None = DEFAULT_MAX_MEMORY
    host: str = "127.0.0.1"
    allow_hosts: tuple[str, ...] = ()

    @classmethod
    def for_source(cls, paths=(), *, store=None, endpoint=None, **limits) -> ServeConfig:
        """A config for a source, with its scenarios (see the class docstring)."""
        from kg.rdf.shipped import scenario_dirs

        paths = tuple(Path(path) for path in paths)
        if store or endpoint:
            scenarios = {}
        elif paths:
            scenarios = {(path.name if path.is_dir() else path.stem): path for path in paths}
        else:
            scenarios = {path.name: path for path in scenario_dirs()}
        return cls(paths=paths, store=None if store is None else Path(store),
                   endpoint=endpoint, scenarios=scenarios, **limits)

    def engine(self):
        """The engine over the source (not yet loaded)."""
        from kg.sparql.engines import engine_for

        data = self.paths or tuple(self.scenarios.values())
        return engine_for(data=data if not (self.store or self.endpoint) else None,
                          store=self.store, endpoint=self.endpoint, timeout=self.timeout)

    def trusted_hosts(self) -> list[str]:
        """The names a request's ``Host`` header may give (without the port), sorted."""
        host = self.host.lower()
        own = f"[{host.strip('[]')}]" if ":" in host else host
        return sorted({*LOOPBACK_HOSTS, own, *(name.lower() for name in self.allow_hosts)})

    def describe(self) -> str:
        """The source in words, for the line ``kg serve`` prints."""
        if self.store:
            return f"the store {self.store}"
        if self.endpoint:
            return f"the endpoint {self.endpoint}"
        if self.paths:
            from kg.sparql.engines import describe_source

            return describe_source(data=self.paths)
        return "the shipped scenarios " + ", ".join(self.scenarios)


class ServerState:
    """What the routes share: the config, the worker pool and the store's graphs."""

    def __init__(self, config: ServeConfig):
        from kg.server.pool import ThreadPool, WorkerPool

        self.config = config
        engine = config.engine()
        kind = ThreadPool if config.endpoint else WorkerPool
        limits = {} if config.endpoint else {
            "max_memory": None if config.max_memory is None else config.max_memory * 2**20}
        self.pool = kind(engine, size=config.max_concurrent, timeout=config.timeout,
                         max_waiting=config.max_waiting, **limits)
        self.graphs: tuple[str, ...] = ()
        self.isolated = False
        self.ready = False

    async def start(self) -> None:
        """Fork the workers and learn the store's graphs (once)."""
        if self.ready:
            return
        self.pool.start()
        try:
            status, payload = await self.pool.run(Job(kind="graphs"))
        except KGError as err:
            if self.config.max_memory is None or self.config.endpoint:
                raise
            raise KGError(f"the query workers could not start within --max-memory "
                          f"{self.config.max_memory} MB (a store's threads and caches take "
                          "a few hundred MB): allow more") from err
        if status != "graphs":
            raise_for(status, payload)
        self.graphs, self.isolated = payload
        self.ready = True

    def close(self) -> None:
        self.pool.close()
        self.ready = False


@dataclass(frozen=True)
class Answer:
    """A query's result (rows as rdflib terms) and ``cut`` (``"rows=N"`` when
    the row limit cut it)."""

    result: object
    cut: str | None = None


def state_of(where) -> ServerState:
    """The :class:`ServerState` of a request, an application or the state itself."""
    if isinstance(where, ServerState):
        return where
    app = getattr(where, "app", where)
    return app.state.kg


async def run_select(where, sparql: str | None = None, *, name: str | None = None,
                     bindings: Mapping | None = None) -> Answer:
    """Run a query for a page, as ``/sparql`` would: the same guard, workers and limits.

    Give the SPARQL text or the ``name`` of a shipped query; ``bindings``
    maps variable names to rdflib terms, bound by the engine. Raises
    :class:`QueryRefused`, :class:`Busy`, :class:`QueryTimeout` or
    :class:`KGError`.
    """
    if (sparql is None) == (name is None):
        raise KGError("give either a query text or the name of a shipped query")
    state = state_of(where)
    await state.start()
    reply = await state.pool.run(Job(sparql, name=name, bindings=dict(bindings or {}),
                                     max_rows=state.config.max_rows))
    status, payload = reply
    if status == "result":
        result, cut = payload
        return Answer(result, cut)
    raise_for(status, payload)


def raise_for(status: str, payload):
    """Raise the error a worker's reply stands for."""
    if status == "refused":
        raise QueryRefused(payload)
    if status == "unacceptable":
        raise NotAcceptable(payload)
    raise KGError(str(payload))


def create_app(config: ServeConfig):
    """The Starlette application serving ``config``.

    Examples
    --------
    >>> app = create_app(ServeConfig.for_source())
    >>> [route.path for route in app.routes][:2]  # the workbench's pages come after
    ['/sparql', '/health']
    """
    import contextlib

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from kg.server.middleware import AccessLog, SecurityHeaders
    from kg.server.protocol import sparql_endpoint

    state = ServerState(config)

    async def health(request):
        pool = state.pool
        return JSONResponse({
            "status": "ok", "workers": pool.size, "busy": pool.busy, "waiting": pool.waiting,
            "graphs": len(state.graphs), "network_isolation": state.isolated,
            "scenarios": sorted(config.scenarios),
            "timeout": config.timeout, "max_rows": config.max_rows,
            "max_memory_mb": config.max_memory,
        })

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await state.start()
        try:
            yield
        finally:
            state.close()

    routes = [Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
              Route("/health", health, methods=["GET"])]
    routes.extend(workbench_routes(config))
    middleware = [Middleware(AccessLog), Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=config.trusted_hosts(),
                             www_redirect=False)]
    if config.allow_origin:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(
            CORSMiddleware, allow_origins=[config.allow_origin], allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"], expose_headers=["X-KG-Cut"], max_age=600))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.kg = state
    return app
