"""The Oxigraph engine: a store on disk, or files loaded into memory.

An on-disk store is written by :func:`kg.sparql.store.load_store`;
:func:`memory_store` loads files into an in-memory store, which is what
``kg query`` reads: it loads and queries many times faster than rdflib.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kg.errors import KGError
from kg.sparql.engine_common import MEMORY_UPDATE, LocalEngine, QueryRefused, in_worker
from kg.sparql.named import check_named
from kg.sparql.results import QueryResult
from kg.sparql.store import fill
from kg.sparql.store_folder import (
    is_store,
    mark_edited,
    restore_interrupted,
    store_error,
    store_lock,
    write_manifest,
)
from kg.sparql.store_update import is_one_transaction, run_update
from kg.sparql.values import bound_text

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class StoreEngine(LocalEngine):
    """An Oxigraph store: on disk (opened read-only for queries), or in
    memory (:meth:`in_memory`, :meth:`of`).

    Parameters
    ----------
    path : str or os.PathLike
        A store written by :func:`kg.sparql.store.load_store` (or by
        ``oxigraph load``).
    """

    name = "store"

    def __init__(self, path):
        self.path = Path(path)
        # A load killed mid-swap hides the store: opening it puts it back.
        if not is_store(self.path) and not restore_interrupted(self.path):
            raise KGError("no Oxigraph store here; create one with "
                          "`kg load FILES --store DIR`", file=str(self.path))
        self._store = None
        self._pid = None
        self._open_in_memory = None

    @classmethod
    def in_memory(cls, paths=None) -> StoreEngine:
        """Files (the shipped scenario by default) in an in-memory store,
        loaded by :func:`kg.sparql.engine_oxigraph.memory_store` when first queried.

        Parameters
        ----------
        paths : iterable of str or os.PathLike, optional
            Files or folders; the shipped scenario when ``None``.

        Examples
        --------
        >>> from kg.sparql.run import run_query
        >>> result = run_query(StoreEngine.in_memory(), "ASK { ?s a kg:State }")
        >>> result.boolean
        True
        """
        return cls._in_memory_by(lambda: memory_store(paths))

    @classmethod
    def of(cls, store) -> StoreEngine:
        """An engine over an open ``pyoxigraph.Store``, e.g. an in-memory one.

        Parameters
        ----------
        store : pyoxigraph.Store
            The open store.

        Examples
        --------
        >>> import pyoxigraph
        >>> from kg.sparql.run import run_query
        >>> store = pyoxigraph.Store()
        >>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:a"),
        ...                           pyoxigraph.NamedNode("urn:p"), pyoxigraph.Literal("x")))
        >>> run_query(StoreEngine.of(store), "SELECT ?o WHERE { ?s ?p ?o }").rows
        ((rdflib.term.Literal('x'),),)
        """
        return cls._in_memory_by(lambda: store)

    @classmethod
    def _in_memory_by(cls, opener) -> StoreEngine:
        engine = cls.__new__(cls)
        engine.path, engine._store, engine._pid = Path("(in memory)"), None, None
        engine._open_in_memory = opener
        return engine

    def _reader(self):
        import pyoxigraph

        if self._open_in_memory is not None:
            if self._store is None:
                self._store = self._open_in_memory()
            return self._store
        # A forked worker opens its own handle rather than share the parent's.
        if self._store is None or self._pid != os.getpid():
            try:
                self._store = pyoxigraph.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as err:  # RocksDB reports damage as RuntimeError
                raise store_error(err, shown=str(self.path)) from None
            self._pid = os.getpid()
        return self._store

    def graphs(self) -> set[str]:
        import pyoxigraph

        return {g.value for g in self._reader().named_graphs()
                if isinstance(g, pyoxigraph.NamedNode)}

    def quads(self) -> Iterator[tuple]:
        for quad in self._reader():
            graph = quad.graph_name
            yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object),
                   None if _is_default_graph(graph) else to_rdflib(graph))

    def open(self) -> None:
        """Load an in-memory store now, before a query worker forks."""
        if self._open_in_memory is not None:
            self._reader()

    def _execute(self, checked, bindings: Mapping | None, *, limit: int | None,
                 stream: bool) -> QueryResult:
        """Run a checked query with Oxigraph (see :meth:`LocalEngine.execute`)."""
        from kg.rdf.namespaces import PREFIXES

        # Oxigraph's own substitutions only reach projected variables, so
        # parameters travel in a VALUES block, as for an endpoint.
        text = bound_text(checked, bindings or {}, with_prefixes=False)
        try:
            # A FROM or FROM NAMED clause chooses the dataset itself.
            result = self._reader().query(
                text, prefixes=PREFIXES, use_default_graph_as_union=not checked.datasets,
            )
            return _from_oxigraph(result, checked.form, limit, stream=stream)
        except SyntaxError as err:
            message = " ".join(str(err).split())  # Oxigraph's may span several lines
            raise QueryRefused(f"the store refused the query: {message}") from None
        except OSError as err:
            raise KGError(f"the store failed: {err}", file=str(self.path)) from None
        except RuntimeError as err:  # RocksDB reports damage as RuntimeError
            raise store_error(err, shown=str(self.path)) from None

    def update(self, checked, *, timeout: float | None = None) -> QueryResult:
        """Apply an update with the dataset a query sees (:mod:`kg.sparql.store_update`).

        The update holds the store's lock (:func:`kg.sparql.store_folder.store_lock`)
        and is recorded in the manifest of a store kg made, so that a later
        ``kg load`` does not rebuild its edits away without saying so.
        """
        if self._open_in_memory is not None:
            raise KGError(MEMORY_UPDATE)
        self._store = None  # release the read-only handle before writing

        def run(flush: bool) -> QueryResult:
            import pyoxigraph

            from kg.rdf.namespaces import PREFIXES

            try:
                store = pyoxigraph.Store(str(self.path))
            except OSError as err:
                raise KGError(f"cannot write the store (is a server using it?): {err}",
                              file=str(self.path)) from None
            except RuntimeError as err:
                raise store_error(err, shown=str(self.path)) from None
            try:
                run_update(store, checked, prefixes=PREFIXES)
                if flush:
                    store.flush()
            except SyntaxError as err:
                raise KGError(f"the store refused the update: {err}") from None
            except (OSError, RuntimeError) as err:
                raise KGError(f"cannot write the store: {err}", file=str(self.path)) from None
            return QueryResult("update")

        with store_lock(self.path):
            before = mark_edited(self.path)
            try:
                if timeout is None:
                    return run(flush=True)
                # RocksDB's background threads do not survive a fork, and a
                # flush in a forked worker waits for them for ever: there the
                # write-ahead log keeps the update.
                return in_worker(lambda: run(flush=False), timeout=timeout)
            except KGError:
                # A failed transaction wrote nothing: the store is not edited.
                if before is not None and not before.get("edited") and is_one_transaction(
                        checked):
                    write_manifest(self.path, before)
                raise


def _is_default_graph(graph) -> bool:
    import pyoxigraph

    return isinstance(graph, pyoxigraph.DefaultGraph)


def to_rdflib(term):
    """An Oxigraph term as the equal rdflib term."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise KGError(f"kg cannot show the RDF-star term {term}")


