"""Three engines behind one small interface: rdflib, Oxigraph, endpoint.

* :class:`MemoryEngine`: an rdflib ``Dataset`` from :func:`kg.rdf.load.load`.
* :class:`StoreEngine`: an Oxigraph store (pyoxigraph): on disk, as written
  by :func:`kg.sparql.store.load_store`, or in memory, as
  :func:`kg.sparql.store.memory_store` loads files for ``kg query``.
* :class:`EndpointEngine`: any SPARQL 1.1 endpoint, over HTTP.

Each engine answers :meth:`query` with a :class:`kg.sparql.results.QueryResult`
of rdflib terms, lists its named graphs (:meth:`graphs`) and its quads
(:meth:`quads`). All three see the union of their graphs as the default
graph, as the in-memory dataset does, unless a query's FROM or FROM NAMED
chooses its own. Queries arrive checked by
:func:`kg.sparql.guard.check_query`; the engines never see an unchecked query.

A ``timeout`` runs the query of a local engine in a forked worker process
that is killed when time is up; a remote query gives up waiting.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from kg.errors import KGError
from kg.sparql.results import QueryResult

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MEMORY_UPDATE = ("updates change an on-disk store only: load it with "
                 "`kg load FILES --store DIR`, then `kg query --store DIR --update`")


def timeout_message(timeout: float) -> str:
    return (f"query stopped after {timeout:g} s (--timeout); "
            "narrow it, add a LIMIT or allow more time")


def call_with_timeout(fn: Callable[[], object], timeout: float | None):
    """``fn()`` in a forked worker process, killed after ``timeout`` seconds.

    Without a timeout, ``fn`` runs here. A :class:`KGError` raised in the
    worker is raised again here.

    Examples
    --------
    >>> call_with_timeout(lambda: 6 * 7, 5.0)
    42
    """
    if timeout is None:
        return fn()
    if timeout <= 0:
        raise KGError("--timeout must be a positive number of seconds")
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(fn, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise KGError(timeout_message(timeout))
        status, payload = receiver.recv()
    except EOFError:
        raise KGError("the query worker stopped without an answer") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if status == "error":
        message, file, line = payload
        raise KGError(message, file=file, line=line)
    return payload


def _worker(fn, sender) -> None:
    try:
        sender.send(("ok", fn()))
    except KGError as err:
        sender.send(("error", (err.message, err.file, err.line)))
    except Exception as err:  # reported to the parent as one line
        sender.send(("error", (f"{type(err).__name__}: {err}", None, None)))
    finally:
        sender.close()


# --------------------------------------------------------------------------
# In memory: rdflib
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# On disk: Oxigraph
# --------------------------------------------------------------------------


class StoreEngine:
    """An Oxigraph store: on disk (opened read-only for queries), or in
    memory (:meth:`in_memory`, :meth:`of`).

    ``path`` must hold a store written by :func:`kg.sparql.store.load_store` (or
    by ``oxigraph load``).
    """

    name = "store"

    def __init__(self, path):
        self.path = Path(path)
        if not (self.path / "CURRENT").is_file():
            raise KGError("no Oxigraph store here; create one with "
                          "`kg load FILES --store DIR`", file=str(self.path))
        self._store = None
        self._pid = None
        self._open_in_memory = None

    @classmethod
    def in_memory(cls, paths=None) -> StoreEngine:
        """Files (the shipped scenario by default) in an in-memory store,
        loaded by :func:`kg.sparql.store.memory_store` when first queried.

        Examples
        --------
        >>> from kg.sparql.guard import run_query
        >>> result = run_query(StoreEngine.in_memory(), "ASK { ?s a kg:State }")
        >>> result.boolean
        True
        """
        from kg.sparql.store import memory_store

        return cls._in_memory_by(lambda: memory_store(paths))

    @classmethod
    def of(cls, store) -> StoreEngine:
        """An engine over an open ``pyoxigraph.Store``, e.g. an in-memory one.

        Examples
        --------
        >>> import pyoxigraph
        >>> from kg.sparql.guard import run_query
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
            except OSError as err:
                raise KGError(f"cannot open the store: {err}", file=str(self.path)) from None
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

    def query(self, checked, bindings: Mapping | None = None, *, limit: int | None = None,
              timeout: float | None = None) -> QueryResult:
        from kg.rdf.namespaces import PREFIXES

        # Oxigraph's own substitutions only reach projected variables, so
        # parameters travel in a VALUES block, as for an endpoint.
        text = bound_text(checked, bindings or {}, with_prefixes=False)
        self._reader()  # an in-memory store loads here, not in the timed worker

        def run() -> QueryResult:
            try:
                # A FROM or FROM NAMED clause chooses the dataset itself.
                result = self._reader().query(
                    text, prefixes=PREFIXES, use_default_graph_as_union=not checked.datasets,
                )
                return _from_oxigraph(result, checked.form, limit)
            except SyntaxError as err:
                raise KGError(f"the store refused the query: {err}") from None
            except OSError as err:
                raise KGError(f"the store failed: {err}", file=str(self.path)) from None

        return call_with_timeout(run, timeout)

    def update(self, checked, *, timeout: float | None = None) -> QueryResult:
        import pyoxigraph

        from kg.rdf.namespaces import PREFIXES

        if self._open_in_memory is not None:
            raise KGError(MEMORY_UPDATE)
        self._store = None  # release the read-only handle before writing

        def run() -> QueryResult:
            try:
                store = pyoxigraph.Store(str(self.path))
                store.update(checked.text, prefixes=PREFIXES)
                store.flush()
            except SyntaxError as err:
                raise KGError(f"the store refused the update: {err}") from None
            except OSError as err:
                raise KGError(f"cannot write the store (is a server using it?): {err}",
                              file=str(self.path)) from None
            return QueryResult("update")

        return call_with_timeout(run, timeout)


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


