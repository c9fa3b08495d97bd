"""`kg import wikidata`: statements of a Wikidata-shaped endpoint become a
background graph with dates at their precision and their provenance."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from network_helpers import SilentListener, free_port
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG
from wikidata_helpers import EMPTY, FIXTURES, ScriptedServer, oxigraph_endpoint

from kg.cli import main
from kg.errors import KGError
from kg.imports.wikidata import background, import_wikidata
from kg.imports.wikidata_client import SparqlClient
from kg.imports.wikidata_fetch import Fetched, Statement, fetch
from kg.rdf.dates import Date
from kg.rdf.load import ONTOLOGY_GRAPH, load
from kg.rdf.namespaces import KG, KGC, KGR, PREFIXES
from kg.rdf.validate import validate

SCENARIO = FIXTURES / "avalon-scenario.trig"
WDS = "http://www.wikidata.org/entity/statement/"
TIME = "http://www.w3.org/2006/time#"
G_YEAR, G_YEAR_MONTH = URIRef(PREFIXES["xsd"] + "gYear"), URIRef(PREFIXES["xsd"] + "gYearMonth")
XSD_DATE = URIRef(PREFIXES["xsd"] + "date")
AVALON_ITEMS = ["Q90000001", "Q90000002", "Q90000005"]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with oxigraph_endpoint(FIXTURES / "avalon.ttl", tmp_path_factory.mktemp("wd")) as url:
        yield url


@pytest.fixture(scope="module")
def imported(endpoint):
    return import_wikidata(AVALON_ITEMS, endpoint=endpoint, into=[SCENARIO])


def graph_of(text: str) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(data=text, format="trig")
    return dataset


def run(args):
    return CliRunner().invoke(main, ["import", "wikidata", *args])


def dates_of(dataset, node):
    return sorted((p.split("#")[1], o) for p, o in dataset.predicate_objects(node)
                  if p.startswith(TIME + "inXSD"))


def test_membership_dates_keep_wikidata_precision(imported):
    data = graph_of(imported.text)
    membership = KGR["membership-avalon-avalon-union"]
    interval = data.value(membership, ORG.memberDuring)
    begin = data.value(interval, URIRef(TIME + "hasBeginning"))
    end = data.value(interval, URIRef(TIME + "hasEnd"))
    assert dates_of(data, begin) == [("inXSDgYear", Literal("1904", datatype=G_YEAR))]
    assert dates_of(data, end) == [("inXSDgYearMonth",
                                    Literal("1972-05", datatype=G_YEAR_MONTH))]


def test_a_fact_names_its_item_statement_and_reference(imported):
    data = graph_of(imported.text)
    membership = KGR["membership-avalon-avalon-union"]
    statement = URIRef(WDS + "Q90000001-0001")
    reference = URIRef("http://www.wikidata.org/reference/r0001")
    assert data.value(membership, URIRef(PREFIXES["prov"] + "wasDerivedFrom")) == \
        KGR["source-wikidata-q90000001"]
    assert data.value(membership, URIRef(PREFIXES["dcterms"] + "source")) == statement
    assert data.value(statement, URIRef(PREFIXES["prov"] + "wasDerivedFrom")) == reference
    assert str(data.value(reference, URIRef(PREFIXES["schema"] + "url"))) == \
        "http://example.org/avalon-union-members"
    assert str(data.value(membership, KG.quote)) == (
        "member of (P463): Avalon Union (Q90000003); start time (P580): 1904; "
        "end time (P582): May 1972")


def test_items_map_by_same_as_and_new_ones_are_named_after_their_label(imported):
    data = graph_of(imported.text)
    assert imported.new_items == ["kgr:avalon-union", "kgr:brigadoon", "kgr:morgan-le-fay",
                                  "kgr:treaty-of-camelot"]
    assert (KGR.avalon, ORG.memberOf, KGR["avalon-union"]) in data
    assert (KGR.avalon, URIRef(PREFIXES["rdfs"] + "label"), None) not in data
    assert data.value(KGR["morgan-le-fay"], URIRef(PREFIXES["rdf"] + "type")) == KG.Person
    assert data.value(KGR["avalon-union"], URIRef(PREFIXES["rdf"] + "type")) == \
        KG.InternationalOrganization


def test_heads_of_state_are_tenures_with_the_role(imported):
    data = graph_of(imported.text)
    tenure = KGR["tenure-morgan-le-fay-head-of-state-avalon"]
    assert data.value(tenure, ORG.member) == KGR["morgan-le-fay"]
    assert data.value(tenure, ORG.organization) == KGR.avalon
    assert data.value(tenure, ORG.role) == KGR["role-head-of-state"]


def test_treaty_signatures_and_ratification_are_dated_status_changes(imported):
    data = graph_of(imported.text)
    treaty = KGR["treaty-of-camelot"]
    changes = sorted(
        (str(data.value(c, KG.actingBody)), str(data.value(c, KG.newStatus)),
         str(dates_of(data, data.value(c, URIRef(TIME + "hasTime")))[0][1]))
        for c in data.subjects(KG.ofInitiative, treaty))
    assert changes == [
        (str(KGR.avalon), str(KGC.ratified), "2011"),
        (str(KGR.avalon), str(KGC.signed), "2010-03"),
        (str(KGR.brigadoon), str(KGC.signed), "2010-03"),
    ]
    assert set(data.objects(treaty, KG.party)) == {KGR.avalon, KGR.brigadoon}
    assert data.value(treaty, KG.status) == KGC.ratified


def test_deprecated_statements_are_left_out(imported):
    assert "Q90000002-0002" not in imported.text
    assert imported.facts["membership"] == 2


def test_diplomatic_relations_become_one_mutual_relation_per_pair(imported):
    data = graph_of(imported.text)

    relations = list(data.subjects(KG.relationKind, KGC["diplomatic-relations"]))

    assert relations == [KGR["rel-avalon-brigadoon-diplomatic-relations"]]
    assert data.value(relations[0], KG.directed) == Literal(False)
    assert (KGR.avalon, KG.diplomaticRelationsWith, KGR.brigadoon) in data
    assert sorted(str(s) for s in data.objects(relations[0], DCTERMS.source)) == [
        WDS + "Q90000001-0003", WDS + "Q90000002-0003"]


def p530(iri, subject, value, **times):
    return Statement(WDS + iri, subject, "P530", value,
                     {q: Date.parse(t) for q, t in times.items()})


def test_a_pair_runs_from_the_earliest_start_to_the_latest_end_of_its_statements():
    statements = [p530("Q1-a", "Q1", "Q2", P580="1950", P582="1990-05"),
                  p530("Q2-a", "Q2", "Q1", P580="1948-05-14")]
    fetched = Fetched(["Q1"], statements, {"Q1": "Avalon", "Q2": "Brigadoon"}, {}, [])

    result = background(load([]), fetched)

    data = graph_of(result.text)
    [relation] = data.subjects(KG.relationKind, KGC["diplomatic-relations"])
    period = data.value(relation, KG.period)
    begin, end = (data.value(period, URIRef(TIME + link)) for link in ("hasBeginning", "hasEnd"))
    assert dates_of(data, begin) == [("inXSDDate", Literal("1948-05-14", datatype=XSD_DATE))]
    assert dates_of(data, end) == [("inXSDgYearMonth", Literal("1990-05", datatype=G_YEAR_MONTH))]
    assert result.facts == {"relation": 1}
    assert "kgr:rel-avalon-brigadoon-diplomatic-relations: its 2 statements give different " \
        "start or end times: it runs from the earliest start (14 May 1948) to the latest end " \
        "(May 1990)" in result.notes


def test_a_pair_whose_statements_agree_gets_no_note():
    statements = [p530("Q1-a", "Q1", "Q2", P580="1950"), p530("Q2-a", "Q2", "Q1", P580="1950")]
    fetched = Fetched(["Q1"], statements, {"Q1": "Avalon", "Q2": "Brigadoon"}, {}, [])

    result = background(load([]), fetched)

    assert result.facts == {"relation": 1}
    assert not any("different start or end" in note for note in result.notes)


def test_diplomatic_relations_wait_for_a_relation_kind_in_the_ontology():
    scenario = load([])
    wdt_p530 = URIRef(PREFIXES["wdt"] + "P530")
    scenario.graph(ONTOLOGY_GRAPH).remove((None, URIRef(PREFIXES["skos"] + "exactMatch"),
                                           wdt_p530))
    fetched = Fetched(["Q1"], [p530("Q1-a", "Q1", "Q2")], {"Q1": "Avalon", "Q2": "B"}, {}, [])

    result = background(scenario, fetched)

    assert "kg:Relation" not in result.text
    assert any("1 diplomatic relation (P530) statement(s) left out" in note
               for note in result.notes)


def test_the_output_validates_but_for_the_field_of_a_new_treaty(imported, tmp_path):
    out = tmp_path / "background.trig"
    out.write_text(imported.text, encoding="utf-8")

    report = validate(load([SCENARIO, out]))

    assert [(v.focus, v.message) for v in report.violations] == [
        ("kgr:treaty-of-camelot",
         "Name the field of the initiative with kg:cooperationArea.")]
    assert any("kgr:treaty-of-camelot: Wikidata does not say the field" in note
               for note in imported.notes)


def test_a_second_run_gives_the_same_bytes(endpoint, imported, tmp_path):
    out = tmp_path / "background.trig"
    out.write_text(imported.text, encoding="utf-8")

    again = import_wikidata(AVALON_ITEMS, endpoint=endpoint, into=[SCENARIO, out])

    assert again.text == imported.text


def test_command_writes_the_file_and_reports_counts(endpoint, tmp_path):
    out = tmp_path / "background.trig"
    result = run(["Q90000001", "http://www.wikidata.org/entity/Q90000005", "--endpoint",
                  endpoint, "--into", str(SCENARIO), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"wrote {out}: 1 membership(s), 1 relation(s), 1 tenure(s), 1 treaty ratified(s), "
        "2 treaty signed(s); 4 new item(s); 2 request(s)")
    assert out.read_text(encoding="utf-8").startswith("# Background facts from Wikidata")


def test_items_are_checked_before_any_request(tmp_path):
    server = ScriptedServer([(200, {"Content-Type": "application/sparql-results+json"},
                              EMPTY)])
    try:
        result = run(["Q1", "Q2 } SERVICE <http://example.org/> {", "--endpoint", server.url,
                      "-o", str(tmp_path / "out.trig")])
    finally:
        server.close()
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "is not a Wikidata item" in result.stderr
    assert server.requests == []
    assert not (tmp_path / "out.trig").exists()


def test_items_go_fifty_a_request_with_a_descriptive_user_agent():
    server = ScriptedServer([(200, {"Content-Type": "application/sparql-results+json"},
                              EMPTY)])
    try:
        fetch([f"Q{n}" for n in range(1, 121)], client=SparqlClient(server.url))
    finally:
        server.close()
    assert len(server.requests) == 6  # 3 for statements, 3 for labels and kinds
    assert [r["query"].count("<http://www.wikidata.org/entity/Q") for r in server.requests[:3]] \
        == [50, 50, 20]
    assert all(r["user_agent"].startswith("kg/0.1.0 (https://w3id.org/kg-relations;")
               for r in server.requests)


def test_a_throttled_request_waits_as_retry_after_says_then_retries():
    json_type = {"Content-Type": "application/sparql-results+json"}
    server = ScriptedServer([(429, {"Retry-After": "1"}, b"slow down"), (200, json_type, EMPTY)])
    try:
        client = SparqlClient(server.url)
        client.select("SELECT * WHERE { ?s ?p ?o }")
    finally:
        server.close()
    assert len(server.requests) == 2
    assert server.times[1] - server.times[0] >= 1.0
    assert client.waited == 1.0


def test_a_503_without_retry_after_backs_off_and_gives_up_past_the_cap():
    waits = []
    server = ScriptedServer([(503, {}, b"busy")])
    try:
        client = SparqlClient(server.url, max_wait=5, sleep=waits.append)
        with pytest.raises(KGError) as info:
            client.select("SELECT * WHERE { ?s ?p ?o }")
    finally:
        server.close()
    assert waits == [1.0, 2.0]
    assert len(server.requests) == 3
    assert str(info.value) == (f"the SPARQL endpoint {server.url} still answers HTTP 503 "
                               "(Service Unavailable) after 3 tries and 3 s of waiting: "
                               "try again later")


def test_an_endpoint_that_never_answers_is_one_line_after_the_timeout(tmp_path):
    listener = SilentListener()
    try:
        result = run(["Q1", "--endpoint", listener.url, "--timeout", "0.5",
                      "-o", str(tmp_path / "out.trig")])
    finally:
        listener.close()
    assert result.exit_code == 2
    assert result.stderr == (f"Error: cannot reach the SPARQL endpoint {listener.url}: "
                             "no answer within 0.5 s (--timeout)\n")
    assert not (tmp_path / "out.trig").exists()


def test_a_closed_port_is_one_line(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = run(["Q1", "--endpoint", url, "-o", str(tmp_path / "out.trig")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot reach the SPARQL endpoint {url}: ")
    assert result.stderr.count("\n") == 1
