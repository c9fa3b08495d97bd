"""kg template: every sheet, its headers, drop-downs drawn from the ontology,
example rows that import cleanly, the same bytes every time."""

from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook
from rdflib import SKOS

from kg.cli import main
from kg.imports.sheet_layout import SHEETS
from kg.imports.sheets import template
from kg.rdf.load import load, load_ontology
from kg.rdf.namespaces import KGC


def kg_import_sheet(*args):
    return CliRunner().invoke(main, ["import", "sheet", *args])


def test_template_has_a_sheet_per_kind_with_its_headers(tmp_path):
    target = tmp_path / "scenario.xlsx"

    result = CliRunner().invoke(main, ["template", str(target)])

    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == ["README", *(s.name for s in SHEETS), "lists"]
    for s in SHEETS:
        assert [c.value for c in book[s.name][1]] == s.headers
    assert book["lists"].sheet_state == "hidden"


def test_template_drop_downs_list_the_concepts_of_the_ontology(tmp_path):
    template(tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    lists = {col[0].value: [c.value for c in col[1:] if c.value]
             for col in book["lists"].iter_cols()}
    kinds = sorted(str(c).rpartition("/")[2]
                   for c in load_ontology().subjects(SKOS.inScheme, KGC.RelationKind))
    formulas = {str(dv.sqref).split(":")[0][:1]: dv.formula1
                for dv in book["relations"].data_validations.dataValidation}

    assert lists["scheme:RelationKind"] == kinds
    assert "kgc:cameo" not in lists and len(lists["scheme:Cameo"]) > 300
    assert formulas["D"] == "='lists'!$" + _column_of(lists, "scheme:RelationKind") + "$2:$" \
        + _column_of(lists, "scheme:RelationKind") + f"${len(kinds) + 1}"


def _column_of(lists: dict, spec: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(list(lists).index(spec) + 1)


def test_template_is_the_same_bytes_each_time(tmp_path):
    template(tmp_path / "a.xlsx")
    template(tmp_path / "b.xlsx")
    template(f"{tmp_path}/a/")
    template(f"{tmp_path}/b/")

    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(
        p.name for p in (tmp_path / "b").iterdir())
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes()


def test_template_examples_import_validate_and_render(tmp_path):
    template(tmp_path / "isles.xlsx")
    template(f"{tmp_path}/csv/")

    from_xlsx = kg_import_sheet(str(tmp_path / "isles.xlsx"), "-o", str(tmp_path / "x/isles"))
    from_csv = kg_import_sheet(str(tmp_path / "csv"), "-o", str(tmp_path / "y/isles"))

    assert from_xlsx.exit_code == 0, from_xlsx.output
    assert from_csv.exit_code == 0, from_csv.output
    written = (tmp_path / "x/isles/isles.trig").read_bytes()
    assert written == (tmp_path / "y/isles/isles.trig").read_bytes()
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "x/isles")]).stdout == \
        "conforms\n"
    page = CliRunner().invoke(main, ["render", str(tmp_path / "x/isles"), "-o",
                                     str(tmp_path / "isles.html")])
    assert page.exit_code == 0, page.output
    assert "Brigadoon" in (tmp_path / "isles.html").read_text(encoding="utf-8")


def test_one_relation_row_gives_the_statement_and_the_direct_triple(tmp_path):
    template(tmp_path / "isles.xlsx")
    kg_import_sheet(str(tmp_path / "isles.xlsx"), "-o", str(tmp_path / "isles"))
    data = load([tmp_path / "isles"], with_ontology=False)
    from kg.rdf.namespaces import KG, KGR

    assert (KGR.avalon, KG.economicPartnerOf, KGR.brigadoon) in data
    assert (KGR["rel-avalon-brigadoon-economic-cooperation"], KG.weight, None) in data
    # the defense rule: the treaty's two parties pledge defense to each other
    assert (KGR.avalon, KG.pledgesDefenseTo, KGR.brigadoon) in data
    assert (KGR.brigadoon, KG.pledgesDefenseTo, KGR.avalon) in data
    assert (KGR["treaty-of-the-isles-tie-avalon-brigadoon"], KG.directed, None) in data
