"""The shared reading rules (kg.rdf.sources): which JSON-LD contexts are
references, how the ontology's own context is put inline, and that a
quote is checked only against a copy inside the data folder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from kg.errors import KGError
from kg.rdf.load import load
from kg.rdf.shipped import context_path, ontology_dir
from kg.rdf.sources import CONTEXT_IRI, inline_contexts, shipped_context
from kg.rdf.validate import quote_violations


def test_the_shipped_context_is_put_inline_on_the_line_of_the_reference():
    text = ('{\n  "@context": [\n    "' + CONTEXT_IRI + '",\n    {"ex": "http://example.org/"}\n'
            '  ],\n  "@id": "kgr:a"\n}')

    inlined = inline_contexts(text, file="a.jsonld")

    assert inlined.count("\n") == text.count("\n")
    assert json.loads(inlined)["@context"] == [shipped_context(), {"ex": "http://example.org/"}]


@pytest.mark.parametrize("text", [
    '{"@context": {"ex": "http://example.org/"}, "ex:p": "@context", "ex:q": "http://x/"}',
    '{"@context": {"ex": "http://example.org/"}, "ex:p": ["@context", "http://x/"]}',
    '{"@context": null, "http://example.org/p": "say \\"@context\\": \\"http://x/\\""}',
    '{"@context": [null, {"ex": "http://example.org/"}], "@id": "ex:a"}',
], ids=["value", "array-value", "quoted-in-a-literal", "null"])
def test_text_that_only_looks_like_a_reference_is_left_alone(text):
    assert inline_contexts(text, file="a.jsonld") == text


def test_the_ontology_context_may_be_named_only_as_a_context_not_imported():
    text = '{"@context": {"@version": 1.1, "@import": "' + CONTEXT_IRI + '"}}'

    with pytest.raises(KGError, match=r"^a\.jsonld:1: JSON-LD @import "):
        inline_contexts(text, file="a.jsonld")


def test_a_long_reference_is_shortened_in_the_one_line_error():
    text = '{"@context": "data:application/json,' + "x" * 5000 + '\\n"}'

    with pytest.raises(KGError) as info:
        inline_contexts(text, file="a.jsonld")

    assert len(str(info.value)) < 400
    assert "\n" not in str(info.value)


def test_a_document_nested_too_deeply_is_one_error(tmp_path):
    path = tmp_path / "deep.jsonld"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    with pytest.raises(KGError, match="nested too deeply"):
        load([path], check_terms=False, with_ontology=False)


def test_oxigraph_never_sees_json_ld_nested_deeper_than_python_reads(tmp_path):
    # Oxigraph's JSON-LD reader overflows the stack (the process dies) on
    # nodes nested a few thousand deep; run in a process of its own.
    path = tmp_path / "deep.jsonld"
    depth = 20_000
    path.write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": '
                    + '{"ex:p": ' * depth + "1" + "}" * depth + "}", encoding="utf-8")

    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "load", str(path), "--store",
                           str(tmp_path / "store")], capture_output=True, text=True, timeout=60)

    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"Error: {path}: JSON error: nested too deeply"]


def test_the_shipped_context_is_packaged_with_the_ontology():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    assert context_path().parent == ontology_dir()
    assert context_path().is_file()
    assert '"ontology" = "kg/_ontology"' in pyproject


@pytest.mark.parametrize("name", ["../outside.txt", "{outside}"], ids=["dotdot", "absolute"])
def test_a_quote_is_checked_only_against_a_copy_inside_the_data_folder(name, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("The words of the quote.", encoding="utf-8")
    copy = name.format(outside=outside)
    data = folder / "d.ttl"
    data.write_text(
        "@prefix kg: <https://w3id.org/kg-relations/ontology#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        f'<source> a kg:SourceDocument ; kg:localCopy "{copy}" .\n'
        '<a> a kg:State ; prov:wasDerivedFrom <source> ; kg:quote "The words of the quote." .\n',
        encoding="utf-8")

    problems = quote_violations(load([data], with_ontology=False), [folder])

    assert [p.message for p in problems] == [
        f"local copy {copy!r} of the source not found beside the data"]
