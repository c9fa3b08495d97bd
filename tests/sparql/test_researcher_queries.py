"""The named queries that answer what researchers asked and once wrote by hand.

Each answers its question with exact rows on the shipped data, on the
1969-1972 triangle and on a made-up scenario (``fixtures/lifecycle.trig``)
that holds the cases the shipped data lacks; every quote a row shows is a
quote of the statement its ``# evidence:`` header names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from query_helpers import short_rows
from rdflib import URIRef

from kg.cli import main
from kg.rdf.load import load
from kg.rdf.namespaces import KG, PREFIXES
from kg.rdf.shipped import data_dir
from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.named import named_query, query_names
from kg.sparql.run import run_query

LIFECYCLE = Path(__file__).resolve().parent / "fixtures" / "lifecycle.trig"
TRIANGLE = data_dir() / "triangle-1969-1972"
ARTICLE = "kgr:source-putin-india-visit-2025"
CHRONICLE = "kgr:source-lifecycle"
WAS_DERIVED_FROM = URIRef(PREFIXES["prov"] + "wasDerivedFrom")

ACKNOWLEDGES = ("The tone was set by Kremlin spokesperson Dmitry Peskov, who publicly "
                "acknowledged the “pressure” Washington exerts on New Delhi but insisted "
                "Russia would not interfere in that bilateral dispute.")
TARIFFS = ("The Trump administration has imposed steep tariffs of 50% on a wide range of "
           "Indian goods, a move explicitly linked to India’s continued import of Russian "
           "crude oil.")


@pytest.fixture(scope="module")
def memory(summit):
    return MemoryEngine(summit)


@pytest.fixture(scope="module")
def lifecycle():
    return MemoryEngine(load([LIFECYCLE]))


@pytest.fixture(scope="module")
def triangle():
    return MemoryEngine(load([TRIANGLE]))


def rows(engine, name, **params):
    return short_rows(run_query(engine, name=name, params=params))


# --- the status history of an agreement --------------------------------------------

def test_status_history_of_relos_names_the_ratifying_duma_and_the_current_status(memory):
    # (initiative, status, acting body, date, mode, current, statement, source, quote)
    assert rows(memory, "status-history", initiative="RELOS") == [
        ("kgr:relos", "kgc:signed", None, None, "kgc:implied", "false", "kgr:relos-signed",
         ARTICLE, "while signing logistics pacts with Russia"),
        ("kgr:relos", "kgc:ratified", "kgr:state-duma", None, "kgc:stated", "true",
         "kgr:relos-ratified-by-duma", ARTICLE,
         "The RELOS pact, recently ratified by Russia’s State Duma, formalizes a deep level "
         "of military trust"),
    ]


def test_status_history_of_an_initiative_with_no_status_change_quotes_the_initiative(memory):
    assert rows(memory, "status-history", initiative="kgr:importers-forum") == [
        ("kgr:importers-forum", "kgc:proposed", None, None, None, "true",
         "kgr:importers-forum", ARTICLE,
         "An importers’ forum to identify specific Indian goods for Russia to purchase."),
    ]


def test_status_history_of_every_shipped_initiative_in_lifecycle_order(memory):
    found = rows(memory, "status-history")
    assert [(initiative, status, statement) for initiative, status, *_, statement, _, _
            in found] == [
        ("kgr:banking-channels-link", "kgc:proposed", "kgr:banking-channels-link"),
        ("kgr:banking-channels-link", "kgc:proposed", "kgr:banking-channels-link"),
        ("kgr:importers-forum", "kgc:proposed", "kgr:importers-forum"),
        ("kgr:india-eaeu-fta", "kgc:under-negotiation", "kgr:india-eaeu-fta"),
        ("kgr:india-eaeu-fta", "kgc:under-negotiation", "kgr:india-eaeu-fta"),
        ("kgr:national-currency-trade", "kgc:proposed", "kgr:national-currency-trade"),
        ("kgr:national-currency-trade", "kgc:proposed", "kgr:national-currency-trade"),
        ("kgr:national-currency-trade", "kgc:proposed", "kgr:national-currency-trade"),
        ("kgr:relos", "kgc:signed", "kgr:relos-signed"),
        ("kgr:relos", "kgc:ratified", "kgr:relos-ratified-by-duma"),
        ("kgr:skilled-worker-mobility-pact", "kgc:being-finalized",
         "kgr:mobility-pact-finalization"),
        ("kgr:smr-proposal", "kgc:proposed", "kgr:smr-proposal"),
        ("kgr:smr-proposal", "kgc:proposed", "kgr:smr-proposal"),
    ]
    assert [row[8] for row in found if row[0] == "kgr:national-currency-trade"] == [
        "Expansion of trade in national currencies (₹ and ₽)",
        "This partnership, aimed at reaching $100 billion in bilateral trade, is being built "
        "with national currencies and independent banking channels",
        "rupee–ruble trade",
    ]


def test_status_history_reads_a_year_and_a_day_and_ends_at_a_status_no_change_records(
        lifecycle):
    assert rows(lifecycle, "status-history", initiative="Harbour Treaty") == [
        ("kgr:harbour-treaty", "kgc:signed", None, "1971", None, "false",
         "kgr:harbour-treaty-signed", CHRONICLE, "Signed in 1971."),
        ("kgr:harbour-treaty", "kgc:ratified", "kgr:avalon-senate", "1972-06-01", None,
         "false", "kgr:harbour-treaty-ratified", CHRONICLE,
         "The Senate of Avalon ratified it on 1 June 1972."),
        ("kgr:harbour-treaty", "kgc:in-force", None, None, None, "true",
         "kgr:harbour-treaty", CHRONICLE, "The Harbour Treaty is in force."),
    ]


def test_status_history_of_the_shanghai_communique_gives_its_date(triangle):
    assert rows(triangle, "status-history") == [
        ("kgr:shanghai-communique", "kgc:issued", None, "1972-02-27", "kgc:stated", "true",
         "kgr:t1969-status-shanghai-communique-issued",
         "kgr:source-wikipedia-shanghai-communique",
         "issued by the United States of America and the People's Republic of China on "
         "February 27, 1972, on the last evening of President Richard Nixon's visit to China"),
    ]


# --- what each speaker said about a statement ----------------------------------------

def test_stances_on_the_us_tariffs_give_each_speaker_kind_and_own_words(memory):
    # (about, speaker, speaks for, kind, stance, source, quote)
    about = "kgr:pressure-us-tariffs-on-india"
    peskov = (about, "kgr:dmitry-peskov", "kgr:russia")
    assert rows(memory, "stances-on", about="US tariffs of 50% on Indian goods") == [
        (*peskov, "kgc:acknowledges", "kgr:stance-peskov-acknowledges-pressure", ARTICLE,
         ACKNOWLEDGES),
        (*peskov, "kgc:non-interference", "kgr:stance-peskov-acknowledges-pressure", ARTICLE,
         ACKNOWLEDGES),
        (*peskov, "kgc:frames-as-bilateral", "kgr:stance-peskov-bilateral-issue", ARTICLE,
         "The Kremlin’s spokesperson framed India’s challenge with U.S. tariffs as a "
         "bilateral issue"),
        (*peskov, "kgc:calls-illegal", "kgr:stance-peskov-calls-illegal", ARTICLE,
         "He labels the U.S. sanctions “illegal” from the standpoint of international law, "
         "noting that only UN Security Council-approved sanctions are legitimate."),
        (*peskov, "kgc:urges-self-interest", "kgr:stance-peskov-shared-obstacles", ARTICLE,
         "stating that “some countries” are putting obstacles in the way and that both "
         "sides must “stick to [their] own interests”"),
        (about, "kgr:shashi-tharoor", None, "kgc:criticizes-effect",
         "kgr:stance-tharoor-prohibitive", ARTICLE,
         "As noted by Shashi Tharoor, this has made half of India’s exports to its largest "
         "trading partner “prohibitively expensive,”"),
    ]


def test_stances_on_a_goal_and_on_a_figure_are_listed_with_the_pressure(memory):
    assert [row[:5] for row in rows(memory, "stances-on")
            if row[0] != "kgr:pressure-us-tariffs-on-india"] == [
        ("kgr:goal-india-strategic-autonomy", "kgr:dmitry-peskov", "kgr:russia",
         "kgc:praises", "kgr:stance-peskov-praises-autonomy"),
        ("kgr:obs-trade-total", "kgr:indian-officials", "kgr:india", "kgc:concern",
         "kgr:stance-indian-officials-imbalance"),
    ]


def test_stances_of_one_speaker_with_every_quote_of_the_stance(lifecycle):
    assert rows(lifecycle, "stances-on", speaker="the Bordurian envoy") == [
        ("kgr:harbour-treaty-ratified", "kgr:envoy", "kgr:borduria", "kgc:praises",
         "kgr:stance-envoy-welcomes", CHRONICLE, "The envoy welcomed the ratification."),
        ("kgr:harbour-treaty-ratified", "kgr:envoy", "kgr:borduria", "kgc:praises",
         "kgr:stance-envoy-welcomes", CHRONICLE, "“A good day for the harbour.”"),
    ]


# --- quantities, amounts and ranges -----------------------------------------------

def test_quantities_show_the_fertilizer_range_beside_the_amounts(memory):
    # (statement, from, to, amount, min, max, unit, period, frequency, value kind, source,
    # quote)
    year = "kgr:period-last-fiscal-year"
    assert rows(memory, "quantities") == [
        ("kgr:obs-fertilizer-supply", "kgr:russia", "kgr:india", None, "3000000", "4000000",
         "tonne", None, "P1Y", "kgc:actual", ARTICLE,
         "Russia supplies 3–4 million tonnes of fertilizers annually to India"),
        ("kgr:obs-india-exports-to-russia", "kgr:india", "kgr:russia", "4900000000.0", None,
         None, "USD", year, None, "kgc:actual", ARTICLE,
         "while Indian exports to Russia were a mere $4.9 billion"),
        ("kgr:obs-india-imports-from-russia", "kgr:russia", "kgr:india", "63800000000.0",
         None, None, "USD", year, None, "kgc:actual", ARTICLE,
         "Indian imports from Russia—primarily discounted oil and fertilizers—accounted for "
         "a staggering $63.8 billion"),
        ("kgr:obs-trade-target", "kgr:india", "kgr:russia", "100000000000.0", None, None,
         "USD", None, None, "kgc:target", ARTICLE,
         "aimed at reaching $100 billion in bilateral trade"),
        ("kgr:obs-trade-total", "kgr:india", "kgr:russia", "68700000000.0", None, None,
         "USD", year, None, "kgc:actual", ARTICLE,
         "Bilateral trade reached a record $68.7 billion in the last fiscal year"),
        ("kgr:obs-trade-total", "kgr:india", "kgr:russia", "68700000000.0", None, None,
         "USD", year, None, "kgc:actual", ARTICLE,
         "a record $68.7 billion in bilateral trade—heavily skewed in Russia’s favor"),
        ("kgr:pressure-us-tariffs-on-india", "kgr:united-states", "kgr:india", "50", None,
         None, "percent", None, None, None, ARTICLE, TARIFFS),
        ("kgr:pressure-us-tariffs-on-india", "kgr:united-states", "kgr:india", "50", None,
         None, "percent", None, None, None, ARTICLE,
         "The U.S. has escalated pressure with steep tariffs linked to India’s import of "
         "Russian oil"),
    ]


def test_quantities_of_one_actor_include_the_size_of_its_pressure(memory):
    assert [row[:7] for row in rows(memory, "quantities", actor="United States")] == [
        ("kgr:pressure-us-tariffs-on-india", "kgr:united-states", "kgr:india", "50", None,
         None, "percent"),
    ] * 2


def test_quantities_give_a_period_stated_in_place_by_its_dates_and_a_unit_code(lifecycle):
    assert rows(lifecycle, "quantities") == [
        ("kgr:obs-grain-supply", "kgr:borduria", "kgr:avalon", None, "10", "20", "TNE",
         "1970/1971-10", None, "kgc:actual", CHRONICLE,
         "Borduria shipped ten to twenty tonnes of grain."),
        ("kgr:obs-toll", "kgr:avalon", "kgr:borduria", "5.0", None, None, "USD", "1972-06-01",
         None, "kgc:actual", CHRONICLE, "Avalon paid a toll of five dollars."),
    ]


# --- events with participants, host and ordinal -------------------------------------

def test_events_give_the_23rd_summit_its_series_host_and_participants(memory):
    # (event, type, series, ordinal, start, end, host, participant, role, part of,
    # first since)
    summit = ("kgr:summit-2025", "kg:Summit", "kgr:india-russia-annual-summit", "23", None,
              None, "kgr:india")
    visit = ("kgr:putin-visit-india-2025", "kg:Visit", None, None, None, None, None)
    nixon = ("kgr:nixon-engages-beijing", "kg:Event", None, None, None, None, None)
    exercises = ("kgr:us-india-military-exercises", "kg:Event", None, None, None, None, None)
    assert rows(memory, "events") == [
        (*nixon, "kgr:china", "kg:participant", None, None),
        (*nixon, "kgr:richard-nixon", "kg:participant", None, None),
        (*nixon, "kgr:united-states", "kg:participant", None, None),
        (*visit, "kgr:india", "kg:destination", None, "kgr:war-in-ukraine"),
        (*visit, "kgr:vladimir-putin", "kg:visitor", None, "kgr:war-in-ukraine"),
        (*summit, "kgr:india", "kg:host", "kgr:putin-visit-india-2025", None),
        (*summit, "kgr:narendra-modi", "kg:participant", "kgr:putin-visit-india-2025", None),
        (*summit, "kgr:russia", "kg:participant", "kgr:putin-visit-india-2025", None),
        (*summit, "kgr:vladimir-putin", "kg:participant", "kgr:putin-visit-india-2025", None),
        (*exercises, "kgr:india", "kg:participant", None, None),
        (*exercises, "kgr:united-states", "kg:participant", None, None),
        ("kgr:war-in-ukraine", "kg:ArmedConflict", None, None, None, None, None, None, None,
         None, None),
    ]


def test_events_of_the_made_up_scenario_read_days_months_and_a_host_only_as_host(lifecycle):
    summit = ("kgr:second-harbour-summit", "kg:Summit", "kgr:harbour-series", "2",
              "1972-05-30", None, "kgr:avalon")
    visit = ("kgr:envoy-visit", "kg:Visit", None, None, "1972-05", "1972-06", None)
    assert rows(lifecycle, "events") == [
        (*visit, "kgr:avalon", "kg:destination", "kgr:second-harbour-summit", None),
        (*visit, "kgr:envoy", "kg:visitor", "kgr:second-harbour-summit", None),
        (*summit, "kgr:avalon", "kg:host", None, None),
        (*summit, "kgr:borduria", "kg:participant", None, None),
        ("kgr:storm", "kg:Event", None, None, None, None, None, None, None, None, None),
    ]


def test_events_of_the_triangle_give_the_dates_of_the_border_conflict(triangle):
    found = rows(triangle, "events", event="Sino-Soviet border conflict, 1969")
    assert found == [
        ("kgr:sino-soviet-border-conflict-1969", "kg:ArmedConflict", None, None,
         "1969-03-02", "1969-09-11", None, participant, "kg:participant", None, None)
        for participant in ("kgr:china", "kgr:soviet-union")
    ]


# --- goals by actor with their concepts ---------------------------------------------

def test_goals_of_russia_with_their_concepts_claimants_and_quotes(memory):
    # (actor, goal, concept, claimant, source, quote)
    def goal(name, concept, quote, claimant=None):
        return ("kgr:russia", f"kgr:{name}", concept, claimant, ARTICLE, quote)

    de_dollarize = ("To de-dollarize bilateral trade, rendering U.S. financial sanctions "
                    "powerless against transactions.")
    assert rows(memory, "goals-by-actor", actor="Russia") == [
        goal("goal-address-trade-deficit", None,
             "To address the massive trade deficit and make the relationship more mutually "
             "sustainable."),
        goal("goal-beyond-oil", "kgc:resource-security",
             "Russia is now offering next-generation nuclear technology."),
        goal("goal-beyond-oil", "kgc:resource-security",
             "To move beyond oil to high-tech, long-term energy partnerships in a strategic "
             "sector."),
        goal("goal-de-dollarize", "kgc:de-dollarization", de_dollarize),
        goal("goal-de-dollarize", "kgc:sanctions-resistance", de_dollarize),
        goal("goal-free-of-third-country", "kgc:sanctions-resistance",
             "explicitly designed to be “free of any influence coming from any third "
             "country”"),
        goal("goal-future-proof", None,
             "The goal is to build interconnected systems—in finance, logistics, trade, and "
             "technology—that are resilient enough to withstand the geopolitical storms of "
             "the coming decade."),
        goal("goal-future-proof", None,
             "Ultimately, the meeting aims to future-proof a relationship central to India’s "
             "multipolar foreign policy while navigating the risks of great-power rivalry."),
        goal("goal-market-access", "kgc:diversification-of-options",
             "To lock in long-term market access and supply chains across a wider economic "
             "bloc."),
        goal("goal-operationalize-deals", None,
             "is critical for operationalizing other deals, ensuring that engineers, "
             "technicians, and specialists can move seamlessly to execute joint projects in "
             "defense, energy, and infrastructure."),
        goal("goal-reciprocal-logistics", None,
             "To enable militaries to use each other’s bases for logistics, repair, and rest, "
             "enhancing strategic interoperability."),
        goal("goal-russia-global-south", None,
             "Russia, craving status and partnerships in the Global South, is encouraged to "
             "get closer to India.", claimant="kgr:cna"),
        goal("goal-sanctions-resistant-partnership", "kgc:sanctions-resistance",
             "a sanctions-resistant framework for trade, energy, and defense"),
        goal("goal-sanctions-resistant-partnership", "kgc:sanctions-resistance",
             "both nations work to build a sanctions-resistant economic and defense "
             "partnership insulated from Western pressure"),
        goal("goal-trade-100bn", None, "aimed at reaching $100 billion in bilateral trade"),
    ]


def test_goals_by_actor_list_a_shared_claimed_goal_under_each_actor(lifecycle):
    quote = "Both want the harbour open, says the envoy."
    assert rows(lifecycle, "goals-by-actor") == [
        ("kgr:avalon", "kgr:goal-open-harbour", None, "kgr:envoy", CHRONICLE, quote),
        ("kgr:borduria", "kgr:goal-open-harbour", None, "kgr:envoy", CHRONICLE, quote),
    ]


def test_goals_of_the_triangle_name_both_parties_to_normalization(triangle):
    assert [row[:3] for row in rows(triangle, "goals-by-actor")] == [
        ("kgr:china", "kgr:t1969-goal-normalization", None),
        ("kgr:united-states", "kgr:t1969-goal-normalization", None),
    ]


# --- every quote belongs to the statement the row names ------------------------------

# The queries here that show quotes; each names in its header the column of
# the statement whose quote and source a row shows.
QUOTING = ("goals-by-actor", "quantities", "stances-on", "status-history")


def test_the_queries_that_quote_declare_whose_quote_they_show():
    declared = {name for name in query_names() if "evidence" in named_query(name).header}
    quoting = {name for name in query_names() if "?quote" in named_query(name).text}
    assert set(QUOTING) <= declared
    assert set(QUOTING) <= quoting


@pytest.mark.parametrize("name", QUOTING)
@pytest.mark.parametrize("scenario", ["summit", "triangle", "lifecycle"])
def test_every_quote_and_source_shown_is_those_of_the_statement_the_row_names(
        name, scenario, request):
    engine = request.getfixturevalue("memory" if scenario == "summit" else scenario)
    column = re.match(r"\?(\w+)", named_query(name).header["evidence"]).group(1)
    result = run_query(engine, name=name)
    dataset = engine.dataset
    checked = 0
    for row in result.rows:
        found = dict(zip(result.variables, row, strict=True))
        statement = found[column]
        if found.get("quote") is not None:
            assert found["quote"] in set(dataset.objects(statement, KG.quote)), (name, row)
            checked += 1
        if found.get("source") is not None:
            assert found["source"] in set(dataset.objects(statement, WAS_DERIVED_FROM)), (
                name, row)
    assert checked or not result.rows


# --- as `kg query` shows it --------------------------------------------------------

def test_query_command_shows_the_fertilizer_range_in_trade_flows():
    result = CliRunner().invoke(main, ["query", "--name", "trade-flows", "--param", "a=India",
                                       "--param", "b=Russia", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, fertilizer, *_ = result.stdout.splitlines()
    assert header == ("observation,from,to,commodity,value_kind,amount,min_amount,max_amount,"
                      "unit,part_of,sum_of_parts,adds_up")
    assert fertilizer.endswith("/fertilizers,https://w3id.org/kg-relations/concept/actual,"
                               ",3000000,4000000,tonne,,,")
