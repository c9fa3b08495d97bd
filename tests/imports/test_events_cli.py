"""kg import events from the command line: outputs, summary, and one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "events.tsv"


def run(*args: str):
    return CliRunner().invoke(main, ["import", *args])


def broken_copy(tmp_path: Path, line: int, column: int, value: str | None) -> Path:
    """The fixture with one field of one line changed (``None``: the field removed)."""
    rows = FIXTURE.read_text().splitlines(keepends=True)
    fields = rows[line - 1].rstrip("\n").split("\t")
    if value is None:
        del fields[column]
    else:
        fields[column] = value
    rows[line - 1] = "\t".join(fields) + "\n"
    target = tmp_path / "20240101000000.export.CSV"
    target.write_text("".join(rows))
    return target


def test_import_writes_rdf_and_edges_and_summarises_on_stderr(tmp_path):
    result = run("events", str(FIXTURE), "-o", str(tmp_path / "ties.trig"),
                 "--edges-out", str(tmp_path / "ties.csv"))

    assert result.exit_code == 0, result.output
    assert "read 300 events from 1 file:" in result.stderr
    assert "unmapped actor codes (events): EUR 60, AFR 51, MEA 31" in result.stderr
    assert (tmp_path / "ties.csv").read_text().startswith("source,target,sign,weight,start,end\n")
    assert "kg:period kgr:period-2024-01" in (tmp_path / "ties.trig").read_text()


def test_explain_prints_codes_and_articles():
    result = run("events", str(FIXTURE), "--explain", "--urls", "1")

    assert result.exit_code == 0
    assert "Iran -> Lithuania  2024-01  +1.67  19 events" in result.stdout
    assert "    CAMEO 071 provide economic aid: 1 event, +7.4" in result.stdout
    assert "https://news38.example.com/2024/01/16/story-1160000053.html" in result.stdout


def test_explain_prints_every_article_a_tie_keeps_unless_told_fewer():
    from kg.imports.events import import_events

    ties = import_events([str(FIXTURE)], top_codes=0).ties

    result = run("events", str(FIXTURE), "--explain", "--top-codes", "0")

    assert result.stdout.count("    https://") == sum(len(t.urls) for t in ties) > len(ties)


def test_the_rdf_loads_and_becomes_a_dated_signed_network(tmp_path):
    from kg.rdf.load import load
    from kg.signed.network import actor_multigraph

    run("events", str(FIXTURE), "-o", str(tmp_path / "ties.nq"))

    G = actor_multigraph(load([tmp_path / "ties.nq"]), layers=["relation"])
    signs = {d["sign"] for _, _, d in G.edges(data=True)}
    assert signs == {1, -1}
    assert G.nodes["https://w3id.org/kg-relations/id/state-ltu"]["label"] == "Lithuania"


def test_a_state_is_labelled_by_a_name_a_list_cannot_misread(tmp_path):
    # ISO 3166 names such as "Iran, Islamic Republic of" hold a comma, which
    # makes a list of actors ambiguous: the common name is the label instead
    from rdflib import RDFS, SKOS, Literal, URIRef

    from kg.rdf.load import load
    from kg.rdf.namespaces import KG

    run("events", str(FIXTURE), "-o", str(tmp_path / "ties.trig"))

    data = load([tmp_path / "ties.trig"])
    iran = URIRef("https://w3id.org/kg-relations/id/state-irn")
    assert data.value(iran, RDFS.label) == Literal("Iran", lang="en")
    assert set(data.objects(iran, SKOS.altLabel)) == {
        Literal("Iran, Islamic Republic of", lang="en"),
        Literal("Islamic Republic of Iran", lang="en")}
    assert str(data.value(iran, KG.quote)) == ("alpha_3: IRN; name: Iran, Islamic Republic of; "
                                               "official_name: Islamic Republic of Iran; "
                                               "common_name: Iran")


@pytest.mark.slow
def test_the_rdf_passes_the_shapes(tmp_path):
    # aggregated statements (kg:assertionMode kgc:aggregated) need no quote
    from kg.rdf.load import load
    from kg.rdf.validate import validate

    run("events", str(FIXTURE), "-o", str(tmp_path / "ties.trig"), "--countries", "IRN,MDG",
        "--period", "quarter")

    report = validate(load([tmp_path / "ties.trig"]))
    assert report.violations == ()


def test_an_unknown_cameo_code_names_file_line_and_code(tmp_path):
    bad = broken_copy(tmp_path, 7, 26, "0999")

    result = run("events", str(bad))

    assert result.exit_code == 2
    assert result.stderr == (f"Error: {bad}:7: unknown CAMEO code '0999': the CAMEO 1.1b3 "
                             "table has no such code\n")


def test_of_two_unknown_codes_the_first_in_the_file_is_named(tmp_path):
    bad = broken_copy(tmp_path, 7, 26, "0999")
    lines = bad.read_text().splitlines(keepends=True)
    fields = lines[2].split("\t")
    fields[26] = "0888"
    lines[2] = "\t".join(fields)
    bad.write_text("".join(lines))

    result = run("events", str(bad))

    assert result.stderr.startswith(f"Error: {bad}:3: unknown CAMEO code '0888'")


def test_a_bad_date_names_file_and_line(tmp_path):
    bad = broken_copy(tmp_path, 12, 1, "20241345")

    result = run("events", str(bad))

    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}:12: SQLDATE 20241345 is not a date (YYYYMMDD)\n"


def test_a_row_of_the_wrong_width_names_file_and_line(tmp_path):
    bad = broken_copy(tmp_path, 5, 40, None)

    result = run("events", str(bad))

    assert result.exit_code == 2
    assert result.stderr == (f"Error: {bad}:5: 60 columns, not the 61 of a GDELT 2.0 event "
                             "export\n")


def test_an_error_in_a_zip_names_the_archive(tmp_path):
    import zipfile

    bad = broken_copy(tmp_path, 3, 26, "0999")
    archive = tmp_path / "20240101000000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(bad, bad.name)

    result = run("events", str(archive))

    assert result.stderr.startswith(f"Error: {archive}:3: unknown CAMEO code '0999'")


def test_a_missing_file_is_one_line(tmp_path):
    result = run("events", str(tmp_path / "nothing.CSV"))

    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nothing.CSV'}: no such file\n"


def test_a_csv_without_the_required_columns_is_refused(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("day,source,target,cameo\n2024-01-01,FRA,DEU,057\n")

    result = run("events", str(events), "--format", "csv")

    assert result.exit_code == 2
    assert f"Error: {events}:1: the header must name the columns" in result.stderr


def test_an_event_without_a_day_names_file_and_line(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("date,source,target,cameo\n2024-01-01,FRA,DEU,057\n,FRA,DEU,057\n")

    result = run("events", str(events), "--format", "csv")

    assert result.exit_code == 2
    assert result.stderr == f"Error: {events}:3: date is empty: every event needs a day\n"


def test_blank_lines_do_not_shift_the_line_an_error_names(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("date,source,target,cameo\n2024-01-01,FRA,DEU,057\n\n"
                      "2024-01-02,FRA,DEU,0999\n")

    result = run("events", str(events), "--format", "csv")

    assert result.stderr.startswith(f"Error: {events}:4: unknown CAMEO code '0999'")


def test_a_blank_line_in_an_export_does_not_shift_the_line_either(tmp_path):
    bad = broken_copy(tmp_path, 7, 26, "0999")
    lines = bad.read_text().splitlines(keepends=True)
    bad.write_text("".join([*lines[:2], "\n", *lines[2:]]))

    result = run("events", str(bad))

    assert result.stderr.startswith(f"Error: {bad}:8: unknown CAMEO code '0999'")


def test_a_csv_row_shorter_than_its_header_names_file_and_line(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("date,source,target,cameo,url\n2024-01-01,FRA,DEU,057,https://a.example\n"
                      "2024-01-02,FRA,DEU,057\n")

    result = run("events", str(events), "--format", "csv")

    assert result.exit_code == 2
    assert result.stderr == f"Error: {events}:3: 4 columns, not the header's\n"


def test_nothing_is_written_when_the_import_fails(tmp_path):
    bad = broken_copy(tmp_path, 7, 26, "0999")
    out = tmp_path / "ties.trig"

    run("events", str(bad), "-o", str(out))

    assert not out.exists()


def test_gdelt_sample_writes_zipped_exports(tmp_path):
    result = run("gdelt-sample", str(tmp_path / "demo"), "--events", "500", "--files", "2",
                 "--zip")

    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == [
        "20240101000000.export.CSV.zip", "20240702001500.export.CSV.zip"]
    shutil.rmtree(tmp_path / "demo")
