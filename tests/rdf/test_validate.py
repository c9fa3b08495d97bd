"""Each SHACL shape accepts its valid fixture and rejects its invalid one
with its own message."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from rdflib import Dataset, Graph, Namespace

from kg.rdf.validate import load_shapes, validate

SH = Namespace("http://www.w3.org/ns/shacl#")
KGSH = Namespace("https://w3id.org/kg-relations/shapes#")
SHAPES = load_shapes()
TARGETED = sorted(set(
    shape
    for shape in SHAPES.subjects()
    if str(shape).startswith(str(KGSH))
    and any(
        (shape, p, None) in SHAPES
        for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
    )
))


def fixture_graph(kind: str, shape) -> Dataset:
    source = Dataset()
    source.parse(FIXTURES / "shapes" / f"{kind}.trig", format="trig")
    graph = source.graph(shape)
    assert len(graph), f"no {kind} fixture for {shape}"
    dataset = Dataset(default_union=True)
    dataset.addN((s, p, o, dataset.default_graph) for s, p, o in graph)
    return dataset


def messages_of(shape) -> set[str]:
    """Every sh:message declared by the shape or its property/SPARQL parts."""
    found = set()
    stack = [shape]
    while stack:
        node = stack.pop()
        found |= {str(m) for m in SHAPES.objects(node, SH.message)}
        for link in (SH.property, SH.sparql, SH.node):
            stack.extend(SHAPES.objects(node, link))
    return found


def test_every_targeted_shape_has_a_message():
    assert TARGETED
    assert all(messages_of(shape) for shape in TARGETED)


def test_every_shape_has_a_valid_and_an_invalid_fixture():
    names = {}
    for kind in ("valid", "invalid"):
        fixtures = Dataset()
        fixtures.parse(FIXTURES / "shapes" / f"{kind}.trig", format="trig")
        names[kind] = {g.identifier for g in fixtures.graphs() if len(g)}
    assert set(TARGETED) <= names["valid"]
    assert set(TARGETED) <= names["invalid"]


@pytest.mark.parametrize("shape", TARGETED, ids=lambda s: s.rpartition("#")[2])
def test_shape_accepts_its_valid_fixture(shape):
    report = validate(fixture_graph("valid", shape), shapes=SHAPES)
    assert report.violations == ()


@pytest.mark.parametrize("shape", TARGETED, ids=lambda s: s.rpartition("#")[2])
def test_shape_rejects_its_invalid_fixture_with_its_message(shape):
    report = validate(fixture_graph("invalid", shape), shapes=SHAPES)
    assert not report.conforms
    assert {v.message for v in report.violations} & messages_of(shape)


def test_shapes_file_parses_as_turtle():
    assert len(Graph().parse(data=SHAPES.serialize(format="turtle"), format="turtle")) > 100


TIE_PREFIXES = """
@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kgr:doc a kg:SourceDocument ; dcterms:title "A report" .
kgr:a a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Avalon" .
kgr:b a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Borduria" .
kgr:cna a kg:ThinkTank ; prov:wasDerivedFrom kgr:doc ; kg:quote "a think tank" .
"""
DIRECT = "kgr:a kg:alignedWith kgr:b ."
TIE = {
    "kg:fromActor": "kgr:a", "kg:toActor": "kgr:b", "kg:relationKind": "kgc:alignment",
    "kg:polarity": "1", "kg:directed": "false", "kg:cameo": "kgc:cameo-030",
    "kg:weight": "4.0",
}


def tie_report(direct: str = DIRECT, types: str = "kg:Relation", **changes):
    """Validate one tie: the valid one, with ``changes`` (None drops a property)."""
    properties = {**TIE, **{k.replace("_", ":", 1): v for k, v in changes.items()}}
    body = " ; ".join(f"{p} {o}" for p, o in properties.items() if o is not None)
    text = (f"{TIE_PREFIXES}\n{direct}\nkgr:r a {types} ; {body} ;\n"
            ' prov:wasDerivedFrom kgr:doc ; kg:quote "aligned" .')
    dataset = Dataset(default_union=True)
    dataset.default_graph.parse(data=text, format="turtle")
    return validate(dataset, shapes=SHAPES)


def test_the_tie_of_the_constraint_cases_is_valid():
    assert tie_report().violations == ()


@pytest.mark.parametrize(("changes", "message"), [
    ({"kg_fromActor": None}, "A relation or pressure needs exactly one kg:fromActor, an actor."),
    ({"kg_toActor": "kgr:doc", "direct": "kgr:a kg:alignedWith kgr:doc ."},
     "A relation or pressure needs exactly one kg:toActor, an actor."),
    ({"kg_polarity": None}, "A relation or pressure needs a kg:polarity of 1 or -1."),
    ({"kg_relationKind": "kgc:tariff"},
     {"A relation needs one kg:relationKind from the kgc:RelationKind scheme.",
      "Use a relation kind from the kgc:RelationKind scheme."}),
    ({"kg_directed": '"no"'}, "Say whether the tie is directed: kg:directed true or false."),
    ({"kg_weight": None, "kg_cameo": None},
     "A relation or pressure needs a kg:weight (its CAMEO class's Goldstein value, "
     "or 4.0 times its polarity)."),
    ({"kg_cameo": "kgc:tariff"}, {"kg:cameo must be a concept of the kgc:Cameo scheme.",
                                  "Use a CAMEO class from the kgc:Cameo scheme."}),
    ({"kg_polarity": "-1", "kg_weight": "-4.0", "kg_cameo": None},
     "The polarity must match the default polarity of the relation kind."),
    ({"kg_weight": "5.0"},
     "The weight is the Goldstein value of the CAMEO class: CAMEO 030 (express intent to "
     "cooperate, not specified below) requires kg:weight 4.0, not 5.0."),
    ({"kg_weight": "-4.0", "kg_cameo": None},
     "The sign of the weight must agree with the polarity."),
    ({"direct": ""}, "The direct (truthy) triple is missing: state the tie also as kgr:from "
     "<kind's kg:truthyProperty> kgr:to (a claimed tie, with a kg:claimant, has none)."),
])
def test_each_signed_tie_constraint_reports_its_own_message(changes, message):
    report = tie_report(**changes)
    expected = message if isinstance(message, set) else {message}
    assert {v.message for v in report.violations} == expected


CLAIMED = "kg:Relation , kg:Claim ; kg:claimant kgr:cna"


def test_a_claimed_tie_needs_no_direct_triple():
    assert tie_report(direct="", types=CLAIMED).violations == ()


def test_a_claimed_tie_is_not_stated_as_a_fact():
    report = tie_report(types=CLAIMED)
    assert {v.message for v in report.violations} == {
        "A claimed tie must not also be stated as a fact: drop its direct triple (keep it only "
        "when a statement that is no claim states the same tie)."}


def test_a_goal_that_is_someones_claim_does_not_back_a_pursued_concept():
    text = TIE_PREFIXES + """
kgr:a kg:pursuesConcept kgc:multipolarity .
kgr:goal a kg:Goal , kg:Claim ; kg:claimant kgr:cna ; kg:pursuedBy kgr:a ;
    kg:advancesConcept kgc:multipolarity ; prov:wasDerivedFrom kgr:doc ; kg:quote "a goal" .
"""
    dataset = Dataset(default_union=True)
    dataset.default_graph.parse(data=text, format="turtle")

    messages = {v.message for v in validate(dataset, shapes=SHAPES).violations}

    assert any(m.startswith("No goal backs this kg:pursuesConcept") for m in messages)
