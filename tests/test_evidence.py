"""Evidence belongs to the fact it is shown with.

Every quote that a named query, a network page or ``--explain`` shows with
a fact is a quote of the statement that carries that fact (a direct
triple's reified statement, or the subject that describes itself), paired
with the source of its own graph; a fact no statement carries shows no
quote. Checked against an independent lookup with rdflib's graph API
(``evidence_helpers``) on the shipped data and on a seeded sample of
random scenarios.
"""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict

import pytest
from click.testing import CliRunner
from evidence_helpers import (
    DCTERMS,
    KG,
    ORG,
    PREFIXES,
    comparable,
    data_resources,
    describe,
    fact_evidence,
    paired_sources,
    write_scenario,
)
from rdflib import Literal, URIRef

from kg.cli import main
from kg.pages.pagegraph import SIGNED_LAYERS, page_graph
from kg.rdf.load import load
from kg.rdf.namespaces import KGR, curie
from kg.rdf.shipped import scenario_dir
from kg.signed.explain import edge_evidence, quote_index
from kg.signed.network import LAYERS, signed_graph
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.named import check_named, named_query, query_names, select

TRIANGLE = scenario_dir().parent / "triangle-1969-1972"
SHIPPED = {
    "summit": None,
    "triangle": [TRIANGLE],
    "summit and triangle": [scenario_dir(), TRIANGLE],
}
#: A seeded sample of random scenarios (see evidence_helpers.write_scenario).
SEEDS = random.Random(13).sample(range(10_000), 6)
ARTICLE_INDIA = "Russian President Vladimir Putin’s upcoming visit to India"


class Data:
    """One dataset, loaded for rdflib and for Oxigraph."""

    def __init__(self, paths) -> None:
        self.paths = paths
        self.dataset = load(paths)
        self.memory = MemoryEngine(self.dataset)
        self.store = StoreEngine.in_memory(paths)


@pytest.fixture(scope="module", params=[*SHIPPED, *(f"seed {s}" for s in SEEDS)])
def data(request, tmp_path_factory):
    if request.param in SHIPPED:
        return Data(SHIPPED[request.param])
    seed = int(request.param.split()[1])
    folder = tmp_path_factory.mktemp(f"scenario-{seed}")
    write_scenario(folder, seed)
    return Data([folder])


def result(engine, name, **bindings):
    return engine.execute(check_named(name), bindings)


def rows(engine, name, **bindings) -> set:
    return {tuple(comparable(t) for t in row) for row in result(engine, name, **bindings).rows}


def comparable_rows(found) -> set:
    return {tuple(comparable(t) for t in row) for row in found}


# --- (a) every pair, every dataset --------------------------------------------

def test_describe_resource_shows_each_fact_with_the_evidence_of_its_own_statement(data):
    resources = data_resources(data.dataset)
    for resource in resources:
        expected = comparable_rows(describe(data.dataset, resource))

        assert rows(data.store, "describe-resource", resource=resource) == expected, resource

    for resource in random.Random(7).sample(resources, 2):
        expected = comparable_rows(describe(data.dataset, resource))
        assert rows(data.memory, "describe-resource", resource=resource) == expected, resource


def _evidence_columns(name: str) -> tuple[str, str] | None:
    """The column naming the statement behind each quote, and the quote column."""
    declared = named_query(name).header.get("evidence")
    if not declared:
        return None
    statement = declared.split()[0].lstrip("?")
    quote = declared.rpartition("kg:quote is ?")[2].strip(" )") if "kg:quote is" in declared \
        else "quote"
    return statement, quote


def test_every_query_that_shows_quotes_names_the_statement_they_come_from():
    for name in query_names():
        text = named_query(name).text
        select_clause = text[text.index("SELECT"):text.index("WHERE")]
        if "?quote" in select_clause or "?source_says" in select_clause:
            assert _evidence_columns(name) is not None, name


