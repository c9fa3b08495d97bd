"""Hostile spreadsheets: a local copy never leaves its folders, a workbook's
size is checked before it is unpacked, broken parts are one-line errors, and
text that looks like a formula is written as text."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from rdflib import RDFS, Literal

from kg.cli import main
from kg.errors import KGError
from kg.imports import sheet_io
from kg.imports import sheets as sheets_module
from kg.imports.sheet_build import Built, Vocab
from kg.imports.sheet_io import read_tables, workbook_bytes
from kg.imports.sheets import _write, example_tables, export_kumu, export_workbook, template
from kg.rdf.load import load, load_ontology
from kg.rdf.namespaces import KG, KGR

BAD = Path(__file__).parent / "fixtures" / "sheets" / "bad"
HOSTILE = Path(__file__).parent / "fixtures" / "sheets" / "hostile"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
#: The part of the template that holds its sources sheet.
SOURCES_PART = "xl/worksheets/sheet2.xml"
FORMULA = '=HYPERLINK("http://x","y")'


def kg(*args):
    return CliRunner().invoke(main, list(args))


def good_sheets(tmp_path: Path, local_copy: str = "chronicle.txt") -> Path:
    """The isles as a CSV folder that imports, with ``local_copy`` as its source's copy."""
    sheets = tmp_path / "project" / "sheets"
    shutil.copytree(BAD, sheets)
    (sheets / "actors.csv").write_text(
        "id,label,class,quote,source\n"
        "avalon,Avalon,State,Avalon and Brigadoon signed the Treaty of the Isles.,chronicle\n",
        encoding="utf-8")
    (sheets / "relations.csv").write_text("from,to,kind,quote,source\n", encoding="utf-8")
    (sheets / "sources.csv").write_text(
        "id,title,local copy\nchronicle,A Chronicle of the Isles,chronicle.txt\n"
        f"appendix,An appendix,{local_copy}\n", encoding="utf-8")
    return sheets


def hostile_workbook(tmp_path: Path, parts: dict[str, bytes | str], name="book.xlsx") -> Path:
    """The template with some of its zip parts replaced."""
    template(tmp_path / "template.xlsx")
    target = tmp_path / name
    with zipfile.ZipFile(tmp_path / "template.xlsx") as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, parts.get(info.filename, source.read(info.filename)))
    return target


def sources_sheet(rows: str, dimension: str = "A1:A1") -> str:
    return (f'<worksheet {NS}><dimension ref="{dimension}"/><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
            f'{rows}</sheetData></worksheet>')


# -- local copies ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../secret.txt", "/etc/hostname", "notes/appendix.txt",
                                  "notes\\appendix.txt", "..", "appendix\0.txt"])
def test_a_local_copy_that_is_no_plain_file_name_is_a_problem_of_its_cell(tmp_path, name):
    sheets = good_sheets(tmp_path, local_copy=name)

    result = kg("import", "sheet", str(sheets), "-o", str(tmp_path / "project" / "out"))

    assert result.exit_code == 1, result.output
    assert "Error: sources.csv row 3, column local copy: " in result.output
    assert "plain file name" in result.output
    assert not (tmp_path / "project" / "out").exists()


def test_the_hostile_fixture_of_the_readme_is_refused_cell_by_cell(tmp_path):
    result = kg("import", "sheet", str(HOSTILE), "-o", str(tmp_path / "out"))

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: sources.csv row 2, column local copy: '../../.ssh/authorized_keys' is not a "
        "plain file name: give the name of a file beside the workbook (no folder, no / or \\, "
        "no ..)",
        f"1 problem(s) in {HOSTILE}; nothing written"]
    assert not (tmp_path / "out").exists()


def test_the_repro_of_a_local_copy_into_the_home_folder_writes_nothing(tmp_path):
    sheets = good_sheets(tmp_path, local_copy="../.ssh/authorized_keys")
    (tmp_path / "project" / ".ssh").mkdir()
    (tmp_path / "project" / ".ssh" / "authorized_keys").write_text("attacker\n")

    result = kg("import", "sheet", str(sheets), "-o", str(tmp_path / "scen"))

    assert result.exit_code == 1
    assert not (tmp_path / "scen").exists()
    assert not (tmp_path / ".ssh").exists()


