"""Benchmark the signed triad census and the exact frustration index.

    .venv/bin/python benchmarks/bench_analysis.py           # full run (several minutes)
    .venv/bin/python benchmarks/bench_analysis.py --quick   # small sizes only

Triad census: deterministic random signed graphs (sparse 100k and 1M
edges, dense 2,000 nodes and 100k edges). Baselines measured in the same
run: igraph's C triangle listing of the same unsigned graph (building the
graph included) and networkx's ``nx.triangles`` (on a prebuilt graph).
Also timed: the census of a networkx graph (conversion included) and the
whole ``kg balance`` pipeline from a CSV edge list (reading, checking,
collapsing, census, listing the first 20 unbalanced triangles).

Frustration index: planted two-faction graphs (random graph on m/4 nodes,
two hidden factions, 5% of the signs flipped) of 1,000, 3,000 and 10,000
edges, and uniformly random signs at 200 and 500 edges, each with a 60 s
limit. Baseline: the plain AND model of Aref, Mason & Wilson (node
variables and one variable per edge, no reduction, no cuts, no warm
start) with HiGHS under the same limit.

Time limits: uniformly random signs at 50,000 and 200,000 edges (20,000
with --quick), both methods, with a short limit; the ratio is the time
taken (networkx graph in, result out) over the limit, which should stay
near 1.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.signed.arrays import SignedEdges  # noqa: E402
from kg.signed.balance import balance  # noqa: E402
from kg.signed.edgelist import read_signed_edges  # noqa: E402
from kg.signed.frustration import frustration  # noqa: E402
from kg.signed.triads import triad_census  # noqa: E402


def random_pairs(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``m`` distinct random pairs u < v of ``n`` nodes (deterministic)."""
    rng = np.random.default_rng(seed)
    keys = np.zeros(0, dtype=np.int64)
    while len(keys) < m:
        pairs = np.sort(rng.integers(0, n, (2 * m, 2)), axis=1)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        keys = np.unique(np.concatenate([keys, pairs[:, 0] * n + pairs[:, 1]]))
    keys = rng.permutation(keys)[:m]
    return keys // n, keys % n


