"""Named SPARQL queries: ``kg/queries/NAME.rq``, each with a header comment.

The header is a block of ``# key: value`` lines at the top of the file::

    # title: Agreements by status
    # question: How many initiatives are at each lifecycle stage?
    # params: (none)
    # example: kg query --name stats-agreements

Queries are prepared with the prefixes of :data:`kg.namespaces.PREFIXES`
predeclared and run with ``initBindings``; user input is never formatted
into query text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.errors import KGError
from kg.resources import queries_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    header: dict[str, str]

    @property
    def title(self) -> str:
        return self.header.get("title", self.name)


def query_names() -> list[str]:
    """Names of the shipped queries, sorted."""
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def named_query(name: str) -> NamedQuery:
    """Read one shipped query with its header.

    Examples
    --------
    >>> named_query("stats-agreements").title
    'Agreements by status'
    """
    path = queries_dir() / f"{name}.rq"
    if not path.is_file():
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

    from kg.namespaces import PREFIXES

    return prepareQuery(named_query(name).text, initNs=PREFIXES)


def select(dataset, name: str, **bindings) -> list[tuple]:
    """Run a shipped SELECT query on an rdflib dataset; rows as tuples."""
    result = dataset.query(prepared(name), initBindings=bindings)
    return [tuple(row) for row in result]
