"""The vocabulary of the ontology as terms a person can look up.

:func:`vocabulary` lists every class, property, concept scheme and concept
that ``ontology/kg.ttl`` declares, with its label, comment, domain, range
and the standard terms it refines; :func:`find_terms` looks one up by a
label, a CURIE, a full IRI, a notation or part of a name, and
:func:`suggestions` proposes the nearest terms for a name that matches
none. :func:`example_triple` finds a triple of some data that uses a term.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef

from kg.rdf.load import is_project_term
from kg.rdf.namespaces import PREFIXES, SCHEMA, curie

#: Kinds in the order a listing shows them.
KINDS = ("class", "object property", "datatype property", "concept scheme", "concept", "other")
#: Links to the terms a term refines, as the ontology records them.
REFINES = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch,
           SKOS.broadMatch, SKOS.broader)
DOMAINS = (RDFS.domain, SCHEMA.domainIncludes)
RANGES = (RDFS.range, SCHEMA.rangeIncludes)
#: What a term's card shows as its own lines, not as further facts.
_SHOWN = {RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.inScheme, SKOS.notation,
          SKOS.topConceptOf, *REFINES, *DOMAINS, *RANGES}


@dataclass(frozen=True)
class Term:
    """One declared term. IRIs of related terms are shown as CURIEs."""

    iri: str
    curie: str
    kind: str
    label: str
    comment: str
    types: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()
    refines: tuple[tuple[str, str], ...] = ()
    schemes: tuple[str, ...] = ()
    notation: str = ""
    facts: tuple[tuple[str, str], ...] = ()

    @property
    def local_name(self) -> str:
        return self.curie.partition(":")[2] if ":" in self.curie else self.iri


def vocabulary(ontology: Graph) -> list[Term]:
    """Every project term the ontology declares, by kind, then by CURIE.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> terms = vocabulary(load_ontology())
    >>> state = next(t for t in terms if t.curie == "kg:State")
    >>> state.kind, state.label, state.refines[0]
    ('class', 'state', ('rdfs:subClassOf', 'kg:Actor'))
    """
    terms = [_term(ontology, node) for node in set(ontology.subjects())
             if is_project_term(node)]
    return sorted(terms, key=lambda t: (KINDS.index(t.kind), t.curie.lower(), t.curie))


def _term(ontology: Graph, node: URIRef) -> Term:
    types = set(ontology.objects(node, RDF.type))
    if OWL.Class in types:
        kind = "class"
    elif OWL.ObjectProperty in types:
        kind = "object property"
    elif OWL.DatatypeProperty in types:
        kind = "datatype property"
    elif SKOS.ConceptScheme in types:
        kind = "concept scheme"
    elif SKOS.Concept in types:
        kind = "concept"
    else:
        kind = "other"

    def shown(values: Iterable) -> tuple[str, ...]:
        return tuple(sorted(_show(v) for v in values))

    refines = tuple(sorted((curie(link), _show(target)) for link in REFINES
                           for target in ontology.objects(node, link)))
    facts = tuple(sorted((curie(p), _show(o, ontology)) for p, o in ontology.predicate_objects(node)
                         if p not in _SHOWN))
    notation = ontology.value(node, SKOS.notation)
    return Term(
        iri=str(node),
        curie=curie(node),
        kind=kind,
        label=_text(ontology, node, RDFS.label) or _text(ontology, node, SKOS.prefLabel),
        comment=_text(ontology, node, RDFS.comment),
        types=shown(types),
        domain=shown(v for p in DOMAINS for v in ontology.objects(node, p)),
        range=shown(v for p in RANGES for v in ontology.objects(node, p)),
        refines=refines,
        schemes=shown(ontology.objects(node, SKOS.inScheme)),
        notation="" if notation is None else str(notation),
        facts=facts,
    )


def _text(ontology: Graph, node, prop) -> str:
    values = sorted(ontology.objects(node, prop), key=lambda v: (getattr(v, "language", None)
                                                                 not in ("en", None), str(v)))
    return " ".join(str(values[0]).split()) if values else ""


def _show(node, ontology: Graph | None = None) -> str:
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode) and ontology is not None:
        inner = " ; ".join(sorted(f"{curie(p)} {_show(o)}"
                                  for p, o in ontology.predicate_objects(node)))
        return f"[ {inner} ]"
    return curie(node)


def _expand(text: str) -> str | None:
    """The IRI a CURIE or ``<IRI>`` stands for, or ``None``."""
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if "://" in text:
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return None


def find_terms(terms: Sequence[Term], text: str, *, partial: bool = True) -> list[Term]:
    """The terms that ``text`` names, best matches only.

    ``text`` is tried as a full IRI or CURIE, then (ignoring case) as a
    local name, a label or a notation, then, with ``partial``, as part of
    a name or a label. The first of these that matches anything gives the
    answer.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> terms = vocabulary(load_ontology())
    >>> [t.curie for t in find_terms(terms, "kg:State")]
    ['kg:State']
    >>> [t.curie for t in find_terms(terms, "strategic partnership")]
    ['kgc:strategic-partnership']
    >>> [t.curie for t in find_terms(terms, "1312")]
    ['kgc:cameo-1312']
    >>> [t.curie for t in find_terms(terms, "PartnerOf")]
    ['kg:defensePartnerOf', 'kg:economicPartnerOf', 'kg:strategicPartnerOf']
    """
    wanted = " ".join(text.split())
    if not wanted:
        return []
    iri = _expand(wanted)
    exact = [t for t in terms if t.iri == iri]
    if exact:
        return exact
    lower = wanted.lower()
    named = [t for t in terms if lower in (t.curie.lower(), t.local_name.lower(), t.label.lower(),
                                           t.notation.lower())]
    if named or not partial:
        return named
    return [t for t in terms if lower in t.local_name.lower() or lower in t.label.lower()]


def suggestions(terms: Sequence[Term], text: str, *, n: int = 3) -> list[str]:
    """CURIEs of the terms whose name or label is nearest to ``text``.

    Only the nearest are given: those as close as the closest, within a
    small margin (at most ``n``); none when nothing is close.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> suggestions(vocabulary(load_ontology()), "kg:Stat")
    ['kg:State']
    >>> suggestions(vocabulary(load_ontology()), "rivl")
    ['kg:rivalOf', 'kgc:rivalry']
    """
    wanted = text.strip().lower()
    prefix, sep, local = wanted.partition(":")
    if sep and prefix in PREFIXES:
        wanted = local
    scores: dict[str, float] = {}
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    for term in terms:
        for name in {term.local_name.lower(), term.label.lower()} - {""}:
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < 0.7 or matcher.quick_ratio() < 0.7:
                continue
            score = matcher.ratio()
            if score >= 0.7:
                scores[term.curie] = max(score, scores.get(term.curie, 0.0))
    if not scores:
        return []
    best = max(scores.values())
    near = [c for c, score in scores.items() if score >= best - 0.05]
    return sorted(near, key=lambda c: (-scores[c], not c.startswith(f"{prefix}:"), c))[:n]


def example_triple(data: Graph, term: Term, ontology: Graph) -> tuple | None:
    """One triple of ``data`` that uses ``term``, or ``None``.

    A class is shown by an instance (of the nearest subclass when it has
    none of its own), a property by a triple it states (or one of the
    nearest subproperty), a concept by a triple whose object it is, a
    scheme by a triple whose object is one of its concepts. Of several,
    the smallest by text is taken, so the answer is the same every time.
    """
    node = URIRef(term.iri)
    if term.kind == "class":
        groups = [[(s, RDF.type, c) for c in level for s in data.subjects(RDF.type, c)]
                  for level in _levels(ontology, node, RDFS.subClassOf)]
    elif term.kind in ("object property", "datatype property"):
        groups = [[(s, p, o) for p in level for s, o in data.subject_objects(p)]
                  for level in _levels(ontology, node, RDFS.subPropertyOf)]
    elif term.kind == "concept scheme":
        concepts = sorted(ontology.subjects(SKOS.inScheme, node))
        groups = [[(s, p, c) for c in concepts for s, p in data.subject_predicates(c)]]
    else:
        groups = [[(s, p, node) for s, p in data.subject_predicates(node)]]
    for group in groups:
        if group:
            return min(group, key=lambda triple: tuple(_stable(data, n) for n in triple))
    return None


def _stable(data: Graph, node) -> str:
    """Text of a node for sorting: a blank node by what it holds, not by its
    random name."""
    if isinstance(node, BNode):
        return "[" + " ; ".join(sorted(f"{p} {'[]' if isinstance(o, BNode) else o}"
                                       for p, o in data.predicate_objects(node))) + "]"
    return str(node)


def _levels(ontology: Graph, node: URIRef, link: URIRef) -> list[list[URIRef]]:
    """``[node]``, then the terms directly below it along ``link``, and so on."""
    levels, seen = [[node]], {node}
    while levels[-1]:
        below = sorted({s for n in levels[-1] for s in ontology.subjects(link, n)} - seen)
        seen.update(below)
        levels.append(below)
    return levels[:-1]


def first_example(datasets: Sequence[tuple[str, Graph]], term: Term,
                  ontology: Graph) -> tuple[str, str] | None:
    """``(name, triple as Turtle)``: the example of the first of the named
    datasets (e.g. the shipped scenarios, in order) that has one."""
    for name, data in datasets:
        triple = example_triple(data, term, ontology)
        if triple is not None:
            return name, triple_text(triple, data=data)
    return None


def triple_text(triple: tuple, *, width: int = 60, data: Graph | None = None) -> str:
    """A triple as Turtle, with CURIEs, ``a`` for rdf:type and long text cut;
    a blank node shows what ``data`` says of it.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from kg.rdf.namespaces import KG, KGR
    >>> triple_text((KGR.avalon, KG.quote, Literal("x" * 80, lang="en")), width=10)
    'kgr:avalon kg:quote "xxxxxxxxx…"@en .'
    """
    parts = ["a" if position == 1 and node == RDF.type else _node_text(node, width, data)
             for position, node in enumerate(triple)]
    return " ".join(parts) + " ."


def _node_text(node, width: int, data: Graph | None) -> str:
    if isinstance(node, BNode):
        if data is None:
            return "[]"
        inner = sorted(("a" if p == RDF.type else curie(p)) + " " + _node_text(o, width, None)
                       for p, o in data.predicate_objects(node))
        return "[ " + " ; ".join(inner) + " ]" if inner else "[]"
    if isinstance(node, Literal):
        if _plain_number(node):
            return str(node)
        text = " ".join(str(node).split())
        text = text if len(text) <= width else text[:width - 1] + "…"
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{curie(node.datatype)}"
        return text
    shown = curie(node)
    return shown if shown != str(node) else f"<{node}>"


def _plain_number(node: Literal) -> bool:
    """A literal Turtle writes bare: an integer, a decimal, a boolean."""
    return node.datatype in _BARE


_BARE = tuple(URIRef(PREFIXES["xsd"] + name) for name in ("integer", "decimal", "boolean"))