def _from_oxigraph(result, form: str, limit: int | None, *, stream: bool = False) -> QueryResult:
    if form == "ask":
        return QueryResult("ask", boolean=bool(result))
    if form in ("construct", "describe"):
        return QueryResult(form, triples=tuple(
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result
        ))
    variables = tuple(v.value for v in result.variables)
    # Results repeat terms (the same actor in many rows): convert each once,
    # in a bounded cache, as a streamed result may be millions of rows long.
    convert = functools.lru_cache(maxsize=1 << 16)(to_rdflib)

    rows = (tuple(map(convert, solution)) for solution in itertools.islice(result, limit))
    return QueryResult("select", variables, rows if stream else tuple(rows))


def memory_store(paths: Iterable[str | os.PathLike] | None = None, *,
                 check_terms: bool = True, workers: int | None = None):
    """RDF files, and the ontology as its own named graph, in an in-memory
    Oxigraph store: what ``kg query`` reads, as it loads and queries much
    faster than rdflib.

    Parameters
    ----------
    paths : iterable of str or os.PathLike, optional
        Files or folders; the shipped scenario when ``None``.
    check_terms : bool, default True
        Refuse terms of the project's namespaces that the ontology does
        not declare, as :func:`kg.rdf.load.load` does.
    workers : int, optional
        Threads for the parallel load (default: one per core).

    Returns
    -------
    pyoxigraph.Store
        The in-memory store.

    Examples
    --------
    >>> store = memory_store()
    >>> len(store) > 1000
    True
    """
    import pyoxigraph

    from kg.rdf.load import default_paths, rdf_files, undeclared_error
    from kg.rdf.shipped import ontology_path

    files = rdf_files(default_paths() if paths is None else paths)
    store = pyoxigraph.Store()
    fill(store, files, ontology_path(), workers=workers)
    if check_terms:
        checked = check_named("undeclared-terms")
        unknown = [row[0] for row in StoreEngine.of(store).execute(checked).rows]
        if unknown:
            raise undeclared_error(unknown, files)
    return store
