"""What kg import events reads: folders, file names DuckDB would glob, zip
archives within bounds, and dates at any precision."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.imports import events_read
from kg.imports.events import import_events

FIXTURE = Path(__file__).parent / "fixtures" / "events.tsv"


def run(*args: str):
    return CliRunner().invoke(main, ["import", "events", *args])


def zipped(path: Path, text: str | bytes, name: str = "events.tsv") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
    return path


def test_a_name_with_glob_characters_is_that_one_file(tmp_path):
    (tmp_path / "ev*.tsv").write_text(FIXTURE.read_text())
    (tmp_path / "ev-secret.tsv").write_text(FIXTURE.read_text())

    result = import_events([str(tmp_path / "ev*.tsv")])

    assert result.events == 300


def test_a_glob_named_file_with_a_bad_line_is_named_as_given(tmp_path):
    rows = FIXTURE.read_text().splitlines(keepends=True)
    rows[3] = rows[3].replace("\t20240101\t", "\t20241345\t", 1)
    bad = tmp_path / "[ev]?.tsv"
    bad.write_text("".join(rows))

    with pytest.raises(KGError) as caught:
        import_events([str(bad)])

    assert str(caught.value) == f"{bad}:4: SQLDATE 20241345 is not a date (YYYYMMDD)"


def test_a_zip_that_grows_too_much_is_refused(tmp_path):
    bomb = zipped(tmp_path / "bomb.zip", b"\0" * (8 << 20))

    with pytest.raises(KGError) as caught:
        import_events([str(bomb)])

    assert str(caught.value) == (f"{bomb}: unzips to more than {events_read.MAX_RATIO} times "
                                 "its size; not an event export (a zip bomb?)")


def test_zips_beyond_the_total_cap_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(events_read, "MAX_UNZIPPED", 100_000)
    archive = zipped(tmp_path / "a.zip", FIXTURE.read_text())

    with pytest.raises(KGError, match="unzip to more than 0 GB together: import them in parts"):
        import_events([str(archive)])


def test_a_folder_is_its_event_files_in_name_order(tmp_path):
    text = FIXTURE.read_text()
    (tmp_path / "20240101000000.export.CSV").write_text(text)
    zipped(tmp_path / "20240101001500.export.CSV.zip", text, "20240101001500.export.CSV")
    (tmp_path / "20240101000000.mentions.CSV").write_text("not events\n")
    (tmp_path / "README.txt").write_text("not events\n")

    result = import_events([str(tmp_path)])

    assert [Path(f).name for f in result.files] == [
        "20240101000000.export.CSV", "20240101001500.export.CSV.zip"]
    assert result.events == 600


def test_a_folder_without_event_files_is_one_line(tmp_path):
    result = run(str(tmp_path))

    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path}: the folder holds no event files "
                             "(names ending in .csv, .tsv or .zip)\n")


def test_from_and_to_take_a_year_or_a_month():
    # the fixture's events are dated January to March 2024
    year = run(str(FIXTURE), "--from", "2024", "--to", "2024")
    months = run(str(FIXTURE), "--from", "2024-02", "--to", "2024-02")
    days = run(str(FIXTURE), "--from", "2024-02-01", "--to", "2024-02-29")

    assert year.exit_code == 0, year.output
    assert "left out by the filters" not in year.stderr
    assert "205 left out by the filters" in months.stderr
    assert months.stderr == days.stderr


def test_a_date_that_is_none_is_one_line():
    result = run(str(FIXTURE), "--from", "2024-13")

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --from: '2024-13' is not a date")


def test_an_actors_file_naming_an_iso_state_maps_to_that_state(tmp_path):
    (tmp_path / "actors.csv").write_text("UK,United Kingdom\nFR,fra\n")
    (tmp_path / "events.csv").write_text("date,source,target,cameo\n"
                                         "2024-01-05,UK,FR,036\n2024-01-06,GBR,FRA,036\n")

    result = import_events([str(tmp_path / "events.csv")], format="csv",
                           actors_file=str(tmp_path / "actors.csv"))

    assert {(t.source.iri, t.target.iri, t.events) for t in result.ties} == {
        ("https://w3id.org/kg-relations/id/state-gbr",
         "https://w3id.org/kg-relations/id/state-fra", 2)}


def test_an_actors_label_that_is_only_an_iso_alpha2_code_is_a_new_actor(tmp_path):
    (tmp_path / "actors.csv").write_text("AFU,AU\n")
    (tmp_path / "events.csv").write_text("date,source,target,cameo\n2024-01-05,AFU,USA,036\n")

    result = import_events([str(tmp_path / "events.csv")], format="csv",
                           actors_file=str(tmp_path / "actors.csv"))

    assert [(t.source.iri.rsplit("/", 1)[-1], t.source.label) for t in result.ties] == [
        ("actor-au", "AU")]
