"""The graph a network page draws, read from RDF, and the lenses that cut it.

Nodes are the actors, initiatives and events a dataset describes; edges
are the ties between them, one per pair of nodes and *layer*:

``relation``       signed relations (kg:Relation), coloured by sign
``pressure``       pressures (kg:Pressure), always negative, drawn dashed
``agreement``      parties to, proposers of and bodies acting on initiatives
``membership``     org:memberOf and org:Membership without a role
``affiliation``    posts (org:holds/org:postIn), roles (org:Membership with
                   org:role), heads and sub-organizations
``participation``  participants in events (kg:participant and its refinements)

Several statements between the same pair in the same layer become one
edge: its ``kinds`` list them all, and its ``sign`` is ``"mixed"`` when
their polarities differ. Everything is read with the ``page-*`` queries
of ``kg/sparql/queries``.

Each statement of an edge shows the quotes of the statement that carries
it, never a neighbour's: a relation or pressure its own; a link the
subject of its triple where the graph that states the triple quotes that
subject (an initiative its parties, an event its participants, a post its
holder's post), and a direct org:memberOf the org:Membership behind it.
A quote goes with the source its own graph names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.errors import KGError
from kg.pages.evidence import NO_EVIDENCE, quad_counts, shown_name, tie_evidence
from kg.rdf.namespaces import KG, PREFIXES, curie

#: Page groups of nodes, most specific first, with the ontology class each stands for.
GROUPS: tuple[tuple[str, str], ...] = (
    ("state", str(KG.State)),
    ("person", str(KG.Person)),
    ("organization", str(KG.Organization)),
    ("group", str(KG.ActorGroup)),
    ("actor", str(KG.Actor)),
    ("initiative", str(KG.Initiative)),
    ("event", str(KG.Event)),
)
ACTOR_GROUPS = frozenset({"state", "person", "organization", "group", "actor"})

#: Layers of edges, in drawing order.
LAYERS = ("relation", "pressure", "agreement", "membership", "affiliation", "participation")
SIGNED_LAYERS = frozenset({"relation", "pressure"})

_ROLE_LAYERS = {
    str(KG.party): "agreement",
    str(KG.proposedBy): "agreement",
    str(KG.actingBody): "agreement",
    PREFIXES["org"] + "memberOf": "membership",
    PREFIXES["org"] + "holds": "affiliation",
    PREFIXES["org"] + "role": "affiliation",
    PREFIXES["org"] + "headOf": "affiliation",
    PREFIXES["org"] + "subOrganizationOf": "affiliation",
}

LENSES = ("all", "alliances", "pressures", "agreements", "balance")

#: The kind of the plain link of a party to an initiative (see page-links.rq).
PARTY = "party to"
MEMBER_OF = PREFIXES["org"] + "memberOf"
#: What the page says of a link that no statement in the data carries.
UNCARRIED = "no quote: no statement in the data carries this link"


@dataclass(frozen=True, order=True)
class Quote:
    """A verbatim quote and the source it comes from."""

    text: str
    source: str = ""
    url: str | None = None
    file: str | None = None

    def as_dict(self) -> dict:
        return {"text": self.text, "source": self.source, "url": self.url, "file": self.file}


def page_graph(dataset) -> nx.MultiGraph:
    """The whole page graph of a dataset: every actor, initiative and event
    with every tie between them.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The data, loaded with :func:`kg.rdf.load.load` (the ontology graph
        supplies class and kind labels).

    Returns
    -------
    networkx.MultiGraph
        Nodes are IRIs (str) with ``label``, ``group`` (see :data:`GROUPS`),
        ``type`` (label of the most specific class), ``wikidata`` (IRI or
        None), ``status``, ``description`` and ``quotes`` (a tuple of
        :class:`Quote`). Edges are keyed by layer (see :data:`LAYERS`) and
        carry ``layer``, ``kinds`` (sorted labels), ``sign`` (``"positive"``,
        ``"negative"``, ``"mixed"`` or ``"neutral"`` for unsigned layers),
        ``mixed``, ``weight`` (sum of absolute weights; 1 per unsigned
        link), ``directed``, ``source``, ``target`` (the direction every
        statement reads in, sorted ends when they differ) and ``statements`` (a tuple of
        dicts with ``id``, ``kind``, ``polarity``, ``weight``, ``from``,
        ``to``, ``directed``, ``title``, ``details``, ``instruments`` (of a
        pressure), ``quotes``, ``codes`` and ``sources`` (what a tie rests
        on besides quotes: its top CAMEO codes, and the sources of a tie
        without a quote; see page-evidence.rq) and ``rests``).
        A statement's ``id`` is the statement
        that carries the tie (empty for a link that no statement carries)
        and its ``quotes`` are that statement's, each with the source its
        own graph names: never the quote of a neighbour. Its ``rests``
        says which resources the tie rests on: a tuple of alternatives,
        each the sorted IRIs whose triples the tie needs (a relation
        itself; an initiative for its parties, an event for its
        participants, an actor and a post for the post it holds); the tie
        is in a dated view when all of one alternative are (see
        :mod:`kg.pages.timeline`). A node that only ends a tie, not
        described in the data, has ``bare`` set.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> G = page_graph(load())
    >>> G.number_of_nodes() > 10 and G.number_of_edges() > 10
    True
    >>> sorted({d["sign"] for _, _, d in G.edges(data=True)})
    ['negative', 'neutral', 'positive']
    """
    from kg.sparql.named import select

    quotes, quotes_in = _quotes(select(dataset, "page-quotes"))
    stances = _stances(select(dataset, "page-stances"))
    evidence = tie_evidence(select(dataset, "page-evidence"), quad_counts(dataset))
    graph = nx.MultiGraph()
    for node, attrs in sorted(_nodes(select(dataset, "page-nodes"), quotes).items()):
        graph.add_node(node, **attrs)

    statements: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for statement in _ties(select(dataset, "page-ties"), quotes, stances, evidence):
        pair = tuple(sorted((statement["from"], statement["to"])))
        statements[(*pair, statement["layer"])].append(statement)
    for statement in _links(select(dataset, "page-links"), quotes, quotes_in):
        pair = tuple(sorted((statement["from"], statement["to"])))
        statements[(*pair, statement["layer"])].append(statement)

    for (u, v, layer), group in sorted(statements.items()):
        for end in (u, v):
            if end not in graph:
                graph.add_node(end, **_bare_node(end, quotes))
        graph.add_edge(u, v, key=layer, **_merge(u, v, layer, group))
    return graph


def _text(value) -> str | None:
    return None if value is None else str(value)


def _nodes(rows: Iterable[tuple], quotes: dict[str, tuple[Quote, ...]]) -> dict[str, dict]:
    rank = {iri: i for i, (_, iri) in enumerate(GROUPS)}
    names = {iri: name for name, iri in GROUPS}
    best: dict[str, tuple] = {}
    for node, group, type_, type_label, label, wikidata, status, description in rows:
        key = (rank[str(group)], str(type_), str(label or ""), str(wikidata or ""),
               str(status or ""), str(description or ""))
        node = str(node)
        if node not in best or key < best[node][0]:
            best[node] = (key, names[str(group)], type_label, label, wikidata, status, description)
    nodes = {}
    for node, (key, group, type_label, label, wikidata, status, description) in best.items():
        nodes[node] = {
            "label": _text(label) or curie(node),
            "group": group,
            "type": _text(type_label) or curie(key[1]),
            "wikidata": _text(wikidata),
            "status": _text(status),
            "description": _text(description),
            "quotes": quotes.get(node, ()),
        }
    return nodes


def _bare_node(node: str, quotes: dict[str, tuple[Quote, ...]]) -> dict:
    """A tie's end that the dataset does not describe as an actor."""
    return {"label": curie(node), "group": "actor", "type": "actor", "wikidata": None,
            "status": None, "description": None, "quotes": quotes.get(node, ()), "bare": True}


