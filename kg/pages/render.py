"""Self-contained interactive network pages of a page graph.

:func:`render_page` turns a graph of :mod:`kg.pages.pagegraph` into one HTML
file that loads nothing from outside itself: the vis-network library
shipped inside the pyvis wheel, the page's style and script and the data
are all inlined, and a Content-Security-Policy forbids any other script or
any request. All text of the data travels as JSON and reaches the page
through ``textContent`` or the canvas, so labels and quotes containing
markup are shown as text. Bidirectional controls in the data are shown
as markers and each value is isolated (:mod:`kg.pages.display`), so no
label or quote can reorder what the page shows; the data keeps them.

The output is deterministic: nodes and edges are sorted, the layout seed
is fixed, and the same graph gives a byte-identical file.

With a :class:`~kg.pages.timeline.Timeline` the page gets a time slider:
the days of each dated statement travel in the data, the script shows the
ties of the slider's date, and the layout is computed here, once over all
ties, so that no node moves when the date does.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import networkx as nx

from kg.errors import KGError
from kg.pages.display import isolated, shown, visible
from kg.pages.elements import (
    edge_data,
    filters,
    legend,
    node_data,
    node_sizes,
    sorted_edges,
    vis_options,
)
from kg.pages.evidence import EvidenceTable
from kg.pages.timeline import Timeline
from kg.rdf.namespaces import curie
from kg.tabular import BIDI_CONTROLS

NL = "\n"

#: Above this many nodes the layout is computed before the page is
#: written and the browser runs no physics.
STATIC_LAYOUT_NODES = 150


@dataclass(frozen=True)
class Finding:
    """A group of nodes (and the ties among them) that a page lists and marks.

    ``nodes`` is the path or cycle in order; ``label`` names it for people.
    """

    nodes: tuple[str, ...]
    label: str
    note: str = ""


@dataclass(frozen=True)
class Findings:
    """A titled list of findings, e.g. the unbalanced triangles of a graph.

    With ``mark`` the page draws their nodes and ties highlighted; every
    item can be clicked to select its nodes.
    """

    title: str
    items: tuple[Finding, ...] = field(default_factory=tuple)
    empty: str = "none"
    mark: bool = False


def render_page(
    graph: nx.MultiGraph,
    *,
    title: str = "Network",
    caption: str | None = None,
    findings: Sequence[Findings] = (),
    highlight: Iterable[str] = (),
    seed: int = 1,
    static_layout: bool | None = None,
    timeline: Timeline | None = None,
) -> str:
    """One self-contained HTML page that draws ``graph``.

    Parameters
    ----------
    graph : networkx.MultiGraph
        A page graph (see :func:`kg.pages.pagegraph.page_graph`).
    title : str, default "Network"
        Shown at the top of the page (as text).
    caption : str, optional
        Shown under the title (as text).
    findings : Sequence[Findings], optional
        Lists shown beside the graph; the nodes of those with ``mark``,
        and the ties between consecutive nodes, are drawn highlighted.
    highlight : iterable of str, optional
        Further nodes to highlight, with the ties among them.
    seed : int, default 1
        The layout seed.
    static_layout : bool, optional
        Compute the layout here (networkx, fixed seed) and run no physics
        in the browser; by default only for graphs of more than
        :data:`STATIC_LAYOUT_NODES` nodes, and always with a ``timeline``.
    timeline : Timeline, optional
        The dates of a time slider (see :mod:`kg.pages.timeline`).

    Returns
    -------
    str
        The HTML text of the page.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("https://example.org/a", label="<b>A</b>", group="state", type="state")
    >>> G.add_node("https://example.org/b", label="B", group="person", type="person")
    >>> G.add_edge("https://example.org/a", "https://example.org/b", key="relation",
    ...            layer="relation", kinds=("alignment",), sign="positive", weight=4.0)
    'relation'
    >>> html = render_page(G, title="A & B")
    >>> "<title>A &amp; B</title>" in html and "<b>A</b>" not in html
    True
    >>> html == render_page(G, title="A & B")
    True
    """
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph))}
    marked_nodes, marked_pairs = _marks(graph, findings, highlight)
    static = (graph.number_of_nodes() > STATIC_LAYOUT_NODES if static_layout is None
              else static_layout) or timeline is not None
    positions = _layout(graph, seed=seed) if static else {}
    sizes = node_sizes(graph)

    nodes = [node_data(graph, node, ids[node], sizes[node], positions.get(node),
                       marked=node in marked_nodes) for node in sorted(graph)]
    edges = []
    evidence = EvidenceTable()
    for i, (u, v, key, attrs) in enumerate(sorted_edges(graph)):
        marked = frozenset((u, v)) in marked_pairs
        edges.append(edge_data(f"e{i}", ids, u, v, key, attrs, marked=marked, evidence=evidence))

    data = {
        "nodes": nodes,
        "edges": edges,
        "evidence": evidence.as_data(),
        "options": vis_options(graph, seed=seed, static=static),
    }
    if timeline is not None:
        data["timeline"] = _timeline_data(graph, timeline, nodes, edges)
    blocks = [
        {
            "title": block.title,
            "empty": block.empty,
            "items": [
                {"label": item.label, "note": item.note,
                 "nodes": " ".join(ids[n] for n in item.nodes if n in ids)}
                for item in block.items
            ],
        }
        for block in findings
    ]
    env = _environment()
    page_js = _asset("network.js")
    vis_js = _vis_js()
    from kg import __version__

    # The template puts each script between newlines; the hashes cover exactly that text.
    csp_hashes = " ".join(f"'sha256-{_sha256(NL + js + NL)}'" for js in (vis_js, page_js))
    html = env.get_template("network.html").render(
        title=title,
        caption=caption,
        version=__version__,
        css=_asset("network.css"),
        legend=legend(graph, edges, marked=bool(marked_nodes or marked_pairs)),
        filters=filters(graph),
        findings=blocks,
        timeline=None if timeline is None else {"steps": len(timeline.steps)},
        data=_script_json(data),
        vis_js=vis_js,
        page_js=page_js,
    )
    return html.replace("script-src 'unsafe-inline'", f"script-src {csp_hashes}", 1)


def _timeline_data(graph: nx.MultiGraph, timeline: Timeline, nodes: list[dict],
                   edges: list[dict]) -> dict:
    """The slider's data; each node and statement gets the days it rests on."""
    from kg.pages.elements import SIGN_STYLE
    from kg.pages.timeline import node_time, page_timeline, statement_when

    for node in nodes:
        node.update(node_time(timeline, node["iri"], graph.nodes[node["iri"]]))
    for edge, (*_, attrs) in zip(edges, sorted_edges(graph), strict=True):
        for on_page, statement in zip(edge["statements"], attrs.get("statements", ()),
                                      strict=True):
            on_page["when"] = statement_when(timeline, statement)
    return page_timeline(timeline, {sign: color for sign, (_, color) in SIGN_STYLE.items()})


