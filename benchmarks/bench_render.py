"""How a network page scales: a synthetic 5,000-node graph against a
500-node baseline measured in the same run.

For each size the script renders the page (Python), writes it, opens it in
headless Chromium (Debian's chromium through playwright) and waits until
the layout is done and the graph drawn. It prints file size, render time
and time to ready, and their ratios to the baseline. Target: the
5,000-node page is ready within 10 s.

    .venv/bin/python benchmarks/bench_render.py [--sizes 500,5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.pages.render import STATIC_LAYOUT_NODES, render_page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
GROUPS = ("state", "person", "organization", "group", "initiative", "event")
LAYERS = (("relation", "positive"), ("relation", "negative"), ("relation", "mixed"),
          ("pressure", "negative"), ("agreement", "neutral"), ("participation", "neutral"))
TARGET_SECONDS = 10.0


def synthetic_graph(n: int, *, seed: int = 7) -> nx.MultiGraph:
    """A scale-free page graph of ``n`` nodes and about ``2n`` ties, each node
    with one quote and each tie with one statement."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    graph = nx.MultiGraph()
    for v in sorted(base):
        group = GROUPS[rng.randrange(len(GROUPS))]
        graph.add_node(f"https://example.org/id/n{v:05d}", label=f"Actor {v}", group=group,
                       type=group, wikidata=None, status=None, description=None,
                       quotes=({"text": f"Actor {v} is quoted here.", "source": "synthetic",
                                "url": None, "file": None},))
    for u, v in sorted(base.edges()):
        layer, sign = LAYERS[rng.randrange(len(LAYERS))]
        a, b = f"https://example.org/id/n{u:05d}", f"https://example.org/id/n{v:05d}"
        weight = round(rng.uniform(1, 8), 1)
        graph.add_edge(a, b, key=layer, layer=layer, kinds=(layer,), sign=sign, weight=weight,
                       directed=layer == "pressure", source=a, target=b, statements=(
                           {"id": f"s{u}-{v}", "kind": layer, "from": a, "to": b,
                            "polarity": {"positive": 1, "negative": -1}.get(sign, 0),
                            "weight": weight, "directed": layer == "pressure", "details": (),
                            "quotes": ({"text": f"{u} and {v}.", "source": "synthetic",
                                        "url": None, "file": None},)},))
    return graph


def measure(browser, n: int, folder: Path) -> dict:
    graph = synthetic_graph(n)
    started = time.perf_counter()
    html = render_page(graph, title=f"{n} nodes")
    render_seconds = time.perf_counter() - started
    path = folder / f"bench-{n}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready=true]", timeout=120_000)
        ready_seconds = time.perf_counter() - started
        drawn = page.evaluate("[window.kgPage.network.body.nodeIndices.length,"
                              " window.kgPage.network.body.edgeIndices.length]")
    finally:
        page.close()
    if drawn != [graph.number_of_nodes(), graph.number_of_edges()]:
        raise SystemExit(f"{n} nodes: drew {drawn}, expected "
                         f"{[graph.number_of_nodes(), graph.number_of_edges()]}")
    return {"nodes": n, "edges": graph.number_of_edges(), "bytes": path.stat().st_size,
            "render": render_seconds, "ready": ready_seconds,
            "layout": "precomputed" if n > STATIC_LAYOUT_NODES else "physics"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000",
                        help="baseline size first, then the sizes to compare")
    parser.add_argument("--keep", type=Path, help="keep the pages in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if not Path(CHROMIUM).is_file():
        print(f"{CHROMIUM} not found: install Debian's chromium package", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            rows = [measure(browser, n, folder) for n in sizes]
        finally:
            browser.close()
    base = rows[0]
    print(f"{'nodes':>6} {'edges':>6} {'layout':>11} {'size MB':>8} {'render s':>9} "
          f"{'ready s':>8} {'size x':>7} {'render x':>9} {'ready x':>8}")
    for row in rows:
        print(f"{row['nodes']:>6} {row['edges']:>6} {row['layout']:>11} "
              f"{row['bytes'] / 1e6:>8.2f} {row['render']:>9.2f} {row['ready']:>8.2f} "
              f"{row['bytes'] / base['bytes']:>7.1f} {row['render'] / base['render']:>9.1f} "
              f"{row['ready'] / base['ready']:>8.1f}")
    largest = rows[-1]
    verdict = "meets" if largest["ready"] <= TARGET_SECONDS else "misses"
    print(f"{largest['nodes']}-node page ready in {largest['ready']:.2f} s: "
          f"{verdict} the {TARGET_SECONDS:.0f} s target")
    return 0 if largest["ready"] <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
