"""SPARQL for ``kg``: named queries, a safety check, parameters, one runner.

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

Every query is parsed with rdflib's SPARQL parser before an engine sees it
(:func:`check_query`): ``SERVICE`` anywhere, ``FROM``/``FROM NAMED``/
``USING`` naming a graph that is not in the store, ``LOAD`` and, unless
explicitly allowed, every other update are refused, because each engine
would otherwise reach the network or the file system. The prefixes of
:data:`kg.rdf.namespaces.PREFIXES` are predeclared. Parameters are bound by the
engine (``initBindings`` in rdflib, substitutions in Oxigraph, a ``VALUES``
block for a remote endpoint); user input is never formatted into query text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from kg.errors import KGError
from kg.rdf.shipped import queries_dir

#: The name of the shipped query that :func:`resolve_param` uses for labels.
LABEL_QUERY = "resource-by-label"


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


# --------------------------------------------------------------------------
# Checking a query before any engine sees it
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedQuery:
    """A query (or update) that passed :func:`check_query`.

    ``form`` is ``select``, ``ask``, ``construct``, ``describe`` or
    ``update``; ``datasets`` the graph IRIs named by FROM, FROM NAMED or
    USING; ``variables`` every variable the text mentions.
    """

    text: str
    form: str
    prepared: object = field(repr=False, compare=False)
    datasets: tuple[str, ...] = ()
    variables: frozenset[str] = frozenset()
    name: str | None = None

    @property
    def is_update(self) -> bool:
        return self.form == "update"

    @property
    def returns_graph(self) -> bool:
        return self.form in ("construct", "describe")


_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                 "COPY", "WITH")


def check_query(
    text: str,
    *,
    graphs: Iterable[str] | Callable[[], Iterable[str]] | None = None,
    allow_update: bool = False,
    name: str | None = None,
) -> CheckedQuery:
    """Parse a query and refuse anything that would leave the store.

    Parameters
    ----------
    text : the SPARQL query or update.
    graphs : IRIs of the named graphs the store holds (or a function that
        lists them, called only when needed); FROM, FROM NAMED and USING may
        only name these. ``None`` refuses every such clause.
    allow_update : accept an update (never ``LOAD``).
    name : the named query the text comes from, for messages.

    Examples
    --------
    >>> check_query("SELECT ?s WHERE { ?s a kg:State }").form
    'select'
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: query: SERVICE is not allowed: a query must not reach the network
    """
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from kg.rdf.namespaces import PREFIXES

    where = f"query {name}" if name else "query"
    tokens = _tokens(text)
    words = {t.upper() for kind, t, _ in tokens if kind == "word"}
    if "SERVICE" in words:
        raise KGError("SERVICE is not allowed: a query must not reach the network", file=where)
    if "LOAD" in words:
        raise KGError("LOAD is not allowed: a query must not read the network or files",
                      file=where)
    _check_prefixes(tokens, text, where)
    is_update = _looks_like_update(tokens)
    try:
        if is_update:
            parsed = parseUpdate(text)
        else:
            parsed = parseQuery(text)
    except Exception as err:  # pyparsing raises ParseException and friends
        raise _syntax_error(err, text, where) from None
    try:
        translated = (translateUpdate(parsed, initNs=PREFIXES) if is_update
                      else translateQuery(parsed, initNs=PREFIXES))
    except Exception as err:
        raise _translation_error(err, text, where) from None

    nodes = list(_walk(translated.algebra))
    names = {getattr(node, "name", "") for node in nodes}
    if "ServiceGraphPattern" in names:
        raise KGError("SERVICE is not allowed: a query must not reach the network", file=where)
    if "Load" in names:
        raise KGError("LOAD is not allowed: a query must not read the network or files",
                      file=where)
    if is_update and not allow_update:
        raise KGError("updates are refused; pass --update to change an on-disk store",
                      file=where)

    datasets = sorted({str(iri) for node in nodes if getattr(node, "name", "") in
                       ("DatasetClause", "UsingClause")
                       for iri in (dict.get(node, "default"), dict.get(node, "named"))
                       if iri is not None})
    known = set((graphs() if callable(graphs) else graphs) or ()) if datasets else set()
    outside = [iri for iri in datasets if iri not in known]
    if outside:
        clause = "USING" if is_update else "FROM"
        raise KGError(
            f"{clause} <{outside[0]}> names a graph that is not in the store; "
            f"a query may only name the store's graphs ({len(known)} known)",
            file=where,
        )
    variables = frozenset(t[1:] for kind, t, _ in tokens if kind == "var")
    form = "update" if is_update else _form(translated.algebra.name)
    return CheckedQuery(text, form, translated, tuple(datasets), variables, name)


def _form(algebra_name: str) -> str:
    return {
        "SelectQuery": "select",
        "AskQuery": "ask",
        "ConstructQuery": "construct",
        "DescribeQuery": "describe",
    }[algebra_name]


def _walk(node):
    """Every CompValue inside an rdflib algebra tree, expressions included."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif hasattr(item, "asList") and not isinstance(item, str):
            stack.extend(list(item))


