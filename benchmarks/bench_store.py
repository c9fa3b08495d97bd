"""Load and query speed: rdflib in memory against Oxigraph on disk and in memory.

    .venv/bin/python benchmarks/bench_store.py                  # 10k, 100k, 1M triples
    .venv/bin/python benchmarks/bench_store.py --sizes 10000,100000
    .venv/bin/python benchmarks/bench_store.py --markdown       # a table for docs/benchmarks.md

A deterministic generator writes a synthetic scenario in the ontology's
shape (states, persons with posts, agreements with parties, status and
goals, signed relations with their direct triples, trade observations;
each statement with its source and quote) as N-Triples. Each engine then
runs in its own process, so that its peak memory (ru_maxrss) is its own:

* rdflib: ``kg.rdf.load.load`` into an rdflib Dataset (the parse alone, without
  the check of terms), then the queries through ``kg.sparql.run.run_query``;
* Oxigraph on disk: ``kg.sparql.store.load_store``, chunks loaded in parallel on
  every core (what ``kg load`` does), then the same queries through
  ``run_query`` on the store; and, for reference, a plain single-threaded
  ``pyoxigraph.Store.bulk_load`` of the same file;
* Oxigraph in memory: ``kg.sparql.engine_oxigraph.memory_store`` (what ``kg query`` does
  with the shipped data or ``--data``: the parallel load and the check of
  terms), then the same queries.

Three queries: a join with a filter, a GROUP BY count, and a provenance
lookup with a bound parameter. Times are the best of three runs; the
ratios (rdflib time / Oxigraph time) are what to read, as the machine is
shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = "https://w3id.org/kg-relations/ontology#"
KGC = "https://w3id.org/kg-relations/concept/"
KGR = "https://w3id.org/kg-relations/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
TITLE = "http://purl.org/dc/terms/title"
HOLDS = "http://www.w3.org/ns/org#holds"
POST_IN = "http://www.w3.org/ns/org#postIn"
UNIT = "https://schema.org/unitText"
XSD = "http://www.w3.org/2001/XMLSchema#"

KINDS = [("strategic-partnership", 1, "strategicPartnerOf"), ("defense-partnership", 1,
         "defensePartnerOf"), ("economic-cooperation", 1, "economicPartnerOf"),
         ("alignment", 1, "alignedWith"), ("rivalry", -1, "rivalOf"),
         ("adversary", -1, "adversaryOf")]
WEIGHTS = [("cameo-030", 4.0), ("cameo-057", 8.0), ("cameo-062", 7.4), ("cameo-16", -4.0),
           ("cameo-163", -8.0), ("cameo-1312", -5.8)]
STATUSES = ["proposed", "under-negotiation", "signed", "ratified", "in-force"]
COMMODITIES = ["all-goods", "crude-oil", "fertilizers", "defense-hardware"]
TRIPLES_PER_UNIT = 203

QUERIES = {
    "join + filter": (
        # Hostile ties between two parties to the same agreement.
        "SELECT ?relation ?a ?b ?agreement WHERE {"
        " ?relation a kg:Relation ; kg:fromActor ?a ; kg:toActor ?b ; kg:weight ?weight ."
        " FILTER (?weight < -5)"
        " ?agreement kg:party ?a , ?b }",
        {},
    ),
    "GROUP BY count": (
        "SELECT ?kind (COUNT(?relation) AS ?n) (AVG(?weight) AS ?mean) WHERE {"
        " ?relation a kg:Relation ; kg:relationKind ?kind ; kg:weight ?weight }"
        " GROUP BY ?kind ORDER BY ?kind",
        {},
    ),
    "provenance lookup": (
        # The quote and source of every statement from one actor.
        "SELECT ?statement ?quote ?title WHERE {"
        " ?statement kg:fromActor ?actor ; kg:quote ?quote ; prov:wasDerivedFrom ?source ."
        " ?source dcterms:title ?title }",
        {"actor": "kgr:state-7"},
    ),
}


def iri(text: str) -> str:
    return f"<{text}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


def generate(triples: int, path: Path, *, seed: int = 0) -> int:
    """Write about ``triples`` triples of a synthetic scenario; return the count."""
    rng = random.Random(seed)
    units = max(1, triples // TRIPLES_PER_UNIT)
    states, persons, agreements = units, 2 * units, 3 * units
    relations, observations, sources = 10 * units, 5 * units, max(1, units // 10)
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} {p} {o} .\n")

    def provenance(subject: str, words: str) -> None:
        add(subject, iri(DERIVED), iri(f"{KGR}source-{rng.randrange(sources)}"))
        add(subject, iri(KG + "quote"), literal(words))

    for k in range(sources):
        source = iri(f"{KGR}source-{k}")
        add(source, iri(RDF_TYPE), iri(KG + "SourceDocument"))
        add(source, iri(TITLE), literal(f"Report {k}", lang="en"))
    for i in range(states):
        state = iri(f"{KGR}state-{i}")
        add(state, iri(RDF_TYPE), iri(KG + "State"))
        add(state, iri(LABEL), literal(f"State {i}", lang="en"))
        provenance(state, f"the state {i}")
    for i in range(persons):
        person, post = iri(f"{KGR}person-{i}"), iri(f"{KGR}post-{i}")
        add(person, iri(RDF_TYPE), iri(KG + "Person"))
        add(person, iri(LABEL), literal(f"Person {i}", lang="en"))
        add(person, iri(HOLDS), post)
        add(post, iri(POST_IN), iri(f"{KGR}state-{rng.randrange(states)}"))
        provenance(person, f"person {i} spoke")
    for i in range(agreements):
        agreement = iri(f"{KGR}agreement-{i}")
        a, b = rng.sample(range(states), 2) if states > 1 else (0, 0)
        add(agreement, iri(RDF_TYPE), iri(KG + "Agreement"))
        add(agreement, iri(LABEL), literal(f"Agreement {i}", lang="en"))
        add(agreement, iri(KG + "party"), iri(f"{KGR}state-{a}"))
        add(agreement, iri(KG + "party"), iri(f"{KGR}state-{b}"))
        add(agreement, iri(KG + "status"), iri(KGC + rng.choice(STATUSES)))
        add(agreement, iri(KG + "servesGoal"), iri(f"{KGR}goal-{rng.randrange(units)}"))
        provenance(agreement, f"the parties agreed on {i}")
    for i in range(relations):
        relation = iri(f"{KGR}relation-{i}")
        a, b = rng.sample(range(states), 2) if states > 1 else (0, 0)
        kind, sign, truthy = rng.choice(KINDS)
        cameo, weight = rng.choice([w for w in WEIGHTS if (w[1] > 0) == (sign > 0)])
        add(iri(f"{KGR}state-{a}"), iri(KG + truthy), iri(f"{KGR}state-{b}"))
        add(relation, iri(RDF_TYPE), iri(KG + "Relation"))
        add(relation, iri(KG + "fromActor"), iri(f"{KGR}state-{a}"))
        add(relation, iri(KG + "toActor"), iri(f"{KGR}state-{b}"))
        add(relation, iri(KG + "relationKind"), iri(KGC + kind))
        add(relation, iri(KG + "polarity"), literal(str(sign), "integer"))
        add(relation, iri(KG + "directed"), literal("false", "boolean"))
        add(relation, iri(KG + "cameo"), iri(KGC + cameo))
        add(relation, iri(KG + "weight"), literal(str(weight), "decimal"))
        provenance(relation, f"relation {i} between {a} and {b}")
    for i in range(observations):
        observation = iri(f"{KGR}obs-{i}")
        a, b = rng.sample(range(states), 2) if states > 1 else (0, 0)
        add(observation, iri(RDF_TYPE), iri(KG + "Observation"))
        add(observation, iri(KG + "flowFrom"), iri(f"{KGR}state-{a}"))
        add(observation, iri(KG + "flowTo"), iri(f"{KGR}state-{b}"))
        add(observation, iri(KG + "commodity"), iri(KGC + rng.choice(COMMODITIES)))
        add(observation, iri(KG + "amount"), literal(f"{rng.randrange(1, 10**6)}.0", "decimal"))
        add(observation, iri(UNIT), literal("USD"))
        add(observation, iri(KG + "valueKind"), iri(KGC + "actual"))
        provenance(observation, f"trade of {a} and {b} was {i}")
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(runs: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def worker(engine: str, data: Path, workdir: Path) -> dict:
    """Load ``data`` with one engine, run the queries; timings and peak memory."""
    from kg.sparql.run import run_query

    start = time.perf_counter()
    if engine == "rdflib":
        from kg.rdf.load import load
        from kg.sparql.engine_rdflib import MemoryEngine

        target = MemoryEngine(load([data], check_terms=False))
    elif engine == "oxigraph":
        from kg.sparql.engine_oxigraph import StoreEngine
        from kg.sparql.store import load_store

        load_store([data], workdir / "store")
        target = StoreEngine(workdir / "store")
    elif engine == "memory":
        from kg.sparql.engine_oxigraph import StoreEngine, memory_store

        target = StoreEngine.of(memory_store([data]))
    else:  # the plain single-threaded bulk load to disk, for reference
        import pyoxigraph

        store = pyoxigraph.Store(str(workdir / "plain"))
        store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.flush()
        return {"load": time.perf_counter() - start, "peak_mb": peak_mb()}
    result = {"load": time.perf_counter() - start, "queries": {}, "rows": {}}
    for name, (text, params) in QUERIES.items():
        seconds, answer = best_of(3, lambda t=text, p=params: run_query(target, t, params=p))
        result["queries"][name] = seconds
        result["rows"][name] = len(answer.rows)
    result["peak_mb"] = peak_mb()
    return result


def measure(engine: str, data: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as workdir:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", engine, "--data", str(data),
             "--workdir", workdir],
            check=True, capture_output=True, text=True,
        )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--worker", choices=("rdflib", "oxigraph", "memory", "plain"))
    parser.add_argument("--data", type=Path)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.workdir)))
        return

    rows = []
    print(f"cores: {os.cpu_count()}; each engine in its own process", file=sys.stderr)
    for size in (int(s) for s in args.sizes.split(",")):
        folder = Path(tempfile.mkdtemp(prefix="kg-bench-data-"))
        try:
            data = folder / "scenario.nt"
            count = generate(size, data)
            runs = {engine: measure(engine, data)
                    for engine in ("rdflib", "oxigraph", "memory", "plain")}
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        for name in QUERIES:
            answers = {runs[e]["rows"][name] for e in ("rdflib", "oxigraph", "memory")}
            if len(answers) != 1:
                raise SystemExit(f"{name}: the engines disagree at {count} triples")
        rows.append((count, runs))
        print(f"{count:>9,} triples done", file=sys.stderr)
    print_table(rows, markdown=args.markdown)


def print_table(rows: list, *, markdown: bool) -> None:
    header = ["triples", "step", "rdflib (s)", "Oxigraph on disk (s)", "ratio",
              "Oxigraph in memory (s)", "ratio"]
    table = []

    def line(count, step, base, disk, memory, digits):
        cells = [f"{count:,}", step, f"{base:.{digits}f}" if base is not None else ""]
        for other in (disk, memory):
            cells += ([f"{other:.{digits}f}", f"{base / other:.1f}x" if base else ""]
                      if other is not None else ["", ""])
        table.append(cells)

    for count, runs in rows:
        r, o, m, p = (runs[e] for e in ("rdflib", "oxigraph", "memory", "plain"))
        line(count, "load (kg load: parallel chunks)", r["load"], o["load"], m["load"], 2)
        line(count, "load (plain bulk_load, 1 thread)", r["load"], p["load"], None, 2)
        for name in QUERIES:
            line(count, f"{name} ({r['rows'][name]} rows)", r["queries"][name],
                 o["queries"][name], m["queries"][name], 3)
        line(count, "peak memory (MB)", r["peak_mb"], o["peak_mb"], m["peak_mb"], 0)
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" if i == 1 else "---:" for i in range(len(header))) + "|")
        for row in table:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(x)) for x in column) for column in zip(header, *table, strict=True)]
    for row in [header, *table]:
        print("  ".join(str(x).ljust(w) if i == 1 else str(x).rjust(w)
                        for i, (x, w) in enumerate(zip(row, widths, strict=True))))


if __name__ == "__main__":
    main()
