"""docs/images/data-model.svg is drawn from the shipped data and is current."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, script
from rdflib import Dataset

from kg.errors import KGError
from kg.rdf.namespaces import KG, KGR

DIAGRAM = script("scripts/data_model_diagram.py")


def test_committed_svg_is_what_the_script_draws_now(summit):
    drawn = DIAGRAM.svg(summit)

    assert (ROOT / "docs" / "images" / "data-model.svg").read_bytes() == drawn, \
        "docs/images/data-model.svg is stale: run python scripts/data_model_diagram.py"


def test_svg_is_byte_identical_on_rerun_and_undated(summit):
    first, second = DIAGRAM.svg(summit), DIAGRAM.svg(summit)

    assert first == second
    assert b"<dc:date>" not in first


def test_fact_is_read_from_the_data_with_its_direct_triple(summit):
    fact = DIAGRAM.statement(summit, DIAGRAM.FACT)

    assert fact.direct == KG.defensePartnerOf
    assert fact.claimant is None
    assert fact.quote in (ROOT / "data" / "summit-2025" / "putin-india-visit-2025.txt").read_text()


def test_claim_is_read_with_its_claimant_and_no_direct_triple(summit):
    claim = DIAGRAM.statement(summit, DIAGRAM.CLAIM)

    assert claim.claimant == KGR["cna"]
    assert claim.direct is None
    assert claim.types == ("kg:Claim", "kg:Relation")


def test_statement_missing_a_part_is_an_error_naming_it():
    with pytest.raises(KGError, match="kgr:rel-india-us-military-exercises has no"):
        DIAGRAM.statement(Dataset(), DIAGRAM.FACT)


def test_trig_excerpts_of_the_explanations_are_copied_from_the_data():
    data = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").rglob("*.trig"))]
    pages = sorted((ROOT / "docs" / "explanations").glob("*.md"))
    trig = re.compile(r"```trig\n(.*?)```", re.S)
    excerpts = [(page.name, block) for page in pages
                for block in trig.findall(page.read_text(encoding="utf-8"))]

    stale = [(name, block.splitlines()[0]) for name, block in excerpts
             if not any(block in text for text in data)]

    assert excerpts and not stale
