"""Each shipped competency query answers its question on the shipped data."""

from __future__ import annotations

import pytest
from query_helpers import short_rows

from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.named import named_query, query_names
from kg.sparql.run import run_query

QUOTE_DUMA = ("The RELOS pact, recently ratified by Russia’s State Duma, formalizes a deep "
              "level of military trust")
ARTICLE = "kgr:source-putin-india-visit-2025"
DIVIDE_ADVERSARIES = ("a long-game strategy that accepts multipolarity as a tool to divide "
                      "adversaries")
DISRUPTIVE_VARIABLE = "to introduce a disruptive variable into the Moscow-Beijing axis"


@pytest.fixture(scope="module")
def memory(summit):
    return MemoryEngine(summit)


def rows(engine, name, **params):
    return short_rows(run_query(engine, name=name, params=params))


def test_every_query_has_a_complete_header():
    for name in query_names():
        header = named_query(name).header
        assert {"title", "question", "params", "example"} <= set(header), name
        assert header["example"].startswith(f"kg query --name {name}"), name


def test_every_declared_parameter_is_a_variable_of_its_query():
    for name in query_names():
        query = named_query(name)
        for param in query.params:
            assert f"?{param}" in query.text.split("\n", 4)[-1], (name, param)


def test_agreements_between_india_and_russia(memory):
    assert rows(memory, "agreements-between", a="India", b="Russia") == [
        ("kgr:banking-channels-link", "kg:Initiative", "kgc:proposed", None, None,
         "kgr:goal-de-dollarize"),
        ("kgr:banking-channels-link", "kg:Initiative", "kgc:proposed", None, None,
         "kgr:goal-free-of-third-country"),
        ("kgr:importers-forum", "kg:Forum", "kgc:proposed", None, None,
         "kgr:goal-address-trade-deficit"),
        ("kgr:national-currency-trade", "kg:Initiative", "kgc:proposed", None, None,
         "kgr:goal-de-dollarize"),
        ("kgr:relos", "kg:Pact", "kgc:ratified", "kgc:ratified", None,
         "kgr:goal-reciprocal-logistics"),
        ("kgr:relos", "kg:Pact", "kgc:ratified", "kgc:signed", None,
         "kgr:goal-reciprocal-logistics"),
        ("kgr:skilled-worker-mobility-pact", "kg:Pact", "kgc:being-finalized",
         "kgc:being-finalized", None, "kgr:goal-operationalize-deals"),
    ]


def test_agreements_between_india_and_the_eurasian_union(memory):
    assert rows(memory, "agreements-between", a="kgr:india", b="Eurasian Economic Union") == [
        ("kgr:india-eaeu-fta", "kg:FreeTradeAgreement", "kgc:under-negotiation", None, None,
         "kgr:goal-market-access"),
    ]


def test_pressures_on_india_with_their_responders(memory):
    tariff = ("kgr:pressure-us-tariffs-on-india", "kgr:united-states", "kgc:tariff", "50",
              "percent", "kgr:activity-india-imports-russian-oil")
    assert rows(memory, "pressures-on", target="India") == [
        (*tariff, "kgr:dmitry-peskov", "kgc:acknowledges"),
        (*tariff, "kgr:dmitry-peskov", "kgc:calls-illegal"),
        (*tariff, "kgr:dmitry-peskov", "kgc:frames-as-bilateral"),
        (*tariff, "kgr:dmitry-peskov", "kgc:non-interference"),
        (*tariff, "kgr:dmitry-peskov", "kgc:urges-self-interest"),
        (*tariff, "kgr:shashi-tharoor", "kgc:criticizes-effect"),
        ("kgr:pressure-us-threat-on-india", "kgr:united-states", "kgc:threat-of-punishment",
         None, None, None, None, None),
    ]


def test_pressures_on_russia(memory):
    assert rows(memory, "pressures-on", target="Russia") == [
        ("kgr:pressure-western-sanctions-on-russia", "kgr:the-west", "kgc:sanction",
         None, None, None, None, None),
    ]


