"""Self-contained interactive network pages of a page graph.

:func:`render_page` turns a graph of :mod:`kg.pages.pagegraph` into one HTML
file that loads nothing from outside itself: the vis-network library
shipped inside the pyvis wheel, the page's style and script and the data
are all inlined, and a Content-Security-Policy forbids any other script or
any request. All text of the data travels as JSON and reaches the page
through ``textContent`` or the canvas, so labels and quotes containing
markup are shown as text.

The output is deterministic: nodes and edges are sorted, the layout seed
is fixed, and the same graph gives a byte-identical file.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import networkx as nx

from kg.errors import KGError
from kg.pages.pagegraph import GROUPS, LAYERS, PARTY
from kg.rdf.namespaces import curie

#: Shape and colour of each node group (Okabe–Ito colours).
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    # group: (legend label, vis shape, colour)
    "state": ("state", "dot", "#56B4E9"),
    "person": ("person", "triangle", "#E69F00"),
    "organization": ("organization", "square", "#009E73"),
    "group": ("actor group", "hexagon", "#F0E442"),
    "actor": ("other actor", "dot", "#BBBBBB"),
    "initiative": ("agreement or initiative", "diamond", "#B39DDB"),
    "event": ("event", "star", "#D4A373"),
}

#: Colour of each edge sign.
SIGN_STYLE: dict[str, tuple[str, str]] = {
    "positive": ("positive tie (cooperation, alignment)", "#0072B2"),
    "negative": ("negative tie (rivalry, pressure)", "#D55E00"),
    "mixed": ("mixed signs between the pair", "#CC79A7"),
    "neutral": ("link (party, member, post, participant)", "#999999"),
}

LAYER_LABELS = {
    "relation": "Signed relations",
    "pressure": "Pressures",
    "agreement": "Agreements",
    "membership": "Memberships",
    "affiliation": "Posts and parts",
    "participation": "Event participation",
}

#: The dash pattern (vis-network) of a tie that rests only on claims.
CLAIM_DASHES = [2, 5]

HIGHLIGHT_COLOR = "#000000"
GLOW = {"enabled": True, "color": "rgba(255, 176, 0, 0.95)", "size": 14, "x": 0, "y": 0}

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
) -> str:
    """One self-contained HTML page that draws ``graph``.

    Parameters
    ----------
    graph : a page graph (see :func:`kg.pages.pagegraph.page_graph`).
    title, caption : shown at the top of the page (as text).
    findings : lists shown beside the graph; the nodes of those with
        ``mark``, and the ties between consecutive nodes, are drawn
        highlighted.
    highlight : further nodes to highlight, with the ties among them.
    seed : the layout seed.
    static_layout : compute the layout here (networkx, fixed seed) and run
        no physics in the browser; by default only for graphs of more than
        :data:`STATIC_LAYOUT_NODES` nodes.

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
              else static_layout)
    positions = _layout(graph, seed=seed) if static else {}
    sizes = _sizes(graph)

    nodes = [_node(graph, node, ids[node], sizes[node], positions.get(node),
                   node in marked_nodes) for node in sorted(graph)]
    edges = []
    for i, (u, v, key, attrs) in enumerate(_sorted_edges(graph)):
        marked = frozenset((u, v)) in marked_pairs
        edges.append(_edge(graph, f"e{i}", ids, u, v, key, attrs, marked))

    data = {
        "nodes": nodes,
        "edges": edges,
        "options": _options(graph, seed=seed, static=static),
    }
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
        legend=_legend(graph, edges, marked_nodes or marked_pairs),
        filters=_filters(graph),
        findings=blocks,
        data=_script_json(data),
        vis_js=vis_js,
        page_js=page_js,
    )
    return html.replace("script-src 'unsafe-inline'", f"script-src {csp_hashes}", 1)


def _sorted_edges(graph: nx.MultiGraph):
    rows = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        a, b = sorted((u, v))
        rows.append((a, b, str(key), attrs))
    order = {layer: i for i, layer in enumerate(LAYERS)}
    return sorted(rows, key=lambda r: (order.get(r[2], len(order)), r[2], r[0], r[1]))


def _sizes(graph: nx.MultiGraph) -> dict[str, float]:
    """Node size from degree centrality on the simple graph of the page."""
    simple = nx.Graph(graph)
    centrality = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    top = max(centrality.values(), default=0.0) or 1.0
    return {node: round(10 + 22 * value / top, 2) for node, value in centrality.items()}


