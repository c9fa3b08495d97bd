"""SPARQL updates of an Oxigraph store that see the dataset a query sees.

A query on a store reads the union of all its graphs as its default graph
(:mod:`kg.sparql.engines`). Oxigraph runs an update on the store's own
default graph, and pyoxigraph 0.5 has no option to change that, so
``DELETE { ?s kg:supports ?o } WHERE { ?s kg:supports ?o }`` would find nothing in the
named graphs that hold the data and change nothing. kg runs an update the
way a query reads:

* patterns outside ``GRAPH`` in a ``WHERE`` clause, and in ``DELETE WHERE``,
  match the union of all graphs;
* a triple outside ``GRAPH`` in a ``DELETE`` template or in ``DELETE DATA``
  is removed from every graph that holds it, so no query sees it any more;
* a triple outside ``GRAPH`` in an ``INSERT`` template or in ``INSERT DATA``
  goes into the default graph, where every query sees it;
* ``GRAPH`` patterns and templates mean what they mean in SPARQL 1.1, and
  an operation with ``WITH`` or ``USING`` chooses its dataset as SPARQL 1.1
  says.

An operation that reads or deletes outside ``GRAPH`` without ``WITH`` or
``USING`` is carried out by kg: Oxigraph answers its ``WHERE`` clause as a
``SELECT`` over the union, then kg removes and adds the quads its templates
give. Oxigraph runs the other operations as they are. An update made of
those alone is one transaction; one that kg carries out is applied
operation by operation, and if it is stopped half-way (a timeout, a crash)
part of it may be applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import KGError
from kg.sparql.guard import lex, walk


def run_update(store, checked, *, prefixes: Mapping[str, str] | None = None) -> None:
    """Apply a checked update (:func:`kg.sparql.guard.check_query`) to an
    open ``pyoxigraph.Store``, with the dataset a query sees.

    Examples
    --------
    >>> import pyoxigraph
    >>> from kg.sparql.guard import check_query
    >>> store = pyoxigraph.Store()
    >>> store.update("INSERT DATA { GRAPH <urn:g> { <urn:tariff> <urn:rate> 50 } }")
    >>> run_update(store, check_query(
    ...     "DELETE { ?t <urn:rate> ?r } INSERT { ?t <urn:rate> 25 } WHERE { ?t <urn:rate> ?r }",
    ...     allow_update=True))
    >>> sorted(str(q.object.value) for q in store)
    ['25']
    """
    operations = list(checked.prepared.algebra)
    if not any(map(is_carried_out_by_kg, operations)):
        store.update(checked.text, prefixes=dict(prefixes or {}))
        return
    parts = _operations(checked.text)
    if len(parts) != len(operations):
        raise KGError("kg cannot tell the operations of this update apart; "
                      "send them one at a time")
    for operation, part in zip(operations, parts, strict=True):
        if is_carried_out_by_kg(operation):
            _carry_out(store, operation, part, prefixes)
        else:
            store.update(f"{part.prologue}\n{part.text}", prefixes=dict(prefixes or {}))


def is_carried_out_by_kg(operation) -> bool:
    """Whether an operation reads or deletes outside ``GRAPH`` in the default
    dataset, where Oxigraph alone would not see what a query sees."""
    if _field(operation, "withClause") is not None or _field(operation, "using"):
        return False
    if operation.name in ("DeleteData", "DeleteWhere"):
        return bool(_field(operation, "triples"))
    if operation.name == "Modify":
        delete = _field(operation, "delete")
        return bool(delete is not None and _field(delete, "triples")) or _reads_default(
            _field(operation, "where"))
    return False


def is_one_transaction(checked) -> bool:
    """Whether Oxigraph runs the whole update as one transaction, so that a
    failure leaves the store untouched."""
    return not any(map(is_carried_out_by_kg, checked.prepared.algebra))


def _reads_default(where) -> bool:
    """Whether a pattern has triples outside every ``GRAPH``."""
    return any(item.name in ("BGP", "TriplesBlock") and _field(item, "triples")
               for item in walk(where, skip=("Graph", "GraphGraphPattern")))


def _field(node, key: str):
    # A CompValue's own get() answers a missing key with the key itself.
    return dict.get(node, key)


@dataclass(frozen=True)
class _Part:
    prologue: str  # the PREFIX and BASE declarations before the operation
    text: str
    where: str | None  # the group after WHERE, braces included


def _operations(text: str) -> list[_Part]:
    """The operations of an update's text, split at the ``;`` between them."""
    tokens = lex(text)
    parts: list[_Part] = []
    declarations: list[str] = []
    depth, start, end, group, where = 0, None, 0, None, None
    index = 0
    while index < len(tokens):
        kind, token, offset = tokens[index]
        upper = token.upper() if kind == "word" else ""
        if depth == 0 and start is None and upper in ("PREFIX", "BASE"):
            last = tokens[min(index + (2 if upper == "PREFIX" else 1), len(tokens) - 1)]
            declarations.append(text[offset:last[2] + len(last[1])])
            index += 3 if upper == "PREFIX" else 2
            continue
        index += 1
        if depth == 0 and token == ";" and kind == "punct":
            if start is not None:
                parts.append(_Part("\n".join(declarations), text[start:end], where))
            start, group, where = None, None, None
            continue
        if start is None:
            start = offset
        end = offset + len(token)
        if kind == "punct" and token == "{":
            depth += 1
        elif kind == "punct" and token == "}":
            depth -= 1
            if depth == 0 and group is not None and where is None:
                where = text[group:end]
        elif depth == 0 and upper == "WHERE":
            group = tokens[index][2] if index < len(tokens) else None
    if start is not None:
        parts.append(_Part("\n".join(declarations), text[start:end], where))
    return parts