def test_trade_flows_of_the_pair_and_their_sum(memory):
    # (observation, from, to, commodity, value kind, amount, min, max, unit, part of,
    # sum of parts, adds up)
    assert rows(memory, "trade-flows", a="Russia", b="India") == [
        ("kgr:obs-fertilizer-supply", "kgr:russia", "kgr:india", "kgc:fertilizers",
         "kgc:actual", None, "3000000", "4000000", "tonne", None, None, None),
        ("kgr:obs-india-exports-to-russia", "kgr:india", "kgr:russia", "kgc:all-goods",
         "kgc:actual", "4900000000.0", None, None, "USD", "kgr:obs-trade-total", None, None),
        ("kgr:obs-india-imports-from-russia", "kgr:russia", "kgr:india", "kgc:all-goods",
         "kgc:actual", "63800000000.0", None, None, "USD", "kgr:obs-trade-total", None, None),
        ("kgr:obs-trade-target", "kgr:india", "kgr:russia", "kgc:all-goods", "kgc:target",
         "100000000000.0", None, None, "USD", None, None, None),
        ("kgr:obs-trade-total", "kgr:india", "kgr:russia", "kgc:all-goods", "kgc:actual",
         "68700000000.0", None, None, "USD", None, "68700000000.0", "true"),
    ]


def test_trade_flows_show_a_range_as_its_bounds_beside_the_earlier_columns(memory):
    result = run_query(memory, name="trade-flows", params={"a": "India", "b": "Russia"})
    assert result.variables == (
        "observation", "from", "to", "commodity", "value_kind", "amount", "min_amount",
        "max_amount", "unit", "part_of", "sum_of_parts", "adds_up")
    fertilizer = dict(zip(result.variables, short_rows(result)[0], strict=True))
    assert (fertilizer["amount"], fertilizer["min_amount"], fertilizer["max_amount"],
            fertilizer["unit"]) == (None, "3000000", "4000000", "tonne")


def test_trade_flows_do_not_depend_on_the_order_of_the_pair(memory):
    assert rows(memory, "trade-flows", a="India", b="Russia") == rows(
        memory, "trade-flows", a="Russia", b="India")


def test_claims_by_a_think_tank_with_their_quotes(memory):
    assert rows(memory, "claims-by", speaker="CNA") == [
        ("kgr:cna", None, "kgr:analogy-nixon-wedge", "kg:HistoricalAnalogy",
         "During the Cold War, Nixon drove a wedge between the Soviet Union and China by "
         "engaging Beijing."),
        ("kgr:cna", None, "kgr:claim-cna-reverse-nixon", "kg:StrategyHypothesis",
         "A fascinating analysis by CNA suggests U.S. policymakers are considering a "
         "“reverse Nixon” gambit."),
        ("kgr:cna", None, "kgr:claim-cna-reverse-nixon", "kg:StrategyHypothesis",
         "Today, the strategy would be to drive a wedge between an increasingly aligned Russia "
         "and China by, paradoxically, allowing Russia to deepen its ties with India."),
        ("kgr:cna", None, "kgr:claim-us-tolerates-bond", "kg:Claim",
         "From this perspective, the U.S. might calculate that tolerating a stronger "
         "Russia-India bond—even if it involves some sanctioned trade—is a price worth paying "
         "to introduce a disruptive variable into the Moscow-Beijing axis."),
        ("kgr:cna", None, "kgr:claim-wedge-mechanism", "kg:Claim",
         "However, India and China are long-standing strategic rivals with a tense border."),
        ("kgr:cna", None, "kgr:claim-wedge-mechanism", "kg:Claim",
         "it inevitably becomes entangled in the deep-seated distrust between New Delhi and "
         "Beijing, potentially creating friction in the Russia-China relationship over time."),
        ("kgr:cna", None, "kgr:goal-russia-global-south", "kg:Claim",
         "Russia, craving status and partnerships in the Global South, is encouraged to get "
         "closer to India."),
        ("kgr:cna", None, "kgr:rel-us-china-adversary", "kg:Claim", DIVIDE_ADVERSARIES),
        ("kgr:cna", None, "kgr:rel-us-china-adversary", "kg:Claim", DISRUPTIVE_VARIABLE),
        ("kgr:cna", None, "kgr:rel-us-russia-adversary", "kg:Claim", DIVIDE_ADVERSARIES),
        ("kgr:cna", None, "kgr:rel-us-russia-adversary", "kg:Claim", DISRUPTIVE_VARIABLE),
    ]


