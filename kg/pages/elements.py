"""What a page draws, as vis-network data: nodes, edges, options, legend, filters.

Styles follow the Okabe–Ito colours; every value is plain data that
:func:`kg.pages.render.render_page` serialises into the page.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.pages.evidence import EvidenceTable
from kg.pages.pagegraph import GROUPS, LAYERS, PARTY
from kg.rdf.namespaces import curie, wikidata_page

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
#: The widest a node's label runs (pixels) before it wraps at a space.
LABEL_WIDTH = 160
GLOW = {"enabled": True, "color": "rgba(255, 176, 0, 0.95)", "size": 14, "x": 0, "y": 0}


def sorted_edges(graph: nx.MultiGraph) -> list[tuple[str, str, str, dict]]:
    """Edges as ``(u, v, key, attrs)`` with ``u < v``, by layer, then key and ends."""
    rows = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        a, b = sorted((u, v))
        rows.append((a, b, str(key), attrs))
    order = {layer: i for i, layer in enumerate(LAYERS)}
    return sorted(rows, key=lambda r: (order.get(r[2], len(order)), r[2], r[0], r[1]))


def node_sizes(graph: nx.MultiGraph) -> dict[str, float]:
    """Node size from degree centrality on the simple graph of the page."""
    simple = nx.Graph(graph)
    centrality = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    top = max(centrality.values(), default=0.0) or 1.0
    return {node: round(10 + 22 * value / top, 2) for node, value in centrality.items()}


def node_data(graph: nx.MultiGraph, node: str, node_id: str, size: float, position, *,
              marked: bool) -> dict:
    """One node for the page: its vis-network style, label, quotes and links."""
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
    wikidata = wikidata_page(attrs.get("wikidata")) or attrs.get("wikidata")
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


def edge_data(edge_id: str, ids: dict, u: str, v: str, key: str, attrs: dict, *,
              marked: bool, evidence: EvidenceTable) -> dict:
    """One tie for the page: its vis-network style and the statements behind it."""
    sign = attrs.get("sign", "neutral")
    layer = attrs.get("layer", key)
    directed = bool(attrs.get("directed", False))
    source, target = attrs.get("source", u), attrs.get("target", v)
    weight = float(attrs.get("weight", 1.0))
    # the time slider redraws a tie from the statements shown at a step:
    # looks() in templates/network.js mirrors this width and the sign's colour
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
            **evidence.refer(s),
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


def vis_options(graph: nx.MultiGraph, *, seed: int, static: bool) -> dict:
    """vis-network's options: physics in the browser, or none for a static layout."""
    n = graph.number_of_nodes()
    options = {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": n <= 150},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 500,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"font": {"size": 18, "face": "system-ui, sans-serif",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # a long label wraps at spaces rather than running over its neighbours'
                  "widthConstraint": {"maximum": LABEL_WIDTH}},
        "edges": {"smooth": {"enabled": n <= 500, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2, "hoverWidth": 1},
    }
    if static:
        options["physics"] = {"enabled": False}
        if n > 150:
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


def legend(graph: nx.MultiGraph, edges: list[dict], *, marked: bool) -> dict:
    """The legend: a swatch for each node group and each kind of tie on the page."""
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


def filters(graph: nx.MultiGraph) -> dict:
    """The page's filters: node groups and, per layer, relation kinds, with counts."""
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
