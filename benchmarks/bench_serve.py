"""Load on `kg serve` against `oxigraph serve-read-only`, same data, same run.

    .venv/bin/python benchmarks/bench_serve.py                    # 20 clients, 30 s each
    .venv/bin/python benchmarks/bench_serve.py --clients 4 --seconds 2

Both servers serve the shipped scenarios (kg loads them itself; Oxigraph
gets the same quads, dumped from kg's store and loaded with ``oxigraph
load``; its default graph is the union, as kg's is). ``--clients``
asyncio clients (httpx) each send, one after another for ``--seconds``,
a mix of named queries from kg/sparql/queries (with the predeclared
prefixes written out, the same text for both servers), asking for SPARQL
results JSON. First every query is sent once to both, and the number of
rows must agree. Printed: requests, requests per second, p50 and p95
latency, errors (any answer but 200), and the ratio of kg's throughput to
Oxigraph's. Loopback only; everything is written in a temporary folder
that is removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIX = ("statement-evidence", "members", "actor-labels", "agreement-parties", "stances-on",
       "pressures-on", "events", "claims-by", "conflict-flags", "typed-resources")


def queries() -> list[str]:
    """The mix, each with the predeclared prefixes written out."""
    from kg.rdf.namespaces import PREFIXES
    from kg.sparql.named import named_query

    head = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in sorted(PREFIXES.items()))
    return [head + named_query(name).text for name in MIX]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process, seconds: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped: exit code {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer within {seconds:g} s")


def start_kg(folder: Path):
    """Start `kg serve`; :func:`wait_until_up` on the health URL says when it answers."""
    port = free_port()
    log = open(folder / "kg-serve.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=log, cwd=folder)
    return process, f"http://127.0.0.1:{port}/sparql", log, f"http://127.0.0.1:{port}/health"


def start_oxigraph(folder: Path):
    from kg.rdf.shipped import data_dir
    from kg.sparql.engine_oxigraph import memory_store

    quads = folder / "data.nq"
    store = memory_store(sorted(p for p in data_dir().iterdir() if p.is_dir()))
    import pyoxigraph

    store.dump(str(quads), pyoxigraph.RdfFormat.N_QUADS)
    binary = Path(sys.executable).parent / "oxigraph"
    location = folder / "oxigraph-store"
    subprocess.run([str(binary), "load", "--location", str(location), "--file", str(quads)],
                   check=True, capture_output=True)
    port = free_port()
    log = open(folder / "oxigraph.log", "wb")
    process = subprocess.Popen(
        [str(binary), "serve-read-only", "--location", str(location), "--bind",
         f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=log, stderr=log, cwd=folder)
    url = f"http://127.0.0.1:{port}/query"
    return process, url, log, url


async def rows_of(url: str, texts: list[str]) -> list[int]:
    import httpx

    async with httpx.AsyncClient(timeout=60.0) as client:
        counts = []
        for text in texts:
            response = await client.post(url, data={"query": text},
                                         headers={"Accept": "application/sparql-results+json"})
            response.raise_for_status()
            counts.append(len(response.json()["results"]["bindings"]))
        return counts


async def load(url: str, texts: list[str], *, clients: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60.0, limits=limits) as client:
        stop = time.monotonic() + seconds

        async def one_client(number: int) -> None:
            nonlocal errors
            turn = number
            while time.monotonic() < stop:
                text = texts[turn % len(texts)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = await client.post(
                        url, data={"query": text},
                        headers={"Accept": "application/sparql-results+json"})
                    await response.aread()
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += not ok

        started = time.monotonic()
        await asyncio.gather(*(one_client(n) for n in range(clients)))
        took = time.monotonic() - started
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {"requests": len(latencies), "rps": len(latencies) / took,
            "p50": percentile(0.50), "p95": percentile(0.95), "errors": errors}


def stop(process, log) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    texts = queries()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as name:
        folder = Path(name)
        servers = [("kg serve", *start_kg(folder))]  # loads its data while oxigraph's is built
        try:
            servers.append(("oxigraph serve", *start_oxigraph(folder)))
            for _, process, _, _, up in servers:
                wait_until_up(up, process)
            counts = {label: asyncio.run(rows_of(url, texts)) for label, _, url, _, _ in servers}
            if len(set(map(tuple, counts.values()))) != 1:
                print(f"the servers disagree on the rows: {counts}", file=sys.stderr)
                return 1
            results = {}
            for label, _, url, _, _ in servers:
                results[label] = asyncio.run(load(url, texts, clients=args.clients,
                                                  seconds=args.seconds))
        finally:
            for _, process, _, log, _ in servers:
                stop(process, log)
    cpus = os.cpu_count()
    print(f"{args.clients} clients, {args.seconds:g} s each, {len(texts)} named queries "
          f"({sum(counts['kg serve'])} rows a round), {cpus} cores, loopback")
    print()
    print("| server | requests | requests/s | p50 ms | p95 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, r in results.items():
        print(f"| {label} | {r['requests']} | {r['rps']:.1f} | {r['p50']:.1f} | "
              f"{r['p95']:.1f} | {r['errors']} |")
    ratio = results["kg serve"]["rps"] / results["oxigraph serve"]["rps"]
    print()
    print(f"throughput kg/oxigraph: {ratio:.2f}x (target: at least 0.50x, and 0 errors)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
