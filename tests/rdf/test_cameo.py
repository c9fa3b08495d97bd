"""The whole CAMEO event code table: every code with its Goldstein value and
QuadClass, built from GDELT's tables, usable by any data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import ROOT, script
from rdflib import SKOS, Dataset

from kg.errors import KGError
from kg.rdf.cameo import cameo_concept, cameo_table, lookup_code
from kg.rdf.load import load, load_ontology
from kg.rdf.validate import validate

ONTOLOGY = load_ontology()
TABLE = cameo_table(ONTOLOGY)


def test_the_ontology_holds_the_cameo_section_built_from_the_vendored_tables():
    build = script("scripts/build_cameo.py")
    text = (ROOT / "ontology" / "kg.ttl").read_text(encoding="utf-8")

    assert build.render(text, build.block()) == text, (
        "run `make docs` (scripts/build_cameo.py) to rebuild the CAMEO section")


def test_every_code_of_the_vendored_tables_is_a_concept():
    source = (ROOT / "ontology" / "cameo" / "CAMEO.goldsteinscale.txt").read_text()
    codes = {line.split("\t")[0] for line in source.splitlines()[1:]}

    assert codes | {"106"} == set(TABLE)
    assert len(TABLE) == 311
    assert sorted(c for c in TABLE if len(c) == 2) == [f"{n:02d}" for n in range(1, 21)]


@pytest.mark.parametrize(("code", "goldstein"), [
    ("030", "4.0"), ("046", "7.0"), ("050", "3.5"), ("057", "8.0"), ("061", "6.4"),
    ("062", "7.4"), ("1312", "-5.8"), ("16", "-4.0"), ("163", "-8.0"),
])
def test_goldstein_values_match_the_checked_domain_notes(code, goldstein):
    assert TABLE[code].goldstein == Decimal(goldstein)


@pytest.mark.parametrize(("root", "quad_class"), [
    ("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4),
])
def test_quad_class_follows_the_root_code_as_gdelt_assigns_it(root, quad_class):
    assert {c.quad_class for c in TABLE.values() if c.root == root} == {quad_class}


def test_every_code_but_a_root_has_its_parent_code_as_broader_concept():
    for code, entry in TABLE.items():
        broader = ONTOLOGY.value(entry.concept, SKOS.broader)
        if len(code) == 2:
            assert broader is None
        else:
            assert broader == cameo_concept(code[:-1]), code


def test_gdelts_defects_are_repaired():
    assert (TABLE["106"].label, TABLE["106"].goldstein) == ("demand withdrawal",
                                                            Decimal("-5.0"))
    assert TABLE["1056"].label == "demand de-escalation of military engagement"
    assert TABLE["044"].label == "meet at a third location"


def test_an_unknown_code_names_the_codes_under_its_nearest_known_parent():
    with pytest.raises(KGError, match=r"unknown CAMEO code 0581; codes under 05 "
                                      r"\(engage in diplomatic cooperation\): 050, .*, 057$"):
        lookup_code(ONTOLOGY, "0581")


def test_a_code_is_text_with_its_leading_zeros():
    with pytest.raises(KGError, match="not a CAMEO code: '57.0'"):
        cameo_concept("57.0")


SCENARIO = """
@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kgr:doc a kg:SourceDocument ; dcterms:title "A report" .
kgr:a a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Avalon" .
kgr:b a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Borduria" .
kgr:a kg:threatens kgr:b .
kgr:r a kg:Relation ; kg:fromActor kgr:a ; kg:toActor kgr:b ; kg:relationKind kgc:threat ;
    kg:polarity -1 ; kg:directed true ; kg:cameo kgc:cameo-1384 ; kg:weight -7.0 ;
    prov:wasDerivedFrom kgr:doc ; kg:quote "Avalon threatened to attack" .
"""


def test_data_may_use_any_code_of_the_codebook(tmp_path):
    (tmp_path / "threat.ttl").write_text(SCENARIO, encoding="utf-8")

    report = validate(load([tmp_path]))

    assert report.violations == ()


def test_a_weight_that_is_not_the_goldstein_value_of_any_code_is_reported(tmp_path):
    (tmp_path / "threat.ttl").write_text(SCENARIO.replace("-7.0 ;", "-5.0 ;"), encoding="utf-8")
    dataset = Dataset(default_union=True)
    dataset.default_graph.parse(tmp_path / "threat.ttl", format="turtle")

    messages = {v.message for v in validate(dataset).violations}

    assert messages == {"The weight is the Goldstein value of the CAMEO class: CAMEO 1384 "
                        "(threaten conventional attack) requires kg:weight -7.0, not -5.0."}
