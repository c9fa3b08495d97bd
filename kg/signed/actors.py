"""Find an actor of a network by what a person types: a label, a CURIE or an IRI."""

from __future__ import annotations

import difflib

import networkx as nx

from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES, curie


def resolve_actor(G: nx.Graph, text: str) -> object:
    """The node of ``G`` that ``text`` names.

    ``text`` may be the node itself (an IRI, or a name in an edge list),
    a CURIE (``kgr:avalon``), a label (``Avalon``, any case) or the last part
    of an IRI (``avalon``). An unknown or ambiguous name raises
    :class:`~kg.errors.KGError` listing candidates.

    Parameters
    ----------
    G : networkx.Graph
        A graph whose nodes may carry a ``label``.
    text : str
        The name to look up.

    Returns
    -------
    object
        The node.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("https://w3id.org/kg-relations/id/avalon", label="Avalon")
    >>> resolve_actor(G, "avalon")
    'https://w3id.org/kg-relations/id/avalon'
    >>> resolve_actor(G, "kgr:avalon") == resolve_actor(G, "Avalon")
    True
    >>> resolve_actor(G, "Avalonia")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unknown actor 'Avalonia'; did you mean: Avalon (kgr:avalon)?
    """
    if text in G:
        return text
    wanted = text.strip()
    expanded = _expand(wanted)
    if expanded in G:
        return expanded
    folded = wanted.casefold()
    matches = sorted(
        {node for node in G if folded in (_label(G, node).casefold(), _local(node).casefold())},
        key=str,
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(_show(G, node) for node in matches)
        raise KGError(f"ambiguous actor {text!r}: it names {listed}; give the CURIE or IRI")
    labels = {_label(G, node): node for node in G}
    close = difflib.get_close_matches(wanted, list(labels), n=5, cutoff=0.5)
    if not close:
        stem = folded[:3]
        close = [label for label in labels if stem and label.casefold().startswith(stem)]
    if close:
        hint = "; did you mean: " + ", ".join(_show(G, labels[c]) for c in sorted(close)) + "?"
    else:
        some = sorted(labels, key=str.casefold)
        more = f" (and {len(some) - 10} more)" if len(some) > 10 else ""
        hint = "; actors: " + ", ".join(some[:10]) + more
    raise KGError(f"unknown actor {text!r}{hint}")


def actor_label(G: nx.Graph, node) -> str:
    """The label of a node, for people."""
    return _label(G, node)


def _label(G, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _local(node) -> str:
    text = str(node).rstrip("/#")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _expand(text: str) -> str:
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


def _show(G, node) -> str:
    short = curie(str(node))
    label = _label(G, node)
    return label if short == label else f"{label} ({short})"
