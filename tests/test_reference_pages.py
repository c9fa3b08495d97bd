"""docs/reference/ (vocabulary, ontology page, named queries) comes from the code and is current."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, offline, script

from kg.rdf.load import load_ontology
from kg.rdf.vocab import vocabulary

TERMS = vocabulary(load_ontology())
REFERENCE = script("scripts/reference_pages.py")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The reference written afresh into a scratch folder, with the network
    out of reach (pyLODE must work offline)."""
    folder = tmp_path_factory.mktemp("docs")
    with offline("the reference pages must not reach the network"):
        REFERENCE.write(folder)
    return folder


@pytest.mark.parametrize("name", [REFERENCE.MARKDOWN, REFERENCE.HTML, REFERENCE.QUERIES,
                                  REFERENCE.API])
def test_each_generated_reference_page_is_current(regenerated, name):
    assert (regenerated / name).read_bytes() == (ROOT / "docs" / "reference" / name).read_bytes(), (
        f"docs/reference/{name} is stale: run `make docs`")


def test_the_markdown_documents_every_term():
    text = (ROOT / "docs" / "reference" / "vocabulary.md").read_text(encoding="utf-8")
    sections = {line.split()[1] for line in text.splitlines() if line.startswith("### ")}
    rows = {line.split("`")[1] for line in text.splitlines() if line.startswith("| `")}

    missing = [t.curie for t in TERMS if t.curie not in (rows if t.kind == "concept"
                                                         else sections)]
    assert missing == []


def test_the_markdown_gives_an_example_and_the_queries_of_a_term():
    text = (ROOT / "docs" / "reference" / "vocabulary.md").read_text(encoding="utf-8")
    section = text.split("### kg:Pressure\n", 1)[1].split("\n### ", 1)[0]

    assert "| refines | `rdfs:subClassOf kg:Statement`, `skos:closeMatch prov:Influence` |" \
        in section
    assert "| example | `kgr:pressure-" in section
    assert "`pressures-on`" in section


def test_the_html_documents_every_class_and_property():
    text = (ROOT / "docs" / "reference" / "ontology.html").read_text(encoding="utf-8")
    owl = [t for t in TERMS if t.kind in ("class", "object property", "datatype property")]

    assert "<title>kg ontology of international actors, agreements and relations</title>" in text
    assert [t.curie for t in owl if f"<code>{t.iri}</code>" not in text] == []


def test_the_reference_does_not_depend_on_the_hash_seed():
    import os
    import subprocess

    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "reference_pages.py"),
                             "--check"], env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr[-500:]
