"""Named queries: the shipped ``.rq`` files, their headers, and a runner for rdflib.

Named queries live in ``kg/sparql/queries/NAME.rq``, each with a header of
``# key: value`` lines at the top of the file::

    # title: Agreements by status
    # question: How many initiatives are at each lifecycle stage?
    # params: (none)
    # example: kg query --name stats-agreements

A query with parameters lists them as ``?name (description)``, separated by
semicolons or commas outside the parentheses. A parameter whose description
starts with ``string`` or lists quoted choices (``?layer ("relation" or
"pressure")``) takes a plain string; every other parameter takes a resource,
given by its label, a CURIE or a full IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KGError
from kg.sparql.guard import CheckedQuery, check_query


def queries_dir() -> Path:
    """The folder of the shipped ``.rq`` files."""
    return Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    header: dict[str, str]

    @property
    def title(self) -> str:
        return self.header.get("title", self.name)

    @property
    def params(self) -> dict[str, str]:
        """Declared parameters, name to description, in header order."""
        return parse_params(self.header.get("params", ""))


def parse_params(text: str) -> dict[str, str]:
    """Parameters declared in a ``# params:`` header line.

    Examples
    --------
    >>> parse_params('?actor (label, CURIE or IRI); ?layer ("relation" or "pressure")')
    {'actor': 'label, CURIE or IRI', 'layer': '"relation" or "pressure"'}
    >>> parse_params("(none)")
    {}
    """
    params: dict[str, str] = {}
    for match in re.finditer(r"\?(\w+)\s*(?:\(((?:[^()]|\([^()]*\))*)\))?", text):
        params[match.group(1)] = (match.group(2) or "").strip()
    return params


def query_names() -> list[str]:
    """Names of the shipped queries, sorted."""
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def named_query(name: str) -> NamedQuery:
    """Read one shipped query with its header.

    Parameters
    ----------
    name : str
        The query's name: its file name without ``.rq``.

    Returns
    -------
    NamedQuery
        The query text with its title, question and parameters.

    Examples
    --------
    >>> named_query("stats-agreements").title
    'Agreements by status'
    >>> named_query("nope")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unknown query 'nope'; available: ...
    """
    path = queries_dir() / f"{name}.rq"
    if not re.fullmatch(r"[\w.-]+", name) or not path.is_file():
        raise KGError(f"unknown query {name!r}; available: {', '.join(query_names())}")
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if sep and key.strip().isidentifier():
            header[key.strip()] = value.strip()
    return NamedQuery(name, text, header)


@cache
def prepared(name: str):
    """The rdflib prepared form of a shipped query (parsed once)."""
    from rdflib.plugins.sparql import prepareQuery

    from kg.rdf.namespaces import PREFIXES

    return prepareQuery(named_query(name).text, initNs=PREFIXES)


def select(dataset, name: str, **bindings) -> list[tuple]:
    """Run a shipped SELECT query on an rdflib dataset; rows as tuples."""
    result = dataset.query(prepared(name), initBindings=bindings)
    return [tuple(row) for row in result]


def check_named(name: str) -> CheckedQuery:
    """A shipped query, checked (and prepared) once."""
    return _checked_named(name)


@cache
def _checked_named(name: str) -> CheckedQuery:
    query = named_query(name)
    checked = check_query(query.text, name=name)
    return CheckedQuery(checked.text, checked.form, prepared(name), checked.datasets,
                        checked.variables, name)
