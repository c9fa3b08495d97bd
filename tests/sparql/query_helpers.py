"""Helpers shared by the SPARQL tests: rows as short strings, a store of the shipped data."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal

from kg.rdf.namespaces import curie

NUMERIC = ("integer", "decimal", "double", "float", "int", "long")


def short(term) -> str | None:
    """A term as people read it: a CURIE, a literal's text, None when unbound."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return str(term)
    return curie(str(term))


def short_rows(result) -> list[tuple]:
    return [tuple(short(t) for t in row) for row in result.rows]


def comparable(term) -> str:
    """A key equal for equal terms across engines (numbers by value, blank nodes alike)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal) and str(term.datatype or "").rsplit("#", 1)[-1] in NUMERIC:
        try:
            return f"{Decimal(str(term)).normalize()}^^number"
        except InvalidOperation:
            return str(term)
    if isinstance(term, Literal):
        return f"{term}@{term.language or ''}^^{term.datatype or ''}"
    return str(term)


def normalized(result) -> list[tuple]:
    """Rows, order-normalized, for comparing engines."""
    return sorted(tuple(comparable(t) for t in row) for row in result.rows)


def make_store(tmp_path_factory):
    """A fresh on-disk store holding the shipped data."""
    from kg.rdf.shipped import scenario_dir
    from kg.sparql.store import load_store

    path = tmp_path_factory.mktemp("store") / "store"
    load_store([scenario_dir()], path)
    return path
