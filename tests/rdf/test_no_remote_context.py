"""Reading a JSON-LD file reaches no network and no other file, in every
command and both readers: a context that is not inline is refused in one
line naming the file and line; inline contexts, and the one reference to
the ontology's own context, load."""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from network_helpers import listening
from rdflib import Dataset

from kg.cli import main
from kg.errors import KGError
from kg.rdf.load import load
from kg.rdf.namespaces import PREFIXES
from kg.rdf.shipped import context_path
from kg.rdf.sources import CONTEXT_IRI
from kg.sparql.store import fill

# Every command that reads RDF files, with the arguments that make it read FILE.
COMMANDS = {
    "stats": lambda f, tmp: ["stats", f],
    "validate": lambda f, tmp: ["validate", f],
    "render": lambda f, tmp: ["render", f, "-o", str(tmp / "page.html")],
    "balance": lambda f, tmp: ["balance", f],
    "export": lambda f, tmp: ["export", "--data", f, "--format", "nt"],
    "query": lambda f, tmp: ["query", "--data", f, "ASK { ?s ?p ?o }"],
    "load": lambda f, tmp: ["load", f, "--store", str(tmp / "store")],
}


@pytest.fixture
def listener(monkeypatch):
    yield from listening(monkeypatch)


def remote_documents(url: str) -> dict[str, str]:
    """Each place a JSON-LD document can name a context; the reference is on line 3."""
    inline = '{"ex": "http://example.org/"}'
    return {
        "top": f'{{"@id": "kgr:a",\n "ex:p": "v",\n "@context": "{url}/top"}}',
        "array": f'{{"@id": "kgr:a",\n "ex:p": "v",\n "@context": [{inline}, "{url}/array"]}}',
        "nested-node": f'{{"@context": {inline},\n "@id": "kgr:a", "ex:p": {{\n'
                       f'  "@context": "{url}/nested", "@id": "kgr:b"}}}}',
        "scoped-term": f'{{"@context": {{"ex": "http://example.org/",\n "t": {{"@id": "ex:t",\n'
                       f' "@context": "{url}/scoped"}}}}, "@id": "kgr:a", "t": "v"}}',
        "import": f'{{"@context": {{"@version": 1.1,\n "ex": "http://example.org/",\n'
                  f' "@import": "{url}/import"}}, "@id": "kgr:a", "ex:p": "v"}}',
        "document-array": f'[{{"@id": "kgr:a", "@context": {inline}}},\n\n'
                          f' {{"@context": "{url}/second"}}]',
        "escaped-key": f'{{"@id": "kgr:a",\n "ex:p": "v",\n "\\u0040context": "{url}/escaped"}}',
    }


def one_line_refusal(output: str, path, line: int) -> bool:
    lines = output.strip().splitlines()
    return (len(lines) == 1 and lines[0].startswith(f"Error: {path}:{line}: JSON-LD @")
            and "is not inline" in lines[0] and str(context_path()) in lines[0]
            and "Traceback" not in output)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_a_remote_context_without_connecting(command, listener,
                                                                   tmp_path):
    path = tmp_path / "r.jsonld"
    path.write_text(remote_documents(listener.url)["top"], encoding="utf-8")

    result = CliRunner().invoke(main, COMMANDS[command](str(path), tmp_path))

    assert listener.connections() == 0
    assert result.exit_code == 2
    assert one_line_refusal(result.output, path, 3), result.output


@pytest.mark.parametrize("where", sorted(remote_documents("")))
def test_both_readers_refuse_a_context_reference_anywhere_in_the_document(where, listener,
                                                                          tmp_path):
    path = tmp_path / "r.jsonld"
    path.write_text(remote_documents(listener.url)[where], encoding="utf-8")

    with pytest.raises(KGError) as by_rdflib:
        load([path], check_terms=False, with_ontology=False)
    with pytest.raises(KGError) as by_oxigraph:
        fill(pyoxigraph.Store(), [path], None)

    assert listener.connections() == 0
    assert str(by_rdflib.value) == str(by_oxigraph.value)
    assert (by_rdflib.value.file, by_rdflib.value.line) == (str(path), 3)
    assert "is not inline" in by_rdflib.value.message


