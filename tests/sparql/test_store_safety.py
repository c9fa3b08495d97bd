"""`kg load --store`: kg replaces only what it made, one writer at a time,
and recovers from a load that was killed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.rdf.shipped import scenario_dir
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.run import run_query
from kg.sparql.store import MANIFEST, load_store
from kg.sparql.store_folder import lock_path, store_lock


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def subjects(store: Path) -> list[str]:
    rows = run_query(StoreEngine(store), "SELECT DISTINCT ?s WHERE { ?s <urn:p> ?o } ORDER BY ?s")
    return [str(row[0]) for row in rows.rows]


def load(*args: str):
    return CliRunner().invoke(main, ["load", *args])


@pytest.fixture
def data(tmp_path) -> Path:
    return write(tmp_path / "data.ttl", "<urn:a> <urn:p> 1 .\n")


# Only what kg made is replaced.

def test_a_folder_with_a_file_named_current_is_refused_and_kept(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "CURRENT").touch()
    write(precious / "thesis.txt", "thesis")

    result = load(str(scenario_dir()), "--store", str(precious))

    assert result.exit_code == 2
    assert result.output == (f"Error: {precious}: the folder is neither empty nor a store made "
                             "by kg; load into a new or empty folder\n")
    assert sorted(p.name for p in precious.iterdir()) == ["CURRENT", "thesis.txt"]
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "thesis"


def test_an_oxigraph_store_kg_did_not_make_is_refused_and_kept(tmp_path, data):
    import pyoxigraph

    foreign = pyoxigraph.Store(str(tmp_path / "foreign"))
    foreign.bulk_load(input=b'<urn:theirs> <urn:p> "1" .', format=pyoxigraph.RdfFormat.N_TRIPLES)
    foreign.flush()
    del foreign

    with pytest.raises(KGError, match="an Oxigraph store that kg did not make"):
        load_store([data], tmp_path / "foreign", replace=True)

    assert subjects(tmp_path / "foreign") == ["urn:theirs"]


def test_a_file_put_into_a_kg_store_is_never_deleted(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    write(store / "notes.txt", "mine")

    result = load(str(data), "--store", str(store), "--replace")

    assert result.exit_code == 2
    assert result.output == (f"Error: {store}: the store holds notes.txt, which kg did not "
                             "write; move it out of the store folder (a load replaces the "
                             "whole folder)\n")
    assert (store / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_becomes_a_store(tmp_path, data):
    (tmp_path / "store").mkdir()
    load_store([data], tmp_path / "store")
    assert subjects(tmp_path / "store") == ["urn:a"]


def test_the_lock_file_stays_outside_the_store(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    assert lock_path(store) == tmp_path / ".store.kg-lock"
    assert not any("lock" in p.name.lower() and p.name != "LOCK" for p in store.iterdir())
    assert load_store([data], store).unchanged == (str(data),)


# One writer at a time.

def test_two_loads_at_once_keep_both_files(tmp_path):
    store = tmp_path / "store"
    files = [write(tmp_path / f"{name}.nt", "".join(
        f"<urn:{name}{i}> <urn:p> \"{i}\" .\n" for i in range(2000))) for name in ("a", "b")]
    command = [sys.executable, "-c", "from kg.cli import main; main()", "load"]

    runs = [subprocess.Popen([*command, str(f), "--store", str(store)], stderr=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True) for f in files]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]

    assert outcomes == [(0, ""), (0, "")]
    manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(str(f) for f in files)
    assert len(subjects(store)) == 4000


def test_a_writer_that_waits_too_long_gives_up_with_a_clear_message(tmp_path, data):
    store = tmp_path / "store"
    with store_lock(store):
        with pytest.raises(KGError) as info:
            load_store([data], store, lock_wait=0.2)
    assert info.value.message == (f"another kg process (pid {os.getpid()}) is writing this "
                                  "store; waited 0.2 s: try again when it has finished")
    assert not store.exists()


def test_a_store_a_server_has_open_for_writing_is_not_swapped_from_under_it(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    server = subprocess.Popen(
        [sys.executable, "-c", "import pyoxigraph, sys; store = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline() == "open\n"
        with pytest.raises(KGError, match="another process has the store open for writing"):
            load_store([write(tmp_path / "extra.ttl", "<urn:b> <urn:p> 2 .\n")], store)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    assert subjects(store) == ["urn:a"]


# A killed load is cleaned up after.

def killed_between_the_renames(store: Path) -> Path:
    """The folders a load killed between the two renames of its swap leaves."""
    work = store.parent / f".{store.name}.loading-k1ll3d9x"
    work.mkdir()
    os.replace(store, work / "old")
    shutil.copytree(work / "old", work / "store")  # the new state, complete
    return work


def test_a_load_killed_mid_swap_is_undone_by_the_next_load(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    work = killed_between_the_renames(store)
    extra = write(tmp_path / "extra.ttl", "<urn:b> <urn:p> 2 .\n")

    report = load_store([extra], store)

    assert report.restored is True
    assert subjects(store) == ["urn:a", "urn:b"]
    assert not work.exists()


def test_a_store_hidden_by_a_killed_load_comes_back_into_a_folder_made_again(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    killed_between_the_renames(store)
    store.mkdir()  # as `mkdir -p store` in a script would

    report = load_store([data], store)

    assert report.restored is True
    assert subjects(store) == ["urn:a"]


def test_opening_a_store_hidden_by_a_killed_load_puts_it_back(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    killed_between_the_renames(store)

    assert subjects(store) == ["urn:a"]
    assert [p.name for p in tmp_path.iterdir() if "loading" in p.name] == []


def test_loading_folders_left_by_killed_loads_are_removed(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    for name in ("a1b2c3d4", "e5f6g7h8"):  # killed while building, and while cleaning up
        shutil.copytree(store, tmp_path / f".store.loading-{name}" / "store")
    shutil.copytree(store, tmp_path / ".store.loading-e5f6g7h8" / "old")
    foreign = tmp_path / ".store.loading-notmine1"
    foreign.mkdir()
    write(foreign / "keep.txt", "not kg's")

    load_store([write(tmp_path / "extra.ttl", "<urn:b> <urn:p> 2 .\n")], store)

    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".store.")) == [
        ".store.kg-lock", ".store.loading-notmine1"]
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "not kg's"


# The same content is loaded once.

def magnitudes(store: Path) -> int:
    count = run_query(StoreEngine(store), "SELECT (COUNT(?m) AS ?n) WHERE { <urn:x> <urn:m> ?m }")
    return int(count.rows[0][0])


@pytest.mark.parametrize("other", ["copy", "symlink", "relative"])
def test_the_same_file_at_another_path_does_not_duplicate_blank_nodes(tmp_path, monkeypatch,
                                                                      other):
    original = write(tmp_path / "pressure.ttl", "<urn:x> <urn:m> [ <urn:v> 50 ] .\n")
    again = tmp_path / "elsewhere" / "pressure.ttl"
    again.parent.mkdir()
    if other == "copy":
        shutil.copy(original, again)
    elif other == "symlink":
        again.symlink_to(original)
    else:
        monkeypatch.chdir(tmp_path)
        again = Path("pressure.ttl")
    store = tmp_path / "store"
    load_store([original], store)

    report = load_store([again], store)

    assert report.loaded == ()
    assert magnitudes(store) == 1


def test_a_rebuild_loads_each_content_once(tmp_path):
    first = write(tmp_path / "one.ttl", "<urn:x> <urn:m> [ <urn:v> 50 ] .\n")
    second = write(tmp_path / "two.ttl", first.read_text(encoding="utf-8"))
    store = tmp_path / "store"

    report = load_store([first, second], store, replace=True)

    assert magnitudes(store) == 1
    assert report.loaded == (str(first),)
    assert report.duplicates == (str(second),)


# A damaged store is one line.

def damage(store: Path) -> None:
    for table in store.glob("*.sst"):
        table.write_bytes(b"garbage" * 10)


def test_a_damaged_store_gives_one_line_to_a_query(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    damage(store)

    result = CliRunner().invoke(main, ["query", "--store", str(store),
                                       "SELECT * WHERE { ?s ?p ?o }"])

    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {store}: the store is damaged")
    assert len(result.output.splitlines()) == 1


def test_a_damaged_store_gives_one_line_to_a_load(tmp_path, data):
    store = tmp_path / "store"
    load_store([data], store)
    damage(store)

    result = load(str(write(tmp_path / "extra.ttl", "<urn:b> <urn:p> 2 .\n")), "--store",
                  str(store))

    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {store}: the store is damaged")
    assert result.output.endswith("rebuild it from its files with kg load --replace\n")
    assert len(result.output.splitlines()) == 1