def test_a_local_copy_stated_elsewhere_cannot_leave_the_output_folder(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "secret.txt").write_text("secret\n")
    built = Built(quads=[(KGR.appendix, KG.localCopy, Literal("../secret.txt"), KGR.graph)])

    with pytest.raises(KGError, match="not inside"):
        _write(built, {}, output=tmp_path / "out" / "deep", sources=tmp_path / "sources" / "x")

    assert not (tmp_path / "out").exists()


def test_a_source_file_that_links_out_of_its_folder_is_not_copied(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "secret.txt").write_text("secret\n")
    (tmp_path / "sources" / "appendix.txt").symlink_to(tmp_path / "secret.txt")
    built = Built(quads=[(KGR.appendix, KG.localCopy, Literal("appendix.txt"), KGR.graph)])

    with pytest.raises(KGError, match="not inside"):
        _write(built, {}, output=tmp_path / "out", sources=tmp_path / "sources")

    assert not (tmp_path / "out").exists()


def test_a_copy_that_cannot_be_written_leaves_no_scenario_behind(tmp_path):
    sheets = good_sheets(tmp_path, local_copy="chronicle.txt")
    out = tmp_path / "isles"
    out.mkdir()
    (out / "chronicle.txt").symlink_to(tmp_path / "elsewhere.txt")  # dangling: no file yet

    result = kg("import", "sheet", str(sheets), "-o", str(out))

    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["chronicle.txt"]
    assert not (tmp_path / "elsewhere.txt").exists()


def test_a_scenario_that_fails_to_write_takes_its_copies_and_folder_with_it(tmp_path,
                                                                             monkeypatch):
    sheets = good_sheets(tmp_path)

    def fail(path, data):
        raise KGError("disk full", file=str(path))

    monkeypatch.setattr(sheets_module, "atomic_write", fail)

    with pytest.raises(KGError, match="disk full"):
        sheets_module.import_sheets(sheets, output=tmp_path / "new" / "isles")

    assert not (tmp_path / "new").exists()


# -- sizes and broken parts --------------------------------------------------------------


def test_a_sheet_that_claims_the_whole_grid_costs_only_its_cells(tmp_path, monkeypatch):
    book = hostile_workbook(tmp_path, {SOURCES_PART: sources_sheet(
        '<row r="3000"><c r="XFD3000" t="inlineStr"><is><t>x</t></is></c></row>',
        dimension="A1:XFD1048576")})
    calls = []
    monkeypatch.setattr(sheet_io, "cell_text", lambda v: calls.append(v) or str(v or ""))

    tables, _ = read_tables(book)

    assert tables["sources"].rows == []
    assert len(calls) < 10_000


def test_a_sheet_longer_than_the_row_cap_is_refused(tmp_path, monkeypatch):
    book = hostile_workbook(tmp_path, {SOURCES_PART: sources_sheet(
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        dimension="A1:XFD1048576")})
    monkeypatch.setattr(sheet_io, "MAX_ROWS", 5_000)

    with pytest.raises(KGError, match=r"sheet sources: more than 5,000 rows") as err:
        read_tables(book)

    assert err.value.file == str(book)


