"""`kg load`: an on-disk Oxigraph store, loaded repeatably and safely."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.rdf.load import load, rdf_files
from kg.rdf.shipped import scenario_dir
from kg.sparql.engine_oxigraph import StoreEngine, memory_store
from kg.sparql.engine_rdflib import MemoryEngine
from kg.sparql.run import run_query
from kg.sparql.store import MANIFEST, load_store


def quads(path) -> int:
    return len(list(StoreEngine(path).quads()))


def test_load_keeps_named_graphs_and_adds_the_ontology(tmp_path):
    load_store([scenario_dir()], tmp_path / "store")
    assert StoreEngine(tmp_path / "store").graphs() == {
        "https://w3id.org/kg-relations/id/graph-summit-2025",
        "https://w3id.org/kg-relations/id/graph-summit-2025-background",
        "https://w3id.org/kg-relations/id/graph-wikidata-background",
        "https://w3id.org/kg-relations/ontology",
    }


def test_store_holds_the_same_quads_as_memory(tmp_path):
    load_store([scenario_dir()], tmp_path / "store")
    # a triple two graphs state (a source each names) is two quads
    assert quads(tmp_path / "store") == len(set(load().quads()))


def test_loading_the_same_files_again_does_not_duplicate(tmp_path):
    store = tmp_path / "store"
    first = load_store([scenario_dir()], store)
    second = load_store([scenario_dir()], store)
    assert second.loaded == ()
    assert len(second.unchanged) == len(rdf_files([scenario_dir()]))
    assert second.quads == first.quads == quads(store)


def test_a_new_file_is_added_to_the_store(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    store = tmp_path / "store"
    before = load_store([scenario_dir()], store)
    after = load_store([extra], store)
    assert after.loaded == (str(extra.resolve()),)
    assert after.rebuilt is False
    assert after.quads == before.quads + 1


def test_relative_iris_in_the_store_are_those_of_memory(tmp_path):
    data = tmp_path / "deep" / "data.ttl"
    data.parent.mkdir()
    data.write_text("<avalon> <urn:p> <borduria> .\n", encoding="utf-8")

    load_store([data], tmp_path / "store")

    subjects = {str(q[0]) for q in StoreEngine(tmp_path / "store").quads() if q[3] is None}
    assert subjects == {"https://w3id.org/kg-relations/id/avalon"}


def test_a_store_read_with_another_base_is_built_again(tmp_path):
    store = tmp_path / "store"
    load_store([scenario_dir()], store)
    manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    del manifest["base"]  # as a store written before the base was fixed
    (store / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    again = load_store([scenario_dir()], store)

    assert again.rebuilt and len(again.loaded) == len(rdf_files([scenario_dir()]))


def test_a_changed_file_replaces_its_old_statements(tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text("<urn:a> <urn:p> [ <urn:q> 1 ] .\n", encoding="utf-8")
    store = tmp_path / "store"
    load_store([data], store)
    data.write_text("<urn:a> <urn:p> [ <urn:q> 2 ] .\n", encoding="utf-8")
    report = load_store([data], store)
    values = run_query(StoreEngine(store), "SELECT ?v WHERE { <urn:a> <urn:p>/<urn:q> ?v }")
    assert report.rebuilt is True
    assert [str(row[0]) for row in values.rows] == ["2"]


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path):
    store = tmp_path / "store"
    load_store([scenario_dir()], store)
    before = sorted(map(str, StoreEngine(store).quads()))
    manifest = (store / MANIFEST).read_text(encoding="utf-8")
    good = tmp_path / "good.nt"
    good.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    bad = tmp_path / "bad.nt"
    bad.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"open .\n", encoding="utf-8")
    with pytest.raises(KGError) as info:
        load_store([good, bad], store)
    assert info.value.file == str(bad)
    assert info.value.line == 2
    assert sorted(map(str, StoreEngine(store).quads())) == before
    assert (store / MANIFEST).read_text(encoding="utf-8") == manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.kg-lock", "bad.nt", "good.nt",
                                                          "store"]


def test_large_line_files_load_in_parallel_chunks_with_progress(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.sparql.store._CHUNK_BYTES", 1000)
    data = tmp_path / "many.nt"
    data.write_text("".join(f"<urn:s{i}> <urn:p> \"{i}\" .\n" for i in range(500)),
                    encoding="utf-8")
    seen = []
    report = load_store([data], tmp_path / "store", workers=2,
                        progress=lambda done, total: seen.append((done, total)))
    count = run_query(StoreEngine(tmp_path / "store"),
                      "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:p> ?o }")
    assert int(count.rows[0][0]) == 500
    assert len(seen) > 2
    assert seen[-1][0] == seen[-1][1] == data.stat().st_size
    assert report.loaded == (str(data.resolve()),)


def test_syntax_error_in_a_later_chunk_names_the_file_line(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.sparql.store._CHUNK_BYTES", 500)
    data = tmp_path / "many.nt"
    lines = [f"<urn:s{i}> <urn:p> \"{i}\" .\n" for i in range(200)]
    lines[150] = "<urn:s150> <urn:p> oops .\n"
    data.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(KGError) as info:
        load_store([data], tmp_path / "store")
    assert (info.value.file, info.value.line) == (str(data), 151)
    assert not (tmp_path / "store").exists()


def test_replace_keeps_only_the_given_files(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    store = tmp_path / "store"
    load_store([scenario_dir()], store)
    load_store([extra], store, replace=True)
    assert StoreEngine(store).graphs() == {"https://w3id.org/kg-relations/ontology"}
    assert set(json.loads((store / MANIFEST).read_text())["files"]) == {str(extra.resolve())}


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(KGError, match="neither empty nor a store made by kg"):
        load_store([scenario_dir()], tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_in_memory_store_holds_what_rdflib_loads():
    from kg.sparql.export import export_rdf

    oxigraph, rdflib = StoreEngine.in_memory(), MemoryEngine()
    assert oxigraph.graphs() == rdflib.graphs()
    assert sorted(map(normalized_quad, oxigraph.quads())) == sorted(
        map(normalized_quad, rdflib.quads()))
    assert export_rdf(oxigraph.quads(), fmt="nt") != ""


def normalized_quad(quad) -> tuple:
    from query_helpers import comparable

    return tuple(comparable(term) for term in quad)


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_a_blank_node_is_one_node_in_a_file_cut_into_chunks(tmp_path, monkeypatch, where):
    monkeypatch.setattr("kg.sparql.store._CHUNK_BYTES", 1000)
    data = tmp_path / "many.nt"
    data.write_text("".join(f"<urn:s{i}> <urn:p> _:b{i % 7} .\n" for i in range(500)),
                    encoding="utf-8")
    if where == "memory":
        engine = StoreEngine.of(memory_store([data], workers=2))
    else:
        load_store([data], tmp_path / "store", workers=2)
        engine = StoreEngine(tmp_path / "store")
    count = run_query(engine, "SELECT (COUNT(DISTINCT ?s) AS ?s) (COUNT(DISTINCT ?o) AS ?o) "
                              "WHERE { ?s <urn:p> ?o }")
    assert [int(x) for x in count.rows[0]] == [500, 7]


def test_the_in_memory_store_refuses_undeclared_terms_naming_file_and_line(tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("<urn:a> a <https://w3id.org/kg-relations/ontology#State> .\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/kg-relations/ontology#> .\n\n"
                   "<urn:a> kg:friendOf <urn:b> ; kg:enemyOf <urn:c> .\n", encoding="utf-8")
    with pytest.raises(KGError) as info:
        memory_store([good, bad])
    assert (info.value.file, info.value.line) == (str(bad), 3)
    assert info.value.message == ("unknown term kg:enemyOf: not declared in ontology/kg.ttl "
                                  "(and 1 more)")
    assert len(memory_store([bad], check_terms=False)) > 2


def test_load_command_reports_and_is_idempotent(tmp_path):
    store = str(tmp_path / "store")
    first = CliRunner().invoke(main, ["load", str(scenario_dir()), "--store", store])
    again = CliRunner().invoke(main, ["load", str(scenario_dir()), "--store", store])
    assert first.exit_code == again.exit_code == 0
    files = len(rdf_files([scenario_dir()]))
    assert first.output.startswith(f"loaded {files} file(s), store rebuilt: ")
    assert again.output.startswith(f"{files} unchanged: ")
    assert first.output.split(": ", 1)[1] == again.output.split(": ", 1)[1]


def test_load_command_reports_bad_input_in_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(bad), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}:1: syntax error")
    assert len(result.output.splitlines()) == 1
