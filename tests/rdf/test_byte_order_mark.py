"""A UTF-8 byte-order mark (Excel's "CSV UTF-8", Windows editors) is
accepted by both readers in every RDF format, and errors keep the file's
line numbers."""

from __future__ import annotations

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.rdf.load import load
from kg.sparql.store import fill, load_store

BOM = b"\xef\xbb\xbf"
TEXTS = {
    "ttl": "@prefix ex: <http://example.org/> .\nex:a ex:p \"v\" .\nex:a ex:q ex:b .\n",
    "nt": "<http://example.org/a> <http://example.org/p> \"v\" .\n"
          "<http://example.org/a> <http://example.org/q> <http://example.org/b> .\n",
    "trig": "@prefix ex: <http://example.org/> .\nex:g { ex:a ex:p \"v\" .\nex:a ex:q ex:b . }\n",
    "nq": "<http://example.org/a> <http://example.org/p> \"v\" <http://example.org/g> .\n"
          "<http://example.org/a> <http://example.org/q> <http://example.org/b> "
          "<http://example.org/g> .\n",
    "jsonld": '{"@context": {"ex": "http://example.org/"},\n'
              ' "@id": "ex:a", "ex:p": "v", "ex:q": {"@id": "ex:b"}}\n',
}
# The same files with a mistake on line 3.
BROKEN = {
    "ttl": "@prefix ex: <http://example.org/> .\nex:a ex:p \"v\" .\nex:a ex:q .\n",
    "nt": "<http://example.org/a> <http://example.org/p> \"v\" .\n\n"
          "<http://example.org/a> <http://example.org/q> oops .\n",
    "trig": "@prefix ex: <http://example.org/> .\nex:g { ex:a ex:p \"v\" .\nex:a ex:q . }\n",
    "nq": "<http://example.org/a> <http://example.org/p> \"v\" <http://example.org/g> .\n\n"
          "<http://example.org/a> <http://example.org/q> oops <http://example.org/g> .\n",
}


def write(path, text: str, *, bom: bool):
    path.write_bytes((BOM if bom else b"") + text.encode("utf-8"))
    return path


def oxigraph_quads(path) -> set:
    store = pyoxigraph.Store()
    fill(store, [path], None)
    return set(store)


@pytest.mark.parametrize("suffix", sorted(TEXTS))
def test_a_byte_order_mark_is_read_as_nothing_by_both_readers(suffix, tmp_path):
    plain = write(tmp_path / f"plain.{suffix}", TEXTS[suffix], bom=False)
    marked = write(tmp_path / f"marked.{suffix}", TEXTS[suffix], bom=True)

    by_rdflib = [set(load([f], check_terms=False, with_ontology=False).quads())
                 for f in (plain, marked)]
    by_oxigraph = [oxigraph_quads(f) for f in (plain, marked)]

    assert by_rdflib[0] == by_rdflib[1]
    assert len(by_rdflib[0]) == 2
    assert by_oxigraph[0] == by_oxigraph[1]
    assert len(by_oxigraph[0]) == 2


@pytest.mark.parametrize("suffix", sorted(BROKEN))
def test_errors_after_a_byte_order_mark_name_the_line_of_the_file(suffix, tmp_path):
    path = write(tmp_path / f"broken.{suffix}", BROKEN[suffix], bom=True)

    with pytest.raises(KGError) as by_rdflib:
        load([path], check_terms=False, with_ontology=False)
    with pytest.raises(KGError) as by_oxigraph:
        oxigraph_quads(path)

    assert (by_rdflib.value.file, by_rdflib.value.line) == (str(path), 3)
    assert (by_oxigraph.value.file, by_oxigraph.value.line) == (str(path), 3)


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_a_line_file_cut_into_chunks_skips_the_mark_of_the_first(where, tmp_path, monkeypatch):
    monkeypatch.setattr("kg.sparql.store._CHUNK_BYTES", 1000)
    lines = [f"<urn:s{i}> <urn:p> \"{i}\" .\n" for i in range(300)]
    path = write(tmp_path / "many.nt", "".join(lines), bom=True)

    if where == "memory":
        store = pyoxigraph.Store()
        fill(store, [path], None, workers=2)
    else:
        load_store([path], tmp_path / "store", workers=2)
        store = pyoxigraph.Store.read_only(str(tmp_path / "store"))

    predicate = pyoxigraph.NamedNode("urn:p")
    subjects = {q.subject for q in store.quads_for_pattern(None, predicate, None)}
    assert subjects == {pyoxigraph.NamedNode(f"urn:s{i}") for i in range(300)}


def test_a_chunked_line_file_with_a_mark_names_the_line_of_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.sparql.store._CHUNK_BYTES", 1000)
    lines = [f"<urn:s{i}> <urn:p> \"{i}\" .\n" for i in range(300)]
    lines[1] = lines[250] = "<urn:s> <urn:p> oops .\n"
    path = write(tmp_path / "many.nt", "".join(lines), bom=True)

    with pytest.raises(KGError) as info:
        fill(pyoxigraph.Store(), [path], None, workers=2)

    assert (info.value.file, info.value.line) == (str(path), 2)


@pytest.mark.parametrize("command", [["stats"], ["validate"], ["query", "--data"], ["load"]])
def test_commands_read_a_turtle_file_written_with_a_mark(command, tmp_path):
    path = write(tmp_path / "marked.ttl", TEXTS["ttl"], bom=True)
    args = [*command, str(path)]
    if command == ["load"]:
        args += ["--store", str(tmp_path / "store")]
    if command[0] == "query":
        args.append("ASK { ?s <http://example.org/p> \"v\" }")

    result = CliRunner().invoke(main, args)

    assert result.exit_code == 0, result.output