def _from_oxigraph(result, form: str, limit: int | None) -> QueryResult:
    if form == "ask":
        return QueryResult("ask", boolean=bool(result))
    if form in ("construct", "describe"):
        return QueryResult(form, triples=tuple(
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result
        ))
    variables = tuple(v.value for v in result.variables)
    # Results repeat terms (the same actor in many rows): convert each once.
    converted: dict = {}

    def convert(term):
        if term not in converted:
            converted[term] = to_rdflib(term)
        return converted[term]

    rows = []
    for solution in result:
        if limit is not None and len(rows) >= limit:
            break
        rows.append(tuple(map(convert, solution)))
    return QueryResult("select", variables, tuple(rows))


# --------------------------------------------------------------------------
# Remote: any SPARQL 1.1 endpoint
# --------------------------------------------------------------------------

_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANG_OK = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def sparql_term(term) -> str:
    """An rdflib term in SPARQL syntax, refusing anything that could break out.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> sparql_term(Literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
    >>> sparql_term(URIRef("http://example.org/a> } SERVICE <x"))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: not a valid IRI: 'http://example.org/a> } SERVICE <x'
    """
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        text = str(term)
        escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            if not _LANG_OK.fullmatch(term.language):
                raise KGError(f"not a valid language tag: {term.language!r}")
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None:
            return f'"{escaped}"^^{sparql_term(term.datatype)}'
        return f'"{escaped}"'
    if isinstance(term, BNode):
        raise KGError("a blank node cannot be sent to an endpoint as a parameter")
    if not _IRI_OK.fullmatch(str(term)):
        raise KGError(f"not a valid IRI: {str(term)!r}")
    return f"<{term}>"


def bound_text(checked, bindings: Mapping, *, with_prefixes: bool) -> str:
    """The query text with its parameters in a ``VALUES`` block.

    The block opens the WHERE pattern, so the values are joined before
    anything else in the pattern is evaluated, as rdflib's initBindings bind
    them. Terms pass :func:`sparql_term`, which escapes literals and refuses
    IRIs that could end the term, so the block adds nothing but values.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from kg.sparql.guard import check_query
    >>> q = check_query("SELECT ?x WHERE { ?x kg:party ?a }")
    >>> bound_text(q, {"a": URIRef("https://example.org/a")},
    ...            with_prefixes=False)
    'SELECT ?x WHERE { VALUES (?a) { (<https://example.org/a>) }  ?x kg:party ?a }'
    """
    from kg.rdf.namespaces import PREFIXES
    from kg.sparql.guard import where_block_start

    text = checked.text
    if bindings:
        start = where_block_start(text)
        if start is None:
            raise KGError("the query has no WHERE pattern to bind parameters in")
        names = sorted(bindings)
        bad = [n for n in names if not _VARIABLE.fullmatch(n)]
        if bad:
            raise KGError(f"not a variable name: {bad[0]!r}")
        values = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
                  + " ".join(sparql_term(bindings[n]) for n in names) + ") } ")
        text = text[:start] + values + text[start:]
    if with_prefixes:
        text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items())) + text
    return text