def test_every_quote_a_named_query_shows_is_on_the_statement_it_names(data):
    needs_a_resource = []
    for name in query_names():
        columns = _evidence_columns(name)
        if columns is None:
            continue
        if any("optional" not in d for d in named_query(name).params.values()):
            needs_a_resource.append(name)
            continue
        found = result(data.store, name)
        at = {v: i for i, v in enumerate(found.variables)}
        statement_at, quote_at = at[columns[0]], at[columns[1]]
        for row in found.rows:
            statement, quote = row[statement_at], row[quote_at]
            if quote is None:
                continue
            assert (statement, KG.quote, quote) in data.dataset, (name, row)
            if "source" in at and row[at["source"]] is not None:
                assert row[at["source"]] in paired_sources(data.dataset, statement, quote), \
                    (name, row)
    assert needs_a_resource == ["describe-resource", "resource-flags"]  # checked below


def test_each_flag_around_a_resource_quotes_the_flag_itself(data):
    for resource in data_resources(data.dataset):
        for flagged, flag, says, _fact, _source in result(data.store, "resource-flags",
                                                          resource=resource).rows:
            assert (flag, KG.flags, flagged) in data.dataset, (resource, flag)
            if says is not None:
                assert (flag, KG.quote, says) in data.dataset, (resource, flag)


def _source_name(dataset, source) -> str:
    if source is None:
        return ""
    title = dataset.value(source, DCTERMS.title)
    return str(title) if title is not None else curie(str(source))


def test_page_links_show_the_quotes_of_the_statements_that_carry_them(data):
    expected: dict[tuple, set] = defaultdict(set)
    for actor, _role, label, target, _title, s, p, o, _graph, _membership in select(
            data.dataset, "page-links"):
        key = (str(actor), str(target), str(label))
        expected[key] |= {(curie(str(st)), str(q), _source_name(data.dataset, src))
                          for st, src, q in fact_evidence(data.dataset, s, p, o) if q is not None}

    graph = page_graph(data.dataset)

    shown: dict[tuple, set] = defaultdict(set)
    for _u, _v, attrs in graph.edges(data=True):
        if attrs["layer"] in SIGNED_LAYERS:
            continue
        for entry in attrs["statements"]:
            shown[(entry["from"], entry["to"], entry["kind"])] |= {
                (entry["id"], q["text"], q["source"]) for q in entry["quotes"]}
    assert shown == expected


def test_page_ties_and_nodes_show_only_their_own_quotes(data):
    dataset = data.dataset

    def own(item) -> set:
        return {(str(q), _source_name(dataset, src)) for q in dataset.objects(item, KG.quote)
                for src in paired_sources(dataset, item, q)}

    graph = page_graph(dataset)

    for node, quotes in graph.nodes(data="quotes"):
        assert {(q.text, q.source) for q in quotes} == own(URIRef(node)), node
    for _u, _v, attrs in graph.edges(data=True):
        if attrs["layer"] in SIGNED_LAYERS:
            for entry in attrs["statements"]:
                statement = URIRef(str(KGR) + entry["id"].removeprefix("kgr:"))
                assert {(q["text"], q["source"]) for q in entry["quotes"]} == own(statement)


def _ties_between(dataset, a, b) -> set:
    """The statements that can tie actors a and b in any layer of the signed network."""
    pair = {a, b}
    ties = {s for s in dataset.subjects(KG.fromActor, None)
            if {dataset.value(s, KG.fromActor), dataset.value(s, KG.toActor)} == pair}
    ties |= {i for i in dataset.subjects(KG.party, a) if (i, KG.party, b) in dataset}
    ties |= {m for m in dataset.subjects(ORG.member, None)
             if {dataset.value(m, ORG.member), dataset.value(m, ORG.organization)} == pair}
    return ties


def test_explain_shows_each_edge_with_the_quotes_of_its_own_statements(data):
    dataset = data.dataset
    network = signed_graph(dataset, layers=LAYERS)
    quotes = quote_index(dataset)

    for a, b in network.edges:
        candidates = {curie(str(s)): s for s in _ties_between(dataset, URIRef(a), URIRef(b))}
        for evidence in edge_evidence(network, (a, b), quotes):
            assert evidence.statement in candidates, (a, b, evidence.statement)
            statement = candidates[evidence.statement]
            assert set(evidence.quotes) == {str(q) for q in dataset.objects(statement, KG.quote)}


