"""Dates at their own precision and the views of a graph at a date."""

import datetime as dt

import pytest
from rdflib import URIRef

from kg.errors import KGError
from kg.rdf.dates import Date, TimeView, When

D = dt.date


@pytest.mark.parametrize("text, first, last, precision", [
    ("1904", D(1904, 1, 1), D(1904, 12, 31), "year"),
    ("1972-02", D(1972, 2, 1), D(1972, 2, 29), "month"),
    ("1971-02", D(1971, 2, 1), D(1971, 2, 28), "month"),
    ("1972-02-21", D(1972, 2, 21), D(1972, 2, 21), "day"),
    ("1972-02-21Z", D(1972, 2, 21), D(1972, 2, 21), "day"),
    ("1972-02-21T10:30:00+08:00", D(1972, 2, 21), D(1972, 2, 21), "day"),
])
def test_a_date_covers_every_day_of_its_precision(text, first, last, precision):
    date = Date.parse(text)
    assert (date.first, date.last, date.precision) == (first, last, precision)


@pytest.mark.parametrize("text", ["72", "1972-13", "1972-02-30", "0000", "1972/02", "spring",
                                  "1972-2", "1972-02-21junk", ""])
def test_a_malformed_date_is_refused_in_one_line(text):
    with pytest.raises(KGError, match="is not a date: write a year"):
        Date.parse(text, where="kgr:x")


def test_a_year_holds_on_every_day_of_it():
    year = When.between(Date.parse("1904"), Date.parse("1904"))
    assert TimeView.of(as_of="1904-01-01").holds(year)
    assert TimeView.of(as_of="1904-12-31").holds(year)
    assert not TimeView.of(as_of="1905-01-01").holds(year)


def test_an_open_end_holds_until_now():
    since = When.between(Date.parse("1914-05"), None)
    assert not TimeView.of(as_of="1914-04-30").holds(since)
    assert TimeView.of(as_of="1914-05-01").holds(since)
    assert TimeView.of(as_of="2026").holds(since)


def test_an_open_beginning_holds_until_its_end():
    until = When.between(None, Date.parse("1915"))
    assert TimeView.of(as_of="1066").holds(until)
    assert not TimeView.of(as_of="1916").holds(until)


def test_a_coarse_view_meets_a_fine_statement():
    days = When.between(Date.parse("1971-07-09"), Date.parse("1971-07-11"))
    assert TimeView.of(as_of="1971").holds(days)
    assert TimeView.of(as_of="1971-07").holds(days)
    assert not TimeView.of(as_of="1971-07-12").holds(days)


def test_a_span_meets_what_holds_at_some_time_within_it():
    days = When.between(Date.parse("1969-03-02"), Date.parse("1969-09-11"))
    assert TimeView.of(between=("1969-09", "1970")).holds(days)
    assert not TimeView.of(between=("1969-10", "1970")).holds(days)


def test_an_undated_statement_is_in_every_view_unless_dated_only():
    assert TimeView.of(as_of="1900").holds(None)
    assert not TimeView.of(as_of="1900", dated_only=True).holds(None)


def test_a_happening_stays_in_the_views_after_it():
    signed = When.at(Date.parse("1912-03-03"))
    assert not TimeView.of(as_of="1912-03-02").happened(signed)
    assert TimeView.of(as_of="1912-03").happened(signed)
    assert TimeView.of(as_of="1950").happened(signed)


def test_as_of_and_between_together_are_refused():
    with pytest.raises(KGError, match="not both"):
        TimeView.of(as_of="1971", between=("1969", "1972"))


def test_a_happening_at_a_coarse_date_has_happened_from_its_first_day():
    signed = When.at(Date.parse("1972"))
    assert not TimeView.of(as_of="1971-12-31").happened(signed)
    assert TimeView.of(as_of="1972-01").happened(signed)
    assert TimeView.of(as_of="1972-01-01").happened(When.at(Date.parse("1972-01")))


def test_a_view_shows_a_happening_after_it_and_a_state_only_while_it_holds():
    view = TimeView.of(as_of="1916")
    war = When.between(Date.parse("1914"), Date.parse("1915"))
    assert view.shows(war, happening=True)
    assert not view.shows(war, happening=False)
    assert view.shows(None, happening=False)
    assert not TimeView.of(as_of="1916", dated_only=True).shows(None, happening=True)


@pytest.mark.parametrize("text, after", [
    ("1915", "1916"), ("1972-12", "1973-01"), ("1971-02", "1971-03"),
    ("1972-02-29", "1972-03-01"), ("1972-12-31", "1973-01-01"),
])
def test_the_next_date_is_at_the_same_precision(text, after):
    assert str(Date.parse(text).next()) == after
    assert Date.parse(text).next().precision == Date.parse(text).precision


def test_there_is_no_date_after_the_last_year():
    assert Date.parse("9999-12-31").next() is None


@pytest.mark.parametrize("text, prop, datatype", [
    ("1972", "inXSDgYear", "gYear"),
    ("1972-02", "inXSDgYearMonth", "gYearMonth"),
    ("1972-02-21", "inXSDDate", "date"),
])
def test_a_date_is_written_with_the_owl_time_property_of_its_precision(text, prop, datatype):
    written, value = Date.parse(text).owl_time()
    assert written == URIRef("http://www.w3.org/2006/time#" + prop)
    assert value.datatype == URIRef("http://www.w3.org/2001/XMLSchema#" + datatype)
    assert str(value) == text


def test_only_ascii_digits_make_a_date():
    with pytest.raises(KGError, match="is not a date"):
        Date.parse("\uff11\uff19\uff17\uff12")  # 1972 in fullwidth digits