@pytest.mark.parametrize("command", ["stats", "query", "load"])
def test_a_file_context_is_refused_and_not_read(command, listener, tmp_path):
    elsewhere = tmp_path / "elsewhere.jsonld"
    elsewhere.write_text('{"@context": {"ex": "http://example.org/"}}', encoding="utf-8")
    path = tmp_path / "r.jsonld"
    path.write_text(f'{{"@context": "{elsewhere.as_uri()}",\n "@id": "kgr:a", "ex:p": "v"}}',
                    encoding="utf-8")

    result = CliRunner().invoke(main, COMMANDS[command](str(path), tmp_path))

    assert result.exit_code == 2
    assert one_line_refusal(result.output, path, 1), result.output


@pytest.mark.parametrize("command", ["stats", "query", "load"])
def test_a_relative_context_is_refused_without_a_request_to_the_base(command, listener,
                                                                     tmp_path, monkeypatch):
    # A relative reference resolves against the base IRI; with the base on
    # the listener, a reader that fetched it would connect there.
    monkeypatch.setattr("kg.rdf.load.BASE_IRI", f"{listener.url}/id/")
    path = tmp_path / "r.jsonld"
    path.write_text('{"@context": "context.jsonld",\n "@id": "a", "ex:p": "v"}',
                    encoding="utf-8")

    result = CliRunner().invoke(main, COMMANDS[command](str(path), tmp_path))

    assert (listener.connections(), listener.elsewhere) == (0, [])
    assert result.exit_code == 2
    assert one_line_refusal(result.output, path, 1), result.output


def triangle_as_json_ld(context) -> str:
    """The triangle fixture in JSON-LD, with ``context`` as its @context."""
    dataset = Dataset()
    dataset.parse(FIXTURES / "triangle.trig", format="trig")
    document = json.loads(dataset.serialize(format="json-ld", context=dict(PREFIXES)))
    document["@context"] = context
    return json.dumps(document, indent=2)


@pytest.mark.parametrize("context", ["inline", "shipped"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_inline_and_shipped_contexts_load_in_every_command(command, context, listener,
                                                           tmp_path):
    path = tmp_path / "triangle.jsonld"
    path.write_text(triangle_as_json_ld(dict(PREFIXES) if context == "inline" else CONTEXT_IRI),
                    encoding="utf-8")

    result = CliRunner().invoke(main, COMMANDS[command](str(path), tmp_path))

    assert listener.connections() == 0
    assert result.exit_code == 0, result.output


def test_the_shipped_context_gives_the_triples_of_the_inline_one(tmp_path):
    inline, shipped = tmp_path / "inline.jsonld", tmp_path / "shipped.jsonld"
    inline.write_text(triangle_as_json_ld(dict(PREFIXES)), encoding="utf-8")
    shipped.write_text(triangle_as_json_ld(CONTEXT_IRI), encoding="utf-8")

    by_rdflib = [set(load([f], with_ontology=False).quads()) for f in (inline, shipped)]
    stores = [pyoxigraph.Store() for _ in range(2)]
    for store, file in zip(stores, (inline, shipped), strict=True):
        fill(store, [file], None)

    assert by_rdflib[0] == by_rdflib[1]
    assert len(by_rdflib[0]) > 50
    assert set(stores[0]) == set(stores[1])
    assert len(stores[0]) == len(by_rdflib[0])


def test_the_shipped_context_declares_the_prefixes_of_the_namespaces():
    shipped = json.loads(context_path().read_text(encoding="utf-8"))
    assert shipped == {"@context": PREFIXES}