def _node(graph, node: str, node_id: str, size: float, position, marked: bool) -> dict:
    attrs = graph.nodes[node]
    group = attrs.get("group", "actor")
    _, shape, color = NODE_STYLE.get(group, NODE_STYLE["actor"])
    vis = {
        "shape": shape,
        "size": size,
        "color": {"background": color, "border": HIGHLIGHT_COLOR if marked else "#555555",
                  "highlight": {"background": color, "border": "#000000"}},
        "borderWidth": 4 if marked else 1,
    }
    if marked:
        vis["shadow"] = GLOW
    if position is not None:
        vis["x"], vis["y"] = position
    label = str(attrs.get("label") or curie(node))
    vis["label"] = f"{label}\n({attrs['status']})" if attrs.get("status") else label
    wikidata = attrs.get("wikidata")
    if wikidata and wikidata.startswith("http://www.wikidata.org/entity/"):
        wikidata = "https://www.wikidata.org/wiki/" + wikidata.rsplit("/", 1)[1]
    return {
        "id": node_id,
        "iri": node,
        "curie": curie(node),
        "label": label,
        "group": group,
        "type": str(attrs.get("type") or group),
        "status": attrs.get("status"),
        "description": attrs.get("description"),
        "wikidata": wikidata,
        "quotes": [_quote(q) for q in attrs.get("quotes", ())],
        "marked": marked,
        "vis": vis,
    }


def _claimed(attrs: dict) -> bool:
    statements = attrs.get("statements", ())
    return bool(statements) and all(s.get("claimants") for s in statements)


def _quote(quote) -> dict:
    return quote.as_dict() if hasattr(quote, "as_dict") else dict(quote)


def _edge(graph, edge_id: str, ids: dict, u: str, v: str, key: str, attrs: dict,
          marked: bool) -> dict:
    sign = attrs.get("sign", "neutral")
    layer = attrs.get("layer", key)
    directed = bool(attrs.get("directed", False))
    source, target = attrs.get("source", u), attrs.get("target", v)
    weight = float(attrs.get("weight", 1.0))
    width = 1.0 if sign == "neutral" else round(1 + min(7.0, weight / 2), 2)
    color = SIGN_STYLE.get(sign, SIGN_STYLE["neutral"])[1]
    vis = {
        "color": {"color": color, "highlight": color, "hover": color,
                  "opacity": 1.0 if marked or sign != "neutral" else 0.7},
        "width": width + 2 if marked else width,
        # dotted: every statement behind the tie is someone's claim; dashed: a pressure
        "dashes": CLAIM_DASHES if _claimed(attrs) else layer == "pressure",
        "arrows": {"to": {"enabled": directed, "scaleFactor": 0.7}},
    }
    if marked:
        vis["shadow"] = GLOW
    instruments = sorted({i for s in attrs.get("statements", ()) for i in s.get("instruments", ())})
    roles = [k for k in attrs.get("kinds", ()) if k != PARTY] if layer == "agreement" else []
    if instruments or roles:
        vis["label"] = ", ".join(instruments or roles)
        vis["font"] = {"size": 13, "align": "top", "color": "#8a3a00" if instruments else "#555555"}
    statements = []
    for s in attrs.get("statements", ()):
        statements.append({
            "id": s.get("id", ""),
            "kind": s.get("kind", ""),
            "polarity": s.get("polarity", 0),
            "weight": s.get("weight") if s.get("polarity") else None,
            "from": ids.get(s.get("from"), ids[source]),
            "to": ids.get(s.get("to"), ids[target]),
            "directed": bool(s.get("directed", False)),
            "title": s.get("title"),
            "details": list(s.get("details", ())),
            "quotes": [_quote(q) for q in s.get("quotes", ())],
        })
    return {
        "id": edge_id,
        "from": ids[source],
        "to": ids[target],
        "layer": layer,
        "layerLabel": LAYER_LABELS.get(layer, layer),
        "kinds": list(attrs.get("kinds", (layer,))),
        "sign": sign,
        "signLabel": sign if sign != "neutral" else "unsigned link",
        "weight": weight,
        "directed": directed,
        "marked": marked,
        "statements": statements,
        "vis": vis,
    }


def _options(graph: nx.MultiGraph, *, seed: int, static: bool) -> dict:
    n = graph.number_of_nodes()
    options = {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": n <= 150},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 500,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"font": {"size": 18, "face": "system-ui, sans-serif",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": {"enabled": n <= 500, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2, "hoverWidth": 1},
    }
    if static:
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"enabled": False}
        # at the overview zoom of a large page, labels would hide the graph
        options["nodes"]["scaling"] = {"label": {"drawThreshold": 9}}
        options["interaction"]["hideEdgesOnZoom"] = True
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -15000, "centralGravity": 1.0,
                          "springLength": 200, "springConstant": 0.03, "damping": 0.4,
                          "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 1000,
                              "updateInterval": 50, "fit": True},
            "minVelocity": 0.75,
        }
    return options


