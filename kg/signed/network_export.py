"""Export the actor network to the files network tools read: GraphML, GEXF, CSV.

The same graph always gives the same bytes: nodes and edges are sorted and
GEXF's date of writing is left out.
"""

from __future__ import annotations

import re

import networkx as nx

from kg.errors import KGError
from kg.signed.network import actor_multigraph
from kg.tabular import format_rows

NETWORK_FORMATS = ("graphml", "gexf", "csv")
_NODE_COLUMNS = ("id", "label", "type", "wikidata")
_EDGE_COLUMNS = ("source", "target", "key", "layer", "sign", "kind", "weight", "signed_weight",
                 "directed", "statements", "claimants")


def network_for_export(G):
    """The actor multigraph with attributes every network format can hold.

    Unknown values are left out (GraphML and GEXF have no null), the
    statements (and claimants) behind an edge become one space-separated
    string, and
    ``signed_weight`` (sign times weight) is added for tools that want one
    signed number.
    """
    out = nx.MultiDiGraph()
    for node, data in sorted(G.nodes(data=True)):
        out.add_node(node, **{k: v for k, v in sorted(data.items()) if v is not None})
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))
    for source, target, key, data in edges:
        attrs = {
            "layer": data["layer"],
            "sign": int(data["sign"]),
            "kind": data.get("kind"),
            "weight": float(data["weight"]),
            "signed_weight": float(data["sign"]) * float(data["weight"]),
            "directed": bool(data.get("directed")),
            "statements": " ".join(data.get("statements", ())),
            "claimants": " ".join(data.get("claimants", ())) or None,
        }
        out.add_edge(source, target, key=key, **{k: v for k, v in attrs.items() if v is not None})
    return out


def export_network(dataset, *, fmt: str) -> dict[str, str]:
    """The actor network of ``dataset`` (see :mod:`kg.signed.network`) as files.

    Returns file name to text: ``network.graphml``, ``network.gexf``, or
    ``nodes.csv`` and ``edges.csv``. Nodes are actor IRIs with ``label``,
    ``type`` and ``wikidata``; edges, one per statement and keyed by it, carry
    ``layer``, ``sign``, ``kind``, ``weight``, ``signed_weight``,
    ``directed``, ``statements`` and, for a tie only a claimant asserts,
    ``claimants``.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The data, with the ontology loaded (see :func:`kg.rdf.load.load`).
    fmt : str
        One of :data:`NETWORK_FORMATS`: ``"graphml"``, ``"gexf"`` or
        ``"csv"``.

    Returns
    -------
    dict[str, str]
        The text of each file, by file name.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> files = export_network(load(), fmt="csv")
    >>> sorted(files)
    ['edges.csv', 'nodes.csv']
    >>> files["edges.csv"].splitlines()[0]
    'source,target,key,layer,sign,kind,weight,signed_weight,directed,statements,claimants'
    """
    if fmt not in NETWORK_FORMATS:
        raise KGError(f"unknown network format {fmt!r}; choose one of "
                      f"{', '.join(NETWORK_FORMATS)}")
    G = network_for_export(actor_multigraph(dataset))
    if fmt == "graphml":
        return {"network.graphml": "\n".join(nx.generate_graphml(G)) + "\n"}
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(G)) + "\n"
        # The date of writing would make two exports of the same graph differ.
        return {"network.gexf": re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)}
    nodes = [[node, *(data.get(c) for c in _NODE_COLUMNS[1:])]
             for node, data in G.nodes(data=True)]
    edges = [[u, v, key, *(data.get(c) for c in _EDGE_COLUMNS[3:])]
             for u, v, key, data in G.edges(keys=True, data=True)]
    return {
        "nodes.csv": format_rows(list(_NODE_COLUMNS), nodes, fmt="csv"),
        "edges.csv": format_rows(list(_EDGE_COLUMNS), edges, fmt="csv"),
    }
