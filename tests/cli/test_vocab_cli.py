"""`kg vocab`: a term of the ontology looked up from the terminal."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import main


def vocab(*args: str):
    return CliRunner().invoke(main, ["vocab", *args])


def test_vocab_is_a_command_of_kg():
    assert "vocab" in main.commands


def test_vocab_shows_the_card_of_a_property_given_by_its_curie():
    result = vocab("kg:presentedBy")

    assert result.exit_code == 0
    assert result.output.splitlines()[:4] == [
        "kg:presentedBy (object property)",
        "  label         presented by",
        "  comment       The person, or the holder of a post, who brought a proposal to the table",
        "                on the proposer's behalf.",
    ]
    assert "  refines       rdfs:subPropertyOf prov:wasAttributedTo\n" in result.output
    assert ("  example       kgr:smr-proposal kg:presentedBy kgr:post-rosatom-chief .  "
            "(summit-2025)\n") in result.output


def test_vocab_finds_a_term_by_its_label():
    result = vocab("strategic partnership")

    assert result.exit_code == 0
    assert result.output.startswith("kgc:strategic-partnership (concept)\n")
    assert "  facts         kg:defaultPolarity 1\n" \
           "                kg:truthyProperty kg:strategicPartnerOf\n" in result.output


def test_vocab_finds_a_term_by_its_full_iri():
    result = vocab("https://w3id.org/kg-relations/ontology#actingBody")

    assert result.exit_code == 0
    assert result.output.startswith("kg:actingBody (object property)\n")
    assert "  domain        kg:StatusChange\n  range         kg:Actor\n" in result.output


def test_vocab_finds_a_cameo_code_with_its_goldstein_value():
    result = vocab("1312")

    assert result.exit_code == 0
    assert result.output.startswith("kgc:cameo-1312 (concept)\n"
                                    "  label         threaten to boycott, embargo, or sanction\n")
    assert "kg:goldstein -5.8\n" in result.output


def test_vocab_names_the_queries_that_use_a_term():
    result = vocab("kg:Pressure")

    queries = next(line for line in result.output.splitlines() if "queries" in line)
    assert "pressures-on" in queries


def test_vocab_without_a_term_lists_the_terms_by_kind():
    result = vocab()
    rows = [line.split() for line in result.output.splitlines()]

    assert result.exit_code == 0
    assert ["class", "kg:Actor", "actor"] in rows
    assert ["datatype", "property", "kg:weight", "weight"] in rows
    assert ["concept", "scheme", "kgc:Cameo", "CAMEO", "event", "classes", "(311",
            "concepts)"] in rows
    assert ["concept", "kgc:cameo-13", "threaten"] in rows
    assert not any("kgc:cameo-1312" in row for row in rows)  # long schemes: top concepts


def test_vocab_lists_the_terms_a_part_of_a_name_matches():
    result = vocab("PartnerOf")

    assert result.exit_code == 0
    assert [line.split()[2] for line in result.output.splitlines()[2:]] == [
        "kg:defensePartnerOf", "kg:economicPartnerOf", "kg:strategicPartnerOf"]


def test_vocab_says_did_you_mean_for_an_unknown_term():
    result = vocab("kg:Stat")

    assert result.exit_code == 2
    assert result.output == "Error: no term of the ontology matches 'kg:Stat'; " \
                            "did you mean kg:State?\n"


def test_vocab_gives_the_card_as_json():
    result = vocab("kg:State", "--format", "json")
    card = json.loads(result.output)

    assert result.exit_code == 0
    assert card["term"] == "kg:State"
    assert card["refines"][0] == "rdfs:subClassOf kg:Actor"
    assert card["example"].endswith("(summit-2025)")


def test_vocab_card_lists_the_terms_below_a_concept():
    result = vocab("kgc:alliance")

    assert "  narrower      kgc:atop-consultation, kgc:atop-defense, kgc:atop-neutrality," \
        in result.output