# --- (b) the reproductions of the issue ------------------------------------------

def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_indias_membership_of_brics_shows_the_wikidata_statement_not_the_article():
    found = CliRunner().invoke(main, ["query", "--name", "describe-resource", "--param",
                                      "resource=India", "--format", "csv"])

    membership = [row for row in _csv_rows(found.stdout)
                  if row["property"] == "http://www.w3.org/ns/org#memberOf"
                  and row["value"] == str(KGR.brics)]
    assert found.exit_code == 0
    assert [(r["statement"], r["source"], r["quote"]) for r in membership] == [
        (str(KGR["membership-india-brics"]), str(KGR["source-wikidata-q668"]),
         "member of (P463): BRICS (Q243630)")]


@pytest.mark.parametrize("engine", ["memory", "store"])
def test_a_direct_tie_shows_the_quote_of_its_relation_not_of_its_subject(summit, engine):
    engines = {"memory": lambda: MemoryEngine(summit), "store": StoreEngine.in_memory}

    found = result(engines[engine](), "describe-resource", resource=KGR.india)

    support = [row[3:] for row in found.rows
               if row[:3] == (KGR.russia, KG.supports, KGR.india)]
    assert support == [(KGR["rel-russia-praises-india"], KGR["source-putin-india-visit-2025"],
                        Literal("Peskov explicitly praised this characteristic, noting Moscow’s "
                                "admiration for India’s sovereignty in defining its national "
                                "interests."))]


TEACHER = PREFIXES + """\

kgr:source-lesson a kg:SourceDocument ; dcterms:title "A lesson" ; kg:localCopy "lesson.txt" .
kgr:avalon a kg:State ; rdfs:label "Avalon"@en ; prov:wasDerivedFrom kgr:source-lesson ;
    kg:quote "Avalon and Borduria signed the Treaty of Glen." .
kgr:borduria a kg:State ; rdfs:label "Borduria"@en ; prov:wasDerivedFrom kgr:source-lesson ;
    kg:quote "Avalon and Borduria signed the Treaty of Glen." .
kgr:treaty-of-glen a kg:Treaty ; rdfs:label "Treaty of Glen"@en ;
    kg:party kgr:avalon , kgr:borduria ; kg:status kgc:signed ; kg:cooperationArea kgc:diplomacy ;
    prov:wasDerivedFrom kgr:source-lesson ;
    kg:quote "Avalon and Borduria signed the Treaty of Glen." .
kgr:avalon kg:rivalOf kgr:borduria .
kgr:rel-avalon-borduria a kg:Relation ;
    kg:fromActor kgr:avalon ; kg:toActor kgr:borduria ; kg:relationKind kgc:rivalry ;
    kg:polarity -1 ; kg:directed false ; kg:weight -4.0 ;
    prov:wasDerivedFrom kgr:source-lesson ; kg:quote "Yet the two remain bitter rivals." .
"""
BACKGROUND = """
kgr:graph-atlas prov:wasDerivedFrom kgr:source-atlas .
kgr:graph-atlas {
    kgr:source-atlas a kg:SourceDocument ; dcterms:title "An atlas" .
    kgr:avalon org:memberOf kgr:league .
}
"""


@pytest.fixture(scope="module")
def teacher(tmp_path_factory):
    """A teacher's scenario in Turtle (the default graph), and an atlas
    graph without quotes."""
    folder = tmp_path_factory.mktemp("teacher")
    (folder / "lesson.ttl").write_text(TEACHER, encoding="utf-8")
    (folder / "atlas.trig").write_text(TEACHER.split("\n\n")[0] + "\n" + BACKGROUND,
                                       encoding="utf-8")
    (folder / "lesson.txt").write_text(
        "Avalon and Borduria signed the Treaty of Glen. Yet the two remain bitter rivals.\n",
        encoding="utf-8")
    return folder


