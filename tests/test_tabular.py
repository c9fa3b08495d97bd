"""Rows to text: tables for people never steer the terminal; tools get the data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.tabular import BIDI_CONTROLS, format_rows, json_text, terminal_safe

FORGED = "Beta\x1b]0;owned\x07\x1b[2J\r\nError: forged"


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J", "\\x1b[2J"),            # CSI: clear the screen
    ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),  # OSC: set the window title
    ("a\r\nb", "a\\r\\nb"),
    ("a\tb", "a\\tb"),
    ("\x7f", "\\x7f"),                   # DEL
    ("\x9b2J", "\\x9b2J"),               # C1 CSI, one character
    ("\u202eabc", "\\u202eabc"),         # RIGHT-TO-LEFT OVERRIDE
    ("\u2028", "\\u2028"),               # LINE SEPARATOR
    ("\udcff.ttl", "\\xff.ttl"),         # byte 0xff of a non-UTF-8 argument
    ("Zürich – 東京", "Zürich – 東京"),
])
def test_terminal_safe_shows_what_would_steer_a_terminal(raw, shown):
    assert terminal_safe(raw) == shown


def test_terminal_safe_makes_every_bidi_control_visible():
    assert all(terminal_safe(ch).startswith("\\u") for ch in BIDI_CONTROLS)
    assert len(BIDI_CONTROLS) == 12


def test_terminal_safe_keeps_what_it_is_told_to_keep():
    assert terminal_safe("a\tb\nc\x1b", keep="\n\t") == "a\tb\nc\\x1b"


def test_terminal_safe_twice_changes_nothing_more():
    once = terminal_safe(FORGED)
    assert terminal_safe(once) == once


def test_table_shows_control_characters_as_escapes_on_one_line():
    table = format_rows(["actor", "degree"], [[FORGED, 2], ["Gamma", 1]])
    assert table.splitlines() == [
        "actor                                         degree",
        "--------------------------------------------  ------",
        "Beta\\x1b]0;owned\\x07\\x1b[2J\\r\\nError: forged       2",
        "Gamma                                              1",
    ]
    assert "\x1b" not in table and "\r" not in table


def test_table_escapes_the_header_too():
    assert format_rows(["a\x1bb"], []).splitlines()[0] == "a\\x1bb"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_keep_the_data(fmt):
    text = format_rows(["label"], [[FORGED + "\t\u202e"]], fmt=fmt)
    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    assert rows == [["label"], [FORGED + "\t\u202e"]]


def test_json_escapes_what_a_terminal_acts_on_and_keeps_the_data():
    value = [{"label": FORGED + "\x9b\x7f\u202e\u2066\u2028"}]
    text = format_rows(["label"], [[value[0]["label"]]], fmt="json")
    assert json.loads(text) == value
    assert not any(ch in text for ch in "\x1b\r\x9b\x7f\u202e\u2066\u2028")
    assert "\\u202e" in text and "\\u009b" in text


def test_json_keeps_readable_non_ascii_text():
    assert json_text({"label": "Zürich – 東京"}, indent=None) == '{"label": "Zürich – 東京"}'


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_for_a_terminal_keep_each_value_on_its_line(fmt):
    text = format_rows(["label", "n"], [[FORGED, 2]], fmt=fmt, terminal=True)
    assert text.splitlines()[1].startswith("Beta\\x1b]0;owned\\x07\\x1b[2J\\r\\nError: forged")
    assert len(text.splitlines()) == 2 and "\x1b" not in text
