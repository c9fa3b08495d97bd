"""The analysis page of a scenario: balance, strategic triangles and wedges.

The same results as ``kg balance``, ``kg triangles`` and ``kg wedges --all``
(:mod:`kg.signed`) on the scenario's signed network (the relation and
pressure layers, claims kept), as rows whose actors and statements link to
their resource pages, each row with the ties behind it, their statements,
quotes and claimants, as ``--explain`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.server.terms import Term

SIGNS = {1: "+", -1: "−"}
#: Wedges listed at most (the best first).
WEDGES = 20

EXPLANATIONS = {
    "balance": (
        "A triangle is balanced (Heider 1946; Cartwright & Harary 1956) when it has an even "
        "number of negative ties (+++, +−−): the friend of a friend is a friend, the enemy of "
        "an enemy a friend. An unbalanced triangle (++−, −−−) is under strain."),
    "triangles": (
        "Each triad of states as a strategic triangle (Dittmer 1981, 1987): ménage à trois "
        "(+++), romantic triangle (++−: a pivot courted by two hostile wings), stable "
        "marriage (+−−: two partners against an outcast), unit veto (−−−)."),
    "wedges": (
        "A wedge pulls a friendly pair apart (Crawford 2011; Izumikawa 2013). Accommodative: a "
        "pivot positive to one member and negative to the other makes the triad ++− and "
        "unbalanced, predicted to strain the pair; a sponsor hostile to the other member "
        "backs it. Coercive: a sponsor negative to both presses one member; the common enemy "
        "makes the triad +−−, balanced, predicted to tighten the pair."),
}


@dataclass(frozen=True)
class Tie:
    """One tie behind a row: its ends, sign, and the statements that make it."""

    a: Term
    b: Term
    sign: str
    statements: tuple[tuple[Term, str, tuple[str, ...], tuple[Term, ...]], ...]
    apart: bool = False  # mixed, but its two signs never held at the same time


@dataclass
class Row:
    cells: list[list[Term]]
    ties: list[Tie] = field(default_factory=list)


@dataclass
class Analysis:
    census: list[tuple[str, int, bool]]
    triangles: int
    balanced: int
    unbalanced: list[Row]
    strategic: list[Row]
    wedges: list[Row]
    explanations: dict[str, str]


def analysis(dataset, *, wedges_shown: int = WEDGES) -> Analysis:
    """Balance, strategic triangles and the best wedges of a scenario's dataset.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> result = analysis(load(["tests/fixtures/triangle.trig"]))
    >>> result.triangles, len(result.unbalanced)
    (1, 1)
    """
    from kg.signed.balance import balance
    from kg.signed.explain import quote_index
    from kg.signed.network import signed_graph
    from kg.signed.strategic import strategic_triangles
    from kg.signed.wedges import wedges

    G = signed_graph(dataset, layers=("relation", "pressure"), claims=True)
    quotes = quote_index(dataset)

    def node(n) -> Term:
        from kg.rdf.namespaces import curie

        label = G.nodes[n].get("label") if n in G else None
        return Term("iri", str(label or curie(str(n))), str(n), curie(str(n)))

    def ties(pairs) -> list[Tie]:
        return [_tie(G, u, v, node, quotes) for u, v in pairs if G.has_edge(u, v)]

    if G.number_of_edges() == 0:
        return Analysis([], 0, 0, [], [], [], EXPLANATIONS)
    result = balance(G)
    unbalanced = [Row([[node(n) for n in t.nodes], [_text(t.triad)],
                       [_text("yes" if t.mixed else "no")]], ties(t.edges()))
                  for t in result.unbalanced]
    states = [n for n, kind in G.nodes(data="type") if kind == "kg:State"]
    strategic = []
    for t in strategic_triangles(G, nodes=states or None):
        a, b, c = t.nodes
        strategic.append(Row(
            [[node(n) for n in t.nodes], [_text(t.kind)],
             [node(t.pivot)] if t.pivot is not None else [],
             [node(n) for n in t.wings], [node(n) for n in t.partners],
             [node(t.outcast)] if t.outcast is not None else []],
            ties([(a, b), (a, c), (b, c)])))
    rows = []
    for w in wedges(G)[:wedges_shown]:
        rows.append(Row(
            [[_text(w.kind)], [_text(f"{w.score:.4g}")], [node(w.a)], [node(w.b)],
             [node(w.pivot)] if w.pivot is not None else [],
             [node(s.node) for s in w.sponsors], [_text(w.prediction)]],
            ties(w.edges())))
    census = [(name, count, name in ("+++", "+--")) for name, count in result.census.items()]
    return Analysis(census, result.triangles, result.balanced, unbalanced, strategic, rows,
                    EXPLANATIONS)


def _tie(G, u, v, node, quotes) -> Tie:
    from kg.rdf.namespaces import curie

    data = G.edges[u, v]
    sign = "±" if data.get("mixed") else SIGNS.get(int(data["sign"]), "?")
    statements = []
    for statement, kind, _tie_sign, _weight, claimants in data.get("ties", ()):
        statements.append((Term("iri", curie(str(statement)), str(statement)), str(kind or ""),
                           quotes.get(str(statement), ()),
                           tuple(node(c) if c in G else Term("iri", curie(str(c)), str(c))
                                 for c in claimants)))
    return Tie(node(u), node(v), sign, tuple(statements), bool(data.get("apart")))


def _text(text: str) -> Term:
    return Term("literal", text)