def _quotes(rows: Iterable[tuple]) -> tuple[dict[str, tuple[Quote, ...]], dict[tuple, set[Quote]]]:
    """The quotes of each item (every graph), and of each item in each graph
    (``None``: the default graph), each with the source its graph names."""
    found: dict[str, set[Quote]] = defaultdict(set)
    in_graph: dict[tuple, set[Quote]] = defaultdict(set)
    for item, graph, quote, source, title, url, local in rows:
        source_name = _text(title) or (shown_name(source, "an untitled source")
                                        if source is not None else "")
        found_quote = Quote(str(quote), source_name, _text(url), _text(local))
        found[str(item)].add(found_quote)
        in_graph[(str(item), _text(graph))].add(found_quote)
    return {item: tuple(sorted(qs)) for item, qs in found.items()}, dict(in_graph)


def _stances(rows: Iterable[tuple]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for statement, stance, claimant, speaks_for, kind in rows:
        who = _text(claimant) or curie(stance)
        if speaks_for is not None:
            who = f"{who} (for {speaks_for})"
        found[str(statement)].add(f"{who}: {kind or 'takes a stance'}")
    return {statement: sorted(lines) for statement, lines in found.items()}


def _ties(rows, quotes, stances, evidence) -> list[dict]:
    """One entry per relation or pressure, from the rows of page-ties.rq:
    each gives a statement's ends, kind and sign, a resource's label, or
    one fact about a statement. Of a fact a statement has twice, such as
    two weights, the least is taken (the same every run)."""
    cores: dict[str, set] = defaultdict(set)
    facts: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    labels: dict[str, set] = defaultdict(set)
    for (statement, source, target, kind, polarity, kind_label, directed, weight, pressure,
         label, description, instrument, magnitude, unit, scope, claimant,
         claimant_label) in rows:
        if kind_label is not None:
            labels[str(kind)].add(str(kind_label))
            continue
        iri = str(statement)
        if polarity is not None:
            cores[iri].add((str(source), str(target), str(kind), int(polarity.toPython())))
            continue
        fact = facts[iri]
        for name, value in (("directed", directed), ("weight", weight), ("pressure", pressure),
                            ("label", label), ("description", description),
                            ("instrument", instrument), ("scope", scope)):
            if value is not None:
                fact[name].add(value)
        if magnitude is not None:
            fact["magnitude"].add(f"magnitude: {magnitude}{' ' + str(unit) if unit else ''}")
        if claimant is not None:
            fact["claimant"].add(_text(claimant_label) or curie(claimant))
    result = []
    for iri, found in cores.items():
        source, target, kind, polarity = min(found)
        fact = facts.get(iri, {})
        label, weight, directed, description = (
            min(fact.get(name, ()), key=str, default=None)
            for name in ("label", "weight", "directed", "description"))
        instruments = sorted({str(i) for i in fact.get("instrument", ())})
        claimants = sorted(fact.get("claimant", ()))
        details = {str(d) for d in fact.get("description", ())} if label is not None else set()
        details.update(f"instrument: {i}" for i in instruments)
        details.update(fact.get("magnitude", ()))
        details.update(f"scope: {scope}" for scope in fact.get("scope", ()))
        details.update(f"claim of {who}, not a fact" for who in claimants)
        details.update(f"stance: {line}" for line in stances.get(iri, ()))
        rests_on = evidence.get(iri, NO_EVIDENCE)
        result.append({
            "id": curie(iri),
            "layer": "pressure" if fact.get("pressure") else "relation",
            "kind": min(labels.get(kind, ()), default=None) or curie(kind),
            "polarity": polarity,
            "weight": float(weight.toPython()) if weight is not None else 4.0 * polarity,
            "from": source,
            "to": target,
            "directed": bool(directed.toPython()) if directed is not None else False,
            "title": _text(label) or _text(description),
            "details": tuple(sorted(details)),
            "instruments": tuple(instruments),
            "claimants": tuple(claimants),
            "quotes": tuple(q.as_dict() for q in quotes.get(iri, ())),
            "quads": rests_on["quads"],
            "codes": rests_on["codes"],
            # a quote shows its own source: a quoted tie lists no other
            "sources": () if iri in quotes else rests_on["sources"],
            "rests": ((iri,),),
        })
    return sorted(result, key=lambda s: s["id"])


def _links(rows, quotes, quotes_in) -> list[dict]:
    """One entry for each statement that carries a link (see page-links.rq),
    with that statement's quotes: the subject of the link's triple, where
    the graph that holds the triple quotes it; the org:Membership behind an
    org:memberOf. A link that no statement carries gets one entry without
    quotes that says so, never the quote of one of its ends."""
    links: dict[tuple, dict] = {}
    carried: dict[tuple, dict[str, set]] = defaultdict(dict)
    rests: dict[tuple, set[tuple[str, ...]]] = defaultdict(set)
    for (actor, role, role_label, target, title, subject, prop, value, graph,
         membership) in rows:
        key = (str(actor), str(role), str(target))
        links.setdefault(key, {"kind": _text(role_label) or curie(role), "titles": {}})
        rests[key].add(_rests_on(str(actor), str(role), str(subject), str(prop), str(value)))
        if str(prop) == MEMBER_OF:
            evidence = membership
            found = quotes.get(str(membership), ()) if membership is not None else ()
        else:
            found = quotes_in.get((str(subject), _text(graph)), ())
            evidence = subject if found else None
        if evidence is not None:
            carried[key].setdefault(str(evidence), set()).update(found)
            links[key]["titles"].setdefault(str(evidence), _text(title))
        elif title is not None:
            links[key]["titles"].setdefault("", _text(title))
    result = []
    for key in sorted(links):
        actor, _role, target = key
        link = links[key]
        evidence = carried.get(key) or {"": set()}
        for iri in sorted(evidence):
            result.append({
                "id": curie(iri) if iri else "",
                "layer": _ROLE_LAYERS.get(key[1], "participation"),
                "kind": link["kind"],
                "polarity": 0,
                "weight": 1.0,
                "from": actor,
                "to": target,
                "directed": False,
                "title": link["titles"].get(iri) or link["titles"].get(""),
                "details": () if iri else (UNCARRIED,),
                "instruments": (),
                "quotes": tuple(q.as_dict() for q in sorted(evidence[iri])),
                # the link is there while one of its triples is: any row of its key
                "rests": tuple(sorted(rests[key])),
            })
    return result


_HOLDS = PREFIXES["org"] + "holds"


def _rests_on(actor: str, role: str, subject: str, prop: str, value: str) -> tuple[str, ...]:
    """The subjects of the triples one row of page-links.rq needs: a post
    held needs the holder's org:holds and the post's org:postIn."""
    if role == _HOLDS:
        post = value if prop == _HOLDS else subject
        return tuple(sorted({actor, post}))
    return (subject,)


def _merge(u: str, v: str, layer: str, statements: list[dict]) -> dict:
    statements = sorted(statements, key=lambda s: (s["kind"], s["id"], s["from"]))
    polarities = {s["polarity"] for s in statements}
    if layer not in SIGNED_LAYERS:
        sign = "neutral"
    elif len(polarities) > 1:
        sign = "mixed"
    else:
        sign = "positive" if polarities == {1} else "negative"
    directions = {(s["from"], s["to"]) for s in statements}
    directed = all(s["directed"] for s in statements) and len(directions) == 1
    # an undirected link whose statements all read one way (member -> organization)
    # keeps that reading for the page's text; it is drawn without an arrow
    source, target = next(iter(directions)) if len(directions) == 1 else (u, v)
    return {
        "layer": layer,
        "kinds": tuple(sorted({s["kind"] for s in statements})),
        "sign": sign,
        "mixed": sign == "mixed",
        "weight": round(sum(abs(s["weight"]) for s in statements), 6),
        "directed": directed,
        "source": source,
        "target": target,
        "statements": tuple(statements),
    }


def lens(graph: nx.MultiGraph, name: str = "all") -> nx.MultiGraph:
    """The part of a page graph that one teaching lens shows.

    ``all`` shows everything; ``alliances`` the signed relations and
    memberships among states, organizations and actor groups;
    ``pressures`` who pressures whom; ``agreements`` the initiatives with
    their parties, proposers and acting bodies; ``balance`` the signed
    relations and pressures among all actors (the signed network whose
    triangles :mod:`kg.pages.render` marks). Nodes left without a tie are
    dropped, except initiatives in ``agreements`` and every node in ``all``.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", group="state"); G.add_node("b", group="state")
    >>> G.add_node("p", group="person")
    >>> G.add_edge("a", "b", key="pressure", layer="pressure")
    'pressure'
    >>> G.add_edge("a", "p", key="affiliation", layer="affiliation")
    'affiliation'
    >>> sorted(lens(G, "pressures").edges(keys=True))
    [('a', 'b', 'pressure')]
    >>> sorted(lens(G, "all"))
    ['a', 'b', 'p']
    """
    if name not in LENSES:
        raise KGError(f"unknown lens {name!r}; choose one of {', '.join(LENSES)}")
    if name == "all":
        return graph.copy()
    layers, groups = {
        "alliances": ({"relation", "membership"}, {"state", "organization", "group", "actor"}),
        "pressures": ({"pressure"}, None),
        "agreements": ({"agreement"}, None),
        "balance": (SIGNED_LAYERS, ACTOR_GROUPS),
    }[name]
    keep = [
        (u, v, k) for u, v, k, layer in graph.edges(keys=True, data="layer")
        if layer in layers and (groups is None or (
            graph.nodes[u].get("group") in groups and graph.nodes[v].get("group") in groups))
    ]
    view = graph.edge_subgraph(keep)
    nodes = set(view)
    if name == "agreements":
        nodes |= {n for n, group in graph.nodes(data="group") if group == "initiative"}
    result = nx.MultiGraph()
    result.add_nodes_from(sorted((n, graph.nodes[n]) for n in nodes))
    result.add_edges_from(sorted((u, v, k, graph.edges[u, v, k]) for u, v, k in keep))
    return result


def focus(graph: nx.MultiGraph, node: str, *, depth: int = 1) -> nx.MultiGraph:
    """The neighbourhood of ``node``: every node within ``depth`` ties.

    Examples
    --------
    >>> G = nx.MultiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(focus(G, "b"))
    ['a', 'b', 'c']
    >>> sorted(focus(G, "a", depth=2))
    ['a', 'b', 'c']
    """
    if node not in graph:
        raise KGError(f"{node} is not on this page")
    if depth < 0:
        raise KGError(f"depth must be 0 or more, not {depth}")
    near = nx.single_source_shortest_path_length(graph, node, cutoff=depth)
    return graph.subgraph(sorted(near)).copy()