def _check_prefixes(tokens, text: str, where: str) -> None:
    """Refuse a prefix that is neither predeclared nor declared in the query.

    rdflib knows more prefixes than the other engines (foaf, dcat, ...); a
    query that relied on them would answer in memory and fail elsewhere.
    """
    from kg.rdf.namespaces import PREFIXES

    declared = set(PREFIXES)
    for index, (kind, token, _) in enumerate(tokens):
        if kind == "word" and token.upper() == "PREFIX" and index + 1 < len(tokens):
            declared.add(tokens[index + 1][1].split(":", 1)[0])
    for kind, token, offset in tokens:
        if kind != "name":
            continue
        prefix = token.split(":", 1)[0]
        if prefix != "_" and prefix not in declared:
            line = text.count("\n", 0, offset) + 1
            raise KGError(
                f"unknown prefix {prefix}:; declare it with PREFIX or use a predeclared one: "
                f"{', '.join(sorted(PREFIXES))}",
                file=where, line=line,
            )


def _looks_like_update(tokens) -> bool:
    for kind, text, _ in tokens:
        if kind != "word":
            continue
        upper = text.upper()
        if upper in ("BASE", "PREFIX"):
            continue
        return upper in _UPDATE_WORDS
    return False


def _syntax_error(err: Exception, text: str, where: str) -> KGError:
    line = getattr(err, "lineno", None)
    col = getattr(err, "col", None)
    if line is None:
        return KGError(f"syntax error: {err}", file=where)
    source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    found = getattr(err, "msg", str(err))
    return KGError(f"syntax error at column {col} ({found}): {source!r}",
                   file=where, line=line)


def _translation_error(err: Exception, text: str, where: str) -> KGError:
    from kg.rdf.namespaces import PREFIXES

    message = str(err)
    match = re.match(r"Unknown namespace prefix : (\S*)", message)
    if match:
        prefix = match.group(1)
        pattern = re.compile(rf"(?<![\w:?$]){re.escape(prefix)}:")
        line = next((n for n, row in enumerate(text.splitlines(), start=1)
                     if pattern.search(row)), None)
        return KGError(
            f"unknown prefix {prefix}:; declare it with PREFIX or use a predeclared one: "
            f"{', '.join(sorted(PREFIXES))}",
            file=where, line=line,
        )
    return KGError(f"cannot translate the query: {message}", file=where)


