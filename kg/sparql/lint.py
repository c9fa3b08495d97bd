"""Warnings about a query that runs but finds less than its author meant.

:func:`query_warnings` reads a query with the guard's lexer
(:func:`kg.sparql.guard.lex`) and returns one line per problem:

* a term of the project's term namespaces (``kg:``, ``kgc:``) that the
  ontology does not declare, with the nearest declared terms
  ("did you mean kg:State?"); ``kgr:`` names resources of the data, which
  the ontology does not list;
* a plain string compared with a label (``?x rdfs:label "League"``), which
  matches nothing where labels carry a language tag (``"League"@en``).

:func:`query_terms` lists the terms a query names, and :func:`queries_using`
the shipped named queries that name a term.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef

from kg.rdf.load import declared_terms, is_project_term, load_ontology
from kg.rdf.namespaces import PREFIXES, curie
from kg.rdf.vocab import suggestions, vocabulary
from kg.sparql.guard import lex

#: Properties whose values are language-tagged text in the shipped data.
LABEL_PROPERTIES = frozenset(PREFIXES[p] + local for p, local in (
    ("rdfs", "label"), ("rdfs", "comment"), ("skos", "prefLabel"), ("skos", "altLabel"),
    ("skos", "definition"),
))


def query_terms(text: str) -> list[tuple[str, int]]:
    """The IRIs a query names (as CURIEs or ``<IRI>``), with their line, in order.

    Prefixes are the predeclared ones and those the query declares.

    Examples
    --------
    >>> query_terms("SELECT ?s WHERE { ?s a kg:State ; rdfs:label ?l }")
    [('https://w3id.org/kg-relations/ontology#State', 1), \
('http://www.w3.org/2000/01/rdf-schema#label', 1)]
    """
    tokens = lex(text)
    prefixes = dict(PREFIXES)
    for index, (kind, token, _) in enumerate(tokens[:-2]):
        if kind == "word" and token.upper() == "PREFIX" and tokens[index + 2][0] == "iri":
            prefixes[tokens[index + 1][1].rstrip(":")] = tokens[index + 2][1][1:-1]
    found = []
    for index, (kind, token, offset) in enumerate(tokens):
        if index and tokens[index - 1][0] == "word" and tokens[index - 1][1].upper() in (
                "PREFIX", "BASE"):
            continue
        if kind == "iri" and index > 1 and tokens[index - 2][1].upper() == "PREFIX":
            continue
        iri = None
        if kind == "name":
            prefix, _, local = token.partition(":")
            local = local.rstrip(".")  # a name never ends with a dot: it ends the triple
            if prefix in prefixes and local:
                iri = prefixes[prefix] + local
        elif kind == "iri" and len(token) > 2:
            iri = token[1:-1]
        if iri is not None:
            found.append((iri, text.count("\n", 0, offset) + 1))
    return found


def query_warnings(text: str, *, ontology: Graph | None = None) -> list[str]:
    """One line per likely mistake in a query; an empty list when it looks right.

    Parameters
    ----------
    text : the query, as the user wrote it.
    ontology : the ontology to check terms against (the shipped one when
        ``None``).

    Examples
    --------
    >>> query_warnings("SELECT ?s WHERE { ?s a kg:Stat }")
    ['line 1: kg:Stat is not a term of the ontology; did you mean kg:State?']
    >>> query_warnings('SELECT ?q WHERE { ?q rdfs:label "League" }')
    ['line 1: labels are language-tagged: write "League"@en (a plain "League" matches no label)']
    >>> query_warnings('SELECT ?q WHERE { ?q rdfs:label "League"@en ; a kg:SecurityGrouping }')
    []
    """
    return _term_warnings(text, ontology) + _label_warnings(text)


def _term_warnings(text: str, ontology: Graph | None) -> list[str]:
    declared, terms = _declared(ontology)
    warnings, seen = [], set()
    for iri, line in query_terms(text):
        if iri in seen or not is_project_term(URIRef(iri)) or iri in declared:
            continue
        seen.add(iri)
        near = suggestions(terms, curie(iri))
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        warnings.append(f"line {line}: {curie(iri)} is not a term of the ontology{hint}")
    return warnings


def _declared(ontology: Graph | None) -> tuple[set[str], list]:
    """The IRIs the ontology declares (kg:, kgc:; kgr: names the data's
    resources, which it does not list) and its terms, for suggestions."""
    if ontology is None:
        return _shipped_declared()
    return {str(t) for t in declared_terms(ontology)}, vocabulary(ontology)


@cache
def _shipped_declared():
    return _declared(load_ontology())


def _label_warnings(text: str) -> list[str]:
    tokens = lex(text)

    def is_label_property(index: int) -> bool:
        kind, token, _ = tokens[index]
        if kind == "name":
            prefix, _, local = token.partition(":")
            return PREFIXES.get(prefix, "\0") + local in LABEL_PROPERTIES
        return kind == "iri" and token[1:-1] in LABEL_PROPERTIES

    def plain_string(index: int) -> bool:
        if not 0 <= index < len(tokens) or tokens[index][0] != "string":
            return False
        return word(index + 1) not in ("@", "^")

    def word(index: int) -> str:
        return tokens[index][1].upper() if 0 <= index < len(tokens) else ""

    # Variables that hold labels: the object of a label property.
    label_vars = {token for index, (kind, token, _) in enumerate(tokens)
                  if kind == "var" and index and is_label_property(index - 1)}
    found: set[int] = set()
    for index, (kind, token, _) in enumerate(tokens):
        if plain_string(index) and index and is_label_property(index - 1):
            found.add(index)  # ?x rdfs:label "League"
        if kind != "var" or token not in label_vars:
            continue
        if word(index + 1) == "=" and plain_string(index + 2):
            found.add(index + 2)  # ?label = "League"
        if word(index - 1) == "=" and plain_string(index - 2):
            found.add(index - 2)  # "League" = ?label
        if word(index + 1) == "IN" and word(index + 2) == "(":
            end = index + 3
            while end < len(tokens) and word(end) != ")":
                if plain_string(end):
                    found.add(end)  # ?label IN ("League", ...)
                end += 1
    warnings = []
    for index in sorted(found):
        _, token, offset = tokens[index]
        value = token.strip("'\"")
        line = text.count("\n", 0, offset) + 1
        warnings.append(f'line {line}: labels are language-tagged: write "{value}"@en '
                        f'(a plain "{value}" matches no label)')
    return warnings


def queries_using() -> dict[str, list[str]]:
    """The shipped named queries that name each IRI, sorted.

    Examples
    --------
    >>> "pressures-on" in queries_using()["https://w3id.org/kg-relations/ontology#Pressure"]
    True
    """
    from kg.sparql.named import named_query, query_names

    using: dict[str, set[str]] = {}
    for name in query_names():
        for iri, _ in query_terms(named_query(name).text):
            using.setdefault(iri, set()).add(name)
    return {iri: sorted(names) for iri, names in sorted(using.items())}
