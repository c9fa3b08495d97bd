"""Export a scenario as a workbook, import it back: the same statements,
graph by graph, dated ones included; the workbook is the same bytes each time."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from rdflib import BNode, Graph
from rdflib.compare import isomorphic

from kg.imports.sheet_build import Vocab, build
from kg.imports.sheet_export import scenario_quads, scenario_tables
from kg.imports.sheet_io import read_tables
from kg.imports.sheets import export_csv, export_workbook, graph_name
from kg.rdf.load import load, load_ontology

SCENARIOS = [ROOT / "data" / "summit-2025", ROOT / "data" / "triangle-1969-1972",
             FIXTURES / "dated.trig"]


def _graphs(quads) -> dict:
    out: dict = {}
    for s, p, o, g in quads:
        out.setdefault(g, Graph()).add((s, p, o))
    return out


def _read_back(path, tmp_path, vocab):
    tables, problems = read_tables(path)
    assert problems == []
    built = build(tables.values(), ontology=vocab.ontology, graph=graph_name(tmp_path / "x"),
                  vocab=vocab)
    assert built.problems == []
    return built.quads


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.name)
def test_export_then_import_gives_the_same_statements(scenario, tmp_path):
    original = scenario_quads(load([scenario]))
    (tmp_path / "book.xlsx").write_bytes(export_workbook(load([scenario])))

    again = _read_back(tmp_path / "book.xlsx", tmp_path, Vocab(load_ontology()))

    before, after = _graphs(original), _graphs(again)
    assert sorted(map(str, before)) == sorted(map(str, after))
    for name, graph in before.items():
        assert isomorphic(graph, after[name]), name
    assert any(isinstance(n, BNode) for q in again for n in q)  # dates came back


def test_csv_folder_round_trip_too(tmp_path):
    scenario = ROOT / "data" / "triangle-1969-1972"
    for name, text in export_csv(load([scenario])).items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    again = _read_back(tmp_path, tmp_path, Vocab(load_ontology()))

    original = Graph()
    original.addN((s, p, o, original) for s, p, o, _ in scenario_quads(load([scenario])))
    merged = Graph()
    merged.addN((s, p, o, merged) for s, p, o, _ in again)
    assert isomorphic(original, merged)


def test_the_named_sheets_hold_most_of_a_shipped_scenario():
    tables = scenario_tables(load([ROOT / "data" / "triangle-1969-1972"]),
                             vocab=Vocab(load_ontology()))

    rows = {n: len(t.rows) for n, t in tables.items()}
    assert rows["actors"] > 5 and rows["relations"] > 5 and rows["events"] > 3
    assert any(c.get("start") for _, c in tables["relations"].rows)
    assert any(c.get("date") for _, c in tables["events"].rows)


def test_the_exported_workbook_is_the_same_bytes_each_time():
    scenario = ROOT / "data" / "summit-2025"

    assert export_workbook(load([scenario])) == export_workbook(load([scenario]))


def test_a_shipped_scenario_imports_back_through_the_command_and_validates(tmp_path):
    scenario = ROOT / "data" / "triangle-1969-1972"
    (tmp_path / "book.xlsx").write_bytes(export_workbook(load([scenario])))
    from kg.cli import main

    result = CliRunner().invoke(main, ["import", "sheet", str(tmp_path / "book.xlsx"),
                                       "--sources", str(scenario), "-o", str(tmp_path / "back")])

    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "back")]).stdout == "conforms\n"
