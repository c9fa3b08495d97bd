"""The query worker: time limits that hold, no network, no orphans, rows streamed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from network_helpers import Listener

from kg.cli import main
from kg.errors import KGError
from kg.sparql.engine_common import in_worker, network_isolation
from kg.sparql.engine_oxigraph import StoreEngine
from kg.sparql.guard import MAX_NESTING, check_query
from kg.sparql.results import QueryResult
from kg.sparql.run import run_query

TRIANGLE = "tests/fixtures/triangle.trig"
# Every triple joined with every triple four times over: runs for minutes.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"

isolated = pytest.mark.skipif(not network_isolation(),
                              reason="this kernel gives the worker no network namespace")


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


def kg(*args: str) -> CliRunner:
    return CliRunner().invoke(main, list(args))


def connect(port: int) -> str:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError as err:
        return type(err).__name__
    return "connected"


@isolated
def test_the_worker_cannot_reach_a_server_on_this_machine(listener):
    assert connect(listener.port) == "connected"  # from here it can
    assert in_worker(lambda: connect(listener.port)) != "connected"
    assert listener.connections() == 1


@isolated
def test_a_service_call_the_guard_never_saw_fails_in_one_line(listener):
    store = pyoxigraph.Store()
    text = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(KGError, match=r"^the engine failed: \w+: [^\n]*$"):
        in_worker(lambda: list(store.query(text)))
    assert listener.connections() == 0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_time_limit_that_is_not_a_finite_number_is_one_line(value):
    result = kg("query", "--timeout", value, "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "--timeout" in result.output


def test_the_time_limit_covers_parsing_a_huge_query():
    patterns = " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6000))
    started = time.monotonic()
    with pytest.raises(KGError, match="query stopped after 1 s"):
        run_query(StoreEngine.in_memory([TRIANGLE]), f"SELECT * WHERE {{ {patterns} }}",
                  timeout=1)
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { " + " ".join(f"?s ?p{i} ?o{i} ." for i in range(120)) + " } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 60 + "?o" + ")" * 60 + ") } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(400))
    + ") } LIMIT 1",
], ids=["120 patterns", "60 parentheses", "400 ORs"])
def test_queries_of_realistic_size_run(text):
    result = run_query(StoreEngine.in_memory([TRIANGLE]), text)
    assert result.form == "select"


def test_a_query_nested_past_what_engines_parse_is_refused_with_the_limit():
    text = ("SELECT * WHERE { ?s ?p ?o FILTER("
            + " || ".join(f"?o = {i}" for i in range(10_000)) + ") }")
    with pytest.raises(KGError, match=f"more than {MAX_NESTING} deep"):
        check_query(text)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_the_worker_dies_with_the_command(tmp_path, sig):
    command = subprocess.Popen(
        [sys.executable, "cli.py", "query", "--data", TRIANGLE, "--timeout", "120", SLOW],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers = _children(command.pid, wait=30)
    assert workers, "the command should have started its query worker"
    command.send_signal(sig)
    command.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _children(pid: int, *, wait: float) -> list[int]:
    deadline = time.monotonic() + wait
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if not path.exists():
        pytest.skip("no /proc children list on this platform")
    while time.monotonic() < deadline:
        found = [int(p) for p in path.read_text().split()]
        if found:
            return found
        time.sleep(0.05)
    return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_streamed_rows_arrive_as_an_iterator_in_order():
    result = in_worker(lambda: QueryResult("select", ("n",), iter((i,) for i in range(7000))))
    assert not isinstance(result.rows, tuple)
    assert list(result.rows) == [(i,) for i in range(7000)]


def test_a_streamed_query_gives_the_rows_of_a_whole_one():
    engine = StoreEngine.in_memory([TRIANGLE])
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    assert tuple(run_query(engine, text, stream=True).rows) == run_query(engine, text).rows


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_query_output_for_tools_is_the_same_streamed(fmt):
    from kg.sparql.results import render

    text = ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) } "
            "ORDER BY ?s ?p ?o")
    whole = render(run_query(StoreEngine.in_memory([TRIANGLE]), text), fmt=fmt)
    printed = kg("query", "--data", TRIANGLE, "--format", fmt, text)
    assert printed.output == whole + "\n"


def test_no_worker_is_left_after_a_time_limit():
    before = set(_children(os.getpid(), wait=0)) if sys.platform.startswith("linux") else set()
    with pytest.raises(KGError, match="query stopped"):
        run_query(StoreEngine.in_memory([TRIANGLE]), SLOW, timeout=0.5)
    after = set(_children(os.getpid(), wait=0)) if sys.platform.startswith("linux") else set()
    assert not any(_alive(pid) for pid in after - before)


class Finalized:
    """Garbage that says which process finalized it."""

    def __init__(self, log: Path):
        self.log, self.me = log, self

    def __del__(self):
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")


def test_the_worker_never_finalizes_the_garbage_it_inherits(tmp_path):
    import gc

    log = tmp_path / "finalized.txt"
    gc.disable()  # the garbage must still be there when the worker forks
    try:
        Finalized(log)  # a cycle: only the collector can free it
        collected = in_worker(lambda: (gc.collect(), os.getpid())[1])
    finally:
        gc.enable()
    gc.collect()

    assert collected != os.getpid()
    assert log.read_text(encoding="utf-8").split() == [str(os.getpid())]
