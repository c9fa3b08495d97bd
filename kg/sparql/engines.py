"""Choose the engine for a source; the three engines share one small interface.

* :class:`~kg.sparql.engine_rdflib.MemoryEngine`: an rdflib ``Dataset``
  from :func:`kg.rdf.load.load`.
* :class:`~kg.sparql.engine_oxigraph.StoreEngine`: an Oxigraph store: on
  disk, as written by :func:`kg.sparql.store.load_store`, or in memory, as
  :func:`kg.sparql.engine_oxigraph.memory_store` loads files for ``kg query``.
* :class:`~kg.sparql.engine_endpoint.EndpointEngine`: any SPARQL 1.1
  endpoint, over HTTP.

Each engine answers ``query`` with a :class:`kg.sparql.results.QueryResult`
of rdflib terms, lists its named graphs (``graphs``) and its quads
(``quads``). All three see the union of their graphs as the default graph,
as the in-memory dataset does, unless a query's FROM or FROM NAMED chooses
its own. Queries arrive checked by :func:`kg.sparql.guard.check_query`; the
engines never see an unchecked query. A ``timeout`` runs a local query in
a forked worker process (:mod:`kg.sparql.engine_common`); a remote query
gives up waiting.
"""

from __future__ import annotations

from kg.errors import KGError
from kg.sparql.engine_endpoint import EndpointEngine
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.engine_rdflib import MemoryEngine


def engine_for(*, data=None, store=None, endpoint=None, memory: str = "oxigraph",
               timeout: float | None = None):
    """The engine for the command-line choice of source (shipped data by default).

    Files and the shipped data load into memory: into an Oxigraph store
    (``memory="oxigraph"``), which loads and queries many times faster, or
    into an rdflib ``Dataset`` (``memory="rdflib"``), which keeps every
    literal as written (Oxigraph writes numbers in canonical form).
    ``timeout`` is how long an endpoint may take to answer each request.

    Parameters
    ----------
    data : iterable of str or os.PathLike, optional
        RDF files or folders to load into memory.
    store : str or os.PathLike, optional
        An on-disk Oxigraph store folder.
    endpoint : str, optional
        The URL of a SPARQL endpoint.
    memory : str, default "oxigraph"
        What holds files in memory: ``"oxigraph"`` or ``"rdflib"``.
    timeout : float, optional
        Seconds an endpoint may take to answer each request.

    Returns
    -------
    StoreEngine | MemoryEngine | EndpointEngine
        The engine; at most one of ``data``, ``store`` and ``endpoint``
        may be given.
    """
    chosen = [x for x in (data, store, endpoint) if x]
    if len(chosen) > 1:
        raise KGError("choose one source: PATHS, --store or --endpoint")
    if store:
        return StoreEngine(store)
    if endpoint:
        return EndpointEngine(endpoint, timeout=timeout)
    paths = list(data) if data else None
    return StoreEngine.in_memory(paths) if memory == "oxigraph" else MemoryEngine(paths=paths)


def describe_source(*, data=None, store=None, endpoint=None) -> str:
    """What :func:`engine_for` reads with the same choice, in words, for messages.

    Examples
    --------
    >>> describe_source()
    'the shipped scenario summit-2025'
    >>> describe_source(data=["my-scenario/"])
    'my-scenario/'
    >>> describe_source(data=["a.ttl", "b.ttl", "c.ttl", "d.ttl"])
    'a.ttl, b.ttl, c.ttl and 1 more'
    >>> describe_source(store="store/")
    'the store store/'
    """
    from kg.rdf.shipped import DEFAULT_SCENARIO

    if store:
        return f"the store {store}"
    if endpoint:
        return f"the endpoint {endpoint}"
    if not data:
        return f"the shipped scenario {DEFAULT_SCENARIO}"
    paths = [str(path) for path in data]
    shown = ", ".join(paths[:3])
    return shown if len(paths) <= 3 else f"{shown} and {len(paths) - 3} more"


def dataset_of(engine):
    """An rdflib ``Dataset`` of an engine's quads (the engine's own, in memory)."""
    from rdflib import Dataset

    if hasattr(engine, "dataset"):
        return engine.dataset
    dataset = Dataset(default_union=True)
    for s, p, o, g in engine.quads():
        (dataset.default_graph if g is None else dataset.graph(g)).add((s, p, o))
    return dataset
