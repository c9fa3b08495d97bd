"""The query workers of a real `kg serve` once it has threads: each worker killed
at the timeout is replaced by a fork of the zygote (never of the threaded
server), the server keeps answering, the processes stay bounded, and nothing
is left, not even a zombie, after it stops."""

from __future__ import annotations

import concurrent.futures
import os
import sys
import time
from pathlib import Path

import pytest
from server_helpers import SLOW, Server

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

WORKERS = 2


def processes() -> dict[int, tuple[int, str]]:
    """Every process: its parent's id and its state (``Z`` for a zombie)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        state, ppid = stat.rpartition(")")[2].split()[:2]
        found[int(entry.name)] = (int(ppid), state)
    return found


def descendants(pid: int) -> dict[int, str]:
    """The processes below ``pid``, by id, with their states."""
    table = processes()
    below, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, state) in table.items():
            if ppid == parent and child not in below:
                below[child] = state
                frontier.append(child)
    return below


def children(pid: int) -> int:
    return sum(ppid == pid for ppid, _ in processes().values())


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server("--timeout", "0.5", "--max-concurrent", str(WORKERS),
                     log=tmp_path_factory.mktemp("serve") / "stderr.log")
    yield running
    running.stop()


def test_workers_killed_at_the_timeout_are_replaced_while_the_server_has_threads(server):
    for path in ("/", "/query", "/static/workbench/workbench.css", "/workbench/config.json",
                 "/search?q=india"):
        assert server.get(path=path).status_code == 200, path
    assert threads(server.process.pid) > 1  # forking the server now could strand a lock
    before = descendants(server.process.pid)

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        for _ in range(3):
            stopped = list(pool.map(lambda _: server.get({"query": SLOW}), range(WORKERS)))
            assert [r.status_code for r in stopped] == [500] * WORKERS
    started = time.monotonic()
    quick = server.get({"query": "ASK { ?s a kg:State }"})
    took = time.monotonic() - started
    after = descendants(server.process.pid)

    assert quick.status_code == 200 and took < 1.0
    assert len(before) == len(after) == WORKERS + 1  # the zygote and its workers
    assert children(server.process.pid) == 1  # the zygote: workers are its children
    assert len(set(after) - set(before)) == WORKERS  # every worker is a new one
    assert "Z" not in after.values()


def test_no_process_is_left_after_the_server_stops(tmp_path):
    running = Server("--timeout", "0.5", "--max-concurrent", str(WORKERS),
                     log=tmp_path / "stderr.log")
    running.get(path="/query")
    running.get({"query": SLOW})
    below = descendants(running.process.pid)

    running.stop()

    assert len(below) == WORKERS + 1
    left = set(below) & set(processes())
    assert left == set(), {pid: processes().get(pid) for pid in left}
