"""kg import sheet: every wrong cell reported at once with sheet, row and
column; nothing written; quotes checked against the source's local copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

BAD = Path(__file__).parent / "fixtures" / "sheets" / "bad"


def kg_import_sheet(*args):
    return CliRunner().invoke(main, ["import", "sheet", *args])


def test_a_sheet_with_several_errors_reports_each_and_writes_nothing(tmp_path):
    result = kg_import_sheet(str(BAD), "-o", str(tmp_path / "out"))

    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert lines[0].startswith("Error: actors.csv row 3, column class: 'kingdom' is not a kind "
                               "of actor; use one of: Actor, ActorGroup, ")
    assert lines[1].startswith("Error: relations.csv row 2, column kind: 'alliance-ish' is not a "
                               "relation kind; use one of: adversary, alignment, alliance, ")
    assert lines[2:] == [
        "Error: relations.csv row 3, column to: 'lyonesse' is not an id of the actors sheet; "
        "use one of: avalon, brigadoon",
        "Error: relations.csv row 4, column start: '1911-13' is not a date; write a year (1972), "
        "a month (1972-02) or a day (1972-02-21)",
        "Error: relations.csv row 5, column quote: is empty; The source's exact words that "
        "support the row (required; checked against the local copy of the source when it has "
        "one).",
    ]
    assert "5 problem(s)" in result.output
    assert not (tmp_path / "out").exists()


def test_a_quote_not_in_the_local_copy_names_its_row_and_column(tmp_path):
    sheets = tmp_path / "sheets"
    shutil.copytree(BAD, sheets)
    (sheets / "actors.csv").write_text(
        "id,label,class,quote,source\n"
        "avalon,Avalon,State,Avalon and Brigadoon signed the Treaty of the Isles.,chronicle\n"
        "brigadoon,Brigadoon,State,Brigadoon sank beneath the waves.,chronicle\n",
        encoding="utf-8")
    (sheets / "relations.csv").write_text(
        "from,to,kind,quote,source\n"
        "avalon,brigadoon,economic-cooperation,Avalon and Brigadoon traded freely from 1911.,"
        "chronicle\n", encoding="utf-8")

    result = kg_import_sheet(str(sheets), "-o", str(tmp_path / "out"))

    assert result.exit_code == 1
    assert "Error: actors.csv row 3, column quote: quote not found verbatim in chronicle.txt: " \
        "'Brigadoon ' matches, then 'sank beneath the waves.' does not" in result.output
    assert not (tmp_path / "out").exists()


def test_a_good_sheet_gets_its_source_copy_beside_the_scenario(tmp_path):
    sheets = tmp_path / "sheets"
    shutil.copytree(BAD, sheets)
    (sheets / "actors.csv").write_text(
        "id,label,class,quote,source\n"
        "avalon,Avalon,State,Avalon and Brigadoon signed the Treaty of the Isles.,chronicle\n"
        "brigadoon,Brigadoon,State,Avalon and Brigadoon signed the Treaty of the Isles.,"
        "chronicle\n", encoding="utf-8")
    (sheets / "relations.csv").write_text(
        "from,to,kind,start,quote,source\n"
        "avalon,brigadoon,economic-cooperation,1911,Avalon and Brigadoon traded freely from "
        "1911.,chronicle\n", encoding="utf-8")

    result = kg_import_sheet(str(sheets), "-o", str(tmp_path / "isles"))

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "isles").iterdir()) == ["chronicle.txt",
                                                                      "isles.trig"]
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "isles")]).output == \
        "conforms\n"
