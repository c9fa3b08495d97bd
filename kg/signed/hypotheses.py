"""Wedge strategies the sources claim, read against the signed network.

A claim that names a wedge strategy (a ``kg:StrategyHypothesis``, or a
``kg:HistoricalAnalogy``, with its ``kg:sponsor``, its ``kg:pivot`` and the
two members of the pair it would split, ``kg:wedgeBetween``) is read as one
of the two kinds of wedge of :mod:`kg.signed.wedges` (Crawford 2011;
Izumikawa 2013):

- a pivot outside the pair makes it **accommodative**: the pivot's
  friendship with one member (the *drawn* member, the one it is
  friendlier to) is to strain that member's tie to the other, while the
  sponsor rewards or tolerates the pivot. It needs the ties of an
  accommodative wedge with the sponsor among its sponsors: the pair
  friendly (+ or ±), pivot + drawn, pivot - other, sponsor - other and
  sponsor + or ± pivot;
- no pivot, or the sponsor named as its own pivot: the sponsor acts on
  the pair itself. That is **coercive** when it presses a member of the
  pair (a ``kg:Pressure``) or is hostile to both; it needs the pair
  friendly, sponsor - pressed member, sponsor - other and a pressure of
  the sponsor on the pressed member. Otherwise it is accommodative with
  the sponsor as the pivot: the pair friendly, sponsor + drawn, sponsor -
  other;
- a pivot that is a member of the pair (as when an analogy names the
  courted member as the pivot), a sponsor that is a member of the pair,
  a claim that names no pair (one that means to press a third actor, say)
  or a pair of other than two members is reported as what it is ("pivot
  is a member of the pair: not a wedge as modelled"), not bent into a
  shape it does not have.

The network *supports* a hypothesis when it has every tie the hypothesis
needs with the sign it needs (a dyad's collapsed sign; ± counts where
"+ or ±" is asked). Balance theory predicts from the triad the network
has among the actor whose ties would strain the pair (the pivot, or the
sponsor acting itself) and the two members, whatever the claim says: one
friendly and one hostile tie to the pair make the triad + + - (unbalanced:
"predicted to strain the pair"); hostile ties to both make it + - -
(balanced, a common enemy: "predicted to tighten the pair"); friendly ties
to both make it + + + (balanced: "no strain predicted").
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.rdf.namespaces import curie
from kg.signed.wedges import PREDICTIONS, presses
from kg.sparql.named import select

NOT_A_WEDGE = "not a wedge as modelled"


@dataclass(frozen=True)
class Claimed:
    """A wedge strategy as a source records it (one sponsor, one pivot)."""

    claim: str
    sponsor: str | None
    pivot: str | None
    pair: tuple[str, ...]
    label: str | None = None
    claim_class: str | None = None
    claimants: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Need:
    """A tie a hypothesis needs, and what the network has there."""

    a: object
    b: object
    want: str  # "+", "-", "+ or ±" or "presses" (a presses b)
    why: str
    found: str | None  # "+", "-", "± (net +)", "± (net -)", "presses" or None
    holds: bool
    statements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A claimed wedge strategy, read against the network."""

    claimed: Claimed
    kind: str | None  # "accommodative", "coercive" or None (not modelled)
    status: str
    prediction: str
    acting: object = None  # the pivot, or the sponsor acting on the pair itself
    drawn: object = None
    other: object = None
    needs: tuple[Need, ...] = ()
    triad: str | None = None  # the triad acting-drawn-other, e.g. "++-"

    @property
    def supported(self) -> bool | None:
        """Whether the network has every tie needed; ``None`` when not modelled."""
        return None if self.kind is None else all(n.holds for n in self.needs)