def signed_edges(n: int, m: int, seed: int) -> SignedEdges:
    """A random graph with uniformly random signs."""
    u, v = random_pairs(n, m, seed)
    signs = np.random.default_rng(seed + 1).choice([-1, 1], m)
    return SignedEdges(*_sorted(n, u, v, signs))


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def bench_census(sizes) -> None:
    import igraph

    print("Signed triad census (best of 3; ratio = kg time / baseline time)")
    header = (f"{'graph':<28}{'triangles':>11}{'kg':>8}{'igraph':>8}{'nx':>8}"
              f"{'kg/ig':>7}{'kg/nx':>7}{'from nx':>9}{'CSV pipeline':>14}")
    print(header)
    for name, n, m in sizes:
        E = signed_edges(n, m, seed=m + n)
        t_kg, census = best_of(lambda E=E: triad_census(E))
        edges = np.stack([E.u, E.v], axis=1)
        t_ig, listed = best_of(lambda n=n, e=edges: igraph.Graph(n=n, edges=e).list_triangles())
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(
            (a, b, {"sign": s})
            for a, b, s in zip(E.u.tolist(), E.v.tolist(), E.sign.tolist(), strict=True)
        )
        t_nx, counts = best_of(lambda G=G: sum(nx.triangles(G).values()) // 3, repeat=1)
        t_from_nx, _ = best_of(lambda G=G: triad_census(SignedEdges.from_graph(G)), repeat=1)
        del G
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "edges.csv"
            body = np.char.add(np.char.add(E.u.astype(str), ","),
                               np.char.add(np.char.add(E.v.astype(str), ","),
                                           np.where(E.sign > 0, "+1", "-1")))
            path.write_text("source,target,sign\n" + "\n".join(body.tolist()) + "\n")
            t_csv, _ = best_of(lambda p=path: balance(read_signed_edges(p), limit=20), repeat=1)
        total = sum(census.values())
        assert total == len(listed) == counts, (total, len(listed), counts)
        print(f"{name:<28}{total:>11,}{t_kg:>8.2f}{t_ig:>8.2f}{t_nx:>8.2f}"
              f"{t_kg / t_ig:>7.2f}{t_kg / t_nx:>7.2f}{t_from_nx:>9.2f}{t_csv:>14.2f}")
    print()


def planted(m: int, flip: float, seed: int) -> SignedEdges:
    n = m // 4
    u, v = random_pairs(n, m, seed)
    rng = np.random.default_rng(seed + 1)
    faction = rng.integers(0, 2, n)
    signs = np.where(faction[u] == faction[v], 1, -1)
    signs = np.where(rng.random(m) < flip, -signs, signs)
    return SignedEdges(*_sorted(n, u, v, signs))


def uniform(m: int, seed: int) -> SignedEdges:
    return signed_edges(m // 4, m, seed)


def _sorted(n, u, v, signs):
    order = np.lexsort((v, u))
    u, v, signs = u[order], v[order], np.asarray(signs, dtype=np.int8)[order]
    m = len(u)
    return (np.arange(n), u, v, signs, np.ones(m), np.zeros(m, dtype=bool),
            np.where(signs > 0, 1.0, 0.0), np.where(signs < 0, 1.0, 0.0))


def plain_and_model(E: SignedEdges, time_limit: float) -> tuple[float, bool, float]:
    """The AND model without any speed-up: x_i binary, x_ij in [0, 1];
    frustration f_ij = x_i + x_j - 2 x_ij (positive edge, x_ij <= x_i, x_j)
    or 1 - x_i - x_j + 2 x_ij (negative edge, x_ij >= x_i + x_j - 1)."""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, m = E.n, E.m
    u, v, s = E.u, E.v, E.sign
    cost = np.zeros(n + m)
    pos, neg = s > 0, s < 0
    np.add.at(cost, u[pos], 1.0)
    np.add.at(cost, v[pos], 1.0)
    np.add.at(cost, u[neg], -1.0)
    np.add.at(cost, v[neg], -1.0)
    cost[n + np.flatnonzero(pos)] = -2.0
    cost[n + np.flatnonzero(neg)] = 2.0
    constant = float(neg.sum())
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for e in np.flatnonzero(pos):
        for end in (u[e], v[e]):  # x_ij - x_end <= 0
            rows += [r, r]
            cols += [n + e, end]
            vals += [1.0, -1.0]
            lo.append(-np.inf)
            hi.append(0.0)
            r += 1
    for e in np.flatnonzero(neg):  # x_ij - x_i - x_j >= -1
        rows += [r, r, r]
        cols += [n + e, u[e], v[e]]
        vals += [1.0, -1.0, -1.0]
        lo.append(-1.0)
        hi.append(np.inf)
        r += 1
    A = sparse.csr_matrix((vals, (rows, cols)), shape=(r, n + m))
    result = milp(cost, integrality=np.concatenate([np.ones(n), np.zeros(m)]),
                  bounds=Bounds(0, 1), constraints=[LinearConstraint(A, lo, hi)],
                  options={"time_limit": time_limit, "disp": False, "mip_rel_gap": 0.0})
    value = float(result.fun) + constant if result.x is not None else float("nan")
    bound = getattr(result, "mip_dual_bound", None)
    bound = float(bound) + constant if bound is not None else float("nan")
    return value, result.status == 0, bound


def bench_frustration(cases, time_limit: float, baseline: bool) -> None:
    print(f"Exact frustration index (limit {time_limit:g} s; gap = (index - bound) / index)")
    print(f"{'graph':<30}{'index':>7}{'kg s':>8}{'optimal':>9}{'gap':>7}"
          f"{'plain s':>9}{'plain':>9}{'plain gap':>10}{'speed-up':>10}")
    for name, E in cases:
        start = time.perf_counter()
        result = frustration(E, time_limit=time_limit)
        t_kg = time.perf_counter() - start
        line = (f"{name:<30}{result.index:>7g}{t_kg:>8.1f}{str(result.optimal):>9}"
                f"{result.gap:>7.1%}")
        if baseline:
            start = time.perf_counter()
            value, proven, bound = plain_and_model(E, time_limit)
            t_plain = time.perf_counter() - start
            gap = (value - bound) / value if value else 0.0
            # when the plain model hits the limit, its time is only a lower bound
            speedup = f"{'' if proven else '>'}{t_plain / t_kg:.1f}x"
            line += (f"{t_plain:>9.1f}{'optimal' if proven else 'limit':>9}{gap:>10.1%}"
                     f"{speedup:>10}")
        print(line)
    print()


def bench_time_limits(sizes, limit: float) -> None:
    print(f"Time limit held (limit {limit:g} s; ratio = time taken / limit)")
    print(f"{'graph':<30}{'method':>10}{'index':>9}{'bound':>8}{'s':>7}{'ratio':>7}")
    for m in sizes:
        G = uniform(m, seed=3).to_graph()
        for method in ("exact", "heuristic"):
            start = time.perf_counter()
            result = frustration(G, method=method, time_limit=limit)
            taken = time.perf_counter() - start
            print(f"{f'random signs {m:,} edges':<30}{method:>10}{result.index:>9g}"
                  f"{result.lower_bound:>8g}{taken:>7.1f}{taken / limit:>7.2f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, no 1M census")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the plain frustration model")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--short-limit", type=float, default=3.0,
                        help="the limit of the time-limit check")
    args = parser.parse_args()
    if args.quick:
        sizes = [("sparse 10k nodes, 100k edges", 10_000, 100_000),
                 ("dense 2k nodes, 100k edges", 2_000, 100_000)]
        cases = [("planted 1,000 edges", planted(1_000, 0.05, seed=1)),
                 ("random signs 200 edges", uniform(200, seed=2))]
    else:
        sizes = [("sparse 10k nodes, 100k edges", 10_000, 100_000),
                 ("sparse 100k nodes, 1M edges", 100_000, 1_000_000),
                 ("dense 2k nodes, 100k edges", 2_000, 100_000)]
        cases = [("planted 1,000 edges", planted(1_000, 0.05, seed=1)),
                 ("planted 3,000 edges", planted(3_000, 0.05, seed=1)),
                 ("planted 10,000 edges", planted(10_000, 0.05, seed=1)),
                 ("random signs 200 edges", uniform(200, seed=2)),
                 ("random signs 500 edges", uniform(500, seed=2))]
    bench_census(sizes)
    bench_frustration(cases, args.time_limit, baseline=not args.no_baseline)
    bench_time_limits([20_000] if args.quick else [50_000, 200_000],
                      min(args.short_limit, 1.0) if args.quick else args.short_limit)


if __name__ == "__main__":
    main()
