"""The safety check every query passes before an engine sees it.

The text is first normalised (:func:`normalise`): the grammar's ``\\uXXXX``
and ``\\UXXXXXXXX`` code-point escapes are decoded once, over the whole
text, as the SPARQL grammar says. rdflib decodes them everywhere while
Oxigraph decodes them only inside strings and IRIs, so the engines would
otherwise read a different query from the one checked; the normalised
text is what is checked and what every engine runs.

Every query is then parsed with rdflib's SPARQL parser (:func:`check_query`):
``SERVICE`` anywhere, ``FROM``/``FROM NAMED``/``USING`` naming a graph
that is not in the store, ``LOAD`` and, unless explicitly allowed, every
other update are refused, because each engine would otherwise reach the
network or the file system. The prefixes of
:data:`kg.rdf.namespaces.PREFIXES` are predeclared.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kg.errors import KGError


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
    text : str
        The SPARQL query or update.
    graphs : iterable of str, or callable, optional
        IRIs of the named graphs the store holds (or a function that lists
        them, called only when needed); FROM, FROM NAMED and USING may only
        name these. ``None`` refuses every such clause.
    allow_update : bool, default False
        Accept an update (never ``LOAD``).
    name : str, optional
        The named query the text comes from, for messages.

    Examples
    --------
    >>> check_query("SELECT ?s WHERE { ?s a kg:State }").form
    'select'
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: query: SERVICE is not allowed: a query must not reach the network
    """
    where = f"query {name}" if name else "query"
    text = normalise(text, where=where)
    tokens = lex(text)
    words = {t.upper() for kind, t, _ in tokens if kind == "word"}
    if "SERVICE" in words:
        raise KGError("SERVICE is not allowed: a query must not reach the network", file=where)
    if "LOAD" in words:
        raise KGError("LOAD is not allowed: a query must not read the network or files",
                      file=where)
    _check_size(tokens, text, where)
    _check_prefixes(tokens, text, where)
    is_update = _looks_like_update(tokens)
    parsed = _deep(lambda: _parse(text, is_update=is_update, where=where))
    nodes = list(walk(parsed.algebra))
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
    form = "update" if is_update else _form(parsed.algebra.name)
    return CheckedQuery(text, form, parsed, tuple(datasets), variables, name)


#: The grammar's code-point escapes, decoded before parsing.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: What any engine might still take for one: rdflib reads ``\\u`` with
#: eight digits, and ``\\U`` with four, as escapes too.
_ESCAPE_LIKE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")

#: Nesting (brackets, and operators chained in one bracket) that every
#: engine parses on a default stack: Oxigraph overflows its stack and
#: crashes somewhere past 2,000 levels.
MAX_NESTING = 1000
#: Tokens in one query: a query of realistic size has a few thousand; a
#: VALUES block of many rows stays well inside.
MAX_TOKENS = 200_000


def normalise(text: str, *, where: str = "query") -> str:
    r"""The query text with its ``\uXXXX`` and ``\UXXXXXXXX`` escapes decoded.

    The SPARQL grammar decodes these escapes before anything else, over
    the whole text; engines differ in where they decode them, so kg decodes
    them once and gives every engine the decoded text, in which nothing
    looks like an escape any more.

    Examples
    --------
    >>> normalise(r'SELECT * WHERE { BIND("a\u0022 b" AS ?x) }')
    'SELECT * WHERE { BIND("a" b" AS ?x) }'
    >>> normalise(r'SELECT * { BIND("\u005Cu0041" AS ?x) }')
    Traceback (most recent call last):
    ...
    kg.errors.KGError: query:1: an escape decodes to another escape (\u0041); write the ...
    """
    def decode(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            line = text.count("\n", 0, match.start()) + 1
            raise KGError(f"{match.group()} is not a Unicode character", file=where, line=line)
        return chr(code)

    if "\\" not in text:
        return text
    decoded = _CODEPOINT.sub(decode, text)
    left = _ESCAPE_LIKE.search(decoded)
    if left:
        line = decoded.count("\n", 0, left.start()) + 1
        raise KGError(f"an escape decodes to another escape ({left.group()}); "
                      "write the character itself instead", file=where, line=line)
    return decoded


def _parse(text: str, *, is_update: bool, where: str):
    """rdflib's parse and algebra of a normalised text, or a one-line error."""
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from kg.rdf.namespaces import PREFIXES

    try:
        parsed = parseUpdate(text) if is_update else parseQuery(text)
    except RecursionError:
        raise KGError("the query is nested too deeply to parse", file=where) from None
    except Exception as err:  # pyparsing raises ParseException and friends
        raise _syntax_error(err, text, where) from None
    try:
        return (translateUpdate(parsed, initNs=PREFIXES) if is_update
                else translateQuery(parsed, initNs=PREFIXES))
    except RecursionError:
        raise KGError("the query is nested too deeply to translate", file=where) from None
    except Exception as err:
        raise _translation_error(err, text, where) from None


def _deep(fn):
    """``fn()`` on a thread with room for rdflib's recursive parser.

    rdflib's parser recurses once per nesting level and per triple
    pattern; on the default stack and recursion limit a query of a hundred
    patterns already fails. :func:`_check_size` bounds the depth, so this
    stack is enough.
    """
    import threading

    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, fn()))
        except BaseException as err:  # handed to the caller's thread
            outcome.append((False, err))

    limit = sys.getrecursionlimit()
    size = threading.stack_size()
    sys.setrecursionlimit(max(limit, 60_000))
    try:
        threading.stack_size(512 * 1024 * 1024)
        thread = threading.Thread(target=run, name="kg-sparql-parse")
        thread.start()
    finally:
        threading.stack_size(size)
    thread.join()
    sys.setrecursionlimit(limit)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _check_size(tokens, text: str, where: str) -> None:
    """Refuse a query too large or too deeply nested for the engines."""
    if len(tokens) > MAX_TOKENS:
        raise KGError(f"the query has {len(tokens):,} tokens; kg runs queries of up to "
                      f"{MAX_TOKENS:,}", file=where)
    depth = 0
    chained = [0]
    for kind, token, offset in tokens:
        if kind == "punct" and token in "{([":
            depth += 1
            chained.append(0)
        elif kind == "punct" and token in "})]":
            depth = max(0, depth - 1)
            if len(chained) > 1:
                chained.pop()
        elif kind == "op":
            chained[-1] += 1
        else:
            continue
        if depth + sum(chained) > MAX_NESTING:
            line = text.count("\n", 0, offset) + 1
            raise KGError(f"the query nests brackets and operators more than {MAX_NESTING} "
                          "deep; split it (e.g. use VALUES or IN for long OR chains)",
                          file=where, line=line)


def _form(algebra_name: str) -> str:
    return {
        "SelectQuery": "select",
        "AskQuery": "ask",
        "ConstructQuery": "construct",
        "DescribeQuery": "describe",
    }[algebra_name]


def walk(node, *, skip: tuple[str, ...] = ()):
    """Every CompValue inside an rdflib algebra tree, expressions included;
    what lies inside a CompValue named in ``skip`` is left out."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            if item.name in skip:
                continue
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
  | (?P<op>\|\||&&|[+*/-])
  | (?P<other>\S)
    """,
    re.VERBOSE,
)


def lex(text: str) -> list[tuple[str, str, int]]:
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
    tokens = lex(text)
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
