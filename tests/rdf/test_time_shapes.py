"""The rules of time: dates at one of three precisions, a statement that
holds over one time, status changes dated where their quotes give a date,
and sources' publication dates (SHACL shapes, with core constraints on the
instants); days the calendar has and times that do not begin after they
end (Python, :func:`kg.rdf.validate.date_violations`, which reads dates
with kg.rdf.dates). Each shape and each Python rule accepts its valid case
and rejects its invalid one with its own message; each message that names
the statement and its dates is checked word for word."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from rdflib import Dataset, Namespace

from kg.rdf.validate import date_violations, load_shapes, validate

KGSH = Namespace("https://w3id.org/kg-relations/shapes#")
SHAPES = load_shapes()
TIME_SHAPES = ("DateShape", "OneTimeShape", "StatusChangeDateShape", "SourceIssuedShape")
PREFIXES = """
@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kgr:doc a kg:SourceDocument ; dcterms:title "A report" .
kgr:a a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Avalon" .
kgr:pact a kg:Pact ; kg:party kgr:a ; kg:status kgc:signed ; kg:cooperationArea kgc:energy ;
    prov:wasDerivedFrom kgr:doc ; kg:quote "the pact" .
"""


def event(name: str, time: str) -> str:
    return (f"kgr:{name} a kg:Event ; time:hasTime {time} ;\n"
            f'    prov:wasDerivedFrom kgr:doc ; kg:quote "it happened" .\n')


def interval(begin: str, end: str) -> str:
    return (f"[ a time:Interval ; time:hasBeginning [ a time:Instant ; {begin} ] ;\n"
            f"    time:hasEnd [ a time:Instant ; {end} ] ]")


# One graph with one broken date per statement, validated once: each
# statement's messages are looked up by its name.
BROKEN = PREFIXES + "".join([
    event("two-digit-year", '[ a time:Instant ; time:inXSDgYear "72"^^xsd:gYear ]'),
    event("thirteenth-month",
          '[ a time:Instant ; time:inXSDgYearMonth "1972-13"^^xsd:gYearMonth ]'),
    event("thirtieth-of-february", '[ a time:Instant ; time:inXSDDate "1972-02-30"^^xsd:date ]'),
    event("year-typed-as-a-day", '[ a time:Instant ; time:inXSDDate "1972"^^xsd:gYear ]'),
    event("month-before-its-beginning", interval(
        'time:inXSDgYearMonth "1972-06"^^xsd:gYearMonth', 'time:inXSDDate "1972-05-31"^^xsd:date')),
    event("year-after-its-end", interval(
        'time:inXSDgYear "1973"^^xsd:gYear', 'time:inXSDDate "1972-12-31"^^xsd:date')),
    event("year-and-a-day-inside-it", interval(
        'time:inXSDgYear "1972"^^xsd:gYear', 'time:inXSDDate "1972-05-26"^^xsd:date')),
    event("leap-day", '[ a time:Instant ; time:inXSDDate "1972-02-29"^^xsd:date ]'),
    """
kgr:signed-1912 a kg:StatusChange ; kg:ofInitiative kgr:pact ; kg:newStatus kgc:signed ;
    prov:wasDerivedFrom kgr:doc ; kg:quote "The pact was signed on 3 March 1912." .
kgr:ratified-for-money a kg:StatusChange ; kg:ofInitiative kgr:pact ; kg:newStatus kgc:ratified ;
    prov:wasDerivedFrom kgr:doc ; kg:quote "They ratified the $2000 pact, 1,950 votes to 12." .
kgr:report-2006 a kg:SourceDocument ; dcterms:title "A report" ;
    dcterms:issued "2006-02-29"^^xsd:date .
kgr:report-2004 a kg:SourceDocument ; dcterms:title "A report" ;
    dcterms:issued "2004-02-29"^^xsd:date .
