"""What a tie without a quote rests on, as a page shows it (kg.pages.evidence)."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.pages.network_page import build_page
from kg.pages.pagegraph import page_graph
from kg.rdf.load import load

TIE = """@prefix kg: <https://w3id.org/kg-relations/ontology#> .
@prefix kgc: <https://w3id.org/kg-relations/concept/> .
@prefix kgr: <https://w3id.org/kg-relations/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kgr:a a kg:State ; rdfs:label "A" .
kgr:b a kg:State ; rdfs:label "B" .
kgr:tie a kg:Relation ; kg:fromActor kgr:a ; kg:toActor kgr:b ; kg:polarity 1 ;
    kg:relationKind kgc:event-cooperation ; kg:assertionMode kgc:aggregated ;
    kg:cameoCount [ kg:cameo kgc:cameo-036 ; kg:eventCount EVENTS ] ;
    prov:wasDerivedFrom [ schema:url <https://a.example.org/1> ] , kgr:untitled .
kgr:untitled schema:url <https://b.example.org/2> .
"""


def tie_statement(tmp_path, events: str = "3") -> dict:
    (tmp_path / "tie.ttl").write_text(TIE.replace("EVENTS", events))
    (edge,) = page_graph(load([tmp_path / "tie.ttl"])).edges(data=True)
    return edge[2]["statements"][0]


def test_a_source_without_a_title_keeps_its_address(tmp_path):
    statement = tie_statement(tmp_path)

    assert statement["codes"] == ({"code": "036", "label": "express intent to meet or negotiate",
                                   "events": 3},)
    assert statement["sources"] == (
        {"title": "an untitled source", "url": "https://a.example.org/1"},
        {"title": "kgr:untitled", "url": "https://b.example.org/2"})


def test_a_page_with_blank_node_sources_is_the_same_every_time(tmp_path):
    (tmp_path / "tie.ttl").write_text(TIE.replace("EVENTS", "3"))

    pages = {build_page(load([tmp_path / "tie.ttl"])).html for _ in range(2)}

    assert len(pages) == 1


def test_an_event_count_that_is_no_whole_number_is_one_clear_error(tmp_path):
    with pytest.raises(KGError, match=r"kgr:tie: its kg:eventCount 'many' is not a whole number"):
        tie_statement(tmp_path, events='"many"')


def test_a_tie_lists_its_events_by_quadclass_in_quadclass_order_without_zeros(tmp_path):
    (tmp_path / "tie.ttl").write_text(
        TIE.replace("EVENTS", "3")
        + "kgr:tie kg:materialConflictCount 5 ; kg:verbalCooperationCount 3 ;\n"
          "    kg:materialCooperationCount 0 .\n")
    (edge,) = page_graph(load([tmp_path / "tie.ttl"])).edges(data=True)

    assert edge[2]["statements"][0]["quads"] == (
        {"code": "1", "label": "verbal cooperation", "events": 3},
        {"code": "4", "label": "material conflict", "events": 5})


def test_a_quadclass_count_given_twice_shows_the_least(tmp_path):
    (tmp_path / "tie.ttl").write_text(
        TIE.replace("EVENTS", "3") + "kgr:tie kg:verbalConflictCount 5, 3 .\n")
    (edge,) = page_graph(load([tmp_path / "tie.ttl"])).edges(data=True)

    assert edge[2]["statements"][0]["quads"] == (
        {"code": "3", "label": "verbal conflict", "events": 3},)


@pytest.mark.parametrize(("count", "problem"), [
    ('"some"', "'some' is not a whole number"),
    ("2.5", "'2.5' is not a whole number"),
    ("-5", "'-5' is not a count from 0 to 9,007,199,254,740,991"),
    ("9007199254740992", "'9007199254740992' is not a count from 0 to 9,007,199,254,740,991"),
])
def test_a_quadclass_count_that_is_no_count_is_one_clear_error(tmp_path, count, problem):
    (tmp_path / "tie.ttl").write_text(
        TIE.replace("EVENTS", "3") + f"kgr:tie kg:verbalConflictCount {count} .\n")

    with pytest.raises(KGError) as caught:
        page_graph(load([tmp_path / "tie.ttl"]))

    assert str(caught.value) == f"kgr:tie: its kg:verbalConflictCount {problem}"


def test_a_quote_from_an_untitled_blank_node_source_is_the_same_every_time(tmp_path):
    (tmp_path / "tie.ttl").write_text(
        TIE.replace("EVENTS", "3")
        + 'kgr:a kg:quote "A said so" ;\n'
          '    prov:wasDerivedFrom [ schema:url <https://c.example.org/> ] .\n')

    pages = {build_page(load([tmp_path / "tie.ttl"])).html for _ in range(2)}

    assert len(pages) == 1
    assert "an untitled source" in pages.pop()
