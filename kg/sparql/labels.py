"""Labels for people: what a resource is called, and which resource a label names.

Both read the rows of the shipped query ``label-index`` (every
``skos:prefLabel``, ``rdfs:label`` and ``skos:altLabel`` of every
resource), so every engine gives the same answer:

* :func:`preferred_labels`: the one label a resource is shown with
  (``skos:prefLabel`` before ``rdfs:label``; English, then no language,
  then any other), and :func:`with_label_columns`, which adds it as a
  column ``xLabel`` beside each column ``x`` of IRIs, as the Wikidata
  Query Service's label service does;
* :func:`match_label`: the resources a label written loosely names, with
  case, accents, punctuation and a leading article ignored.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

#: The shipped query that lists every label.
LABEL_INDEX = "label-index"

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: Which label a resource is shown with; an alternative label never is.
_SHOWN = {_SKOS + "prefLabel": 0, _RDFS + "label": 1}
_ARTICLES = frozenset({"the", "a", "an"})
# Dropped inside words, so that "U.S." is "us" and "People's" "peoples".
_JOINERS = re.compile(r"[.'\u2019]")


def label_key(text: str) -> str:
    """``text`` as :func:`match_label` compares it: case folded, accents,
    punctuation and a leading article dropped, spaces collapsed.

    Examples
    --------
    >>> label_key("the Citadel")
    'citadel'
    >>> label_key("  São-Paulo ")
    'sao paulo'
    >>> label_key("U.S."), label_key("The")
    ('us', 'the')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = re.findall(r"\w+", _JOINERS.sub("", text))
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def preferred_labels(rows: Iterable[tuple]) -> dict[str, object]:
    """The label each resource is shown with, by IRI, from ``label-index`` rows.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> avalon = URIRef("https://w3id.org/kg-relations/id/avalon")
    >>> rows = [(avalon, Literal("Avallach", lang="cy"), URIRef(_RDFS + "label")),
    ...         (avalon, Literal("Avalon", lang="en"), URIRef(_RDFS + "label")),
    ...         (avalon, Literal("Isle of Apples", lang="en"), URIRef(_SKOS + "altLabel"))]
    >>> str(preferred_labels(rows)[str(avalon)])
    'Avalon'
    """
    best: dict[str, tuple] = {}
    for resource, label, prop in rows:
        rank = _SHOWN.get(str(prop))
        if rank is None or label is None:
            continue
        language = (getattr(label, "language", None) or "").lower()
        order = (rank, 0 if language == "en" or language.startswith("en-") else
                 1 if not language else 2, language, str(label))
        key = str(resource)
        if key not in best or order < best[key][0]:
            best[key] = (order, label)
    return {key: label for key, (_, label) in sorted(best.items())}


def match_label(rows: Iterable[tuple], text: str) -> dict[str, list[str]]:
    """The resources that ``text`` names loosely, each with the labels that
    matched, from ``label-index`` rows.

    A label matches when it reads the same as ``text`` once case, accents,
    punctuation and a leading article are ignored (:func:`label_key`);
    only when none does, a label that holds the words of ``text`` in a row
    (``Marsh`` in ``Hilda Marsh``). More than one resource is an
    ambiguity for the caller to refuse.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> alt = URIRef(_SKOS + "altLabel")
    >>> rows = [(URIRef("urn:citadel"), Literal("the Citadel"), alt),
    ...         (URIRef("urn:marsh"), Literal("Hilda Marsh"), alt)]
    >>> match_label(rows, "citadel")
    {'urn:citadel': ['the Citadel']}
    >>> match_label(rows, "Marsh")
    {'urn:marsh': ['Hilda Marsh']}
    """
    wanted = label_key(text)
    if not wanted:
        return {}
    labels = [(str(resource), str(label), label_key(str(label)))
              for resource, label, _ in rows if label is not None]
    for matches in (lambda key: key == wanted,
                    lambda key: f" {wanted} " in f" {key} "):
        found: dict[str, list[str]] = {}
        for resource, label, key in labels:
            if matches(key) and label not in found.setdefault(resource, []):
                found[resource].append(label)
        found = {resource: sorted(names) for resource, names in sorted(found.items())
                 if names}
        if found:
            return found
    return {}


def close_labels(rows: Iterable[tuple], text: str, *, n: int = 3) -> list[tuple[str, str]]:
    """Up to ``n`` (label, IRI) pairs whose label reads like ``text``, for a
    "did you mean".

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> rows = [(URIRef("urn:france"), Literal("France"), URIRef(_RDFS + "label"))]
    >>> close_labels(rows, "Frnace")
    [('France', 'urn:france')]
    """
    by_key: dict[str, tuple[str, str]] = {}
    for resource, label, _ in sorted(rows, key=lambda row: (str(row[1]), str(row[0]))):
        by_key.setdefault(label_key(str(label)), (str(label), str(resource)))
    close = difflib.get_close_matches(label_key(text), list(by_key), n=n, cutoff=0.75)
    return [by_key[key] for key in close]


def labels_of(engine, *, timeout: float | None = None) -> dict[str, object]:
    """The label each resource of ``engine`` is shown with (see
    :func:`preferred_labels`), by IRI."""
    from kg.sparql.run import run_query

    return preferred_labels(run_query(engine, name=LABEL_INDEX, timeout=timeout).rows)


def with_label_columns(result, labels: Mapping[str, object]):
    """A SELECT result with a column ``xLabel`` after each column ``x`` that
    holds an IRI in some row: the label of that IRI, or unbound.

    A column of that name that the query has already is left as it is.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from kg.sparql.results import QueryResult
    >>> r = QueryResult("select", ("actor", "n"), ((URIRef("urn:a"), Literal(3)),))
    >>> labelled = with_label_columns(r, {"urn:a": Literal("Avalon")})
    >>> labelled.variables, [str(term) for term in labelled.rows[0]]
    (('actor', 'actorLabel', 'n'), ['urn:a', 'Avalon', '3'])
    """
    import dataclasses

    from rdflib import URIRef

    rows = tuple(result.rows)
    taken = set(result.variables)
    added = [
        f"{var}Label" not in taken and any(isinstance(row[i], URIRef) for row in rows)
        for i, var in enumerate(result.variables)
    ]
    variables: list[str] = []
    for var, add in zip(result.variables, added, strict=True):
        variables += [var, f"{var}Label"] if add else [var]

    def labelled(row: tuple) -> tuple:
        out: list = []
        for term, add in zip(row, added, strict=True):
            out.append(term)
            if add:
                out.append(labels.get(str(term)) if isinstance(term, URIRef) else None)
        return tuple(out)

    return dataclasses.replace(result, variables=tuple(variables),
                               rows=tuple(labelled(row) for row in rows))