"""])


@pytest.fixture(scope="module")
def broken() -> dict[str, set[str]]:
    dataset = Dataset(default_union=True)
    dataset.default_graph.parse(data=BROKEN, format="turtle")
    found: dict[str, set[str]] = {}
    for v in validate(dataset, shapes=SHAPES).violations:
        found.setdefault(v.focus, set()).add(v.message)
    return found


def fixture_messages(kind: str, shape: str) -> set[str]:
    source = Dataset()
    source.parse(FIXTURES / "shapes" / f"{kind}.trig", format="trig")
    dataset = Dataset(default_union=True)
    dataset.addN((s, p, o, dataset.default_graph) for s, p, o in source.graph(KGSH[shape]))
    assert len(dataset), f"no {kind} fixture for {shape}"
    return {v.message for v in validate(dataset, shapes=SHAPES).violations}


@pytest.mark.parametrize("shape", TIME_SHAPES)
def test_each_time_shape_accepts_its_valid_fixture(shape):
    assert fixture_messages("valid", shape) == set()


@pytest.mark.parametrize(("shape", "message"), [
    ("DateShape", 'A date is typed with the XSD datatype of its precision: write '
     'time:inXSDgYear "1972"^^xsd:gYear, time:inXSDgYearMonth "1972-02"^^xsd:gYearMonth or '
     'time:inXSDDate "1972-02-21"^^xsd:date, not a plain string.'),
    ("OneTimeShape", "A statement holds over one time: one instant with one date, or one "
     "interval with at most one beginning and one end, each one date (a statement that held "
     "twice is two statements)."),
    ("StatusChangeDateShape", "A status change's time (time:hasTime) needs a date: an instant "
     "with time:inXSDgYear, time:inXSDgYearMonth or time:inXSDDate, or an interval whose "
     "beginning has one; a time without a date leaves the change out of the agreement's "
     "history."),
    ("SourceIssuedShape", 'A publication date (dcterms:issued) is typed with the XSD datatype '
     'of its precision: write "2006"^^xsd:gYear, "2006-08"^^xsd:gYearMonth or '
     '"2006-08-31"^^xsd:date, not a plain string.'),
])
def test_each_time_shape_rejects_its_invalid_fixture_with_its_message(shape, message):
    assert fixture_messages("invalid", shape) == {message}


@pytest.mark.parametrize(("statement", "message"), [
    ("two-digit-year", 'kgr:two-digit-year is dated time:inXSDgYear "72"^^xsd:gYear, which is '
     'not a year: write four digits typed xsd:gYear, such as "1972"^^xsd:gYear.'),
    ("thirteenth-month", 'kgr:thirteenth-month is dated time:inXSDgYearMonth '
     '"1972-13"^^xsd:gYearMonth, which is not a month: write year-month typed xsd:gYearMonth, '
     'such as "1972-02"^^xsd:gYearMonth.'),
    ("thirtieth-of-february", 'kgr:thirtieth-of-february is dated time:inXSDDate '
     '"1972-02-30"^^xsd:date, which is not a day of the calendar: write year-month-day typed '
     'xsd:date, such as "1972-02-21"^^xsd:date.'),
    ("year-typed-as-a-day", 'kgr:year-typed-as-a-day is dated time:inXSDDate '
     '"1972"^^xsd:gYear, which is not a day of the calendar: write year-month-day typed '
     'xsd:date, such as "1972-02-21"^^xsd:date.'),
])
def test_a_date_that_does_not_fit_its_property_names_the_statement_and_the_value(
        broken, statement, message):
    assert broken[f"kgr:{statement}"] == {message}


@pytest.mark.parametrize(("statement", "begin", "end"), [
    ("month-before-its-beginning", "1972-06", "1972-05-31"),
    ("year-after-its-end", "1973", "1972-12-31"),
])
def test_a_beginning_after_the_end_names_the_statement_and_both_dates(
        broken, statement, begin, end):
    assert broken[f"kgr:{statement}"] == {
        f"kgr:{statement} begins {begin} after it ends {end}: a beginning may not come after "
        "the end (compared by days: the first day of the beginning must be on or before the "
        "last day of the end)."}


def test_a_year_and_a_day_inside_it_and_a_leap_day_are_fine(broken):
    assert "kgr:year-and-a-day-inside-it" not in broken
    assert "kgr:leap-day" not in broken


def test_a_status_change_whose_quote_gives_a_year_must_be_dated(broken):
    assert broken["kgr:signed-1912"] == {
        "kgr:signed-1912 quotes a date (1912) but has no time:hasTime: date it at the precision "
        'its quote gives, e.g. time:hasTime [ a time:Instant ; time:inXSDgYear "1912"^^xsd:gYear '
        "] (or time:inXSDgYearMonth, time:inXSDDate), so that the agreement's status at a date "
        "is known."}


def test_an_amount_or_a_count_in_a_quote_is_no_date(broken):
    assert "kgr:ratified-for-money" not in broken


def test_a_publication_date_that_is_no_day_of_the_calendar_is_named(broken):
    assert broken["kgr:report-2006"] == {
        'kgr:report-2006 has dcterms:issued "2006-02-29"^^xsd:date, which is not a date: write '
        'a year ("2006"^^xsd:gYear), a month ("2006-08"^^xsd:gYearMonth) or a day '
        '("2006-08-31"^^xsd:date).'}
    assert "kgr:report-2004" not in broken


# The calendar and the order of a time's dates are Python's rules: each has
# a valid and an invalid case, checked without SHACL.
def python_messages(text: str) -> dict[str, set[str]]:
    dataset = Dataset(default_union=True)
    dataset.default_graph.parse(data=PREFIXES + text, format="turtle")
    found: dict[str, set[str]] = {}
    for v in date_violations(dataset):
        found.setdefault(v.focus, set()).add(v.message)
    return found


@pytest.mark.parametrize(("valid", "invalid"), [
    (event("leap-day", '[ a time:Instant ; time:inXSDDate "1972-02-29"^^xsd:date ]'),
     event("thirtieth-of-february",
           '[ a time:Instant ; time:inXSDDate "1972-02-30"^^xsd:date ]')),
    ('kgr:report-2004 a kg:SourceDocument ; dcterms:issued "2004-02-29"^^xsd:date .',
     'kgr:report-2006 a kg:SourceDocument ; dcterms:issued "2006-02-29"^^xsd:date .'),
    (event("year-and-a-day-inside-it", interval(
        'time:inXSDgYear "1972"^^xsd:gYear', 'time:inXSDDate "1972-05-26"^^xsd:date')),
     event("year-after-its-end", interval(
         'time:inXSDgYear "1973"^^xsd:gYear', 'time:inXSDDate "1972-12-31"^^xsd:date'))),
], ids=["calendar-day", "publication-day", "beginning-before-end"])
def test_each_python_date_rule_accepts_its_valid_case_and_rejects_its_invalid_one(
        valid, invalid):
    assert python_messages(valid) == {}
    assert len(python_messages(invalid)) == 1


def test_a_day_the_calendar_lacks_is_found_without_shacl():
    found = python_messages(event(
        "thirtieth-of-february", '[ a time:Instant ; time:inXSDDate "1972-02-30"^^xsd:date ]'))

    assert found == {"kgr:thirtieth-of-february": {
        'kgr:thirtieth-of-february is dated time:inXSDDate "1972-02-30"^^xsd:date, which is '
        'not a day of the calendar: write year-month-day typed xsd:date, such as '
        '"1972-02-21"^^xsd:date.'}}


def test_a_beginning_after_the_end_is_found_without_shacl():
    found = python_messages(event("month-before-its-beginning", interval(
        'time:inXSDgYearMonth "1972-06"^^xsd:gYearMonth',
        'time:inXSDDate "1972-05-31"^^xsd:date')))

    assert found == {"kgr:month-before-its-beginning": {
        "kgr:month-before-its-beginning begins 1972-06 after it ends 1972-05-31: a beginning "
        "may not come after the end (compared by days: the first day of the beginning must be "
        "on or before the last day of the end)."}}


def test_a_date_of_another_form_is_left_to_the_shapes():
    assert python_messages(event("two-digit-year",
                                 '[ a time:Instant ; time:inXSDgYear "72"^^xsd:gYear ]')) == {}


def test_validate_names_a_day_the_calendar_lacks_on_one_line_without_a_traceback(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    data = tmp_path / "feb.ttl"
    data.write_text(PREFIXES + event(
        "feb", '[ a time:Instant ; time:inXSDDate "1972-02-30"^^xsd:date ]'), encoding="utf-8")

    result = CliRunner().invoke(main, ["validate", str(data)])

    assert result.exit_code == 1
    assert result.stdout == (
        'Violation: kgr:feb: kgr:feb is dated time:inXSDDate "1972-02-30"^^xsd:date, which is '
        'not a day of the calendar: write year-month-day typed xsd:date, such as '
        '"1972-02-21"^^xsd:date.\n')
    assert result.stderr.endswith("\n1 violation(s)\n")