# A small lexer: enough to tell keywords from the same letters inside
# strings, IRIs and comments, to find variables and the WHERE block.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z_0-9\u00B7\u00C0-\uFFFF]+)
  | (?P<name>[A-Za-z_\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF.-]*:[\w\u00B7\u00C0-\uFFFF.:%-]*
      |:[\w\u00B7\u00C0-\uFFFF.:%-]*)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<punct>[{}()\[\].;,])
  | (?P<other>\S)
    """,
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) of each token, comments and blanks dropped."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind != "comment":
            out.append((kind, match.group(), match.start()))
    return out


def where_block_start(text: str) -> int | None:
    """Offset just inside the ``{`` that opens the query's WHERE pattern.

    Examples
    --------
    >>> q = 'SELECT ?s WHERE { ?s ?p "}" }'
    >>> q[:where_block_start(q)]
    'SELECT ?s WHERE {'
    >>> q = "CONSTRUCT { ?s a kg:Actor } { ?s a kg:State }"
    >>> q[where_block_start(q):]
    ' ?s a kg:State }'
    """
    tokens = _tokens(text)
    depth = 0
    top_level_braces = []
    after_where = False
    for kind, token, offset in tokens:
        if kind == "word" and depth == 0 and token.upper() == "WHERE":
            after_where = True
        elif kind == "punct" and token == "{":
            if depth == 0:
                if after_where:
                    return offset + 1
                top_level_braces.append(offset)
            depth += 1
        elif kind == "punct" and token == "}":
            depth -= 1
    forms = [t.upper() for kind, t, _ in tokens
             if kind == "word" and t.upper() not in ("BASE", "PREFIX")]
    index = 1 if forms[:1] == ["CONSTRUCT"] else 0
    if len(top_level_braces) > index:
        return top_level_braces[index] + 1
    return None


# --------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------


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
                  choices: tuple[str, ...] = ()):
    """The RDF term a ``--param`` value stands for.

    ``<IRI>`` or ``scheme://...`` is an IRI, ``prefix:local`` a CURIE of a
    known prefix, ``"text"`` a string; anything else is looked up by label
    (rdfs:label, skos:prefLabel, skos:altLabel, ignoring case) on the
    engine, and must name exactly one resource. A string parameter takes
    the value as it is (one of its choices, when it lists them).
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
    return _by_label(engine, key, text)


def _by_label(engine, key: str, label: str):
    from rdflib import Literal

    from kg.rdf.namespaces import curie

    checked = check_named(LABEL_QUERY)
    result = engine.query(checked, {"text": Literal(label)})
    found: dict[str, list[str]] = {}
    for resource, cls in result.rows:
        kinds = found.setdefault(str(resource), [])
        if cls is not None and curie(cls) not in kinds:
            kinds.append(curie(cls))
    if not found:
        raise KGError(f"--param {key}={label}: no resource is labelled {label!r}; "
                      "give a CURIE (kgr:...) or a full IRI")
    if len(found) > 1:
        listed = "; ".join(
            f"{curie(iri)} ({', '.join(sorted(kinds)) or 'untyped'})"
            for iri, kinds in sorted(found.items())
        )
        raise KGError(f"--param {key}={label}: the label is ambiguous: {listed}; "
                      "give one of these CURIEs instead")
    from rdflib import URIRef

    return URIRef(next(iter(found)))


def check_named(name: str) -> CheckedQuery:
    """A shipped query, checked (and prepared) once."""
    return _checked_named(name)


@cache
def _checked_named(name: str) -> CheckedQuery:
    query = named_query(name)
    checked = check_query(query.text, name=name)
    return CheckedQuery(checked.text, checked.form, prepared(name), checked.datasets,
                        checked.variables, name)


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def run_query(
    engine,
    text: str | None = None,
    *,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    update: bool = False,
    limit: int | None = None,
    timeout: float | None = None,
):
    """Check, bind and run a query (or a named query) on an engine.

    Parameters
    ----------
    engine : a :mod:`kg.sparql.engines` engine (memory, on-disk store, endpoint).
    text : the SPARQL text; or ``name`` of a shipped query.
    params : ``--param`` values by parameter name, resolved with
        :func:`resolve_param`.
    update : allow an update (on an on-disk store only).
    limit : keep at most this many rows of a SELECT.
    timeout : stop the query after this many seconds.

    Returns
    -------
    kg.sparql.results.QueryResult

    Examples
    --------
    >>> from kg.sparql.engines import MemoryEngine
    >>> from kg.rdf.load import load
    >>> engine = MemoryEngine(load(["tests/fixtures/triangle.trig"]))
    >>> result = run_query(engine, name="members", params={"organization": "League"})
    >>> sorted(str(row[1]).rsplit("/", 1)[-1] for row in result.rows)
    ['a']
    """
    if (text is None) == (name is None):
        raise KGError("give either a query text or the name of a shipped query")
    declared: dict[str, str] | None = None
    if name is not None:
        checked = check_named(name)
        declared = named_query(name).params
    else:
        checked = check_query(text, allow_update=update, graphs=engine.graphs)
    if checked.is_update:
        return engine.update(checked, timeout=timeout)
    bindings = {}
    for key, value in (params or {}).items():
        if declared is not None and key not in declared:
            known = ", ".join(declared) or "none"
            raise KGError(f"query {name} has no parameter {key!r}; its parameters: {known}")
        if key not in checked.variables:
            raise KGError(f"--param {key}: the query has no variable ?{key}")
        string, choices = string_param(declared.get(key, "")) if declared else (False, ())
        bindings[key] = resolve_param(engine, key, value, string=string, choices=choices)
    return engine.query(checked, bindings, limit=limit, timeout=timeout)
