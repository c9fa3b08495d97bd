"""Run a query on an engine: check it, resolve its parameters, bind them.

Parameters are bound by the engine (``initBindings`` in rdflib, a
``VALUES`` block for Oxigraph and remote endpoints); user input is never
formatted into query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.errors import KGError
from kg.sparql.guard import check_query
from kg.sparql.named import check_named, named_query

#: The name of the shipped query that :func:`resolve_param` uses for labels.
LABEL_QUERY = "resource-by-label"


def parse_param_option(raw: str) -> tuple[str, str]:
    """Split ``key=value`` (a leading ``?`` on the key is dropped).

    Examples
    --------
    >>> parse_param_option("actor=Avalon")
    ('actor', 'Avalon')
    """
    key, sep, value = raw.partition("=")
    key = key.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", key):
        raise KGError(f"--param {raw!r}: expected key=value, e.g. --param actor=LABEL")
    return key, value


def string_param(description: str) -> tuple[bool, tuple[str, ...]]:
    """Whether a declared parameter takes a string, and its quoted choices.

    Examples
    --------
    >>> string_param('"relation" or "pressure"; unbound for both')
    (True, ('relation', 'pressure'))
    >>> string_param("an actor: label, CURIE or IRI")
    (False, ())
    """
    choices = tuple(re.findall(r'"([^"]*)"', description))
    return bool(choices) or description.lower().startswith("string"), choices


def resolve_param(engine, key: str, value: str, *, string: bool = False,
                  choices: tuple[str, ...] = (), source: str | None = None):
    """The RDF term a ``--param`` value stands for.

    ``<IRI>`` or ``scheme://...`` is an IRI, ``prefix:local`` a CURIE of a
    known prefix, ``"text"`` a string; anything else is looked up by label
    (rdfs:label, skos:prefLabel, skos:altLabel) on the engine, and must
    name exactly one resource: first a label that is the same but for
    case; when there is none, one that reads the same once accents,
    punctuation and a leading article are ignored ("Citadel" finds "the
    Citadel"); then one that holds the words ("Marsh" finds "Hilda
    Marsh"), see :func:`kg.sparql.labels.match_label`. ``source`` names
    what the engine reads, for the message when no label matches. A
    string parameter takes the value as it is (one of its choices, when
    it lists them).
    """
    from rdflib import Literal, URIRef

    from kg.rdf.namespaces import PREFIXES

    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return Literal(text[1:-1])
    if string:
        if choices and text not in choices:
            raise KGError(f"--param {key}={value}: expected one of {', '.join(choices)}")
        return Literal(text)
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"^[A-Za-z][\w+.-]*://", text) or text.startswith("urn:"):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in text:
        return URIRef(PREFIXES[prefix] + local)
    if not text:
        raise KGError(f"--param {key}: empty value")
    return _by_label(engine, key, text, source=source)


def _by_label(engine, key: str, label: str, *, source: str | None = None):
    from rdflib import Literal, URIRef

    from kg.rdf.namespaces import curie
    from kg.sparql.labels import LABEL_INDEX, close_labels, match_label

    # Inside the query worker a local engine answers in-process.
    ask = getattr(engine, "execute", engine.query)
    result = ask(check_named(LABEL_QUERY), {"text": Literal(label)})
    found: dict[str, list[str]] = {}
    for resource, cls in result.rows:
        kinds = found.setdefault(str(resource), [])
        if cls is not None and curie(cls) not in kinds:
            kinds.append(curie(cls))
    if len(found) > 1:
        listed = "; ".join(
            f"{curie(iri)} ({', '.join(sorted(kinds)) or 'untyped'})"
            for iri, kinds in sorted(found.items())
        )
        raise KGError(f"--param {key}={label}: the label is ambiguous: {listed}; "
                      "give one of these CURIEs instead")
    if found:
        return URIRef(next(iter(found)))
    index = ask(check_named(LABEL_INDEX), {}).rows
    loose = match_label(index, label)
    if len(loose) == 1:
        return URIRef(next(iter(loose)))
    if loose:
        listed = "; ".join(f"{curie(iri)} ({', '.join(repr(n) for n in names)})"
                           for iri, names in loose.items())
        raise KGError(f"--param {key}={label}: the label is ambiguous: {listed}; "
                      "give one of these CURIEs instead")
    where = f" in {source}" if source else ""
    close = close_labels(index, label)
    instead = "give a CURIE (kgr:...) or a full IRI"
    if close:
        names = " or ".join(f"{name!r} ({curie(iri)})" for name, iri in close)
        instead = f"did you mean {names}? Otherwise {instead}"
    raise KGError(f"--param {key}={label}: nothing{where} is labelled {label!r} "
                  f"(rdfs:label, skos:prefLabel or skos:altLabel); {instead}")


def run_query(
    engine,
    text: str | None = None,
    *,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    update: bool = False,
    limit: int | None = None,
    timeout: float | None = None,
    stream: bool = False,
    source: str | None = None,
):
    """Check, bind and run a query (or a named query) on an engine.

    On a local engine the whole of it (the check, the lookup of
    parameters by label, the query) runs in the query worker
    (:func:`kg.sparql.engine_common.in_worker`): under the time limit and
    without network access.

    Parameters
    ----------
    engine : MemoryEngine | StoreEngine | EndpointEngine
        A :mod:`kg.sparql.engines` engine (memory, on-disk store, endpoint).
    text : str, optional
        The SPARQL text; or give ``name``.
    name : str, optional
        The name of a shipped query, instead of ``text``.
    params : Mapping[str, str], optional
        ``--param`` values by parameter name, resolved with
        :func:`resolve_param`.
    update : bool, default False
        Allow an update (on an on-disk store only).
    limit : int, optional
        Keep at most this many rows of a SELECT.
    timeout : float, optional
        Stop the query after this many seconds.
    stream : bool, default False
        Give a SELECT's rows as an iterator that reads them as the engine
        finds them, instead of a tuple of them all.
    source : str, optional
        What the engine reads, in words (see
        :func:`kg.sparql.engines.describe_source`): a label that names
        nothing says where it was looked for.

    Returns
    -------
    kg.sparql.results.QueryResult
        The rows of a SELECT, the answer of an ASK or the triples of a
        CONSTRUCT or DESCRIBE.

    Examples
    --------
    >>> from kg.sparql.engine_rdflib import MemoryEngine
    >>> from kg.rdf.load import load
    >>> engine = MemoryEngine(load(["tests/fixtures/triangle.trig"]))
    >>> result = run_query(engine, name="members", params={"organization": "League"})
    >>> sorted(str(row[1]).rsplit("/", 1)[-1] for row in result.rows)
    ['a']
    """
    if (text is None) == (name is None):
        raise KGError("give either a query text or the name of a shipped query")
    if update:
        checked = check_query(text, allow_update=True, graphs=engine.graphs)
        if checked.is_update:
            return engine.update(checked, timeout=timeout)
    if not hasattr(engine, "execute"):  # an endpoint: checked here, waited on there
        checked, bindings = _bound(engine, text, name, params, source)
        return engine.query(checked, bindings, limit=limit, timeout=timeout)

    def run():
        checked, bindings = _bound(engine, text, name, params, source)
        return engine.execute(checked, bindings, limit=limit, stream=stream)

    from kg.sparql.engine_common import in_worker

    engine.open()
    return in_worker(run, timeout=timeout)


def _bound(engine, text, name, params, source=None):
    """The checked query and the terms its parameters stand for."""
    declared: dict[str, str] | None = None
    if name is not None:
        checked = check_named(name)
        declared = named_query(name).params
    else:
        checked = check_query(text, graphs=engine.graphs)
    bindings = {}
    for key, value in (params or {}).items():
        if declared is not None and key not in declared:
            known = ", ".join(declared) or "none"
            raise KGError(f"query {name} has no parameter {key!r}; its parameters: {known}")
        if key not in checked.variables:
            raise KGError(f"--param {key}: the query has no variable ?{key}")
        string, choices = string_param(declared.get(key, "")) if declared else (False, ())
        bindings[key] = resolve_param(engine, key, value, string=string, choices=choices,
                                      source=source)
    return checked, bindings
