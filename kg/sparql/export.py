"""Export a graph as RDF files other tools read, byte for byte reproducibly.

RDF formats: Turtle (``ttl``) and N-Triples (``nt``) hold triples only, so
the graphs are merged; N-Quads (``nq``), TriG (``trig``) and JSON-LD
(``jsonld``) keep the named graphs. The graphs are part of the evidence:
a fact is shown with the quote of a resource only where one graph holds
both (see the describe-resource query), so a merged export read back may
pair a background fact with an article's words; pass data on as TriG or
N-Quads. Blank nodes get canonical labels
(rdflib's RGDA1 canonicalisation) and lines are sorted where the format
allows, so the same graph always gives the same bytes.

The ontology graph that every loader adds is left out unless asked for:
each loader adds it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from kg.errors import KGError

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")



def canonical(graph):
    """A copy of an rdflib ``Graph`` whose blank nodes have canonical labels.

    Examples
    --------
    >>> from rdflib import BNode, Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), BNode()))
    >>> [str(o) for o in canonical(g).objects()] == [str(o) for o in canonical(g).objects()]
    True
    """
    from rdflib import BNode, Graph
    from rdflib.compare import to_canonical_graph

    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    if not any(isinstance(node, BNode) for triple in graph for node in triple):
        out += graph
        return out
    for triple in to_canonical_graph(graph):
        out.add(triple)
    return out


def canonical_quads(quads: Iterable[tuple]) -> list[tuple]:
    """Quads with canonical blank-node labels, graph by graph, sorted.

    A blank node's label is made unique to its graph so that equal shapes in
    two graphs do not merge.
    """
    from rdflib import BNode, Graph

    by_graph: dict[object, Graph] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(g, Graph()).add((s, p, o))
    out = []
    for name, graph in by_graph.items():
        salt = hashlib.sha256(str(name).encode("utf-8")).hexdigest()[:8]
        for s, p, o in canonical(graph):
            s, o = (BNode(f"{n}{salt}") if isinstance(n, BNode) else n for n in (s, o))
            out.append((s, p, o, name))
    return sorted(out, key=lambda q: (str(q[3] or ""), q[0].n3(), q[1].n3(), q[2].n3()))


def export_rdf(quads: Iterable[tuple], *, fmt: str, with_ontology: bool = False) -> str:
    """Serialise quads ``(s, p, o, graph or None)`` in one RDF format.

    Parameters
    ----------
    quads : iterable of tuple
        The statements, e.g. from an engine's ``quads()``.
    fmt : str
        One of :data:`RDF_FORMATS`.
    with_ontology : bool, default False
        Keep the ontology graph that loaders add.

    Returns
    -------
    str
        The serialised text.

    Examples
    --------
    >>> from kg.sparql.engine_rdflib import MemoryEngine
    >>> text = export_rdf(MemoryEngine().quads(), fmt="nq")
    >>> text == export_rdf(MemoryEngine().quads(), fmt="nq")
    True
    >>> "<https://w3id.org/kg-relations/id/graph-summit-2025> ." in text
    True
    """
    from rdflib import Dataset, Graph

    from kg.rdf.load import ONTOLOGY_GRAPH
    from kg.rdf.namespaces import bind_prefixes

    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    kept = [q for q in quads if with_ontology or q[3] != ONTOLOGY_GRAPH]
    if fmt in ("ttl", "nt"):
        kept = [(s, p, o, None) for s, p, o, _ in kept]
    ordered = canonical_quads(kept)
    if fmt in ("nt", "nq"):
        dataset = Dataset()
        for s, p, o, g in ordered:
            (dataset.default_graph if g is None else dataset.graph(g)).add((s, p, o))
        lines = dataset.serialize(format="nquads").splitlines(keepends=True)
        return "".join(sorted({line for line in lines if line.strip()}))
    if fmt == "ttl":
        graph = Graph()
        bind_prefixes(graph)
        for s, p, o, _ in ordered:
            graph.add((s, p, o))
        return graph.serialize(format="turtle")
    if fmt == "trig":
        return _trig(ordered)
    dataset = Dataset()
    bind_prefixes(dataset)
    for s, p, o, g in ordered:
        (dataset.default_graph if g is None else dataset.graph(g)).add((s, p, o))
    document = json.loads(dataset.serialize(format="json-ld"))
    return json.dumps(_sorted_jsonld(document), indent=2, ensure_ascii=False,
                      sort_keys=True) + "\n"


def _trig(ordered: list[tuple]) -> str:
    """TriG written graph by graph (default graph first), each as sorted Turtle."""
    from rdflib import Graph

    from kg.rdf.namespaces import PREFIXES, bind_prefixes

    graphs: dict[object, Graph] = {}
    for s, p, o, g in ordered:
        if g not in graphs:
            graphs[g] = Graph()
            bind_prefixes(graphs[g])
        graphs[g].add((s, p, o))
    used = set()
    parts = []
    for name in sorted(graphs, key=lambda g: "" if g is None else str(g)):
        body = [line for line in graphs[name].serialize(format="turtle").splitlines()
                if not line.startswith("@prefix")]
        used.update(p for p in PREFIXES if any(f"{p}:" in line for line in body))
        text = "\n".join(body).strip("\n")
        if name is None:
            parts.append(text + "\n")
        else:
            # Not indented: a multi-line literal's text must stay as it is.
            parts.append(f"{name.n3()} {{\n{text}\n}}\n")
    prefixes = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(used))
    return prefixes + "\n" + "\n".join(parts)


def _sorted_jsonld(node, *, in_list: bool = False):
    """JSON-LD with node objects and values in a fixed order (lists keep theirs)."""
    if isinstance(node, dict):
        return {key: _sorted_jsonld(value, in_list=key == "@list")
                for key, value in node.items()}
    if isinstance(node, list):
        items = [_sorted_jsonld(item) for item in node]
        if in_list:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True,
                                                         ensure_ascii=False))
    return node
