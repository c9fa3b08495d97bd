"""The projection of the RDF graph onto networks of actors (networkx).

Nodes are actors: instances of ``kg:Actor`` or of one of its subclasses,
and any resource a tie points at. Each node carries ``label`` (its
``rdfs:label``, else the last part of its IRI), ``type`` (the CURIE of its
most specific ``kg:`` class, ``None`` when untyped) and ``wikidata`` (the
IRI of its ``owl:sameAs`` Wikidata item, or ``None``).

Which statements become actor-actor edges, layer by layer:

``relation``
    each ``kg:Relation``: from ``kg:fromActor`` to ``kg:toActor``, with its
    ``kg:polarity`` as ``sign``, ``kg:relationKind`` as ``kind``,
    ``kg:weight`` as ``weight`` (the Goldstein value of its CAMEO class;
    the ontology's rule, 4.0 times the polarity, where it has none) and
    ``kg:directed``.
``pressure``
    each ``kg:Pressure``, read like a relation (always negative and
    directed; kind ``kgc:pressure`` where the statement names none).
``agreement``
    two actors that are both ``kg:party`` of one ``kg:Initiative``: a
    positive, undirected edge of kind ``kg:party`` weighing the Goldstein
    value of the CAMEO class of the initiative's ``kg:status`` (the
    ontology maps each status to one): proposed 4.0 (CAMEO 030, intent to
    cooperate), under negotiation or being finalized 7.0 (046,
    negotiation), issued (a joint communiqué) 3.5 (050, diplomatic
    cooperation), signed, ratified or in force 8.0 (057, formal
    agreement). A suspended or terminated initiative ties nobody.
``membership``
    an ``org:Membership`` (``org:member``, ``org:organization``) or a plain
    ``org:memberOf`` triple: a positive edge of kind ``org:memberOf`` from
    the member to the organization, weight 4.0 (the ontology's weight of a
    positive tie without a CAMEO class).

Every edge of :func:`actor_multigraph` is keyed by the IRI of its
statement; derived edges get a stable synthetic key (two IRIs cannot hold
a space): ``"agreement <initiative> <a> <b>"`` and ``"membership <member>
<organization> [<membership>]"``. Edge attributes: ``layer``, ``sign`` (+1/-1), ``kind``
(CURIE), ``weight`` (a float >= 0: the strength; the sign is apart; a
``kg:weight`` that is not a finite number of at most ``MAX_WEIGHT`` (1e6)
in size raises :class:`~kg.errors.KGError` naming the statement),
``directed``, ``statements`` (the sorted IRIs behind the edge) and
``claimants``: who claims a tie that is only their claim (a statement that
is also a ``kg:Claim``, with its ``kg:claimant``); empty for a fact. A
claimed tie counts like any other; the evidence of an analysis names its
claimant, so that a reader sees which results rest on someone's claim.

Aggregation rule of :func:`signed_graph`, per unordered pair of actors:
the signed weights of all its edges (``sign * weight``) are summed. The
``sign`` of the dyad is the sign of that sum (a sum of exactly 0 counts as
negative: a tie with equal friendship and hostility is not a friendship);
its ``weight`` is the absolute value of the sum. A dyad with ties of both
signs is ``mixed``: it keeps ``positive_weight`` and ``negative_weight``,
every ``kinds`` and ``statements`` behind it, and every measure reports
it (see each measure for how it reads a mixed dyad). A dyad keeps who
presses whom: ``pressures`` lists each tie of the ``pressure`` layer as
``(presser, pressed, statement)``, the direction the collapse would lose
(the coercive wedges of :mod:`kg.signed.wedges` read it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.rdf.namespaces import KG, curie
from kg.signed.arrays import MAX_WEIGHT
from kg.sparql.named import select

#: Every layer of the projection, in a fixed order.
LAYERS = ("relation", "pressure", "agreement", "membership")
#: The layers of the signed graph the measures read by default.
SIGNED_LAYERS = ("relation", "pressure")
#: Weight of a tie that has no CAMEO class (kg:weight's rule: 4.0 x polarity).
DEFAULT_WEIGHT = 4.0
#: Weight of a membership tie.
MEMBERSHIP_WEIGHT = DEFAULT_WEIGHT

def actor_multigraph(dataset, *, layers: Iterable[str] = LAYERS,
                     claims: bool = True) -> nx.MultiDiGraph:
    """Every tie between actors of ``dataset``, one edge per statement.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The data (see :func:`kg.rdf.load.load`), with the ontology loaded
        so that subclasses of ``kg:Actor`` are known.
    layers : iterable of str, optional
        Which layers to project (see the module documentation); all four
        by default.
    claims : bool, default True
        Keep the ties that are only someone's claim (``False`` leaves them
        out, to see what rests on facts alone).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs (``str``); edges are keyed by statement IRI.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> G = actor_multigraph(load(["tests/fixtures/triangle.trig"]))
    >>> G.nodes["https://w3id.org/kg-relations/id/a"]["type"]
    'kg:State'
    >>> sorted({d["layer"] for _, _, d in G.edges(data=True)})
    ['agreement', 'membership', 'pressure', 'relation']
    """
    layers = _check_layers(layers)
    G = nx.MultiDiGraph()
    for actor, attrs in sorted(_actors(dataset).items()):
        G.add_node(actor, **attrs)
    edges: list[tuple[str, str, str, dict]] = []
    if "relation" in layers or "pressure" in layers:
        edges += [edge for edge in _signed_statement_edges(dataset, layers)
                  if claims or not edge[3]["claimants"]]
    if "agreement" in layers:
        edges += _agreement_edges(dataset)
    if "membership" in layers:
        edges += _membership_edges(dataset)
    for source, target, key, attrs in sorted(edges, key=lambda e: (e[2], e[0], e[1])):
        for node in (source, target):
            if node not in G:
                G.add_node(node, label=_local_name(node), type=None, wikidata=None)
        G.add_edge(source, target, key=key, **attrs)
    return G


def signed_graph(G_or_dataset, *, layers: Iterable[str] = SIGNED_LAYERS,
                 claims: bool = True) -> nx.Graph:
    """The collapsed, undirected signed graph: one edge per pair of actors.

    Parameters
    ----------
    G_or_dataset : networkx.MultiDiGraph or rdflib.Dataset
        A graph from :func:`actor_multigraph`, or a dataset to project
        first.
    layers : iterable of str, optional
        The layers whose edges are collapsed (relation and pressure by
        default).
    claims : bool, default True
        Keep the ties that are only someone's claim.

    Returns
    -------
    networkx.Graph
        Edge attributes ``sign``, ``weight``, ``kinds``, ``statements``,
        ``mixed``, ``positive_weight``, ``negative_weight``, ``layers``,
        ``ties`` (sorted ``(statement, kind, sign, weight, claimants)`` of
        each tie) and ``pressures`` (sorted ``(presser, pressed, statement)``
        of each tie of the pressure layer); of a dataset's mixed pair,
        ``apart`` too: whether its ties of the two signs never held at the
        same time (:func:`kg.signed.mixed.never_together`), so that the pair
        is mixed only over all dates.
        Only actors with at least one tie in the chosen layers are nodes.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> S = signed_graph(load(["tests/fixtures/triangle.trig"]))
    >>> a, b = (f"https://w3id.org/kg-relations/id/{x}" for x in "ab")
    >>> S.edges[a, b]["sign"], S.edges[a, b]["mixed"], S.edges[a, b]["weight"]
    (1, True, 4.0)
    """
    layers = _check_layers(layers)
    dataset = None
    if isinstance(G_or_dataset, nx.MultiDiGraph):
        M = G_or_dataset
    elif isinstance(G_or_dataset, nx.Graph):
        raise KGError("signed_graph needs a MultiDiGraph from actor_multigraph or a dataset")
    else:
        dataset = G_or_dataset
        M = actor_multigraph(dataset, layers=layers)
    dyads: dict[tuple[str, str], list] = defaultdict(list)
    for u, v, data in M.edges(data=True):
        # claims are left out here, for a dataset and a given multigraph alike
        if data["layer"] not in layers or u == v or (data.get("claimants") and not claims):
            continue
        dyads[(u, v) if u < v else (v, u)].append((u, v, data))
    S = nx.Graph()
    for a, b in sorted(dyads):
        for node in (a, b):
            if node not in S:
                S.add_node(node, **M.nodes[node])
    for (a, b), ties in sorted(dyads.items()):
        S.add_edge(a, b, **collapse_dyad(ties))
    mixed = [data for _, _, data in S.edges(data=True) if data["mixed"]]
    if mixed and dataset is not None:  # the statements' times come from the dataset
        from kg.signed.mixed import never_together
        from kg.sparql.snapshot import statement_times

        times = {str(statement): found for statement, found in statement_times(dataset).items()}
        for data in mixed:
            data["apart"] = never_together(data["ties"], times)
    return S


def collapse_dyad(ties: Iterable[tuple[str, str, dict]]) -> dict:
    """The attributes of the collapsed edge of one pair of actors, from the
    ties ``(u, v, data)`` of :func:`actor_multigraph` between them, by the
    rule of :func:`signed_graph` (which calls it for every pair; a timeline
    calls it again only for the pairs whose ties change).

    Examples
    --------
    >>> ties = [("a", "b", {"layer": "relation", "sign": 1, "weight": 8.0, "kind": "kgc:alliance",
    ...                     "statements": ("urn:s1",)}),
    ...         ("b", "a", {"layer": "pressure", "sign": -1, "weight": 2.0, "kind": None,
    ...                     "statements": ("urn:s2",)})]
    >>> d = collapse_dyad(ties)
    >>> d["sign"], d["weight"], d["mixed"], d["statements"], d["pressures"]
    (1, 6.0, True, ('urn:s1', 'urn:s2'), (('b', 'a', 'urn:s2'),))
    """
    pos = neg = 0.0
    kinds, statements, layers_, found, pressures = set(), set(), set(), set(), set()
    for u, v, data in ties:
        strength = abs(float(data["weight"]))
        if data["sign"] > 0:
            pos += strength
        else:
            neg += strength
        if data.get("kind"):
            kinds.add(data["kind"])
        statements.update(data["statements"])
        layers_.add(data["layer"])
        for statement in data["statements"]:
            found.add((statement, data.get("kind") or "", int(data["sign"]), strength,
                       tuple(data.get("claimants", ()))))
            if data["layer"] == "pressure":
                pressures.add((u, v, statement))
    return {**_collapsed(pos, neg, kinds, statements, layers_), "ties": tuple(sorted(found)),
            "pressures": tuple(sorted(pressures))}


def actor_labels(dataset) -> dict[str, str]:
    """The label of every actor of ``dataset`` (an English or plain
    ``rdfs:label``, else the last part of its IRI), tied or not.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> labels = actor_labels(load(["tests/fixtures/triangle.trig"]))
    >>> labels["https://w3id.org/kg-relations/id/league"]
    'League'
    """
    return {actor: attrs["label"] for actor, attrs in _actors(dataset).items()}


def read_edge_list(path: str | Path, *, view=None) -> nx.Graph:
    """Read a signed edge list (CSV with columns source,target,sign[,weight]
    and optionally start,end: see :mod:`kg.signed.edgelist`).

    Rows naming the same pair twice are collapsed by the rule of
    :func:`signed_graph`; each edge keeps the file ``lines`` it comes from.
    A bad row raises :class:`~kg.errors.KGError` with the file and line.
    With ``view`` (a :class:`~kg.rdf.dates.TimeView`), only the rows in
    the view are read.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file.
    view : TimeView, optional
        Read only the rows dated within this view.

    Returns
    -------
    networkx.Graph
        The collapsed signed graph, one edge per pair of names.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = f.write_text("source,target,sign\\nA,B,+1\\nB,C,-1\\n")
    >>> G = read_edge_list(f)
    >>> sorted(G.edges(data="sign"))
    [('A', 'B', 1), ('B', 'C', -1)]
    """
    from kg.signed.edgelist import read_signed_edges

    return read_signed_edges(path, view=view).to_graph()


def _collapsed(pos: float, neg: float, kinds, statements, layers=()) -> dict:
    net = pos - neg
    return {
        "sign": 1 if net > 0 else -1,
        "weight": abs(net),
        "kinds": tuple(sorted(kinds)),
        "statements": tuple(sorted(statements)),
        "mixed": pos > 0 and neg > 0,
        "positive_weight": pos,
        "negative_weight": neg,
        "layers": tuple(sorted(layers)),
    }


def _check_layers(layers: Iterable[str]) -> tuple[str, ...]:
    if isinstance(layers, str):
        layers = (layers,)
    chosen = tuple(layers)
    unknown = sorted(set(chosen) - set(LAYERS))
    if unknown:
        raise KGError(f"unknown layer {unknown[0]!r}; choose from {', '.join(LAYERS)}")
    if not chosen:
        raise KGError(f"choose at least one layer of {', '.join(LAYERS)}")
    return chosen


def _local_name(iri: str) -> str:
    text = str(iri).rstrip("/#")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or str(iri)


def _most_specific(dataset, root) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for resource, cls, depth in select(dataset, "typed-resources", root=root):
        key = str(resource)
        candidate = (-int(depth), curie(str(cls)))
        if key not in best or candidate < best[key]:
            best[key] = candidate
    return {resource: cls for resource, (_, cls) in best.items()}


def _actors(dataset) -> dict[str, dict]:
    types = _most_specific(dataset, KG.Actor)
    labels: dict[str, str] = {}
    wikidata: dict[str, str] = {}
    for actor, label, item in select(dataset, "actor-labels"):
        key = str(actor)
        if label is not None and (key not in labels or str(label) < labels[key]):
            labels[key] = str(label)
        if item is not None and (key not in wikidata or str(item) < wikidata[key]):
            wikidata[key] = str(item)
    return {
        actor: {
            "label": labels.get(actor, _local_name(actor)),
            "type": cls,
            "wikidata": wikidata.get(actor),
        }
        for actor, cls in types.items()
    }


def _signed_statement_edges(dataset, layers) -> list[tuple[str, str, str, dict]]:
    edges: dict[str, tuple[str, str, str, dict]] = {}
    for statement, layer, source, target, sign, kind, weight, directed, claimant in select(
        dataset, "signed-adjacency"
    ):
        layer = str(layer)
        if layer not in layers:
            continue
        if str(statement) in edges:  # a further claimant (or value) of the same statement
            attrs = edges[str(statement)][3]
            if claimant is not None:
                attrs["claimants"] = tuple(sorted({*attrs["claimants"], str(claimant)}))
            continue
        if _number(sign) not in (1, -1):
            raise KGError(f"{curie(str(statement))} has kg:polarity {sign}; expected 1 or -1")
        polarity = int(_number(sign))
        strength = _strength(weight, statement, "kg:weight") if weight is not None \
            else DEFAULT_WEIGHT
        if kind is not None:
            kind_curie = curie(str(kind))
        else:
            kind_curie = "kgc:pressure" if layer == "pressure" else None
        is_directed = bool(directed.toPython()) if directed is not None else layer == "pressure"
        edges[str(statement)] = (str(source), str(target), str(statement), {
            "layer": layer,
            "sign": polarity,
            "kind": kind_curie,
            "weight": strength,
            "directed": is_directed,
            "statements": (str(statement),),
            "claimants": (str(claimant),) if claimant is not None else (),
        })
    return list(edges.values())


def _number(literal) -> float | None:
    """The value of a numeric literal, ``None`` when it is not a number."""
    try:
        return float(literal.toPython())
    except (TypeError, ValueError):  # an ill-typed literal stays a Literal
        return None


def _strength(literal, statement, what: str) -> float:
    """The size of a weight, checked: NaN, inf or a huge value would give a
    wrong sign to a dyad (NaN compares false) or overflow the measures."""
    value = _number(literal)
    if value is None or not abs(value) <= MAX_WEIGHT:
        raise KGError(f"{curie(str(statement))} has {what} {literal}; expected a finite "
                      f"number of at most {MAX_WEIGHT:g} in size")
    return abs(value)


def _agreement_edges(dataset) -> list[tuple[str, str, str, dict]]:
    edges = []
    for initiative, _status, goldstein, source, target in select(dataset, "agreement-parties"):
        if goldstein is None:
            continue
        key = f"agreement {initiative} {source} {target}"
        edges.append((str(source), str(target), key, {
            "layer": "agreement",
            "sign": 1,
            "kind": "kg:party",
            "weight": _strength(goldstein, initiative, "Goldstein weight"),
            "directed": False,
            "statements": (str(initiative),),
            "claimants": (),
        }))
    return edges


def _membership_edges(dataset) -> list[tuple[str, str, str, dict]]:
    edges = {}
    for organization, member, _role, _since, _source, membership in select(dataset, "members"):
        key = f"membership {member} {organization}"
        if membership is not None:
            key += f" {membership}"
        edges[key] = (str(member), str(organization), key, {
            "layer": "membership",
            "sign": 1,
            "kind": "org:memberOf",
            "weight": MEMBERSHIP_WEIGHT,
            "directed": True,
            "statements": (str(membership),) if membership is not None else (),
            "claimants": (),
        })
    return list(edges.values())
