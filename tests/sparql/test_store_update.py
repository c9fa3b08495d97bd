"""`kg query --store DIR --update`: an update sees what a query sees, and a
later `kg load` never drops its edits without saying so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.run import run_query
from kg.sparql.store import MANIFEST, load_store
from kg.sparql.store_folder import store_lock

TARIFF = """\
<urn:g> {
    <urn:tariff> <urn:rate> 50 ; <urn:magnitude> [ <urn:value> 50 ; <urn:unit> "percent" ] .
}
<urn:h> { <urn:sanction> <urn:rate> 10 . }
"""


@pytest.fixture
def store(tmp_path) -> Path:
    data = tmp_path / "tariff.trig"
    data.write_text(TARIFF, encoding="utf-8")
    load_store([data], tmp_path / "store")
    return tmp_path / "store"


def update(store: Path, text: str):
    return CliRunner().invoke(main, ["query", "--store", str(store), "--update", text])


def rows(store: Path, text: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(term) for term in row)
                  for row in run_query(StoreEngine(store), text).rows)


def manifest(store: Path) -> dict:
    return json.loads((store / MANIFEST).read_text(encoding="utf-8"))


# An update reads and deletes in the union of graphs, as a query reads.

def test_delete_insert_where_changes_what_a_query_sees(store):
    result = update(store, "DELETE { ?t <urn:rate> ?r } INSERT { ?t <urn:rate> ?half } "
                           "WHERE { ?t <urn:rate> ?r BIND (?r / 2 AS ?half) }")
    assert result.output == "update applied\n"
    assert rows(store, "SELECT ?t ?r WHERE { ?t <urn:rate> ?r }") == [
        ("urn:sanction", "5"), ("urn:tariff", "25")]


def test_insert_where_reads_the_named_graphs(store):
    update(store, "INSERT { ?t <urn:seen> true } WHERE { ?t <urn:rate> 50 }")
    assert rows(store, "SELECT ?t WHERE { ?t <urn:seen> true }") == [("urn:tariff",)]


def test_delete_data_removes_a_triple_from_the_graph_that_holds_it(store):
    update(store, "DELETE DATA { <urn:sanction> <urn:rate> 10 }")
    assert rows(store, "SELECT ?r WHERE { <urn:sanction> <urn:rate> ?r }") == []


def test_delete_where_removes_a_blank_node_in_a_named_graph(store):
    update(store, "DELETE WHERE { ?t <urn:magnitude> ?m . ?m ?p ?v }")
    assert rows(store, "SELECT ?t WHERE { ?t <urn:magnitude> ?m }") == []
    assert rows(store, "SELECT ?v WHERE { ?m <urn:value> ?v }") == []


def test_the_operations_of_an_update_apply_in_order(store):
    update(store, "INSERT DATA { GRAPH <urn:h> { <urn:embargo> <urn:rate> 100 } } ;\n"
                  "DELETE { ?t <urn:rate> ?r } WHERE { ?t <urn:rate> ?r FILTER (?r < 100) }")
    assert rows(store, "SELECT ?t ?g WHERE { GRAPH ?g { ?t <urn:rate> ?r } }") == [
        ("urn:embargo", "urn:h")]


def test_an_update_that_names_its_graph_keeps_sparql_semantics(store):
    update(store, "WITH <urn:h> DELETE { ?t <urn:rate> ?r } WHERE { ?t <urn:rate> ?r }")
    assert rows(store, "SELECT ?t WHERE { ?t <urn:rate> ?r }") == [("urn:tariff",)]


def test_an_update_with_a_time_limit_is_kept(store):
    run_query(StoreEngine(store), "DELETE DATA { <urn:sanction> <urn:rate> 10 }", update=True,
              timeout=60)
    assert rows(store, "SELECT ?r WHERE { <urn:sanction> <urn:rate> ?r }") == []


# Edits are never dropped silently.

def test_an_update_marks_the_store_as_edited(store):
    update(store, "INSERT DATA { <urn:note> <urn:says> 'checked' }")
    assert manifest(store)["edited"] is True


def test_a_rebuild_refuses_to_drop_the_edits(store, tmp_path):
    update(store, "INSERT DATA { <urn:note> <urn:says> 'checked' }")
    data = tmp_path / "tariff.trig"
    data.write_text(TARIFF.replace("50 ;", "60 ;"), encoding="utf-8")

    result = CliRunner().invoke(main, ["load", str(data), "--store", str(store)])

    assert result.exit_code == 2
    assert result.output == (
        f"Error: {store}: the store holds edits made with `kg query --update` that rebuilding "
        f"it would lose ({data} changed); load with --replace to rebuild it from the files "
        "alone\n")
    assert rows(store, "SELECT ?n WHERE { ?n <urn:says> ?x }") == [("urn:note",)]


def test_a_rebuild_refuses_when_another_writer_changed_the_store(store, tmp_path):
    import pyoxigraph

    server = pyoxigraph.Store(str(store))  # as `oxigraph serve` writes, unknown to kg
    server.update("INSERT DATA { <urn:note> <urn:says> 'checked' }")
    del server
    data = tmp_path / "tariff.trig"
    data.write_text(TARIFF.replace("50 ;", "60 ;"), encoding="utf-8")

    with pytest.raises(KGError) as info:
        load_store([data], store)

    left = manifest(store)["quads"]
    assert info.value.message == (
        f"the store changed since kg loaded it ({left + 1:,} quads, not {left:,}) and "
        f"rebuilding it would lose that ({data} changed); load with --replace to rebuild it "
        "from the files alone")


def test_replace_rebuilds_and_says_the_edits_are_dropped(store, tmp_path):
    update(store, "INSERT DATA { <urn:note> <urn:says> 'checked' }")

    result = CliRunner().invoke(main, ["load", str(tmp_path / "tariff.trig"), "--store",
                                       str(store), "--replace"])

    assert result.exit_code == 0
    assert result.output.startswith("loaded 1 file(s), store rebuilt, edits made with "
                                    "--update dropped: ")
    assert rows(store, "SELECT ?n WHERE { ?n <urn:says> ?x }") == []
    assert "edited" not in manifest(store)


def test_adding_a_file_keeps_the_edits(store, tmp_path):
    update(store, "INSERT DATA { <urn:note> <urn:says> 'checked' }")
    extra = tmp_path / "extra.ttl"
    extra.write_text("<urn:extra> <urn:rate> 1 .\n", encoding="utf-8")

    report = load_store([extra], store)

    assert report.rebuilt is False
    assert rows(store, "SELECT ?n WHERE { ?n <urn:says> ?x }") == [("urn:note",)]
    assert manifest(store)["edited"] is True


def test_an_update_waits_for_the_writer_holding_the_store(store, monkeypatch):
    monkeypatch.setattr("kg.sparql.store_folder.LOCK_WAIT", 0.2)
    with store_lock(store), pytest.raises(KGError, match="is writing this store"):
        run_query(StoreEngine(store), "INSERT DATA { <urn:a> <urn:b> 1 }", update=True)
    assert "edited" not in manifest(store)


def test_an_update_of_a_store_kg_did_not_make_adds_no_manifest(tmp_path):
    import pyoxigraph

    pyoxigraph.Store(str(tmp_path / "foreign")).flush()

    update(tmp_path / "foreign", "INSERT DATA { <urn:a> <urn:b> 1 }")

    assert not (tmp_path / "foreign" / MANIFEST).exists()
    assert rows(tmp_path / "foreign", "SELECT ?a WHERE { ?a <urn:b> 1 }") == [("urn:a",)]
