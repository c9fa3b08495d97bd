"""What a tie of a network page rests on besides quotes.

A tie aggregated from coded events (``kg import events``) has no verbatim
quote: the page shows its top CAMEO codes and the sources it is derived
from, the articles of its events (see page-evidence.rq).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.rdf.namespaces import curie

#: The evidence of a statement that has none besides its quotes.
NO_EVIDENCE = {"codes": (), "sources": ()}


def _text(value) -> str:
    """A term of a row as text; an unbound one as ""."""
    return "" if value is None else str(value)


def tie_evidence(rows: Iterable[tuple]) -> dict[str, dict]:
    """What each statement rests on besides quotes, from the rows of
    page-evidence.rq: its top CAMEO codes (notation, label and events, most
    events first) and its sources (title and address, by title).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> tie, code = URIRef("https://example.org/tie"), URIRef("https://example.org/meet")
    >>> rows = [(tie, code, Literal(3), None, None, None),
    ...         (None, code, None, Literal("meet"), Literal("036"), None)]
    >>> tie_evidence(rows)[str(tie)]["codes"]
    ({'code': '036', 'label': 'meet', 'events': 3},)
    """
    codes: dict[str, set] = defaultdict(set)
    sources: dict[str, set] = defaultdict(set)
    names: dict[str, set] = defaultdict(set)  # an item's (label, notation, url)
    for statement, item, events, label, notation, url in rows:
        if statement is None:
            names[str(item)].add((_text(label), _text(notation), _text(url)))
        elif events is not None:
            codes[str(statement)].add((str(item), int(events.toPython())))
        else:
            sources[str(statement)].add(str(item))

    def described(item: str) -> tuple[str, str, str]:
        """An item's label (or title), notation and address."""
        label, notation, url = min(names.get(item) or {("", "", "")})
        return label or curie(item), notation or curie(item), url

    found = {}
    for statement in codes.keys() | sources.keys():
        shown_codes, shown_sources = [], []
        for item, events in codes[statement]:
            label, notation, _ = described(item)
            shown_codes.append((-events, notation, label))
        for item in sources[statement]:
            title, _, url = described(item)
            shown_sources.append((title, url))
        found[statement] = {
            "codes": tuple({"code": code, "label": label, "events": -minus}
                           for minus, code, label in sorted(shown_codes)),
            "sources": tuple({"title": title, "url": url or None}
                             for title, url in sorted(shown_sources)),
        }
    return found
