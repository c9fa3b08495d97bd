"""Centrality of actors in a signed graph.

``degree`` and ``strength`` count ties and their weight, split by sign.
``betweenness``, ``eigenvector`` and ``pagerank`` are the networkx
measures on the unsigned graph (weights ``|weight|`` for eigenvector and
pagerank, every edge of length 1 for betweenness): they say who is
central, not whether as friend or foe. ``pn`` is the signed PN centrality
of Everett and Borgatti (Social Networks, 2014): with ``P`` and ``N`` the
0/1 matrices of positive and negative ties and ``A = P - 2N``,

    PN = (I - A / (2n - 2))^-1 1

so that positive ties raise a node's score and negative ties lower it
twice as much; in a complete all-positive graph every node scores 2, in a
complete all-negative one 0.5.

A mixed dyad counts once, with its collapsed sign and weight (see
:mod:`kg.signed.network`); :func:`kg.signed.mixed.mixed_ties` gives an
actor's mixed pairs with both components, which ``kg centrality`` shows
beside the scores.

Limits. Every measure needs memory in proportion to the ties, not to the
square of the actors: PN solves its system densely up to
``PN_DENSE_NODES`` actors (an n x n matrix, 32 MB at 2,000) and above that
with conjugate gradients on the sparse matrix (the same numbers to about
twelve digits). Betweenness takes time in proportion to actors x ties, so
a network beyond ``BETWEENNESS_WORK`` is refused up front. A measure that
fails numerically (eigenvector centrality that does not converge or is
ambiguous, PageRank that does not converge, a singular PN system) raises
:class:`~kg.errors.KGError` saying what to try instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.errors import KGError
from kg.signed.arrays import require_signed

MEASURES = ("degree", "strength", "betweenness", "eigenvector", "pagerank", "pn")
#: PN solves its n x n system densely up to this many actors (three n x n
#: float arrays, 96 MB, and half a second); above, iteratively on the
#: sparse matrix.
PN_DENSE_NODES = 2000
#: The largest actors x ties betweenness takes on (networkx visits every
#: tie from every actor, about a million a second: some half a minute).
BETWEENNESS_WORK = 30_000_000
_OTHERS = "try degree, strength or pagerank"


@dataclass(frozen=True)
class Score:
    """One node's score, with the positive and negative parts where the
    measure has them."""

    node: object
    value: float
    positive: float | None = None
    negative: float | None = None


def centrality(G: nx.Graph, *, measure: str = "degree", weight: str = "weight",
               sign: str = "sign", top: int | None = None) -> list[Score]:
    """Score every node of ``G``, best first (ties by node name).

    Parameters
    ----------
    G : networkx.Graph
        An undirected signed graph (edge attribute ``sign`` of +1/-1).
    measure : str, default "degree"
        One of ``"degree"``, ``"strength"``, ``"betweenness"``,
        ``"eigenvector"``, ``"pagerank"`` and ``"pn"``.
    weight : str, default "weight"
        The edge attribute that holds the weight.
    sign : str, default "sign"
        The edge attribute that holds the sign.
    top : int, optional
        Keep only the first this many scores (all by default).

    Returns
    -------
    list[Score]
        One score per node.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("a", "c")], sign=1)
    >>> G.add_edge("b", "c", sign=-1)
    >>> [(s.node, round(s.value, 3)) for s in centrality(G, measure="pn")]
    [('a', 1.455), ('b', 0.909), ('c', 0.909)]
    >>> [(s.node, s.value, s.positive, s.negative) for s in centrality(G, top=1)]
    [('a', 2.0, 2.0, 0.0)]
    """
    if measure not in MEASURES:
        raise KGError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    require_signed(G, sign=sign, weight=weight)
    if G.number_of_nodes() == 0:
        return []
    scores = _MEASURES[measure](G, weight=weight, sign=sign)
    scores.sort(key=lambda s: (-round(s.value, 12), str(s.node)))
    return scores if top is None else scores[:top]


def degree(G, *, weight="weight", sign="sign") -> list[Score]:
    """Number of ties, and of positive and negative ones."""
    return [
        Score(node, float(G.degree(node)),
              float(sum(1 for _, _, s in G.edges(node, data=sign) if s > 0)),
              float(sum(1 for _, _, s in G.edges(node, data=sign) if s < 0)))
        for node in G
    ]


def strength(G, *, weight="weight", sign="sign") -> list[Score]:
    """Sum of |weight| over all ties, and over positive and negative ones."""
    result = []
    for node in G:
        pos = sum(abs(d.get(weight, 1.0)) for _, _, d in G.edges(node, data=True) if d[sign] > 0)
        neg = sum(abs(d.get(weight, 1.0)) for _, _, d in G.edges(node, data=True) if d[sign] < 0)
        result.append(Score(node, float(pos + neg), float(pos), float(neg)))
    return result


def _unsigned(G, weight):
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_weighted_edges_from((a, b, abs(d.get(weight, 1.0))) for a, b, d in G.edges(data=True))
    return H


def betweenness(G, *, weight="weight", sign="sign") -> list[Score]:
    """Betweenness on the unsigned graph, every edge of length 1."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    if n * m > BETWEENNESS_WORK:
        raise KGError(f"betweenness takes time in proportion to actors x ties: "
                      f"{n:,} x {m:,} here, more than the {BETWEENNESS_WORK:,} it handles; "
                      f"{_OTHERS}")
    values = nx.betweenness_centrality(_unsigned(G, weight), weight=None)
    return [Score(node, float(values[node])) for node in G]


