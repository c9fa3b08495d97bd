"""Each SHACL shape accepts its valid fixture and rejects its invalid one
with its own message."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from rdflib import Dataset, Graph, Namespace

from kg.validate import load_shapes, validate

SH = Namespace("http://www.w3.org/ns/shacl#")
KGSH = Namespace("https://w3id.org/kg-relations/shapes#")
SHAPES = load_shapes()
TARGETED = sorted(
    shape
    for shape in SHAPES.subjects()
    if str(shape).startswith(str(KGSH))
    and any(
        (shape, p, None) in SHAPES
        for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
    )
)


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
