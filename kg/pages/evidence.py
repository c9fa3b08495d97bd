"""What a tie of a network page rests on besides quotes.

A tie aggregated from coded events (``kg import events``) has no verbatim
quote: the page shows its top CAMEO codes and the sources it is derived
from, the articles of its events (see page-evidence.rq). The page lists
each code and source once (:class:`EvidenceTable`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode

from kg.errors import KGError
from kg.rdf.namespaces import curie

#: The evidence of a statement that has none besides its quotes.
NO_EVIDENCE = {"codes": (), "sources": ()}


def tie_evidence(rows: Iterable[tuple]) -> dict[str, dict]:
    """What each statement rests on besides quotes, from the rows of
    page-evidence.rq: its top CAMEO codes (notation, label and events, most
    events first) and its sources (title and address, by title). A code
    without a notation goes by its IRI, a source without a title by its
    IRI; a blank node by words that say so (its name differs every run).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> tie, code = URIRef("https://example.org/tie"), URIRef("https://example.org/meet")
    >>> rows = [(tie, code, Literal(3), None, None, None),
    ...         (None, code, None, None, Literal("036"), None),
    ...         (None, code, None, Literal("meet"), None, None)]
    >>> tie_evidence(rows)[str(tie)]["codes"]
    ({'code': '036', 'label': 'meet', 'events': 3},)
    """
    codes: dict[str, set] = defaultdict(set)
    sources: dict[str, set] = defaultdict(set)
    facts: dict[str, dict[str, set]] = {"label": defaultdict(set), "notation": defaultdict(set),
                                        "url": defaultdict(set)}
    for statement, item, events, label, notation, url in rows:
        if statement is not None and events is not None:
            codes[str(statement)].add((item, _whole(statement, events)))
        elif statement is not None:
            sources[str(statement)].add(item)
        else:
            for name, value in (("label", label), ("notation", notation), ("url", url)):
                if value is not None:
                    facts[name][item].add(str(value))

    def fact(name: str, item) -> str:
        return min(facts[name].get(item, ()), default="")

    found = {}
    for statement in codes.keys() | sources.keys():
        shown_codes = sorted(
            (-events, fact("notation", item) or _name(item, "a code without a notation"),
             fact("label", item)) for item, events in codes[statement])
        shown_sources = sorted(
            (fact("label", item) or _name(item, "an untitled source"), fact("url", item))
            for item in sources[statement])
        found[statement] = {
            "codes": tuple({"code": code, "label": label, "events": -minus}
                           for minus, code, label in shown_codes),
            "sources": tuple({"title": title, "url": url or None}
                             for title, url in shown_sources),
        }
    return found


def _name(item, blank: str) -> str:
    return blank if isinstance(item, BNode) else curie(item)


def _whole(statement, events) -> int:
    value = events.toPython()
    if not isinstance(value, int) or isinstance(value, bool):
        raise KGError(f"{curie(statement)}: its kg:eventCount {str(events)!r} "
                      "is not a whole number")
    return value


class EvidenceTable:
    """The codes and sources of a page's ties, each listed once: a
    statement names them by their place in the table, as ties aggregated
    from events share most of them."""

    def __init__(self) -> None:
        self.codes: dict[tuple, int] = {}
        self.sources: dict[tuple, int] = {}

    def refer(self, statement: dict) -> dict:
        """The statement's codes as [place, events] and its sources as places."""
        codes, sources = self.codes, self.sources
        return {
            "codes": [[codes.setdefault((c["code"], c["label"]), len(codes)), c["events"]]
                      for c in statement.get("codes", ())],
            "sources": [sources.setdefault((s["title"], s["url"]), len(sources))
                        for s in statement.get("sources", ())],
        }

    def as_data(self) -> dict:
        return {"codes": [{"code": c, "label": label} for c, label in self.codes],
                "sources": [{"title": t, "url": url} for t, url in self.sources]}
