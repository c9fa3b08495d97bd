"""Search by label, for the search box on every page of the workbench.

Loose as ``kg query --param`` finds a resource by its label
(:func:`kg.sparql.labels.match_label`: case, accents, punctuation and a
leading article ignored; then the words in a row), and then, for a search
box, any label that holds the text as a part of a word ("citad" finds
"the Citadel").
"""

from __future__ import annotations

from collections.abc import Iterable

#: Results a search lists at most.
LIMIT = 50


def search(index: Iterable[tuple], text: str, *, limit: int = LIMIT) -> list[tuple[str, list[str]]]:
    """The resources whose labels match ``text``, best first: (IRI, matching labels).

    ``index`` holds rows of the shipped query ``label-index``
    (resource, label, property).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> rows = [(URIRef("urn:c"), Literal("the Citadel"), None),
    ...         (URIRef("urn:h"), Literal("Hilda Marsh"), None),
    ...         (URIRef("urn:s"), Literal("Citadel spokesperson"), None)]
    >>> search(rows, "citadel")
    [('urn:c', ['the Citadel']), ('urn:s', ['Citadel spokesperson'])]
    >>> search(rows, "MARS")
    [('urn:h', ['Hilda Marsh'])]
    >>> search(rows, "  ")
    []
    """
    from kg.sparql.labels import label_key, match_label

    rows = [(r, label, p) for r, label, p in index if label is not None]
    wanted = label_key(text)
    if not wanted:
        return []
    found: dict[str, list[str]] = dict(match_label(rows, text))
    partial: dict[str, list[str]] = {}
    for resource, label, _ in rows:
        key = str(resource)
        if key in found:
            continue
        if wanted in label_key(str(label)):
            names = partial.setdefault(key, [])
            if str(label) not in names:
                names.append(str(label))
    ordered = list(found.items()) + sorted(
        ((iri, sorted(names)) for iri, names in partial.items()),
        key=lambda item: (min(len(n) for n in item[1]), item[1][0].casefold(), item[0]))
    return ordered[:limit]
