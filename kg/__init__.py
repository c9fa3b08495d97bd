"""kg: a curated knowledge graph of international actors, agreements and relations.

The package stays light on import (``kg --help`` must not pull in rdflib or
networkx); the heavy modules are imported where they are used:

- :mod:`kg.rdf.load` reads RDF files into an rdflib ``Dataset``;
- :mod:`kg.rdf.validate` checks a dataset against the SHACL shapes;
- :mod:`kg.sparql.stats` summarises a dataset.
"""

from kg.errors import KGError

__version__ = "0.1.0"
__all__ = ["KGError", "__version__"]
