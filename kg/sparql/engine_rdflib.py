"""The rdflib engine: files, or the shipped data, in an rdflib ``Dataset``.

Slower than Oxigraph, but it keeps every literal as its file writes it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Mapping

from kg.errors import KGError
from kg.sparql.engine_common import MEMORY_UPDATE, LocalEngine
from kg.sparql.results import QueryResult


class MemoryEngine(LocalEngine):
    """The shipped data, or files, loaded into an rdflib ``Dataset``.

    Parameters
    ----------
    dataset : rdflib.Dataset, optional
        Data already loaded.
    paths : iterable of str or os.PathLike, optional
        Files or folders to load when first queried, if no ``dataset``;
        the shipped data by default.

    Examples
    --------
    >>> engine = MemoryEngine()
    >>> "https://w3id.org/kg-relations/id/graph-summit-2025" in engine.graphs()
    True
    """

    name = "memory"

    def __init__(self, dataset=None, *, paths=None):
        self._dataset = dataset
        self._paths = paths

    @property
    def dataset(self):
        if self._dataset is None:
            from kg.rdf.load import load

            self._dataset = load(self._paths or None)
        return self._dataset

    def graphs(self) -> set[str]:
        from rdflib import URIRef

        return {str(g.identifier) for g in self.dataset.graphs()
                if isinstance(g.identifier, URIRef) and len(g)
                and str(g.identifier) != "urn:x-rdflib:default"}

    def quads(self) -> Iterator[tuple]:
        from rdflib import URIRef

        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            graph = g.identifier if hasattr(g, "identifier") else g
            if str(graph) == "urn:x-rdflib:default":
                graph = None
            yield s, p, o, (graph if graph is None or isinstance(graph, URIRef) else graph)

    def open(self) -> None:
        """Load the files now, before a query worker forks."""
        self.dataset  # noqa: B018 (loads on first use)

    def _execute(self, checked, bindings: Mapping | None, *, limit: int | None,
                 stream: bool) -> QueryResult:
        """Run a checked query with rdflib (see :meth:`LocalEngine.execute`)."""
        with _no_graph_loading():
            result = self.dataset.query(checked.prepared, initBindings=dict(bindings or {}))
            return _from_rdflib(result, checked.form, limit, stream=stream)

    def update(self, checked, *, timeout: float | None = None) -> QueryResult:
        raise KGError(MEMORY_UPDATE)


@contextlib.contextmanager
def _no_graph_loading():
    """rdflib fetches the IRI of a FROM clause from the web unless told not to."""
    import rdflib.plugins.sparql as rdflib_sparql

    before = rdflib_sparql.SPARQL_LOAD_GRAPHS
    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        rdflib_sparql.SPARQL_LOAD_GRAPHS = before


def _from_rdflib(result, form: str, limit: int | None, *, stream: bool = False) -> QueryResult:
    if form == "ask":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if form in ("construct", "describe"):
        return QueryResult(form, triples=tuple(result.graph))
    variables = tuple(str(v) for v in result.vars)
    rows = (tuple(row) for row in itertools.islice(result, limit))
    return QueryResult("select", variables, rows if stream else tuple(rows))
