"""The shipped scenarios over time: the 1969–1972 triangle tells its story in
order (the border clashes of 1969 before the opening of 1971–72), each date
rests on a quote of a shipped source, and the sources carry their
publication dates where their copies give them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.cli import main
from kg.rdf.dates import TimeView
from kg.rdf.load import load
from kg.rdf.namespaces import KG, KGC, KGR, PROV
from kg.rdf.shipped import data_dir, scenario_dir
from kg.rdf.validate import quote_violations
from kg.signed.network import actor_multigraph
from kg.sparql.snapshot import snapshot, statement_times

TRIANGLE = scenario_dir("triangle-1969-1972")
SUMMIT = data_dir() / "summit-2025"
US, CHINA, USSR = (str(KGR[n]) for n in ("united-states", "china", "soviet-union"))
# (a module-level rdflib XSD would make pytest warn when it looks for mocks)
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def triangle():
    return load([TRIANGLE])


def date(text: str, datatype: str) -> Literal:
    return Literal(text, datatype=URIRef(XSD + datatype))


def ties(dataset, as_of: str, a: str, b: str) -> set[str]:
    """The keys (statements) of the ties between two actors as of a date."""
    G = actor_multigraph(snapshot(dataset, TimeView.of(as_of=as_of)).dataset)
    return {key for u, v, key in G.edges(keys=True) if {u, v} == {a, b}}


def test_as_of_june_1969_the_border_clash_ties_the_soviet_union_and_china(triangle):
    assert str(KGR["t1969-rel-soviet-china-border-conflict"]) in ties(
        triangle, "1969-06", USSR, CHINA)


def test_as_of_june_1969_the_united_states_and_china_have_only_their_first_signals(triangle):
    assert ties(triangle, "1969-06", US, CHINA) == {str(KGR["t1969-rel-us-china-signals"])}


def test_as_of_march_1972_the_communique_is_a_tie(triangle):
    us_china = ties(triangle, "1972-03", US, CHINA)

    assert any(key.startswith("agreement " + str(KGR["shanghai-communique"]))
               for key in us_china)
    assert str(KGR["t1969-rel-us-china-signals"]) not in us_china
    assert str(KGR["t1969-rel-us-china-direct-contacts"]) in us_china


def test_as_of_june_1972_detente_is_a_tie(triangle):
    us_soviet = ties(triangle, "1972-06", US, USSR)

    assert str(KGR["t1969-rel-us-soviet-detente-1972"]) in us_soviet


@pytest.mark.parametrize(("as_of", "kind", "pivot"), [
    ("1969-06", "stable marriage", ""),
    ("1971-08", "stable marriage", ""),
    ("1972-03", "stable marriage", ""),
    ("1972-06", "romantic triangle", "United States"),
])
def test_the_triangle_turns_romantic_with_detente_in_1972(as_of, kind, pivot):
    result = CliRunner().invoke(main, ["triangles", str(TRIANGLE), "--as-of", as_of,
                                       "--format", "json"])

    (row,) = json.loads(result.stdout)
    assert (row["type"], row["pivot"]) == (kind, pivot)


def test_as_of_march_1972_the_border_conflict_has_ended(triangle):
    left_out = snapshot(triangle, TimeView.of(as_of="1972-03")).left_out

    assert KGR["t1969-rel-soviet-china-border-conflict"] in left_out


def test_the_communique_is_issued_only_from_february_1972(triangle):
    def status(as_of):
        snap = snapshot(triangle, TimeView.of(as_of=as_of))
        return set(snap.dataset.objects(KGR["shanghai-communique"], KG.status))

    assert (status("1971"), status("1972-02"), status("1972-03")) == (
        set(), {KGC["issued"]}, {KGC["issued"]})


def test_the_events_happen_in_the_order_of_the_story(triangle):
    times = statement_times(triangle)
    story = ["zhenbao-island-clash-1969", "kissinger-secret-trip-1971",
             "announcement-nixon-visit-to-china-1971", "kissinger-second-trip-1971",
             "nixon-visit-to-china-1972", "moscow-summit-1972"]

    starts = [times[KGR[name]][0].start for name in story]

    assert starts == sorted(starts)
    assert all(times[KGR[name]][1] for name in story)  # each is a happening


def test_every_dated_statement_of_the_triangle_quotes_a_shipped_copy_verbatim(triangle):
    dated = set(statement_times(triangle))
    copies = {s for s in dated
              if any(triangle.value(source, KG.localCopy) is not None
                     for source in triangle.objects(s, PROV.wasDerivedFrom))}

    assert len(dated) >= 18
    assert copies == dated
    assert [p for p in quote_violations(triangle, [TRIANGLE])
            if URIRef(p.focus.replace("kgr:", str(KGR))) in dated] == []


@pytest.mark.parametrize(("scenario", "source", "issued"), [
    (TRIANGLE, "source-shanghai-communique-text", date("1972-02-28", "date")),
    (TRIANGLE, "source-frus-1969-76-v17-press-release",
     date("2006-08-31", "date")),
    (TRIANGLE, "source-frus-1969-76-v14-press-release", date("2006", "gYear")),
    (TRIANGLE, "source-frus-1969-76-v14", date("2006", "gYear")),
    (SUMMIT, "source-ndtv-tharoor-2024", date("2024-03-11", "date")),
    (SUMMIT, "source-wikipedia-quad", date("2024-09", "gYearMonth")),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_source_that_gives_its_date_has_it_as_dcterms_issued(scenario, source, issued):
    assert load([scenario]).value(KGR[source], DCTERMS.issued) == issued


def test_a_membership_holds_only_from_its_beginning():
    summit = load([SUMMIT])

    def holds(as_of):
        snap = snapshot(summit, TimeView.of(as_of=as_of))
        return KGR["tenure-tharoor-lok-sabha"] not in snap.left_out

    assert (holds("2008"), holds("2009"), holds("2025-12")) == (False, True, True)
