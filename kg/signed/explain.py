"""The evidence behind an edge: its statements, their kinds and quotes.

Every result row of an analysis names the edges it rests on; this module
turns each edge into the statements behind it and the verbatim quotes
that support them (or, for an edge list, the file lines it was read
from).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.rdf.namespaces import curie
from kg.sparql.named import select


@dataclass(frozen=True)
class Evidence:
    """One statement (or edge-list line) behind one edge."""

    pair: tuple
    sign: int
    mixed: bool
    statement: str
    kind: str
    tie_sign: int | None
    quotes: tuple[str, ...]
    claimants: tuple[str, ...] = ()


def quote_index(dataset) -> dict[str, tuple[str, ...]]:
    """The quotes of every statement of ``dataset``, by statement IRI.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> quotes = quote_index(load(["tests/fixtures/triangle.trig"]))
    >>> quotes["https://w3id.org/kg-relations/id/rel-b-c"]
    ('Borduria and Carpania are aligned.',)
    """
    found: dict[str, set[str]] = defaultdict(set)
    for statement, quote, _source, _title in select(dataset, "statement-evidence"):
        found[str(statement)].add(str(quote))
    return {key: tuple(sorted(values)) for key, values in found.items()}


def edge_evidence(G: nx.Graph, pair: tuple, quotes: dict[str, tuple[str, ...]] | None = None,
                  *, source: str | None = None) -> list[Evidence]:
    """The evidence of the edge ``pair`` of ``G``; an absent edge has none.

    ``source`` names the edge-list file for edges that carry ``lines``.

    Parameters
    ----------
    G : networkx.Graph
        A signed graph from :func:`kg.signed.network.signed_graph` or
        :func:`kg.signed.network.read_edge_list`.
    pair : tuple
        The two ends of the edge.
    quotes : dict[str, tuple[str, ...]], optional
        The quotes of each statement, by statement IRI (see
        :func:`quote_index`).
    source : str, optional
        The edge-list file, to name the lines edges come from.

    Returns
    -------
    list[Evidence]
        One row per statement or line behind the edge.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"sign": -1, "lines": (2, 5)})])
    >>> [e.statement for e in edge_evidence(G, ("A", "B"), source="ties.csv")]
    ['ties.csv:2', 'ties.csv:5']
    """
    u, v = pair
    if not G.has_edge(u, v):
        return []
    data = G.edges[u, v]
    quotes = quotes or {}
    common = {"pair": (u, v), "sign": int(data["sign"]), "mixed": bool(data.get("mixed"))}
    rows = [
        Evidence(statement=curie(statement), kind=kind, tie_sign=tie_sign,
                 quotes=quotes.get(statement, ()),
                 claimants=tuple(curie(c) for c in claimants), **common)
        for statement, kind, tie_sign, _weight, claimants in data.get("ties", ())
    ]
    rows += [
        Evidence(statement=f"{source or 'edges'}:{line}", kind="", tie_sign=None, quotes=(),
                 **common)
        for line in data.get("lines", ())
    ]
    return rows
