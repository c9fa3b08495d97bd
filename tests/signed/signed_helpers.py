"""Small random signed graphs and brute-force references for the tests."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np


def random_signed_graphs(count: int, *, seed: int, max_nodes: int = 10, weighted: bool = False):
    """``count`` random signed graphs of 2..max_nodes nodes (seeded)."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(2, max_nodes + 1))
        G = nx.gnp_random_graph(n, float(rng.uniform(0.2, 1.0)), seed=int(rng.integers(2**31)))
        G = nx.relabel_nodes(G, {i: f"n{i}" for i in G})
        for a, b in G.edges:
            G.edges[a, b]["sign"] = int(rng.choice([-1, 1]))
            G.edges[a, b]["weight"] = float(rng.integers(1, 6)) if weighted else 1.0
        yield G


def brute_force_frustration(G: nx.Graph, *, weighted: bool = False) -> float:
    """The minimum over every split of the nodes into two camps."""
    nodes = sorted(G)
    best = float("inf")
    for bits in range(2 ** max(len(nodes) - 1, 0)):
        side = {node: 1 if (bits >> i) & 1 else -1 for i, node in enumerate(nodes)}
        cost = sum(
            (d["weight"] if weighted else 1.0)
            for a, b, d in G.edges(data=True)
            if d["sign"] * side[a] * side[b] < 0
        )
        best = min(best, cost)
    return best


def brute_force_triangles(G: nx.Graph):
    """Every triangle (sorted node triple) with the signs of (ab, ac, bc)."""
    for a, b, c in itertools.combinations(sorted(G), 3):
        if G.has_edge(a, b) and G.has_edge(a, c) and G.has_edge(b, c):
            yield (a, b, c), tuple(G.edges[x, y]["sign"] for x, y in ((a, b), (a, c), (b, c)))
