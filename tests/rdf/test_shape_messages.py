"""Shape messages say how to fix the data: the datatype a value needs, the
weight a CAMEO class requires; the new relation kinds validate."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import FIXTURES
from rdflib import Dataset

from kg.cli import main
from kg.rdf.validate import load_shapes, validate

SHAPES = load_shapes()
MESSAGES = FIXTURES / "shapes" / "messages"
PREFIXES = """
@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kgr:doc a kg:SourceDocument ; dcterms:title "A report" .
kgr:a a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Avalon" .
kgr:b a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Borduria" .
"""


def rivalry(weight: str, extra: str = "") -> str:
    return PREFIXES + f"""
kgr:a kg:rivalOf kgr:b .
kgr:r a kg:Relation ; kg:fromActor kgr:a ; kg:toActor kgr:b ; kg:relationKind kgc:rivalry ;
    kg:polarity -1 ; kg:directed false ; kg:weight {weight} ; {extra}
    prov:wasDerivedFrom kgr:doc ; kg:quote "old rivals" .
"""


def messages(text: str) -> set[str]:
    dataset = Dataset(default_union=True)
    dataset.default_graph.parse(data=text, format="turtle")
    return {v.message for v in validate(dataset, shapes=SHAPES).violations}


def test_an_integer_weight_is_told_to_be_written_as_a_decimal():
    assert messages(rivalry("-4")) == {"kg:weight -4 is an integer: write -4.0 (a decimal)."}


def test_an_integer_weight_outside_the_scale_gets_both_messages():
    assert messages(rivalry("-40")) == {
        "kg:weight -40 is an integer: write -40.0 (a decimal).",
        "A weight is on the Goldstein scale: between -10 and 10.",
    }


def test_a_weight_in_quotes_is_told_to_be_a_number():
    assert "A weight is a number written with a decimal point, such as -4.0 " \
           "(an xsd:decimal)." in messages(rivalry('"-4.0"'))


def test_an_integer_amount_is_told_to_be_written_as_a_decimal():
    text = PREFIXES + """
kgr:year a <http://www.w3.org/2006/time#Interval> .
kgr:o a kg:Observation ; kg:amount 10 ; schema:unitText "USD" ; kg:period kgr:year ;
    kg:valueKind kgc:actual ; prov:wasDerivedFrom kgr:doc ; kg:quote "trade of $10" .
"""
    assert messages(text) == {"kg:amount 10 is an integer: write 10.0 (a decimal)."}


def test_a_cameo_weight_mismatch_names_the_weight_the_code_requires():
    text = rivalry("-5.0", "kg:cameo kgc:cameo-16 ;")

    assert messages(text) == {"The weight is the Goldstein value of the CAMEO class: "
                              "CAMEO 16 (reduce relations) requires kg:weight -4.0, not -5.0."}


def test_validate_prints_how_to_fix_each_weight():
    result = CliRunner().invoke(main, ["validate", str(MESSAGES / "weights.ttl")])

    assert result.exit_code == 1
    assert result.stdout == (
        "Violation: kgr:rivals: kg:weight -4 is an integer: write -4.0 (a decimal).\n"
        "Violation: kgr:threat: The weight is the Goldstein value of the CAMEO class: "
        "CAMEO 1312 (threaten to boycott, embargo, or sanction) requires kg:weight -5.8, "
        "not -6.0.\n")


def alliance(direct: str) -> str:
    return PREFIXES + f"""
{direct}
kgr:pact a kg:Relation ; kg:fromActor kgr:a ; kg:toActor kgr:b ;
    kg:relationKind kgc:atop-defense ; kg:polarity 1 ; kg:directed true ;
    kg:cameo kgc:cameo-057 ; kg:weight 8.0 ;
    prov:wasDerivedFrom kgr:doc ; kg:quote "Avalon will defend Borduria" .
"""


def test_an_atop_defense_obligation_with_its_direct_triple_validates():
    assert messages(alliance("kgr:a kg:pledgesDefenseTo kgr:b .")) == set()


def test_an_atop_defense_obligation_needs_its_own_direct_triple():
    assert messages(alliance("kgr:a kg:alignedWith kgr:b .")) == {
        "The direct (truthy) triple is missing: state the tie also as kgr:from "
        "<kind's kg:truthyProperty> kgr:to (a claimed tie, with a kg:claimant, has none)."}


def test_a_stance_backing_the_target_of_a_pressure_validates():
    text = PREFIXES + """
kgr:c a kg:State ; prov:wasDerivedFrom kgr:doc ; kg:quote "Carpania" .
kgr:a kg:pressures kgr:b .
kgr:p a kg:Pressure ; kg:fromActor kgr:a ; kg:toActor kgr:b ; kg:relationKind kgc:pressure ;
    kg:polarity -1 ; kg:directed true ; kg:cameo kgc:cameo-163 ; kg:weight -8.0 ;
    kg:instrument kgc:tariff ; prov:wasDerivedFrom kgr:doc ; kg:quote "tariffs on Borduria" .
kgr:s a kg:Stance ; kg:claimant kgr:c ; kg:onStatement kgr:p ; kg:stanceKind kgc:backs-target ;
    prov:wasDerivedFrom kgr:doc ; kg:quote "Carpania stands by Borduria" .
"""
    assert messages(text) == set()
