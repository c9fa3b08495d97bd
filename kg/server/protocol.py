"""``/sparql``: the SPARQL 1.1 Protocol, queries only, and the service description.

A query arrives as ``GET ?query=``, as a form (``POST``,
``application/x-www-form-urlencoded``, ``query=``) or as the body of a
``POST`` of ``application/sparql-query``. It is answered in the format the
``Accept`` header (or a ``format`` parameter) chooses
(:mod:`kg.server.formats`), after the guard has passed it, by a query
worker (:mod:`kg.server.pool`).

What the client gets when something stops the query:

* 400 and the guard's one-line message: SERVICE, LOAD, an update, FROM
  of a graph outside the store, a syntax error; 400 for ``update=``, an
  ``application/sparql-update`` body and the dataset parameters
  (``default-graph-uri``, ``named-graph-uri``: name graphs with FROM);
* 406 when no acceptable format can hold the answer, 413 for a body or
  query text over the size limit, 415 for another body type;
* 503 with ``Retry-After`` when every worker is busy and the wait queue
  is full;
* 500 with ``X-KG-Cut: timeout=S`` when the query ran past the time
  limit (its worker is killed); 500 and one line when it needed more
  memory than ``--max-memory`` (its worker is replaced); a result cut at
  the row limit is sent with ``X-KG-Cut: rows=N``;
* 408 when a body does not arrive within the time limit.

A client that hangs up while its query runs frees the worker at once: the
query is stopped and its worker replaced (:func:`unless_gone`).

``GET /sparql`` without a query answers the SPARQL 1.1 Service
Description of the endpoint (Turtle, N-Triples or JSON-LD).
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import parse_qsl

from kg.errors import KGError
from kg.server.middleware import QUERY_HASH, query_hash
from kg.server.pool import Busy, Job, QueryTimeout

CUT_HEADER = "X-KG-Cut"
#: The message for every way of sending an update.
NO_UPDATES = "updates are not served: kg serve answers queries only"

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


#: How often a running query looks whether its client is still there (seconds).
DISCONNECT_POLL = 0.1


class _TooLarge(Exception):
    pass


class ClientGone(Exception):
    """The client hung up before its answer was ready."""


async def unless_gone(request, awaitable, *, every: float = DISCONNECT_POLL):
    """What ``awaitable`` gives, unless the client of ``request`` hangs up first:
    then it is cancelled (a query's worker is killed and replaced) and
    :class:`ClientGone` raised."""
    task = asyncio.ensure_future(awaitable)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=every)
            if done:
                return task.result()
            if await request.is_disconnected():
                raise ClientGone
    finally:
        if not task.done():
            task.cancel()
            await asyncio.wait({task})


async def sparql_endpoint(request):
    """The ``/sparql`` route (see the module docstring)."""
    from kg.server.app import state_of

    state = state_of(request)
    limit = state.config.max_request_bytes
    params = list(request.query_params.multi_items())
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in (_FORM, _QUERY, _UPDATE):
            return _text(415, f"send a query as {_FORM} (query=...) or as {_QUERY}")
        if kind == _UPDATE:
            return _text(400, NO_UPDATES)
        try:
            async with asyncio.timeout(state.config.timeout):
                body = await _body(request, limit)
            text = body.decode("utf-8")
        except _TooLarge:
            return _text(413, f"the request is over {limit} bytes")
        except TimeoutError:
            return _text(408, f"the request's body did not arrive within "
                              f"{state.config.timeout:g} s")
        except UnicodeDecodeError:
            return _text(400, "the request is not UTF-8")
        if kind == _FORM:
            params += parse_qsl(text, keep_blank_values=True)
        else:
            params = [(k, v) for k, v in params if k != "query"] + [("query", text)]
    queries = [value for key, value in params if key == "query"]
    if any(key == "update" for key, _ in params):
        return _text(400, NO_UPDATES)
    if any(key in ("default-graph-uri", "named-graph-uri") for key, _ in params):
        return _text(400, "default-graph-uri and named-graph-uri are not served: "
                          "name the store's graphs with FROM and FROM NAMED in the query")
    if len(queries) > 1:
        return _text(400, "give one query per request")
    if not queries:
        if request.method == "POST":
            return _text(400, "no query: send query=... or a body of " + _QUERY)
        await state.start()
        return service_description(request, state)
    query = queries[0]
    setattr(request.state, QUERY_HASH, query_hash(query))
    if len(query.encode("utf-8", "surrogatepass")) > limit:
        return _text(413, f"the query is over {limit} bytes")
    return await _answer(request, state, query, dict(params).get("format"))


async def _answer(request, state, query: str, override: str | None):
    from starlette.responses import Response

    from kg.server.app import raise_for
    from kg.server.formats import GRAPH_TYPES, MEDIA_TYPE, ROW_TYPES, negotiate

    accept = request.headers.get("accept")
    formats = (negotiate(accept, ROW_TYPES, override), negotiate(accept, GRAPH_TYPES, override))
    if formats == (None, None):
        return _text(406, "no format the request accepts: results come as "
                          + ", ".join(types[0] for types in {**ROW_TYPES,
                                                             **GRAPH_TYPES}.values()))
    config = state.config
    try:
        await state.start()
        status, payload = await unless_gone(request, state.pool.run(
            Job(query, formats=formats, max_rows=config.max_rows)))
        if status == "written":
            headers = {CUT_HEADER: payload.cut} if payload.cut else {}
            return Response(payload.body, media_type=MEDIA_TYPE[payload.fmt], headers=headers)
        if status == "unacceptable":
            return _text(406, f"a {payload.upper()} query cannot be written in a format the "
                              "request accepts")
        if status == "refused":
            return _text(400, payload)
        raise_for(status, payload)
    except ClientGone:
        return _text(499, "the client went away; its query was stopped")
    except Busy as err:
        return _text(503, str(err), {"Retry-After": "1"})
    except QueryTimeout as err:
        return _text(500, str(err), {CUT_HEADER: f"timeout={config.timeout:g}"})
    except KGError as err:
        return _text(500, str(err))


async def _body(request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        parts.append(chunk)
    return b"".join(parts)


def _text(status: int, message: str, headers: dict | None = None):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


# --- the service description ------------------------------------------------

_FORMATS = "http://www.w3.org/ns/formats/"
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD")


def service_description(request, state):
    """The SPARQL 1.1 Service Description of this endpoint, negotiated."""
    from starlette.responses import Response

    from kg.server.formats import GRAPH_TYPES, MEDIA_TYPE, negotiate

    fmt = negotiate(request.headers.get("accept"), GRAPH_TYPES,
                    request.query_params.get("format"))
    if fmt is None:
        return _text(406, "the service description comes as "
                          + ", ".join(types[0] for types in GRAPH_TYPES.values()))
    text = description_text(_endpoint_url(request), state.graphs, fmt=fmt,
                            timeout=state.config.timeout, max_rows=state.config.max_rows)
    return Response(text, media_type=MEDIA_TYPE[fmt])


def description_text(endpoint: str, graphs, *, fmt: str = "ttl", timeout: float = 10.0,
                     max_rows: int = 10_000) -> str:
    """The service description of an endpoint at ``endpoint`` over ``graphs``.

    Examples
    --------
    >>> text = description_text("http://127.0.0.1:8000/sparql", ["urn:g"])
    >>> "sd:SPARQL11Query" in text and "sd:UnionDefaultGraph" in text
    True
    """
    from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    graph = Graph()
    graph.bind("sd", sd)
    graph.bind("formats", _FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, sd.Service))
    graph.add((service, sd.endpoint, service))
    graph.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    graph.add((service, sd.feature, sd.UnionDefaultGraph))
    for name in _RESULT_FORMATS:
        graph.add((service, sd.resultFormat, URIRef(_FORMATS + name)))
    graph.add((service, RDFS.comment, Literal(
        f"kg serve: queries only. SERVICE, LOAD, updates and FROM of graphs outside the "
        f"store are refused; each query stops after {timeout:g} s and at {max_rows} rows "
        f"(the X-KG-Cut header says when it was cut).")))
    dataset, default = BNode("dataset"), BNode("default")
    graph.add((service, sd.defaultDataset, dataset))
    graph.add((dataset, RDF.type, sd.Dataset))
    graph.add((dataset, sd.defaultGraph, default))
    graph.add((default, RDF.type, sd.Graph))
    for number, iri in enumerate(sorted(graphs)):
        named = BNode(f"graph{number}")
        graph.add((dataset, sd.namedGraph, named))
        graph.add((named, RDF.type, sd.NamedGraph))
        graph.add((named, sd.name, URIRef(iri)))
    formats = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
    return graph.serialize(format=formats[fmt])


def _endpoint_url(request) -> str:
    """This endpoint's URL: from the Host header when it is a plain host name."""
    host = request.headers.get("host", "")
    if not _HOST.match(host):
        server = request.scope.get("server") or ("127.0.0.1", 8000)
        host = f"{server[0]}:{server[1]}"
    return f"{request.url.scheme}://{host}{request.url.path}"
