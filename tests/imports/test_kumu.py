"""Kumu's layout: a map without quotes is refused unless --no-quotes; each
column that does not map is named; a scenario exports to Kumu's sheets."""

from __future__ import annotations

import io

import pytest
from conftest import ROOT
from openpyxl import load_workbook

from kg.imports.sheets import SheetErrors, export_kumu, import_kumu
from kg.rdf.load import load
from kg.rdf.namespaces import KG, KGC, KGR
from kg.rdf.validate import validate
from kg.sparql.stats import stats

#: A Kumu map of the isles, as Kumu exports it: no quotes, a Tags and an Image
#: column, a Type that names no class of the ontology.
MAP = ROOT / "tests" / "imports" / "fixtures" / "kumu" / "isles-map.xlsx"


def test_a_map_without_quotes_is_refused(tmp_path):
    with pytest.raises(SheetErrors) as err:
        import_kumu(MAP, output=tmp_path / "out")

    assert "--no-quotes" in err.value.lines[0]
    assert not (tmp_path / "out").exists()


def test_no_quotes_marks_every_statement_and_names_dropped_columns(tmp_path):
    done = import_kumu(MAP, output=tmp_path / "isles", no_quotes=True)

    assert done.notes == [
        "Elements column Tags: kg has no tags: dropped",
        "Elements column Image: no kg column for it: dropped",
        "Elements column Type: 'land of plenty' name no actor class of the ontology; those "
        "elements are plain actors",
        "Connections column Label: a connection's label is not kept (its kind names it): "
        "dropped",
        "Connections column Tags: kg has no tags: dropped",
    ]
    written = load([tmp_path / "isles"], check_terms=False, with_ontology=False)
    assert (KGR.avalon, KG.strategicPartnerOf, KGR.brigadoon) in written
    assert (KGR.cockaigne, KG.rivalOf, KGR.brigadoon) in written
    assert len(set(written.subjects(KG.assertionMode, KGC.unquoted))) == 5
    scenario = load([tmp_path / "isles"])
    assert validate(scenario).conforms
    assert stats(scenario).unquoted == 5


def test_a_scenario_exports_to_kumu_sheets_and_back(tmp_path):
    scenario = ROOT / "data" / "triangle-1969-1972"
    data = export_kumu(load([scenario]))
    (tmp_path / "map.xlsx").write_bytes(data)
    book = load_workbook(io.BytesIO(data))

    done = import_kumu(tmp_path / "map.xlsx", output=tmp_path / "back")

    assert book.sheetnames == ["Elements", "Connections"]
    assert [c.value for c in book["Connections"][1]][:7] == [
        "From", "To", "Type", "Direction", "Label", "Description", "Tags"]
    relations = len(set(load([scenario]).subjects(predicate=KG.relationKind)))
    assert len(set(load([tmp_path / "back"]).subjects(predicate=KG.relationKind))) == relations
    assert done.notes and all(note.endswith("dropped") for note in done.notes)