def _layout(graph: nx.MultiGraph, *, seed: int) -> dict[str, tuple[float, float]]:
    """Node positions (in pixels) for pages drawn without physics."""
    from kg.pages.layout import cutoff_spring_layout

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((u, v) if u < v else (v, u) for u, v in graph.edges()))
    positions = cutoff_spring_layout(simple, k=60.0, seed=seed)
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


def _legend(graph: nx.MultiGraph, edges: list[dict], marked: bool) -> dict:
    present = {group for _, group in graph.nodes(data="group")}
    nodes = [
        {"group": name, "label": NODE_STYLE[name][0], "swatch": _node_swatch(name)}
        for name, _ in GROUPS if name in present
    ] + [
        {"group": name, "label": name, "swatch": _node_swatch("actor")}
        for name in sorted(present - set(NODE_STYLE))
    ]
    signs = {e["sign"] for e in edges}
    items = [
        {"key": sign, "label": SIGN_STYLE[sign][0], "swatch": _edge_swatch(SIGN_STYLE[sign][1])}
        for sign in SIGN_STYLE if sign in signs
    ]
    if any(e["layer"] == "pressure" for e in edges):
        items.append({"key": "pressure", "label": "pressure (dashed)",
                      "swatch": _edge_swatch(SIGN_STYLE["negative"][1], dashed=True)})
    if any(e["vis"]["dashes"] == CLAIM_DASHES for e in edges):
        items.append({"key": "claim", "label": "a claim, not a fact (dotted)",
                      "swatch": _edge_swatch("#555555", dotted=True)})
    if any(e["directed"] for e in edges):
        items.append({"key": "directed", "label": "directed tie (arrow)",
                      "swatch": _edge_swatch("#555555", arrow=True)})
    if marked:
        items.append({"key": "highlight", "label": "highlighted",
                      "swatch": _edge_swatch("#555555", glow=True)})
    return {"nodes": nodes, "edges": items, "size": "degree centrality"}


def _filters(graph: nx.MultiGraph) -> dict:
    groups = Counter(group for _, group in graph.nodes(data="group"))
    order = [name for name, _ in GROUPS]
    group_items = [
        {"group": g, "label": NODE_STYLE.get(g, (g,))[0], "count": groups[g]}
        for g in sorted(groups, key=lambda g: (order.index(g) if g in order else len(order), g))
    ]
    kinds: dict[str, Counter] = {}
    for _, _, key, attrs in graph.edges(keys=True, data=True):
        layer = attrs.get("layer", key)
        kinds.setdefault(layer, Counter()).update(attrs.get("kinds", (layer,)))
    layer_order = {layer: i for i, layer in enumerate(LAYERS)}
    layers = [
        {"layer": layer, "label": LAYER_LABELS.get(layer, layer),
         "kinds": [{"kind": k, "count": n} for k, n in sorted(kinds[layer].items())]}
        for layer in sorted(kinds, key=lambda x: (layer_order.get(x, len(layer_order)), x))
    ]
    return {"groups": group_items, "layers": layers}


def _node_swatch(group: str):
    from markupsafe import Markup

    _, shape, color = NODE_STYLE.get(group, NODE_STYLE["actor"])
    paths = {
        "dot": '<circle cx="8" cy="8" r="6"/>',
        "triangle": '<polygon points="8,2 14,14 2,14"/>',
        "square": '<rect x="2.5" y="2.5" width="11" height="11"/>',
        "hexagon": '<polygon points="4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8"/>',
        "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
        "star": '<polygon points="8,1 9.8,6 15,6 10.8,9.2 12.4,14.5 8,11.3 3.6,14.5 5.2,9.2 '
                '1,6 6.2,6"/>',
    }
    return Markup(f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                  f'fill="{color}" stroke="#555555">{paths[shape]}</svg>')


def _edge_swatch(color: str, *, dashed: bool = False, dotted: bool = False,
                 arrow: bool = False, glow: bool = False):
    from markupsafe import Markup

    pattern = "4 3" if dashed else " ".join(map(str, CLAIM_DASHES)) if dotted else None
    dash = f' stroke-dasharray="{pattern}"' if pattern else ""
    head = f'<polygon points="22,4 28,8 22,12" fill="{color}"/>' if arrow else ""
    halo = ('<line x1="2" y1="8" x2="28" y2="8" stroke="rgb(255,176,0)" stroke-width="9" '
            'stroke-linecap="round"/>' if glow else "")
    return Markup(f'<svg width="30" height="16" viewBox="0 0 30 16" aria-hidden="true">{halo}'
                  f'<line x1="1" y1="8" x2="{22 if arrow else 29}" y2="8" stroke="{color}" '
                  f'stroke-width="2"{dash}/>{head}</svg>')


def _script_json(data: dict):
    """JSON that is safe inside a ``<script>`` element."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("kg.pages", "templates"), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True)


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
