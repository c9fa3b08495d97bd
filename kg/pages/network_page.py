"""From a dataset to a finished network page: lens, focus, findings, HTML.

This is what ``kg render`` runs; the parts live in :mod:`kg.pages.pagegraph`
(the graph and its lenses) and :mod:`kg.pages.render` (the HTML).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from kg.errors import KGError
from kg.pages.pagegraph import focus as focus_on
from kg.pages.pagegraph import lens as cut
from kg.pages.pagegraph import page_graph
from kg.pages.render import Finding, Findings, render_page
from kg.rdf.namespaces import curie

TITLES = {
    "all": "Actors, agreements and ties",
    "alliances": "Alliances: who is aligned, who is rival",
    "pressures": "Pressures: who presses whom, with what",
    "agreements": "Agreements and their parties",
    "balance": "Balance: unbalanced triangles and wedge paths",
}


@dataclass(frozen=True)
class Page:
    """A rendered page and what it holds."""

    html: str
    nodes: int
    edges: int


def build_page(
    dataset,
    *,
    lens: str = "all",
    focus: str | None = None,
    depth: int = 1,
    highlight: Sequence[str] = (),
    title: str | None = None,
    caption: str | None = None,
    seed: int = 1,
    timeline: bool = False,
    view: str | None = None,
) -> Page:
    """The network page of a dataset through one lens.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The data, from :func:`kg.rdf.load.load`.
    lens : str, default "all"
        One of :data:`kg.pages.pagegraph.LENSES`.
    focus : str, optional
        Keep only the nodes within ``depth`` ties of this node (a label,
        CURIE or IRI).
    depth : int, default 1
        How many ties from ``focus`` a node may be.
    highlight : Sequence[str], optional
        Nodes (labels, CURIEs or IRIs) to mark with the ties among them,
        e.g. a triangle to discuss.
    title : str, optional
        The page title; by default the lens's title.
    caption : str, optional
        The text under the title; by default a summary.
    seed : int, default 1
        The layout seed.
    timeline : bool, default False
        Add a time slider that shows the network as of each date where a
        dated statement on the page begins or ends (see
        :mod:`kg.pages.timeline`); the layout, the focus and the balance
        lens's lists are those of all dates.
    view : str, optional
        The view of time ``dataset`` was read at, for the summary (e.g.
        "as of 1971", as :class:`kg.rdf.dates.TimeView` writes it): a page
        of one date says which.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> page = build_page(load(), lens="pressures")
    >>> page.edges > 0 and page.html.startswith("<!DOCTYPE html>")
    True
    >>> 'id="timeline-slider"' in build_page(load(["tests/fixtures/dated.trig"]),
    ...                                      timeline=True).html
    True
    """
    graph = cut(page_graph(dataset), lens)
    if focus is not None:
        graph = focus_on(graph, _resolve_on(graph, focus, lens), depth=depth)
    marked = [_resolve_on(graph, name, lens) for name in highlight]
    findings = balance_findings(dataset, graph, mark=not marked) if lens == "balance" else []
    slider = None
    if timeline:
        from kg.pages.timeline import timeline as timeline_of

        slider = timeline_of(dataset, graph, lens=lens)
    html = render_page(
        graph,
        title=title if title is not None else TITLES[lens],
        caption=caption if caption is not None else _summary(
            graph, focus, depth, when="over all dates" if slider is not None else view),
        findings=findings,
        highlight=marked,
        seed=seed,
        timeline=slider,
    )
    return Page(html, graph.number_of_nodes(), graph.number_of_edges())


def _resolve_on(graph: nx.MultiGraph, name: str, lens: str) -> str:
    from kg.signed.actors import resolve_actor

    try:
        return resolve_actor(graph, name)
    except KGError as err:
        raise KGError(f"{err} (on the {lens} page)") from None


def _summary(graph: nx.MultiGraph, focus: str | None, depth: int, *,
             when: str | None = None) -> str:
    nodes, ties = graph.number_of_nodes(), graph.number_of_edges()
    text = f"{nodes} node{'s' * (nodes != 1)} and {ties} tie{'s' * (ties != 1)}"
    if when:  # over all dates (the slider says how many it draws at each), or one view
        text += f" {when}"
    if focus is not None:
        text += f" within {depth} tie{'s' * (depth != 1)} of {focus}"
    return text + ". Hover or click a node or a tie for its quotes and sources."


def balance_findings(dataset, graph: nx.MultiGraph, *, mark: bool = True,
                     limit: int = 10) -> list[Findings]:
    """What the balance lens lists beside the graph.

    The unbalanced triangles (:func:`kg.signed.balance.balance`) and the wedges
    (:func:`kg.signed.wedges.wedges`, best ``limit``, accommodative and
    coercive) of the collapsed signed graph
    (:func:`kg.signed.network.signed_graph`) among the actors on the page, and the
    wedge strategies the sources claim (``kg:pivot``, ``kg:sponsor``,
    ``kg:wedgeBetween``). With ``mark`` the page highlights the triangles.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.pages.pagegraph import lens, page_graph
    >>> ds = load(["tests/fixtures/triangle.trig"])
    >>> blocks = balance_findings(ds, lens(page_graph(ds), "balance"))
    >>> [block.title for block in blocks]
    ['Unbalanced triangles', 'Wedges', 'Wedge strategies in the sources']
    >>> blocks[0].items[0].label
    'Aland – Borduria – Carpania'
    """
    from kg.signed.balance import balance
    from kg.signed.network import signed_graph
    from kg.signed.wedges import wedges

    full = signed_graph(dataset)
    signed = full.subgraph(sorted(n for n in full if n in graph)).copy()
    label = {n: str(graph.nodes[n].get("label", curie(n))) for n in graph}

    def tie(x, y) -> str:
        data = signed.edges[x, y]
        mark_ = "±" if data.get("mixed") else "+" if data["sign"] > 0 else "−"
        apart = " (never at the same time)" if data.get("apart") else ""
        return f"{label[x]} {mark_} {label[y]}{apart}"

    triangles = tuple(
        Finding(t.nodes, " – ".join(label[n] for n in t.nodes),
                "; ".join(tie(x, y) for x, y in t.edges()))
        for t in balance(signed).unbalanced
    )
    structural = []
    for w in wedges(signed)[:limit]:
        sponsors = ", ".join(f"{label[s.node]} ({s.stance})" for s in w.sponsors) or "none"
        if w.kind == "coercive":  # a common enemy presses one member: no pivot
            structural.append(Finding(
                (*(s.node for s in w.sponsors), w.a, w.b),
                f"{label[w.sponsors[0].node]}, a common enemy of {label[w.a]} and "
                f"{label[w.b]}, presses {label[w.a]}",
                f"coercive: {w.prediction}; sponsors: {sponsors}",
            ))
            continue
        structural.append(Finding(
            (*(s.node for s in w.sponsors), w.pivot, w.a, w.b),
            f"{label[w.pivot]} pulls {label[w.a]} away from {label[w.b]}",
            f"sponsors: {sponsors}; score {w.score:.3f}",
        ))
    claimed = []
    for claim, claimant, sponsor, pivot, members in _wedge_claims(dataset):
        path = _wedge_path(signed, sponsor, pivot, members)
        if len(path) < 2 or not all(n in graph for n in path):
            continue
        note = f"{claim}; sponsor: {label.get(sponsor, curie(sponsor)) if sponsor else 'not named'}"
        if claimant:
            note += f"; claimed by {claimant}"
        claimed.append(Finding(path, " → ".join(label[n] for n in path), note))
    return [
        Findings("Unbalanced triangles", triangles, "none", mark=mark),
        Findings("Wedges", tuple(structural), "none: no third party strains a friendly pair"),
        Findings("Wedge strategies in the sources",
                 tuple(sorted(set(claimed), key=lambda f: (f.label, f.note))),
                 "no wedge strategy recorded among these actors"),
    ]


def _wedge_path(signed: nx.Graph, sponsor: str, pivot: str,
                members: tuple[str, ...]) -> tuple[str, ...]:
    """The path a claimed wedge runs along.

    With the pivot one of the pair (or with one target only): sponsor,
    pivot, the other actor. Otherwise: the pivot, the member it is tied to
    (positively, if either is) and the other member.
    """
    if len(members) == 1 or pivot in members:
        others = [m for m in members if m != pivot]
        return tuple(n for n in (sponsor, pivot, *others) if n)

    def sign(x, y) -> int:
        return signed.edges[x, y]["sign"] if signed.has_edge(x, y) else 0

    first, second = members[:2]
    if sign(pivot, second) > sign(pivot, first):
        first, second = second, first
    return (pivot, first, second)


def _wedge_claims(dataset) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """(claim name, claimant, sponsor, pivot, members) of each wedge claim."""
    from kg.sparql.named import select

    found: dict[tuple, set[str]] = {}
    for claim, label, description, claimant, sponsor, pivot, member in select(dataset,
                                                                             "page-wedges"):
        key = (_claim_name(claim, label, description),
               str(claimant) if claimant is not None else "",
               str(sponsor) if sponsor is not None else "", str(pivot))
        found.setdefault(key, set()).add(str(member))
    return sorted((*key, tuple(sorted(members))) for key, members in found.items())


def _claim_name(claim, label, description, *, width: int = 90) -> str:
    """A claim's label, else its description (shortened), else its CURIE."""
    if label is not None:
        return str(label)
    if description is not None:
        text = " ".join(str(description).split())
        return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
    return curie(claim)
