"""The rdflib engine: files, or the shipped data, in an rdflib ``Dataset``.

Slower than Oxigraph, but it keeps every literal as its file writes it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

from kg.errors import KGError
from kg.sparql.engine_common import MEMORY_UPDATE, call_with_timeout
from kg.sparql.results import QueryResult


class MemoryEngine:
    """The shipped data, or files, loaded into an rdflib ``Dataset``.

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

    def query(self, checked, bindings: Mapping | None = None, *, limit: int | None = None,
              timeout: float | None = None) -> QueryResult:
        dataset = self.dataset

        def run() -> QueryResult:
            with _no_graph_loading():
                result = dataset.query(checked.prepared, initBindings=dict(bindings or {}))
                return _from_rdflib(result, checked.form, limit)

        return call_with_timeout(run, timeout)

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


def _from_rdflib(result, form: str, limit: int | None) -> QueryResult:
    if form == "ask":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if form in ("construct", "describe"):
        return QueryResult(form, triples=tuple(result.graph))
    variables = tuple(str(v) for v in result.vars)
    rows = []
    for row in result:
        if limit is not None and len(rows) >= limit:
            break
        rows.append(tuple(row))
    return QueryResult("select", variables, tuple(rows))
