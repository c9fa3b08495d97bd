"""The CAMEO event code table: every code with its Goldstein value and QuadClass.

The table lives in the ontology as SKOS concepts of ``kgc:Cameo``
(``kgc:cameo-057`` for code 057), built by ``scripts/build_cameo.py`` from
GDELT's lookup tables of the CAMEO 1.1b3 codebook (vendored in
``ontology/cameo/``). Shapes check a statement's ``kg:cameo`` and weight
against it; an importer of event data (GDELT's EventCode column, say)
looks codes up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDFS, SKOS, Graph, URIRef

from kg.errors import KGError
from kg.rdf.namespaces import KG, KGC

#: GDELT's QuadClass numbers and names.
QUAD_CLASS_NAMES = {1: "verbal cooperation", 2: "material cooperation",
                    3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, order=True)
class CameoCode:
    """One CAMEO event code: ``code`` keeps its leading zeros ("057")."""

    code: str
    label: str
    goldstein: Decimal
    quad_class: int
    concept: URIRef

    @property
    def root(self) -> str:
        """The two-digit root code ("05" for 057)."""
        return self.code[:2]


def cameo_concept(code: str) -> URIRef:
    """The concept of a CAMEO code, written as event data writes it.

    Examples
    --------
    >>> cameo_concept("057")
    rdflib.term.URIRef('https://w3id.org/kg-relations/concept/cameo-057')
    """
    text = str(code).strip()
    if not (text.isdigit() and 2 <= len(text) <= 4):
        raise KGError(f"not a CAMEO code: {code!r} (two to four digits, leading zeros kept)")
    return KGC[f"cameo-{text}"]


def cameo_table(ontology: Graph) -> dict[str, CameoCode]:
    """Every code of ``kgc:Cameo`` in ``ontology``, by code (sorted).

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> table = cameo_table(load_ontology())
    >>> table["1312"].goldstein, table["1312"].quad_class
    (Decimal('-5.8'), 3)
    >>> len(table) > 300
    True
    """
    numbers = {
        concept: int(str(ontology.value(concept, SKOS.notation)))
        for concept in ontology.subjects(SKOS.inScheme, KGC.QuadClass)
    }
    table = {}
    for concept in ontology.subjects(SKOS.inScheme, KGC.Cameo):
        code = str(ontology.value(concept, SKOS.notation))
        goldstein = ontology.value(concept, KG.goldstein)
        quad = ontology.value(concept, KG.quadClass)
        if goldstein is None or quad not in numbers:
            raise KGError(f"CAMEO {code} lacks its Goldstein value or QuadClass",
                          file="ontology/kg.ttl")
        table[code] = CameoCode(code, str(ontology.value(concept, RDFS.label)),
                                Decimal(str(goldstein)), numbers[quad], concept)
    return dict(sorted(table.items()))


def lookup_code(ontology: Graph, code: str) -> CameoCode:
    """One code of the table; an unknown code is an error naming its root.

    Examples
    --------
    >>> from kg.rdf.load import load_ontology
    >>> lookup_code(load_ontology(), "163").label
    'impose embargo, boycott, or sanctions'
    >>> lookup_code(load_ontology(), "1399")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unknown CAMEO code 1399; codes under 13 (threaten): 130, 131, ...
    """
    table = cameo_table(ontology)
    text = str(code).strip()
    cameo_concept(text)
    if text in table:
        return table[text]
    known = next((text[:n] for n in range(len(text) - 1, 1, -1) if text[:n] in table), None)
    if known is None:
        raise KGError(f"unknown CAMEO code {text}; root codes are 01 to 20")

    def children(parent: str) -> list[str]:
        return [c for c in table if len(c) == len(parent) + 1 and c.startswith(parent)]

    parent = known if children(known) or len(known) == 2 else known[:-1]
    raise KGError(f"unknown CAMEO code {text}; codes under {parent} ({table[parent].label}): "
                  f"{', '.join(children(parent))}")