def test_claims_by_a_spokesperson_name_the_state_he_speaks_for(memory):
    found = rows(memory, "claims-by", speaker="Dmitry Peskov")
    assert len(found) == 5
    assert {row[1] for row in found} == {"kgr:russia"}
    assert {row[3] for row in found} == {"kg:Stance"}


def test_describe_resource_shows_each_statement_with_quote_and_source(memory):
    duma = "recently ratified by Russia’s State Duma"
    assert rows(memory, "describe-resource", resource="kgr:state-duma") == [
        ("kgr:relos-ratified-by-duma", "kg:actingBody", "kgr:state-duma",
         "kgr:relos-ratified-by-duma", ARTICLE, QUOTE_DUMA),
        ("kgr:state-duma", "rdf:type", "kg:Legislature", "kgr:state-duma", ARTICLE, duma),
        ("kgr:state-duma", "rdfs:label", "State Duma", "kgr:state-duma", ARTICLE, duma),
        ("kgr:state-duma", "org:subOrganizationOf", "kgr:russia", "kgr:state-duma", ARTICLE,
         duma),
    ]


def test_members_of_each_organization(memory):
    assert rows(memory, "members") == [
        ("kgr:brics", "kgr:china", None, None, "kgr:source-wikidata-q148",
         "kgr:membership-china-brics"),
        ("kgr:brics", "kgr:india", None, None, "kgr:source-wikidata-q668",
         "kgr:membership-india-brics"),
        ("kgr:brics", "kgr:russia", None, None, "kgr:source-wikidata-q159",
         "kgr:membership-russia-brics"),
        ("kgr:eurasian-economic-union", "kgr:armenia", None, "2015-01-02",
         "kgr:source-wikidata-q399",
         "kgr:membership-armenia-eaeu"),
        ("kgr:eurasian-economic-union", "kgr:belarus", None, "2015-01-01",
         "kgr:source-wikidata-q184",
         "kgr:membership-belarus-eaeu"),
        ("kgr:eurasian-economic-union", "kgr:kazakhstan", None, "2015-01-01",
         "kgr:source-wikidata-q232", "kgr:membership-kazakhstan-eaeu"),
        ("kgr:eurasian-economic-union", "kgr:kyrgyzstan", None, "2015-08-12",
         "kgr:source-wikidata-q813", "kgr:membership-kyrgyzstan-eaeu"),
        ("kgr:eurasian-economic-union", "kgr:russia", None, "2015-01-01",
         "kgr:source-wikidata-q159",
         "kgr:membership-russia-eaeu"),
        ("kgr:india", "kgr:narendra-modi", "kgr:role-head-of-government", "2014-05-26",
         "kgr:source-wikidata-q1058", "kgr:tenure-modi-prime-minister"),
        ("kgr:lok-sabha", "kgr:shashi-tharoor", "kgr:role-legislator", "2009",
         "kgr:source-ndtv-tharoor-2024", "kgr:tenure-tharoor-lok-sabha"),
        ("kgr:quad", "kgr:australia", None, None, "kgr:source-wikipedia-quad",
         "kgr:membership-australia-quad"),
        ("kgr:quad", "kgr:india", None, None, "kgr:source-wikipedia-quad",
         "kgr:membership-india-quad"),
        ("kgr:quad", "kgr:japan", None, None, "kgr:source-wikipedia-quad",
         "kgr:membership-japan-quad"),
        ("kgr:quad", "kgr:united-states", None, None, "kgr:source-wikipedia-quad",
         "kgr:membership-united-states-quad"),
        ("kgr:russia", "kgr:vladimir-putin", "kgr:role-head-of-state", "2012-05-07",
         "kgr:source-wikidata-q7747", "kgr:tenure-putin-president"),
        ("kgr:sco", "kgr:belarus", None, "2024-07-04", "kgr:source-wikidata-q184",
         "kgr:membership-belarus-sco"),
        ("kgr:sco", "kgr:china", None, "2001-06-15", "kgr:source-wikidata-q148",
         "kgr:membership-china-sco"),
        ("kgr:sco", "kgr:india", None, "2017-06-09", "kgr:source-wikidata-q668",
         "kgr:membership-india-sco"),
        ("kgr:sco", "kgr:kazakhstan", None, "2001-06-15", "kgr:source-wikidata-q232",
         "kgr:membership-kazakhstan-sco"),
        ("kgr:sco", "kgr:kyrgyzstan", None, "2001-06-15", "kgr:source-wikidata-q813",
         "kgr:membership-kyrgyzstan-sco"),
        ("kgr:sco", "kgr:russia", None, "2001-06-15", "kgr:source-wikidata-q159",
         "kgr:membership-russia-sco"),
        ("kgr:united-states", "kgr:donald-trump", "kgr:role-head-of-state", "2025-01-20",
         "kgr:source-wikidata-q22686", "kgr:tenure-trump-president"),
    ]