def _carry_out(store, operation, part: _Part, prefixes) -> None:
    """Apply one operation with the union of all graphs as its default graph."""
    if operation.name == "DeleteData":
        solutions: list[dict] = [{}]
        delete, insert = operation, None
    else:
        if part.where is None:
            raise KGError(f"kg cannot find the WHERE clause of {operation.name}; "
                          "send the operations one at a time")
        result = store.query(f"{part.prologue}\nSELECT * WHERE {part.where}",
                             prefixes=dict(prefixes or {}), use_default_graph_as_union=True)
        names = [variable.value for variable in result.variables]
        solutions = [{name: row[name] for name in names if row[name] is not None}
                     for row in result]
        delete = operation if operation.name == "DeleteWhere" else _field(operation, "delete")
        insert = _field(operation, "insert")
    removed, added = set(), []
    for solution in solutions:
        for quad in _instances(delete, solution, fresh=None):
            if quad.graph_name is None:
                # Outside GRAPH: wherever a query would see the triple.
                removed.update(store.quads_for_pattern(quad.subject, quad.predicate,
                                                       quad.object, None))
            else:
                removed.add(quad.as_quad())
        added.extend(quad.as_quad() for quad in _instances(insert, solution, fresh={}))
    for quad in removed:
        store.remove(quad)
    store.extend(added)


@dataclass(frozen=True)
class _Instance:
    subject: object
    predicate: object
    object: object
    graph_name: object  # None outside GRAPH

    def as_quad(self):
        import pyoxigraph

        graph = pyoxigraph.DefaultGraph() if self.graph_name is None else self.graph_name
        return pyoxigraph.Quad(self.subject, self.predicate, self.object, graph)


def _instances(template, solution: dict, *, fresh: dict | None):
    """The quads a template gives for one solution; those with an unbound
    variable or a term out of place are left out, as SPARQL 1.1 says."""
    import pyoxigraph

    if template is None:
        return
    blocks = [(None, _field(template, "triples") or [])]
    blocks += list((_field(template, "quads") or {}).items())
    for graph, triples in blocks:
        graph_name = None if graph is None else _term(graph, solution, fresh)
        if graph is not None and not isinstance(graph_name, pyoxigraph.NamedNode):
            continue
        for triple in triples:
            s, p, o = (_term(term, solution, fresh) for term in triple)
            if (isinstance(s, (pyoxigraph.NamedNode, pyoxigraph.BlankNode))
                    and isinstance(p, pyoxigraph.NamedNode) and o is not None):
                yield _Instance(s, p, o, graph_name)


def _term(term, solution: dict, fresh: dict | None):
    """A template term as an Oxigraph term: a variable's value, a constant,
    or a new blank node for each solution of an INSERT."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef, Variable

    if isinstance(term, Variable):
        return solution.get(str(term))
    if isinstance(term, BNode):
        if fresh is None:
            raise KGError("a DELETE cannot name blank nodes; match them with variables")
        return fresh.setdefault(term, pyoxigraph.BlankNode())
    try:
        if isinstance(term, URIRef):
            return pyoxigraph.NamedNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return pyoxigraph.Literal(str(term), language=term.language)
            if term.datatype:
                return pyoxigraph.Literal(str(term),
                                          datatype=pyoxigraph.NamedNode(str(term.datatype)))
            return pyoxigraph.Literal(str(term))
    except ValueError as err:
        raise KGError(f"the update holds a term Oxigraph refuses: {term} ({err})") from None
    raise KGError(f"kg cannot use {term!r} in an update")