def claimed_wedges(dataset) -> list[Claimed]:
    """Every wedge strategy a claim of ``dataset`` names, one per sponsor
    and pivot, in the order of the claims' IRIs.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> claims = claimed_wedges(load(["tests/signed/wedge_strategies.trig"]))
    >>> [(curie(c.claim), curie(c.pivot), [curie(m) for m in c.pair]) for c in claims[:3]]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('kgr:analogy-courted', 'kgr:avalon', ['kgr:avalon', 'kgr:brisa']),
     ('kgr:hyp-forced', 'kgr:westmark', ['kgr:avalon', 'kgr:brisa']),
     ('kgr:hyp-offered', 'kgr:pella', ['kgr:avalon', 'kgr:brisa'])]
    """
    found: dict[str, dict] = {}
    rows = select(dataset, "wedge-hypotheses")
    for claim, cls, label, description, claimant, sponsor, pivot, member in rows:
        entry = found.setdefault(str(claim), {"classes": set(), "labels": set(),
                                              "descriptions": set(), "claimants": set(),
                                              "sponsors": set(), "pivots": set(),
                                              "members": set()})
        for key, value in (("classes", cls), ("labels", label), ("descriptions", description),
                           ("claimants", claimant), ("sponsors", sponsor), ("pivots", pivot),
                           ("members", member)):
            if value is not None:
                entry[key].add(str(value))
    result = []
    for claim, entry in sorted(found.items()):
        for sponsor in sorted(entry["sponsors"]) or [None]:
            for pivot in sorted(entry["pivots"]) or [None]:
                result.append(Claimed(
                    claim, sponsor, pivot, tuple(sorted(entry["members"])),
                    label=min(entry["labels"], default=None),
                    claim_class=curie(min(entry["classes"])) if entry["classes"] else None,
                    claimants=tuple(sorted(entry["claimants"])),
                    description=min(entry["descriptions"], default=None)))
    return result


def read_hypothesis(G: nx.Graph, claimed: Claimed, *, sign: str = "sign") -> Reading:
    """Read one claimed wedge strategy against the signed graph ``G``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("A", "B"), ("P", "A")], sign=1)
    >>> G.add_edges_from([("P", "B"), ("W", "B")], sign=-1)
    >>> G.add_edge("W", "P", sign=-1, mixed=True)
    >>> r = read_hypothesis(G, Claimed("urn:claim", "W", "P", ("A", "B")))
    >>> r.kind, r.drawn, r.supported, r.triad, r.prediction
    ('accommodative', 'A', True, '++-', 'predicted to strain the pair')
    >>> read_hypothesis(G, Claimed("urn:analogy", "W", "A", ("A", "B"))).status
    'pivot is a member of the pair: not a wedge as modelled'
    """
    sponsor, pivot, pair = claimed.sponsor, claimed.pivot, claimed.pair
    if not pair:
        return _unmodelled(claimed, f"names no pair to split: {NOT_A_WEDGE}")
    if len(pair) != 2:
        count = f"{len(pair)} member{'' if len(pair) == 1 else 's'}"
        return _unmodelled(claimed, f"names {count} of the pair: a wedge splits two")
    if pivot is not None and pivot in pair:
        return _unmodelled(claimed, f"pivot is a member of the pair: {NOT_A_WEDGE}")
    if sponsor is not None and sponsor in pair:
        return _unmodelled(claimed, f"sponsor is a member of the pair: {NOT_A_WEDGE}")
    if sponsor is None and pivot is None:
        return _unmodelled(claimed, "names neither a sponsor nor a pivot: nothing to read")

    def tie(x, y) -> int:
        if x not in G or y not in G or not G.has_edge(x, y):
            return 0
        return 1 if G.edges[x, y][sign] > 0 else -1

    if pivot is not None and pivot != sponsor:
        kind, acting = "accommodative", pivot
    else:
        acting = sponsor
        pressed = [m for m in pair if presses(G, sponsor, m)] if sponsor in G else []
        hostile = all(tie(sponsor, m) < 0 for m in pair)
        kind = "coercive" if pressed or hostile else "accommodative"
    if kind == "coercive":
        drawn = pressed[0] if pressed else pair[0]
    else:
        # the member the acting actor is friendlier to is the one drawn
        drawn = max(pair, key=lambda m: (tie(acting, m), m == pair[0]))
    other = pair[1] if drawn == pair[0] else pair[0]

    needs = [_need(G, drawn, other, "+ or ±", "the pair is friendly", sign)]
    if kind == "coercive":
        needs += [_need(G, sponsor, drawn, "-", "the sponsor is hostile to the pressed member",
                        sign),
                  _need(G, sponsor, other, "-", "the sponsor is hostile to the other member",
                        sign),
                  _need(G, sponsor, drawn, "presses", "the sponsor presses one member", sign)]
    else:
        role = "the pivot" if acting == pivot else "the sponsor, acting as the pivot,"
        needs += [_need(G, acting, drawn, "+", f"{role} courts the drawn member", sign),
                  _need(G, acting, other, "-", f"{role} is hostile to the other member", sign)]
        if sponsor is not None and acting != sponsor:
            needs += [_need(G, sponsor, other, "-", "the sponsor is hostile to the other member",
                            sign),
                      _need(G, sponsor, acting, "+ or ±",
                            "the sponsor rewards or tolerates the pivot", sign)]
    missing = sum(1 for n in needs if not n.holds)
    status = ("supported: the network has every tie it needs" if not missing else
              f"not supported: {missing} of the {len(needs)} ties it needs "
              f"{'is' if missing == 1 else 'are'} missing or of another sign")
    # a mixed pair still has cooperation to lose: it counts as friendly, as
    # in kg.signed.wedges
    friendly = needs[0].holds
    signs = (1 if friendly else tie(drawn, other), tie(acting, drawn), tie(acting, other))
    return Reading(claimed, kind, status, _prediction(signs),
                   acting=acting, drawn=drawn, other=other, needs=tuple(needs),
                   triad=_triad(signs))