def _layout(graph: nx.MultiGraph, *, seed: int) -> dict[str, tuple[float, float]]:
    """Node positions (in pixels) for pages drawn without physics: spaced for
    labels on a small page, tighter on a large one."""
    from kg.pages.layout import cutoff_spring_layout

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((u, v) if u < v else (v, u) for u, v in graph.edges()))
    k = 60.0 if graph.number_of_nodes() > STATIC_LAYOUT_NODES else 200.0
    positions = cutoff_spring_layout(simple, k=k, seed=seed)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}


def _marks(graph, findings: Sequence[Findings], highlight: Iterable[str]):
    nodes: set[str] = set()
    pairs: set[frozenset] = set()
    for block in findings:
        if not block.mark:
            continue
        for item in block.items:
            path = [n for n in item.nodes if n in graph]
            nodes.update(path)
            closed = path + path[:1] if len(path) > 2 and len(set(path)) == len(path) else path
            pairs.update(frozenset(p) for p in zip(closed, closed[1:], strict=False))
    extra = list(highlight)
    missing = [n for n in extra if n not in graph]
    if missing:
        raise KGError(f"cannot highlight {', '.join(curie(n) for n in missing)}: not on this page")
    nodes.update(extra)
    pairs.update(frozenset((a, b)) for a in extra for b in extra if a < b and graph.has_edge(a, b))
    return nodes, pairs


def _script_json(data: dict):
    """JSON that is safe inside a ``<script>`` element."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    # the same characters once parsed; the page's source reads in order too
    for char in sorted(BIDI_CONTROLS):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("kg.pages", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["isolated"] = isolated
    env.filters["shown"] = shown
    env.filters["visible"] = visible
    return env


@cache
def _asset(name: str) -> str:
    from markupsafe import Markup

    text = resources.files("kg.pages").joinpath("templates", name).read_text(encoding="utf-8")
    return Markup(_inline_safe(text, name))


@cache
def _vis_js() -> str:
    """vis-network as shipped inside the pyvis wheel."""
    from markupsafe import Markup

    try:
        lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2",
                                                "vis-network.min.js")
        text = lib.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise KGError(f"cannot find vis-network inside the pyvis package: {err}") from None
    return Markup(_inline_safe(text, "vis-network.min.js"))


def _inline_safe(text: str, name: str) -> str:
    lowered = text.lower()
    if "</script" in lowered or "</style" in lowered or "<!--" in lowered:
        raise KGError(f"{name} cannot be inlined: it contains a closing tag or a comment opener")
    return text
