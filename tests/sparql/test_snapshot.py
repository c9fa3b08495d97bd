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


PREFIXES = """
@prefix kg: <https://w3id.org/kg-relations/ontology#> .
@prefix kgc: <https://w3id.org/kg-relations/concept/> .
@prefix kgr: <https://w3id.org/kg-relations/id/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def changes_of(tmp_path, *changes):
    """A treaty of Avalon and Cockaigne with these ``(name, status, year)`` changes."""
    text = PREFIXES + "kgr:treaty a kg:Treaty ; kg:party kgr:avalon , kgr:cockaigne ; " \
        "kg:status kgc:in-force .\n"
    for name, status, year in changes:
        text += (f"kgr:{name} a kg:StatusChange ; kg:ofInitiative kgr:treaty ; "
                 f"kg:newStatus kgc:{status} ; time:hasTime [ a time:Instant ; "
                 f'time:inXSDgYear "{year}"^^xsd:gYear ] .\n')
    path = tmp_path / "treaty.ttl"
    path.write_text(text, encoding="utf-8")
    return load([path])


def status_as_of(dataset, date):
    return [curie(s) for s in snapshot(dataset, TimeView.of(as_of=date))
            .dataset.objects(KGR.treaty, KG.status)]


def test_a_later_signature_by_another_party_does_not_undo_a_ratification(tmp_path):
    treaty = changes_of(tmp_path, ("ratified-by-avalon", "ratified", 1970),
                        ("signed-by-cockaigne", "signed", 1975))
    assert status_as_of(treaty, "1976") == ["kgc:ratified"]


def test_a_suspension_is_the_status_until_the_agreement_moves_again(tmp_path):
    treaty = changes_of(tmp_path, ("ratified-by-avalon", "ratified", 1970),
                        ("suspended", "suspended", 1980), ("resumed", "in-force", 1985))
    assert [status_as_of(treaty, d) for d in ("1979", "1981", "1986")] == \
        [["kgc:ratified"], ["kgc:suspended"], ["kgc:in-force"]]


def test_a_stance_on_a_pressure_outside_the_view_leaves_with_it(tmp_path):
    path = tmp_path / "stance.ttl"
    path.write_text(PREFIXES + """
kgr:squeeze a kg:Pressure ; kg:fromActor kgr:avalon ; kg:toActor kgr:brigadoon ;
    kg:polarity -1 ; kg:directed true ;
    time:hasTime [ a time:Interval ;
        time:hasBeginning [ a time:Instant ; time:inXSDgYear "1913"^^xsd:gYear ] ;
        time:hasEnd [ a time:Instant ; time:inXSDgYear "1914"^^xsd:gYear ] ] .
kgr:stance a kg:Stance ; kg:claimant kgr:cockaigne ; kg:onStatement kgr:squeeze ;
    kg:stanceKind kgc:non-interference .
kgr:reply a kg:Claim ; kg:claimant kgr:avalon ; kg:about kgr:stance .
""", encoding="utf-8")
    dataset = load([path])
    before, after = (snapshot(dataset, TimeView.of(as_of=d)) for d in ("1913", "1920"))
    assert (KGR.stance, KG.onStatement, KGR.squeeze) in before.dataset
    assert sorted(curie(s) for s in after.left_out) == ["kgr:reply", "kgr:squeeze", "kgr:stance"]
    assert not set(after.dataset.triples((KGR.stance, None, None)))
