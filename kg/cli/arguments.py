"""What a command-line argument looks like: a SPARQL query, a path, a parameter.

``kg query`` takes the query and the PATHS it reads as plain arguments,
the query first (unless ``--name`` or ``--file`` gives it). An argument in
the wrong place is refused with one line that says how to pass it, before
anything is read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

_SPARQL_START = re.compile(
    r"\s*(?:#[^\n]*\n\s*)*(?:PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|WITH|"
    r"LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b",
    re.IGNORECASE,
)
#: The suffixes of RDF files (as :data:`kg.rdf.load.FORMATS`, without importing rdflib).
RDF_SUFFIXES = (".ttl", ".trig", ".nt", ".nq", ".jsonld", ".json")
QUERY_SUFFIXES = (".rq", ".sparql")


def looks_like_sparql(text: str) -> bool:
    """Whether ``text`` reads as a SPARQL query or update.

    Examples
    --------
    >>> looks_like_sparql("SELECT ?s WHERE { ?s ?p ?o }"), looks_like_sparql("my-scenario/")
    (True, False)
    >>> looks_like_sparql("# states\\ndescribe kgr:avalon")
    True
    """
    return "{" in text or bool(_SPARQL_START.match(text))


def looks_like_path(text: str) -> bool:
    """Whether ``text`` names a file or folder: one that exists, ends with a
    slash, or has the suffix of an RDF or query file.

    Examples
    --------
    >>> looks_like_path("my-scenario/"), looks_like_path("notes.ttl"), looks_like_path("Avalon")
    (True, True, False)
    """
    if "\n" in text or not text.strip():
        return False
    return (os.path.exists(text) or text.endswith(("/", os.sep))
            or Path(text).suffix.lower() in RDF_SUFFIXES + QUERY_SUFFIXES)


def _is_query_file(text: str) -> bool:
    return Path(text).suffix.lower() in QUERY_SUFFIXES and not os.path.isdir(text)


def _looks_like_param(text: str) -> bool:
    return bool(re.fullmatch(r"\??\w+=[^\n]*", text)) and not os.path.exists(text)


def _shown(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def split_query_arguments(args: tuple[str, ...], *, query_option: str | None = None
                          ) -> tuple[str | None, tuple[str, ...]]:
    """The SPARQL text and the PATHS among the arguments of ``kg query``.

    The first argument is the query unless ``query_option`` (``--name`` or
    ``--file``) already gives it; every other argument is one of PATHS. A
    path where the query belongs, a query or a query file among PATHS, or
    what reads as ``key=value`` are refused with a :class:`click.UsageError`
    saying how to pass them.

    Examples
    --------
    >>> split_query_arguments(("SELECT * { ?s ?p ?o }", "a.ttl", "b/"))
    ('SELECT * { ?s ?p ?o }', ('a.ttl', 'b/'))
    >>> split_query_arguments(("my-scenario/",), query_option="--name")
    (None, ('my-scenario/',))
    >>> split_query_arguments(("my-scenario/",))
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: my-scenario/ looks like one of PATHS, but the query comes \
first: kg query 'SELECT ...' my-scenario/, or kg query --name NAME my-scenario/
    """
    rest = list(args)
    sparql = None
    if query_option is None and rest:
        sparql = rest.pop(0)
        if not looks_like_sparql(sparql):
            _refuse_as_query(sparql)
    for arg in rest:
        if looks_like_sparql(arg):
            owner = f"{query_option} gives the query" if query_option else \
                "the query is the first argument"
            raise click.UsageError(f"{_shown(arg)!r} looks like a SPARQL query, but {owner}: "
                                   "give one query, then PATHS (RDF files or folders)")
        if _is_query_file(arg):
            how = (f"{query_option} already gives the query" if query_option
                   else f"give it with --file {arg}")
            raise click.UsageError(f"{arg} is a query file, not one of PATHS (RDF files or "
                                   f"folders): {how}")
        if _looks_like_param(arg):
            raise click.UsageError(f"{arg} looks like a parameter: give it with --param {arg}")
    return sparql, tuple(rest)


def _refuse_as_query(arg: str) -> None:
    """Refuse ``arg`` where the query belongs when it is something else."""
    if _is_query_file(arg):
        raise click.UsageError(f"{arg} is a query file: give it with --file {arg}")
    if _looks_like_param(arg):
        raise click.UsageError(f"{arg} looks like a parameter: give it with --param {arg}, "
                               "and the query as SPARQL text, --name NAME or --file FILE")
    if looks_like_path(arg):
        raise click.UsageError(f"{arg} looks like one of PATHS, but the query comes first: "
                               f"kg query 'SELECT ...' {arg}, or kg query --name NAME {arg}")
