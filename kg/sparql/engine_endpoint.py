"""The endpoint engine: any SPARQL 1.1 endpoint, over HTTP."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping

from kg.errors import KGError
from kg.sparql.engine_common import check_timeout, timeout_message
from kg.sparql.results import QueryResult
from kg.sparql.values import bound_text

#: Seconds to wait for an endpoint when no time limit is given: a server
#: that never answers must not hang a command.
ENDPOINT_TIMEOUT = 120.0


class EndpointEngine:
    """A SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, GraphDB, QLever, ...).

    Queries are sent by HTTP POST as ``application/x-www-form-urlencoded``
    with the predeclared prefixes added; parameters travel in a ``VALUES``
    block at the start of the WHERE pattern, which binds them before
    anything else in the pattern, as rdflib's initBindings do. Each
    request gives up after ``timeout`` seconds (:data:`ENDPOINT_TIMEOUT` by
    default) unless a query sets its own.

    Parameters
    ----------
    url : str
        The endpoint's http:// or https:// URL.
    timeout : float, optional
        Seconds to wait for each answer.
    """

    name = "endpoint"

    def __init__(self, url: str, *, timeout: float | None = None):
        if not re.match(r"^https?://", url):
            raise KGError(f"--endpoint {url!r}: expected an http:// or https:// URL")
        self.url = url
        self.timeout = check_timeout(timeout) or ENDPOINT_TIMEOUT

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
        body, content_type = self._post({"query": text}, accept,
                                        check_timeout(timeout) or self.timeout)
        if checked.returns_graph:
            return QueryResult(checked.form, triples=_parse_graph(body, content_type))
        data = _results_json(body, content_type, ask=checked.form == "ask")
        if checked.form == "ask":
            return QueryResult("ask", boolean=data["boolean"])
        from kg.sparql.results import term_from_json

        variables = tuple(data["head"]["vars"])
        bindings_list = data["results"]["bindings"]
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

    def _post(self, form: dict, accept: str, timeout: float) -> tuple[str, str]:
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
            raise KGError(timeout_message(timeout), file=self.url) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise KGError(timeout_message(timeout), file=self.url) from None
            raise KGError(f"cannot reach the endpoint: {err.reason}", file=self.url) from None


def _results_json(body: str, content_type: str, *, ask: bool) -> dict:
    """The SPARQL 1.1 Query Results JSON of an answer, or a one-line error."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if ask:
        ok = isinstance(data, dict) and isinstance(data.get("boolean"), bool)
    else:
        head = data.get("head") if isinstance(data, dict) else None
        results = data.get("results") if isinstance(data, dict) else None
        ok = (isinstance(head, dict) and isinstance(head.get("vars"), list)
              and all(isinstance(v, str) for v in head["vars"])
              and isinstance(results, dict) and isinstance(results.get("bindings"), list)
              and all(isinstance(b, dict) and all(isinstance(t, dict) for t in b.values())
                      for b in results["bindings"]))
    if not ok:
        kind = "an ASK" if ask else "a SELECT"
        raise KGError(f"the endpoint did not answer {kind} in SPARQL 1.1 Query Results "
                      f"JSON ({content_type or 'no content type'})")
    return data


def _parse_graph(body: str, content_type: str) -> tuple:
    from rdflib import Graph

    fmt = "turtle" if "turtle" in content_type else "nt"
    graph = Graph()
    try:
        graph.parse(data=body, format=fmt)
    except Exception as err:
        raise KGError(f"cannot read the endpoint's graph ({content_type}): {err}") from None
    return tuple(graph)
