"""Namespaces of the ontology and of the standard vocabularies it builds on.

``PREFIXES`` is the one table of prefixes: SPARQL queries get them
predeclared, serialisations bind them, and tables show CURIEs with them.
The terms themselves are declared in ``ontology/kg.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg-relations/ontology#",
    "kgc": "https://w3id.org/kg-relations/concept/",
    "kgr": "https://w3id.org/kg-relations/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "qb": "http://purl.org/linked-data/cube#",
    "oa": "http://www.w3.org/ns/oa#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}

#: Namespaces whose terms must be declared in the ontology file.
PROJECT_PREFIXES = ("kg", "kgc")

KG = Namespace(PREFIXES["kg"])
KGC = Namespace(PREFIXES["kgc"])
KGR = Namespace(PREFIXES["kgr"])
PROV = Namespace(PREFIXES["prov"])
ORG = Namespace(PREFIXES["org"])
SCHEMA = Namespace(PREFIXES["schema"])
QB = Namespace(PREFIXES["qb"])
WD = Namespace(PREFIXES["wd"])
TIME = Namespace(PREFIXES["time"])


def bind_prefixes(graph) -> None:
    """Bind every prefix of ``PREFIXES`` on an rdflib graph or dataset."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)


def wikidata_page(iri: str) -> str:
    """The Wikidata page of a ``wd:`` item or property IRI, else ``''``.

    Examples
    --------
    >>> wikidata_page("http://www.wikidata.org/entity/Q42")
    'https://www.wikidata.org/wiki/Q42'
    >>> wikidata_page("https://example.org/Q42"), wikidata_page(PREFIXES["wd"] + "Q42x")
    ('', '')
    """
    text = str(iri)
    if not text.startswith(PREFIXES["wd"]):
        return ""
    local = text[len(PREFIXES["wd"]):]
    if len(local) > 1 and local[0] in "QP" and local[1:].isdigit():
        return f"https://www.wikidata.org/wiki/{local}"
    return ""


def curie(iri: str) -> str:
    """Shorten an IRI with the known prefixes; leave others as they are.

    Examples
    --------
    >>> curie("https://w3id.org/kg-relations/ontology#Relation")
    'kg:Relation'
    >>> curie("http://example.org/x")
    'http://example.org/x'
    """
    text = str(iri)
    best = ""
    for prefix, base in PREFIXES.items():
        if text.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    if not best:
        return text
    local = text[len(PREFIXES[best]) :]
    if local and all(ch.isalnum() or ch in "-_." for ch in local) and not local.endswith("."):
        return f"{best}:{local}"
    return text
