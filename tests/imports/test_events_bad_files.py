"""Event files kg import events cannot read, or that hold values it must not
take: each is one line naming the file (and the line, when there is one)."""

from __future__ import annotations

import gzip

import pytest

from kg.errors import KGError
from kg.imports.events import import_events

CSV = "date,source,target,cameo,goldstein\n2024-01-05,USA,CHN,036,\n"


def refused(path, **options) -> str:
    with pytest.raises(KGError) as caught:
        import_events([str(path)], format=options.pop("format", "csv"), **options)
    return str(caught.value)


def test_a_gzip_file_is_refused_with_what_to_do(tmp_path):
    packed = tmp_path / "events.csv.gz"
    packed.write_bytes(gzip.compress(CSV.encode()))

    assert refused(packed) == (f"{packed}: gzip-compressed: unpack it first (gunzip); an "
                               "import reads plain text and zip archives")


def test_utf16_text_is_refused(tmp_path):
    wide = tmp_path / "events.csv"
    wide.write_bytes(CSV.encode("utf-16"))

    assert refused(wide) == f"{wide}: UTF-16 text: save it as UTF-8"


def test_a_header_that_is_not_utf8_names_line_1(tmp_path):
    latin = tmp_path / "events.csv"
    latin.write_bytes("date,source,target,caméo\n".encode("latin-1"))

    assert refused(latin) == f"{latin}:1: the header is not UTF-8 text: save the file as UTF-8"


def test_a_row_that_is_not_utf8_names_its_line(tmp_path):
    latin = tmp_path / "events.csv"
    latin.write_bytes((CSV + "2024-01-06,USA,CHé,036,\n").encode("latin-1"))

    assert refused(latin) == f"{latin}:3: not UTF-8 text: save the file as UTF-8"


@pytest.mark.parametrize("format", ["csv", "gdelt"])
def test_a_damaged_zip_is_named_as_such(tmp_path, format):
    damaged = tmp_path / "events.zip"
    damaged.write_text("not an archive\n")

    assert refused(damaged, format=format) == f"{damaged}: not a zip archive, or a damaged one"


@pytest.mark.parametrize("value", ["15", "-10.5", "nan", "inf"])
def test_a_goldstein_value_off_the_scale_stops_the_import_at_its_line(tmp_path, value):
    events = tmp_path / "events.csv"
    events.write_text(CSV + f"2024-01-06,USA,CHN,036,{value}\n")

    assert refused(events) == (f"{events}:3: goldstein {value} is off the Goldstein scale "
                               "(-10 to 10)")


def test_the_ends_of_the_goldstein_scale_are_on_it(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(CSV + "2024-01-06,USA,CHN,036,-10\n2024-01-07,USA,CHN,036,10.0\n")

    assert import_events([str(events)], format="csv").events == 3


def test_a_csv_date_in_another_format_is_named_by_its_column(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("source,date,target,cameo\nUSA,01/10/2023,CHN,036\n")

    assert refused(events) == f"{events}:2: date 01/10/2023 is not a date (YYYY-MM-DD)"


@pytest.mark.parametrize(("option", "message"), [
    ({"root_only": True}, "--root-only reads GDELT's IsRootEvent, a column a CSV of events has "
                          "not"),
    ({"min_sources": 1}, "--min-sources reads GDELT's NumSources, a column a CSV of events has "
                         "not"),
])
def test_a_gdelt_filter_is_refused_on_a_csv(tmp_path, option, message):
    events = tmp_path / "events.csv"
    events.write_text(CSV)

    assert refused(events, **option) == message


def test_min_mentions_is_refused_on_a_csv_without_mentions(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(CSV)

    assert refused(events, min_mentions=1) == (
        f"{events}:1: --min-mentions needs a mentions column, which the header lacks")


def test_a_file_given_twice_is_refused(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(CSV)

    with pytest.raises(KGError) as caught:
        import_events([str(tmp_path), str(events)], format="csv")

    assert str(caught.value) == f"{events}: given twice: its events would count twice"


def test_a_link_to_a_file_given_too_is_refused(tmp_path):
    events, link = tmp_path / "events.csv", tmp_path / "link.csv"
    events.write_text(CSV)
    link.symlink_to(events)

    with pytest.raises(KGError) as caught:
        import_events([str(events), str(link)], format="csv")

    assert str(caught.value) == (f"{link}: given twice (also as {events}): its events would "
                                 "count twice")


def test_countries_no_actor_has_are_refused(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(CSV)

    assert refused(events, countries=["usa", "XXX", "YYY"]) == (
        "--countries XXX, YYY: no actor has these codes (an ISO 3166 alpha-3 code, one of the "
        "scenario's or one --actors maps)")


def test_a_bad_value_is_found_in_a_file_with_a_byte_order_mark_and_windows_line_ends(tmp_path):
    events = tmp_path / "events.csv"
    events.write_bytes(b"\xef\xbb\xbf" + (CSV + "2024-01-06,USA,CHN,036,11\n")
                       .replace("\n", "\r\n").encode())

    assert refused(events) == f"{events}:3: goldstein 11 is off the Goldstein scale (-10 to 10)"


def test_the_first_unusable_event_is_named_whichever_its_fault(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(CSV + "2024-01-06,USA,CHN,036,30\n,USA,CHN,036,1\n")

    assert refused(events) == f"{events}:3: goldstein 30 is off the Goldstein scale (-10 to 10)"


def test_one_name_given_twice_and_a_hard_link_are_refused(tmp_path):
    events, link = tmp_path / "events.csv", tmp_path / "link.csv"
    events.write_text(CSV)
    link.hardlink_to(events)

    with pytest.raises(KGError, match="given twice: its events would count twice"):
        import_events([str(events)] * 2, format="csv")
    with pytest.raises(KGError, match=r"link.csv: given twice \(also as .*events.csv\)"):
        import_events([str(events), str(link)], format="csv")


@pytest.mark.parametrize(("text", "problem"), [
    (gzip.compress(CSV.encode()), "gzip-compressed: unpack it first (gunzip); an import reads "
                                  "plain text and zip archives"),
    (CSV.encode("utf-16-le"), "holds NUL bytes: not UTF-8 text (UTF-16 without a byte order "
                              "mark, or binary data?)"),
])
def test_a_zip_member_that_is_not_plain_text_is_named(tmp_path, text, problem):
    import zipfile

    archive = tmp_path / "events.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("a.csv", CSV)
        packed.writestr("b.csv", text)

    assert refused(archive) == f"{archive}/b.csv: {problem}"
