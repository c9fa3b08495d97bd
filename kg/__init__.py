"""kg: a curated knowledge graph of international actors, agreements and relations.

The library has four paths, one subpackage each, with :mod:`kg.cli` as
the command line over them:

- :mod:`kg.rdf`: RDF in: reading files, namespaces, validation;
- :mod:`kg.sparql`: SPARQL: the safety check, named queries, engines,
  stores, results, RDF export and summary counts;
- :mod:`kg.signed`: the signed network: projection, balance, frustration,
  triangles, wedges, centrality, what-if and the evidence behind edges;
- :mod:`kg.pages`: the offline network pages.

The functions people use most are importable from here (``from kg import
load, signed_graph, balance``). The package stays light on import
(``kg --help`` must not pull in rdflib or networkx): each of these names
imports its module on first use.
"""

from __future__ import annotations

import importlib

from kg.errors import KGError

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_API = {
    "load": "kg.rdf.load",
    "validate": "kg.rdf.validate",
    "check_query": "kg.sparql.guard",
    "named_query": "kg.sparql.named",
    "run_query": "kg.sparql.run",
    "engine_for": "kg.sparql.engines",
    "MemoryEngine": "kg.sparql.engine_rdflib",
    "StoreEngine": "kg.sparql.engine_oxigraph",
    "EndpointEngine": "kg.sparql.engine_endpoint",
    "memory_store": "kg.sparql.engine_oxigraph",
    "load_store": "kg.sparql.store",
    "export_rdf": "kg.sparql.export",
    "stats": "kg.sparql.stats",
    "actor_multigraph": "kg.signed.network",
    "signed_graph": "kg.signed.network",
    "read_edge_list": "kg.signed.network",
    "export_network": "kg.signed.network_export",
    "resolve_actor": "kg.signed.actors",
    "balance": "kg.signed.balance",
    "frustration": "kg.signed.frustration",
    "strategic_triangles": "kg.signed.strategic",
    "wedges": "kg.signed.wedges",
    "centrality": "kg.signed.centrality",
    "whatif": "kg.signed.whatif",
    "edge_evidence": "kg.signed.explain",
    "page_graph": "kg.pages.pagegraph",
    "render_page": "kg.pages.render",
    "build_page": "kg.pages.network_page",
}

__all__ = ["KGError", "__version__", *sorted(_API)]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