def test_a_deflate_bomb_is_refused_before_it_is_unpacked(tmp_path):
    book = hostile_workbook(tmp_path, {SOURCES_PART: sources_sheet(
        '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "A" * 20 * 2**20 + "</t></is></c></row>")})

    with pytest.raises(KGError, match=r"xl/worksheets/sheet2.xml.* unpacks to \d+ times"):
        read_tables(book)


def test_a_workbook_that_unpacks_past_the_cap_is_refused(tmp_path, monkeypatch):
    template(tmp_path / "book.xlsx")
    monkeypatch.setattr(sheet_io, "MAX_UNPACKED", 100_000)

    with pytest.raises(KGError, match=r"unpacks to [\d,]+ bytes, more than kg reads \(100,000\)"):
        read_tables(tmp_path / "book.xlsx")


@pytest.mark.parametrize("xml, why", [
    (sources_sheet('<row r="2"><c r="A2" t="inlineStr"><is><t>cut'), "mismatched tag"),
    (sources_sheet('<row r="2"><c r="A2" r="B2" t="inlineStr"><is><t>x</t></is></c></row>'),
     "duplicate attribute"),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
     + sources_sheet('<row r="2"><c r="A2" t="inlineStr"><is><t>&e;</t></is></c></row>'),
     "undefined entity"),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
     + "".join(f'<!ENTITY a{i} "' + f"&a{i - 1 if i > 1 else ''};" * 10 + '">'
               for i in range(1, 9))
     + "]>" + sources_sheet('<row r="2"><c r="A2" t="inlineStr"><is><t>&a8;</t></is></c></row>'),
     "amplification"),
], ids=["cut", "bad-cell", "external-entity", "entity-expansion"])
def test_a_broken_sheet_is_a_one_line_error_naming_file_and_sheet(tmp_path, xml, why):
    book = hostile_workbook(tmp_path, {SOURCES_PART: xml})

    result = kg("import", "sheet", str(book), "-o", str(tmp_path / "out"))

    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {book}: ")
    assert "sheet sources" in result.output or "workbook" in result.output
    assert why in result.output
    assert len(result.output.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_no_zip_is_refused(tmp_path):
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not really a zip")

    with pytest.raises(KGError, match="not a workbook"):
        read_tables(tmp_path / "book.xlsx")


def test_a_kumu_map_with_a_broken_sheet_is_a_one_line_error(tmp_path):
    data = export_kumu(load([FIXTURES / "dated.trig"]))
    (tmp_path / "map.xlsx").write_bytes(data)
    with zipfile.ZipFile(tmp_path / "map.xlsx") as z:
        part = next(n for n in z.namelist() if n.endswith("sheet1.xml"))
    cut = (f'<worksheet {NS}><dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" '
           't="inlineStr"><is><t>Label</t></is></c></row><row r="2"><c')
    broken = hostile_zip(tmp_path / "map.xlsx", {part: cut})

    result = kg("import", "kumu", str(broken), "-o", str(tmp_path / "out"))

    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {broken}: sheet Elements: cannot read it: ")
    assert len(result.output.splitlines()) == 1


def hostile_zip(path: Path, parts: dict[str, str]) -> Path:
    target = path.with_name("hostile-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, parts.get(info.filename, source.read(info.filename)))
    return target


def test_a_csv_cell_past_the_field_limit_is_a_one_line_error(tmp_path):
    sheets = good_sheets(tmp_path)
    (sheets / "actors.csv").write_text("id,label,note\navalon,Avalon," + "x" * 200_000 + "\n")

    result = kg("import", "sheet", str(sheets), "-o", str(tmp_path / "out"))

    assert result.exit_code == 2, result.output
    assert result.output == (f"Error: {sheets / 'actors.csv'}:2: a cell longer than 131,072 "
                             "characters (the CSV field limit)\n")


def test_a_csv_folder_past_the_size_cap_is_refused(tmp_path, monkeypatch):
    sheets = good_sheets(tmp_path)
    monkeypatch.setattr(sheet_io, "MAX_UNPACKED", 100)

    with pytest.raises(KGError, match=r"CSV files hold [\d,]+ bytes, more than kg reads \(100\)"):
        read_tables(sheets)


# -- formulas ----------------------------------------------------------------------------


def formulas_in(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [m for n in z.namelist() if n.startswith("xl/worksheets/")
                for m in re.findall(rb"<f>[^<]*</f>", z.read(n))]


def test_a_label_that_looks_like_a_formula_stays_text_in_the_workbook(tmp_path):
    tables = example_tables()
    tables["actors"].rows[0][1]["label"] = FORMULA
    data = workbook_bytes(tables, vocab=Vocab(load_ontology()))
    (tmp_path / "book.xlsx").write_bytes(data)

    again, _ = read_tables(tmp_path / "book.xlsx")

    assert formulas_in(data) == []
    assert again["actors"].rows[0][1]["label"] == FORMULA


@pytest.mark.parametrize("export", [export_workbook, export_kumu], ids=["xlsx", "kumu"])
def test_exports_write_formula_like_labels_and_quotes_as_text(export):
    scenario = load([FIXTURES / "dated.trig"])
    scenario.remove((KGR.avalon, RDFS.label, None))
    scenario.add((KGR.avalon, RDFS.label, Literal(FORMULA, lang="en")))
    for s, quote in list(scenario.subject_objects(KG.quote))[:1]:
        scenario.remove((s, KG.quote, quote))
        scenario.add((s, KG.quote, Literal("+" + str(quote))))

    data = export(scenario)

    assert formulas_in(data) == []
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(data), read_only=True)
    texts = {c for ws in book for row in ws.iter_rows(values_only=True) for c in row}
    assert FORMULA in texts