class EndpointEngine:
    """A SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, GraphDB, QLever, ...).

    Queries are sent by HTTP POST as ``application/x-www-form-urlencoded``
    with the predeclared prefixes added; parameters travel in a ``VALUES``
    block at the start of the WHERE pattern, which binds them before
    anything else in the pattern, as rdflib's initBindings do.
    """

    name = "endpoint"

    def __init__(self, url: str):
        if not re.match(r"^https?://", url):
            raise KGError(f"--endpoint {url!r}: expected an http:// or https:// URL")
        self.url = url

    def graphs(self) -> set[str]:
        from kg.sparql.guard import check_query

        checked = check_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return {str(row[0]) for row in self.query(checked).rows}

    def quads(self) -> Iterator[tuple]:
        from kg.sparql.guard import check_query

        named = check_query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        default = check_query(
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        )
        for s, p, o in self.query(default).rows:
            yield s, p, o, None
        yield from self.query(named).rows

    def query(self, checked, bindings: Mapping | None = None, *, limit: int | None = None,
              timeout: float | None = None) -> QueryResult:
        text = bound_text(checked, bindings or {}, with_prefixes=True)
        if checked.returns_graph:
            accept = "application/n-triples, text/turtle;q=0.8"
        else:
            accept = "application/sparql-results+json"
        body, content_type = self._post({"query": text}, accept, timeout)
        if checked.returns_graph:
            return QueryResult(checked.form, triples=_parse_graph(body, content_type))
        try:
            data = json.loads(body)
        except ValueError:
            raise KGError(f"the endpoint did not answer in SPARQL JSON ({content_type})") from None
        if checked.form == "ask":
            return QueryResult("ask", boolean=bool(data.get("boolean")))
        from kg.sparql.results import term_from_json

        variables = tuple(data.get("head", {}).get("vars", []))
        bindings_list = data.get("results", {}).get("bindings", [])
        if limit is not None:
            bindings_list = bindings_list[:limit]
        rows = tuple(
            tuple(term_from_json(b[v]) if v in b else None for v in variables)
            for b in bindings_list
        )
        return QueryResult("select", variables, rows)

    def update(self, checked, *, timeout: float | None = None) -> QueryResult:
        raise KGError("kg sends no updates to an endpoint; update an on-disk store "
                      "with `kg query --store DIR --update` instead")

    def _post(self, form: dict, accept: str, timeout: float | None) -> tuple[str, str]:
        import urllib.error
        import urllib.parse
        import urllib.request

        request = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={"Accept": accept,
                     "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                     "User-Agent": "kg (SPARQL client)"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                content_type = response.headers.get("Content-Type", "")
                return response.read().decode("utf-8"), content_type
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            first = detail[0][:200] if detail else err.reason
            raise KGError(f"the endpoint answered {err.code}: {first}", file=self.url) from None
        except TimeoutError:
            raise KGError(timeout_message(timeout or 0), file=self.url) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise KGError(timeout_message(timeout or 0), file=self.url) from None
            raise KGError(f"cannot reach the endpoint: {err.reason}", file=self.url) from None


def _parse_graph(body: str, content_type: str) -> tuple:
    from rdflib import Graph

    fmt = "turtle" if "turtle" in content_type else "nt"
    graph = Graph()
    try:
        graph.parse(data=body, format=fmt)
    except Exception as err:
        raise KGError(f"cannot read the endpoint's graph ({content_type}): {err}") from None
    return tuple(graph)


def engine_for(*, data=None, store=None, endpoint=None, memory: str = "oxigraph"):
    """The engine for the command-line choice of source (shipped data by default).

    Files and the shipped data load into memory: into an Oxigraph store
    (``memory="oxigraph"``), which loads and queries many times faster, or
    into an rdflib ``Dataset`` (``memory="rdflib"``), which keeps every
    literal as written (Oxigraph writes numbers in canonical form).
    """
    chosen = [x for x in (data, store, endpoint) if x]
    if len(chosen) > 1:
        raise KGError("choose one source: --data, --store or --endpoint")
    if store:
        return StoreEngine(store)
    if endpoint:
        return EndpointEngine(endpoint)
    paths = list(data) if data else None
    return StoreEngine.in_memory(paths) if memory == "oxigraph" else MemoryEngine(paths=paths)
