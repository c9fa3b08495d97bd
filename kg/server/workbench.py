"""The workbench of ``kg serve``: the pages a researcher or a class opens in a browser.

:func:`routes` gives the application (:mod:`kg.server.app`) these pages:

* ``/``: the scenarios, each with its network pages and analysis, and the search box;
* ``/query``: Yasgui (vendored in ``static/yasgui``) on the server's ``/sparql``,
  with the project's prefixes, completion of the ontology's terms and the
  resources' labels, every shipped query as an example, result IRIs shown
  by label and linked to their resource pages, downloads in CSV, TSV and JSON;
* ``/resource?iri=IRI`` (and ``/r/CURIE``): everything about one resource
  (:mod:`kg.server.resource`);
* ``/search?q=TEXT``: resources by label (:mod:`kg.server.search`);
* ``/scenario/NAME/network?lens=LENS``: the page ``kg render`` writes
  (:mod:`kg.server.scenario`; with ``&timeline=1``, the page of
  ``kg render --timeline``, with its time slider), and
  ``/scenario/NAME/analysis``: balance,
  triangles and wedges (:mod:`kg.server.analysis_page`);
* ``/workbench/config.json`` and ``/workbench/labels.json``: what the query
  page's script completes with.

Every query a page runs goes through :func:`kg.server.app.run_select`: the
same guard, workers and limits as ``/sparql``. Templates escape every value
(Jinja2 autoescape); pages run only the scripts under ``static/`` (the
server's ``script-src 'self'``), with no inline script or event handler.
"""

from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path

from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES

STATIC = Path(__file__).resolve().parent / "static"
LENSES = ("all", "alliances", "pressures", "agreements", "balance")
_MAX_IRI = 2048