@pytest.mark.parametrize("engine", ["memory", "store"])
def test_a_teachers_rivalry_shows_its_own_quote_not_the_treatys(teacher, engine):
    engines = {"memory": lambda: MemoryEngine(load([teacher])),
               "store": lambda: StoreEngine.in_memory([teacher])}

    found = result(engines[engine](), "describe-resource", resource=KGR.avalon)

    rivalry = [row[3:] for row in found.rows if row[:3] == (KGR.avalon, KG.rivalOf, KGR.borduria)]
    assert rivalry == [(KGR["rel-avalon-borduria"], KGR["source-lesson"],
                        Literal("Yet the two remain bitter rivals."))]


@pytest.mark.parametrize("engine", ["memory", "store"])
def test_a_fact_no_statement_carries_shows_its_graphs_source_and_no_quote(teacher, engine):
    engines = {"memory": lambda: MemoryEngine(load([teacher])),
               "store": lambda: StoreEngine.in_memory([teacher])}

    found = result(engines[engine](), "describe-resource", resource=KGR.avalon)

    member = [row[3:] for row in found.rows if row[:3] == (KGR.avalon, ORG.memberOf, KGR.league)]
    assert member == [(None, KGR["source-atlas"], None)]


def test_a_membership_no_statement_carries_shows_its_graphs_source(teacher):
    found = result(MemoryEngine(load([teacher])), "members")

    assert [row[:2] + row[4:] for row in found.rows] == [
        (KGR.league, KGR.avalon, KGR["source-atlas"], None)]

def test_the_teachers_page_shows_the_rivalry_with_its_own_quote(teacher):
    graph = page_graph(load([teacher]))

    (tie,) = graph.edges[str(KGR.avalon), str(KGR.borduria), "relation"]["statements"]
    (link,) = graph.edges[str(KGR.avalon), str(KGR.league), "membership"]["statements"]
    assert [q["text"] for q in tie["quotes"]] == ["Yet the two remain bitter rivals."]
    assert (link["id"], link["quotes"]) == ("", ())


def test_the_page_shows_india_in_brics_with_the_membership_quote_only(summit):
    graph = page_graph(summit)

    statements = graph.edges[str(KGR.india), str(KGR.brics), "membership"]["statements"]

    assert [(s["id"], [q["text"] for q in s["quotes"]]) for s in statements] == [
        ("kgr:membership-india-brics", ["member of (P463): BRICS (Q243630)"])]


def test_a_quote_goes_with_the_source_of_its_own_scenario():
    both = MemoryEngine(load(SHIPPED["summit and triangle"]))

    found = result(both, "statement-evidence", statement=KGR.china)

    assert [row[1:3] for row in found.rows] == [
        (Literal("India and China are long-standing strategic rivals with a tense border."),
         KGR["source-putin-india-visit-2025"]),
        (Literal("Premier Chou En-lai of the People's Republic of China"),
         KGR["source-shanghai-communique-text"]),
    ]


def test_describe_resource_never_shows_the_articles_words_for_a_background_fact(summit):
    found = result(MemoryEngine(summit), "describe-resource", resource=KGR.india)

    background = [row for row in found.rows if row[1] == ORG.memberOf]
    assert background and all(row[5] != ARTICLE_INDIA for row in background)


# --- the generator itself ------------------------------------------------------------

def test_generated_scenarios_quote_their_sources_verbatim(tmp_path):
    from kg.rdf.validate import quote_violations

    for seed in SEEDS:
        folder = tmp_path / str(seed)
        write_scenario(folder, seed)

        assert quote_violations(load([folder]), [folder]) == [], seed


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_a_generated_scenario_conforms_to_the_shapes(tmp_path, seed):
    from kg.rdf.validate import validate

    write_scenario(tmp_path, seed)

    report = validate(load([tmp_path]), source_dirs=[tmp_path])

    assert report.conforms, report.violations

