"""The graph as of a date: which statements a view keeps, and agreements' status then."""

import pytest
from rdflib import Literal

from kg.errors import KGError
from kg.rdf.dates import TimeView
from kg.rdf.load import load
from kg.rdf.namespaces import KG, KGR, curie
from kg.sparql.snapshot import snapshot

FIXTURE = "tests/fixtures/dated.trig"
RELATIONS = ("alliance-1882", "rivalry-1914", "crisis-1913", "partnership")


@pytest.fixture(scope="module")
def dataset():
    return load([FIXTURE])


def kept(snap):
    return sorted(name for name in RELATIONS
                  if (KGR[name], KG.fromActor, None) in snap.dataset)


@pytest.mark.parametrize("date, expected", [
    ("1881", ["partnership"]),
    ("1882", ["alliance-1882", "partnership"]),
    ("1913-10-05", ["alliance-1882", "crisis-1913", "partnership"]),
    ("1913-11", ["alliance-1882", "partnership"]),
    ("1914-04-30", ["alliance-1882", "partnership"]),
    ("1914-05-01", ["alliance-1882", "partnership", "rivalry-1914"]),
    ("1915-12-31", ["alliance-1882", "partnership", "rivalry-1914"]),
    ("1916", ["partnership", "rivalry-1914"]),
])
def test_a_view_keeps_what_holds_at_its_date(dataset, date, expected):
    assert kept(snapshot(dataset, TimeView.of(as_of=date))) == expected


def test_dated_only_leaves_out_the_timeless(dataset):
    snap = snapshot(dataset, TimeView.of(as_of="1916", dated_only=True))
    assert kept(snap) == ["rivalry-1914"]


def test_a_dropped_statement_takes_its_time_with_it(dataset):
    snap = snapshot(dataset, TimeView.of(as_of="1916"))
    year = Literal("1882", datatype="http://www.w3.org/2001/XMLSchema#gYear")
    assert (None, None, year) in dataset
    assert (None, None, year) not in snap.dataset


@pytest.mark.parametrize("date, status", [
    ("1909", None), ("1910", "kgc:proposed"), ("1912-03-02", "kgc:proposed"),
    ("1912-03-03", "kgc:signed"), ("1950", "kgc:signed"),
])
def test_an_agreements_status_is_its_latest_change_by_then(dataset, date, status):
    snap = snapshot(dataset, TimeView.of(as_of=date))
    assert [curie(s) for s in snap.dataset.objects(KGR.pact, KG.status)] == \
        ([status] if status else [])


def test_the_input_is_left_as_it_was(dataset):
    before = len(dataset)
    snapshot(dataset, TimeView.of(as_of="1881"))
    assert len(dataset) == before


def test_a_beginning_after_the_end_names_the_statement(tmp_path):
    text = open(FIXTURE, encoding="utf-8").read().replace('"1915"^^xsd:gYear', '"1815"^^xsd:gYear')
    bad = tmp_path / "bad.trig"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KGError, match="kgr:alliance-1882: begins 1882 after it ends 1815"):
        snapshot(load([bad]), TimeView.of(as_of="1900"))