def eigenvector(G, *, weight="weight", sign="sign") -> list[Score]:
    """Eigenvector centrality on the unsigned graph weighted by |weight|."""
    H = _unsigned(G, weight)
    if H.number_of_edges() == 0:
        return [Score(node, 0.0) for node in G]
    parts = nx.number_connected_components(H)
    if parts > 1:
        raise KGError(f"eigenvector centrality is ambiguous on a network in {parts} separate "
                      f"parts (each part has its own leading eigenvector); {_OTHERS}, "
                      "or analyse one part")
    try:
        values = nx.eigenvector_centrality_numpy(H, weight="weight")
    except RuntimeError as err:  # scipy's ArpackError and ArpackNoConvergence
        raise KGError("eigenvector centrality did not converge (ARPACK: "
                      f"{str(err).split(':', 1)[-1].strip()}), as happens when the two "
                      "largest eigenvalues are close (long cycles, nearly bipartite "
                      f"networks); {_OTHERS}") from None
    except (nx.NetworkXException, ArithmeticError, ValueError) as err:
        raise KGError(f"eigenvector centrality failed: {err}; {_OTHERS}") from None
    return [Score(node, abs(float(values[node]))) for node in G]


def pagerank(G, *, weight="weight", sign="sign") -> list[Score]:
    """PageRank on the unsigned graph weighted by |weight|."""
    try:
        values = nx.pagerank(_unsigned(G, weight), weight="weight")
    except (nx.NetworkXException, ArithmeticError, ValueError, RuntimeError) as err:
        raise KGError(f"PageRank failed: {err}; try degree or strength") from None
    return [Score(node, float(values[node])) for node in G]


def pn(G, *, weight="weight", sign="sign") -> list[Score]:
    """PN centrality (Everett & Borgatti 2014): dense up to
    ``PN_DENSE_NODES`` actors, sparse and iterative above."""
    nodes = list(G)
    n = len(nodes)
    if n == 1:
        return [Score(nodes[0], 1.0, 0.0, 0.0)]
    index = {node: i for i, node in enumerate(nodes)}
    m = G.number_of_edges()
    a = np.empty(m, dtype=np.int64)
    b = np.empty(m, dtype=np.int64)
    tie = np.empty(m)
    for i, (x, y, s) in enumerate(G.edges(data=sign)):
        a[i], b[i], tie[i] = index[x], index[y], 1.0 if s > 0 else -2.0
    pos = np.bincount(np.concatenate([a, b]), weights=np.tile(tie > 0, 2), minlength=n)
    neg = np.bincount(np.concatenate([a, b]), weights=np.tile(tie < 0, 2), minlength=n)
    solve = _pn_dense if n <= PN_DENSE_NODES else _pn_sparse
    values = solve(n, a, b, tie)
    return [Score(node, float(values[i]), float(pos[i]), float(neg[i]))
            for i, node in enumerate(nodes)]


_SINGULAR = ("PN centrality is undefined here: I - A/(2n-2) is singular "
             "(e.g. two nodes tied only negatively)")


def _pn_dense(n, a, b, tie) -> np.ndarray:
    A = np.zeros((n, n))
    A[a, b] = A[b, a] = tie
    try:
        return np.linalg.solve(np.eye(n) - A / (2 * n - 2), np.ones(n))
    except np.linalg.LinAlgError:
        raise KGError(_SINGULAR) from None


def _pn_sparse(n, a, b, tie) -> np.ndarray:
    """Conjugate gradients: I - A/(2n-2) is symmetric and, unless an actor
    is hostile to nearly everyone, diagonally dominant (so positive
    definite and quick to solve); MINRES covers the indefinite rest."""
    from scipy import sparse
    from scipy.sparse.linalg import cg, minres

    A = sparse.csr_matrix((np.concatenate([tie, tie]), (np.concatenate([a, b]),
                           np.concatenate([b, a]))), shape=(n, n))
    M = (sparse.identity(n, format="csr") - A / (2 * n - 2)).tocsr()
    ones = np.ones(n)
    for method in (cg, minres):
        try:
            values, _ = method(M, ones, rtol=1e-13, maxiter=1000)
        except TypeError:  # scipy before 1.12 calls it tol
            values, _ = method(M, ones, tol=1e-13, maxiter=1000)
        if np.linalg.norm(M @ values - ones) <= 1e-9 * np.sqrt(n):
            return values
    raise KGError(f"{_SINGULAR}, or too nearly so for the iterative solver used above "
                  f"{PN_DENSE_NODES:,} actors")


_MEASURES = {
    "degree": degree,
    "strength": strength,
    "betweenness": betweenness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
    "pn": pn,
}
