"""What the query page's editor completes and offers, served as JSON from the server.

The query page (Yasgui) completes the ontology's classes and properties
and the resources' labels, declares the project's prefixes and offers
every shipped query as an example, all from this server: nothing is
looked up elsewhere (Yasgui's own completers ask a remote service, LOV;
the page replaces them).
"""

from __future__ import annotations

from collections.abc import Mapping

#: The shipped query a new tab of the query page starts with.
DEFAULT_QUERY_NAME = "workbench-start"


def with_prefixes(query) -> str:
    """A shipped query's text with a PREFIX line for each project prefix it
    uses, so that it runs on any endpoint as it is shown (kg predeclares them).

    Examples
    --------
    >>> from kg.sparql.named import named_query
    >>> print(with_prefixes(named_query("workbench-start")).splitlines()[0])
    PREFIX kg: <https://w3id.org/kg-relations/ontology#>
    """
    from kg.sparql.values import bound_text

    return bound_text(query, {}, with_prefixes="used")


def default_query() -> str:
    """The text a new tab of the query page starts with (prefixes declared)."""
    from kg.sparql.named import named_query

    return with_prefixes(named_query(DEFAULT_QUERY_NAME))


def examples() -> list[dict[str, str]]:
    """Every shipped query with its title, question and text (prefixes declared)."""
    from kg.sparql.named import named_query, query_names

    found = []
    for name in query_names():
        query = named_query(name)
        found.append({"name": name, "title": query.title,
                      "question": query.header.get("question", ""),
                      "params": query.header.get("params", ""),
                      "query": with_prefixes(query)})
    return found


def ontology_terms() -> dict[str, list[dict[str, str]]]:
    """The ontology's classes and properties with their labels, for completion.

    Examples
    --------
    >>> terms = ontology_terms()
    >>> any(t["iri"].endswith("#Relation") for t in terms["classes"])
    True
    """
    from rdflib import OWL, RDF, RDFS

    from kg.rdf.load import load_ontology

    graph = load_ontology()
    kinds = {"classes": (OWL.Class, RDFS.Class),
             "properties": (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                            RDF.Property)}
    result: dict[str, list[dict[str, str]]] = {}
    for key, types in kinds.items():
        seen: dict[str, dict[str, str]] = {}
        for kind in types:
            for subject in graph.subjects(RDF.type, kind):
                iri = str(subject)
                if iri in seen or not iri.startswith(("http://", "https://")):
                    continue
                label = _english(graph.objects(subject, RDFS.label))
                comment = _english(graph.objects(subject, RDFS.comment))
                seen[iri] = {"iri": iri, "label": label, "comment": comment}
        result[key] = [seen[iri] for iri in sorted(seen)]
    return result


def label_entries(labels: Mapping[str, object], *, limit: int = 50_000) -> list[list[str]]:
    """[IRI, label] pairs for the page: its completion of resources and its table labels."""
    return [[iri, str(label)] for iri, label in sorted(labels.items())[:limit]]


def _english(values) -> str:
    best = sorted(((getattr(v, "language", None) or "") not in ("en", ""), str(v))
                  for v in values)
    return best[0][1] if best else ""