def test_signed_adjacency_of_the_pressures_names_the_claimant_of_a_claimed_one(memory):
    assert [row[:6] + row[7:] for row in rows(memory, "signed-adjacency", layer="pressure")] == [
        ("kgr:pressure-us-tariffs-on-india", "pressure", "kgr:united-states", "kgr:india", "-1",
         "kgc:pressure", "true", None),
        ("kgr:pressure-us-threat-on-india", "pressure", "kgr:united-states", "kgr:india", "-1",
         "kgc:pressure", "true", "kgr:article-author"),
        ("kgr:pressure-western-sanctions-on-russia", "pressure", "kgr:the-west", "kgr:russia",
         "-1", "kgc:pressure", "true", None),
    ]


def test_signed_adjacency_of_the_relations_with_signs_and_weights(memory):
    found = {row[0]: (row[4], row[6]) for row in rows(memory, "signed-adjacency",
                                                      layer="relation")}
    assert len(found) == 12
    assert found["kgr:rel-india-china-rivalry"] == ("-1", "-4.0")
    assert found["kgr:rel-india-russia-defense"] == ("1", "7.4")
    assert [s for s, *_, claimant in rows(memory, "signed-adjacency", layer="relation")
            if claimant] == ["kgr:rel-us-china-adversary", "kgr:rel-us-russia-adversary"]


def test_conflict_flags_pair_the_source_with_the_well_known_fact(memory):
    found = rows(memory, "conflict-flags")
    assert [(flag, flagged) for flag, flagged, *_ in found] == [
        ("kgr:flag-nixon-wedge", "kgr:analogy-nixon-wedge"),
        ("kgr:flag-no-limits", "kgr:claim-no-limits-partnership"),
        ("kgr:flag-quad-exercises", "kgr:rel-india-us-military-exercises"),
        ("kgr:flag-sanctions-label", "kgr:stance-peskov-calls-illegal"),
        ("kgr:flag-tariff-link", "kgr:pressure-us-tariffs-on-india"),
    ]
    assert found[1][2] == "its “no-limits” partnership with India"
    assert found[1][4] == "http://en.kremlin.ru/supplement/5770"
    assert found[1][3].startswith("“No limits” is the phrase of the Russia–China joint")


def test_resource_by_label_finds_alternative_labels_in_any_case(memory):
    assert rows(memory, "resource-by-label", text="moscow") == [("kgr:russia", "kg:State")]


def test_the_shipped_data_uses_only_declared_terms(memory):
    assert rows(memory, "undeclared-terms") == []


def test_undeclared_terms_of_a_scenario_are_listed():
    from conftest import FIXTURES

    from kg.rdf.load import load

    engine = MemoryEngine(load([FIXTURES / "bad" / "unknown-term.ttl"], check_terms=False))
    assert rows(engine, "undeclared-terms") == [("kg:friendOf",)]