def wedge_hypotheses(G: nx.Graph, dataset, *, sign: str = "sign") -> list[Reading]:
    """Every wedge strategy the claims of ``dataset`` name, read against ``G``
    (the signed graph of the same dataset): the wedges first, then the
    claims that are not a wedge as modelled, each group by claim IRI.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.signed.network import signed_graph
    >>> ds = load()
    >>> [(r.kind, r.supported, r.prediction) for r in wedge_hypotheses(signed_graph(ds), ds)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('accommodative', True, 'predicted to strain the pair'),
     ('accommodative', True, 'predicted to strain the pair'),
     (None, None, 'no prediction: not a wedge as modelled')]
    """
    readings = [read_hypothesis(G, claimed, sign=sign) for claimed in claimed_wedges(dataset)]
    return sorted(readings, key=lambda r: r.kind is None)


def _unmodelled(claimed: Claimed, status: str) -> Reading:
    return Reading(claimed, None, status, f"no prediction: {NOT_A_WEDGE}")


def _need(G: nx.Graph, a, b, want: str, why: str, sign: str) -> Need:
    if a not in G or b not in G or not G.has_edge(a, b):
        return Need(a, b, want, why, None, False)
    data = G.edges[a, b]
    if want == "presses":
        statements = presses(G, a, b)
        return Need(a, b, want, why, "presses" if statements else None, bool(statements),
                    statements)
    positive = data[sign] > 0
    found = "+" if positive else "-"
    if data.get("mixed"):
        found = f"± (net {found})"
    holds = {"+": positive, "-": not positive,
             "+ or ±": positive or bool(data.get("mixed"))}[want]
    return Need(a, b, want, why, found, holds, tuple(data.get("statements", ())))


def _triad(signs: tuple[int, int, int]) -> str | None:
    if 0 in signs:
        return None
    return "".join(sorted("+" if s > 0 else "-" for s in signs))


def _prediction(signs: tuple[int, int, int]) -> str:
    pair, to_drawn, to_other = signs
    if 0 in signs:
        return "no prediction: a tie of the triad is missing"
    if pair < 0:
        return "no prediction: the pair has no positive tie to split"
    if to_drawn != to_other:
        return PREDICTIONS["accommodative"]
    if to_drawn < 0:
        return PREDICTIONS["coercive"]
    return "no strain predicted"