def routes(config) -> list:
    """The workbench's routes for the application serving ``config``."""
    from starlette.responses import Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    bench = Workbench(config)
    return [
        Route("/", bench.home, methods=["GET"]),
        Route("/query", bench.query, methods=["GET"]),
        Route("/resource", bench.resource, methods=["GET"]),
        Route("/r/{curie:path}", bench.curie, methods=["GET"]),
        Route("/search", bench.search, methods=["GET"]),
        Route("/scenario/{name}/network", bench.network, methods=["GET"]),
        Route("/scenario/{name}/analysis", bench.analysis, methods=["GET"]),
        Route("/workbench/config.json", bench.config_json, methods=["GET"]),
        Route("/workbench/labels.json", bench.labels_json, methods=["GET"]),
        Route("/workbench/prefixes.json", bench.prefixes_json, methods=["GET"]),
        # browsers ask every site for an icon: no content, rather than a 404 per page
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


class Workbench:
    """The pages, with what they share: the label index and the scenarios' datasets."""

    def __init__(self, config):
        self.config = config
        self._index: list[tuple] | None = None
        self._labels: dict[str, object] = {}
        self._lock = asyncio.Lock()
        self._datasets: dict[str, object] = {}
        self._pages: dict[tuple[str, str, bool], str] = {}
        self._analyses: dict[str, object] = {}

    # --- what pages share -------------------------------------------------------------

    async def labels(self, request) -> dict[str, object]:
        """IRI to label for every resource, read once (``label-index``)."""
        from kg.sparql.labels import LABEL_INDEX, preferred_labels

        async with self._lock:
            if self._index is None:
                answer = await _select(request, LABEL_INDEX)
                self._index = list(answer.result.rows)
                self._labels = preferred_labels(self._index)
        return self._labels

    async def dataset(self, name: str):
        """The rdflib dataset of a scenario, loaded once."""
        from starlette.concurrency import run_in_threadpool

        from kg.rdf.load import load

        path = self.config.scenarios.get(name)
        if path is None:
            raise _NotFound(f"no scenario named {name!r}")
        if name not in self._datasets:
            self._datasets[name] = await run_in_threadpool(load, [path])
        return self._datasets[name]

    def render(self, template: str, status: int = 200, headers=None, **values):
        from starlette.responses import HTMLResponse

        values.setdefault("scenarios", sorted(self.config.scenarios))
        html = _environment().get_template(template).render(**values)
        return HTMLResponse(html, status_code=status, headers=headers)

    # --- pages ------------------------------------------------------------------------

    async def home(self, request):
        from kg.sparql.named import named_query, query_names

        queries = [named_query(name) for name in query_names()]
        return self.render("home.html", lenses=LENSES, queries=queries,
                           source=self.config.describe(), title="kg workbench")

    async def query(self, request):
        from kg.server.completion import examples

        return self.render("query.html", examples=examples(), title="Query")

    async def config_json(self, request):
        from starlette.responses import JSONResponse

        from kg.server.completion import default_query, examples, ontology_terms

        return JSONResponse({"endpoint": "/sparql", "prefixes": PREFIXES,
                             "defaultQuery": default_query(), "examples": examples(),
                             **_terms(ontology_terms)})

    async def prefixes_json(self, request):
        from starlette.responses import JSONResponse

        return JSONResponse(PREFIXES)

    async def labels_json(self, request):
        from starlette.responses import JSONResponse

        from kg.server.completion import label_entries

        return await _guarded(self, request, lambda: self._labels_json(request, JSONResponse,
                                                                         label_entries))

    async def _labels_json(self, request, response, entries):
        return response({"labels": entries(await self.labels(request))})

    async def search(self, request):
        from kg.server.search import search
        from kg.server.terms import term

        text = request.query_params.get("q", "").strip()[:200]

        async def page():
            labels = await self.labels(request)
            found = search(self._index or [], text) if text else []
            results = [(term(_iri(iri), labels), names) for iri, names in found]
            return self.render("search.html", q=text, results=results, title="Search")

        return await _guarded(self, request, page)

    async def curie(self, request):
        from starlette.responses import RedirectResponse

        from kg.server.terms import resource_href

        text = request.path_params["curie"]
        prefix, sep, local = text.partition(":")
        if not sep or prefix not in PREFIXES:
            return self.render("error.html", 404, title="Not found",
                               message=f"{text!r} is not a CURIE of a known prefix")
        return RedirectResponse(resource_href(PREFIXES[prefix] + local), status_code=303)

    async def resource(self, request):
        iri = request.query_params.get("iri", "").strip()
        if not iri or len(iri) > _MAX_IRI or not _plausible_iri(iri):
            return self.render("error.html", 400, title="Not a resource",
                               message="give a resource's IRI: /resource?iri=IRI")
        return await _guarded(self, request, lambda: self._resource(request, iri))

    async def _resource(self, request, iri: str):
        from kg.server.neighbours import HEIGHT, WIDTH, place
        from kg.server.resource import resource_page

        node = _iri(iri)
        labels = await self.labels(request)
        describe, qualifiers, flags = await asyncio.gather(
            _select(request, "describe-resource", resource=node),
            _select(request, "resource-qualifiers", resource=node),
            _select(request, "resource-flags", resource=node))
        page = resource_page(node, describe=describe.result.rows,
                             qualifiers=qualifiers.result.rows, flags=flags.result.rows,
                             labels=labels, claim_classes=_claim_classes())
        cut = [a.cut for a in (describe, qualifiers, flags) if a.cut]
        status = 200 if page.found else 404
        return self.render("resource.html", status, page=page, cut=cut,
                           spots=place(page.neighbours), width=WIDTH, height=HEIGHT,
                           title=page.resource.text)

    async def network(self, request):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import HTMLResponse

        from kg.server.scenario import network_html, network_policy

        name = request.path_params["name"]
        lens = request.query_params.get("lens", "all")
        if lens not in LENSES:
            return self.render("error.html", 404, title="Not found",
                               message=f"no lens {lens!r}; choose one of {', '.join(LENSES)}")
        slider = request.query_params.get("timeline", "0")
        if slider not in ("0", "1"):
            return self.render("error.html", 400, title="Not a page",
                               message="timeline=1 adds the time slider; timeline=0 leaves it out")
        timeline = slider == "1"

        async def page():
            key = (name, lens, timeline)
            if key not in self._pages:
                dataset = await self.dataset(name)
                self._pages[key] = await run_in_threadpool(network_html, dataset, lens=lens,
                                                           timeline=timeline)
            html = self._pages[key]
            return HTMLResponse(html, headers={"Content-Security-Policy": network_policy(html)})

        return await _guarded(self, request, page)

    async def analysis(self, request):
        from starlette.concurrency import run_in_threadpool

        from kg.server.analysis_page import analysis

        name = request.path_params["name"]

        async def page():
            if name not in self._analyses:
                dataset = await self.dataset(name)
                self._analyses[name] = await run_in_threadpool(analysis, dataset)
            return self.render("analysis.html", name=name, result=self._analyses[name],
                               title=f"Analysis of {name}")

        return await _guarded(self, request, page)


class _NotFound(KGError):
    pass


async def _select(request, name: str, **bindings):
    from kg.server.app import run_select

    return await run_select(request, name=name, bindings=bindings)


async def _guarded(bench: Workbench, request, make):
    """The page ``make`` builds, or a page saying why not, with the right status."""
    from kg.server.app import Busy, QueryRefused, QueryTimeout

    try:
        return await make()
    except _NotFound as err:
        return bench.render("error.html", 404, title="Not found", message=str(err))
    except Busy as err:
        return bench.render("error.html", 503, headers={"Retry-After": "1"},
                            title="Busy", message=str(err))
    except QueryRefused as err:
        return bench.render("error.html", 400, title="Refused", message=str(err))
    except QueryTimeout as err:
        return bench.render("error.html", 500, title="Too slow", message=str(err))
    except KGError as err:
        return bench.render("error.html", 500, title="Error", message=str(err))


def _iri(text: str):
    from rdflib import URIRef

    return URIRef(text)


def _plausible_iri(text: str) -> bool:
    """An absolute IRI without characters an IRI cannot hold.

    Examples
    --------
    >>> _plausible_iri("https://w3id.org/kg-relations/id/avalon"), _plausible_iri("x y")
    (True, False)
    """
    import re

    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text))


@cache
def _claim_classes() -> frozenset[str]:
    """kg:Claim and every class the ontology derives from it."""
    from rdflib import RDFS, URIRef

    from kg.rdf.load import load_ontology

    graph = load_ontology()
    root = URIRef(PREFIXES["kg"] + "Claim")
    return frozenset(str(c) for c in graph.transitive_subjects(RDFS.subClassOf, root))


@cache
def _terms(read) -> dict:
    return read()


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from kg.pages.display import isolated, shown, visible

    env = Environment(loader=PackageLoader("kg.server", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["isolated"] = isolated
    env.filters["shown"] = shown
    env.filters["visible"] = visible
    return env
