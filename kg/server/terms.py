"""RDF terms as the workbench's pages show them: a label, a CURIE, a safe link.

Every page of the workbench (:mod:`kg.server.workbench`) shows a resource by
its label (:func:`kg.sparql.labels.preferred_labels`) and links it to its
own resource page; an IRI becomes an outside link only when it is http or
https, so a ``javascript:`` IRI in the data stays text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from kg.rdf.namespaces import curie

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes a page shows without naming them: a number or a truth value reads as one.
_PLAIN = frozenset(_XSD + name for name in (
    "string", "integer", "decimal", "double", "float", "boolean", "int", "long"))


@dataclass(frozen=True)
class Term:
    """One RDF term for a page.

    ``kind`` is ``iri``, ``literal`` or ``blank``; ``text`` is what the page
    shows (a label, the CURIE, or the literal's text); ``iri`` the IRI of an
    IRI; ``note`` the CURIE beside a label, or a literal's language or type.
    """

    kind: str
    text: str
    iri: str = ""
    note: str = ""

    @property
    def href(self) -> str:
        """The resource page of an IRI ('' for other terms)."""
        return resource_href(self.iri) if self.kind == "iri" else ""

    @property
    def outside(self) -> str:
        """The IRI as an outside link when it is http(s), else ''."""
        return outside_href(self.iri) if self.kind == "iri" else ""


def resource_href(iri: str) -> str:
    """The path of the resource page of an IRI.

    Examples
    --------
    >>> resource_href("https://w3id.org/kg-relations/id/avalon")
    '/resource?iri=https%3A%2F%2Fw3id.org%2Fkg-relations%2Fid%2Favalon'
    """
    return "/resource?iri=" + quote(str(iri), safe="")


def outside_href(iri: str) -> str:
    """``iri`` when it may be a link out of the workbench (http or https), else ''.

    Examples
    --------
    >>> outside_href("https://example.org/a"), outside_href("javascript:alert(1)")
    ('https://example.org/a', '')
    """
    text = str(iri)
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in ("http", "https") else ""


def term(node, labels: Mapping[str, object]) -> Term:
    """A term of rdflib (or None) for a page, named by ``labels`` (IRI to label).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> avalon = URIRef("https://w3id.org/kg-relations/id/avalon")
    >>> shown = term(avalon, {str(avalon): Literal("Avalon", lang="en")})
    >>> shown.text, shown.note, shown.href
    ('Avalon', 'kgr:avalon', '/resource?iri=https%3A%2F%2Fw3id.org%2Fkg-relations%2Fid%2Favalon')
    >>> term(Literal("1969", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")), {})
    Term(kind='literal', text='1969', iri='', note='xsd:gYear')
    """
    from rdflib import BNode, Literal

    if node is None:
        return Term("literal", "")
    if isinstance(node, Literal):
        note = node.language or ""
        if node.datatype is not None and str(node.datatype) not in _PLAIN:
            note = curie(str(node.datatype))
        return Term("literal", str(node), note=note)
    if isinstance(node, BNode):
        return Term("blank", "(a blank node)")
    iri = str(node)
    short = curie(iri)
    label = labels.get(iri)
    if label is not None and str(label).strip():
        return Term("iri", str(label), iri, short)
    return Term("iri", short, iri, "")
