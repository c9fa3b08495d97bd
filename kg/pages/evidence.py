"""What a tie of a network page rests on besides quotes.

A tie aggregated from coded events (``kg import events``) has no verbatim
quote: the page shows its events by CAMEO QuadClass (:func:`quad_counts`),
its top CAMEO codes and the sources it is derived from, the articles of
its events (see page-evidence.rq). The page lists each QuadClass, code
and source once (:class:`EvidenceTable`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode

from kg.errors import KGError
from kg.rdf.namespaces import KG, KGC, curie

#: The evidence of a statement that has none besides its quotes.
NO_EVIDENCE = {"quads": (), "codes": (), "sources": ()}
#: The properties that count a statement's events of each CAMEO QuadClass
#: (the ontology's), with their QuadClass.
QUAD_COUNTS = ((KG.verbalCooperationCount, KGC["verbal-cooperation"]),
               (KG.materialCooperationCount, KGC["material-cooperation"]),
               (KG.verbalConflictCount, KGC["verbal-conflict"]),
               (KG.materialConflictCount, KGC["material-conflict"]))
#: The largest count a page shows: its script holds whole numbers exactly
#: up to this one.
MAX_COUNT = 2**53 - 1


def quad_counts(dataset) -> list[tuple]:
    """``(statement, property, QuadClass, count)`` for every QuadClass count
    in ``dataset``, read by property: a union in page-evidence.rq would cost
    rdflib more than a second for the 40,000 counts of a large import."""
    return [(statement, prop, quad, count) for prop, quad in QUAD_COUNTS
            for statement, _, count, _ in dataset.quads((None, prop, None, None))]


def tie_evidence(rows: Iterable[tuple], counts: Iterable[tuple] = ()) -> dict[str, dict]:
    """What each statement rests on besides quotes, from the rows of
    page-evidence.rq and its QuadClass ``counts`` (:func:`quad_counts`):
    its events by QuadClass (notation, label and events, in QuadClass
    order, the least of a count given twice, none of 0), its top CAMEO
    codes (the same, most events first) and its sources (title and
    address, by title). A code without a notation goes by its IRI, a
    source without a title by its IRI; a blank node by words that say so
    (its name differs every run).

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
    quads: dict[str, dict] = defaultdict(dict)
    codes: dict[str, set] = defaultdict(set)
    sources: dict[str, set] = defaultdict(set)
    facts: dict[str, dict[str, set]] = {"label": defaultdict(set), "notation": defaultdict(set),
                                        "url": defaultdict(set)}
    for statement, prop, quad, count in counts:
        events, least = _count(statement, count, prop), quads[str(statement)]
        least[quad] = min(events, least.get(quad, events))
    for statement, item, events, label, notation, url in rows:
        if statement is not None and events is not None:
            codes[str(statement)].add((item, _count(statement, events, KG.eventCount)))
        elif statement is not None:
            sources[str(statement)].add(item)
        else:
            for name, value in (("label", label), ("notation", notation), ("url", url)):
                if value is not None:
                    facts[name][item].add(str(value))

    def fact(name: str, item) -> str:
        return min(facts[name].get(item, ()), default="")

    def coded(item, events: int) -> dict:
        return {"code": fact("notation", item) or shown_name(item, "a code without a notation"),
                "label": fact("label", item), "events": events}

    found = {}
    for statement in quads.keys() | codes.keys() | sources.keys():
        shown_quads = sorted((coded(*quad) for quad in quads[statement].items() if quad[1]),
                             key=lambda q: (q["code"], q["label"]))
        shown_codes = sorted((coded(*code) for code in codes[statement]),
                             key=lambda c: (-c["events"], c["code"], c["label"]))
        shown_sources = sorted(
            (fact("label", item) or shown_name(item, "an untitled source"), fact("url", item))
            for item in sources[statement])
        found[statement] = {
            "quads": tuple(shown_quads),
            "codes": tuple(shown_codes),
            "sources": tuple({"title": title, "url": url or None}
                             for title, url in shown_sources),
        }
    return found


def shown_name(item, blank: str) -> str:
    """An item by its CURIE, or a blank node by ``blank`` (its name differs every run)."""
    return blank if isinstance(item, BNode) else curie(item)


def _count(statement, events, prop) -> int:
    value = events.toPython()
    if not isinstance(value, int) or isinstance(value, bool):
        problem = "is not a whole number"
    elif not 0 <= value <= MAX_COUNT:
        problem = f"is not a count from 0 to {MAX_COUNT:,}"
    else:
        return value
    raise KGError(f"{curie(statement)}: its {curie(prop)} {str(events)!r} {problem}")


class EvidenceTable:
    """The QuadClasses, codes and sources of a page's ties, each listed once: a
    statement names them by their place in the table, as ties aggregated
    from events share most of them."""

    def __init__(self) -> None:
        self.codes: dict[tuple, int] = {}
        self.sources: dict[tuple, int] = {}

    def refer(self, statement: dict) -> dict:
        """The statement's QuadClasses and codes as [place, events] and its
        sources as places."""
        codes, sources = self.codes, self.sources
        return {
            **{name: [[codes.setdefault((c["code"], c["label"]), len(codes)), c["events"]]
                      for c in statement.get(name, ())] for name in ("quads", "codes")},
            "sources": [sources.setdefault((s["title"], s["url"]), len(sources))
                        for s in statement.get("sources", ())],
        }

    def as_data(self) -> dict:
        return {"codes": [{"code": c, "label": label} for c, label in self.codes],
                "sources": [{"title": t, "url": url} for t, url in self.sources]}
