"""The triad census of a timeline: updated per change against recounted per step.

A deterministic synthetic history (by default 100,000 dated ties among
4,000 actors in communities of 40, over 1,000 change points; a pair may
hold several ties one after another, of either sign, so ties appear, end
and change sign) is stepped through twice, each pass timed on its own: once applying each
change point's changes to :class:`kg.signed.census.IncrementalCensus`,
once recounting the census from scratch on the arrays of the ties then in
force (:func:`kg.signed.triads.triad_census`, the fast numpy census,
timed with building its arrays). The script checks that both give the
same counts at every step, and prints the mean time per step of each and
their ratio. Times are the CPU time of the process
(``time.process_time``), steadier than the wall clock on a shared machine.
Target: the incremental census is at least 50 times faster per step.

    .venv/bin/python benchmarks/bench_timeline.py [--ties 100000] [--points 1000]
        [--actors 4000] [--seed 1] [--markdown]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict

import numpy as np

from kg.signed.arrays import SignedEdges
from kg.signed.census import IncrementalCensus
from kg.signed.triads import TRIAD_TYPES, triad_census

TARGET = 50.0
COMMUNITY = 40


def history(ties: int, points: int, actors: int, *, seed: int = 1):
    """The pairs (u < v, sorted) and, per change point, the changes
    ``(pair index, sign or 0 when the tie ends)``, applied in order.

    Each tie begins at a random change point; half of them hold until now,
    the others for a random number of points. Most ties join two actors of
    one community (so there are triangles to count). A tie on a pair that
    already has one replaces it (the sign may change: both give way to
    the later one).
    """
    rng = random.Random(seed)
    communities = max(1, actors // COMMUNITY)
    spans: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
    for _ in range(ties):
        if rng.random() < 0.9:  # most ties inside a community: triangles to count
            base = rng.randrange(communities) * COMMUNITY
            a, b = rng.sample(range(base, min(actors, base + COMMUNITY)), 2)
        else:
            a, b = rng.sample(range(actors), 2)
        begin = rng.randrange(points)
        end = points if rng.random() < 0.5 else min(points, begin + 1 + rng.randrange(points))
        spans[(min(a, b), max(a, b))].append((begin, end, 1 if rng.random() < 0.7 else -1))
    pairs = sorted(spans)
    steps: list[list[tuple[int, int]]] = [[] for _ in range(points)]
    for index, pair in enumerate(pairs):
        # the sign of the pair at each point: the latest tie begun and not ended
        timeline = [0] * (points + 1)
        for begin, end, sign in sorted(spans[pair]):
            timeline[begin:end] = [sign] * (end - begin)
        previous = 0
        for point in range(points):
            if timeline[point] != previous:
                steps[point].append((index, timeline[point]))
                previous = timeline[point]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2), steps


def run(ties: int, points: int, actors: int, *, seed: int = 1) -> dict:
    """Step through the history twice, each pass timed on its own (so
    neither clears the other's caches): the incremental census, then the
    recount; the census of every step must be the same."""
    pairs, steps = history(ties, points, actors, seed=seed)
    u, v = pairs[:, 0], pairs[:, 1]
    ends = list(zip(u.tolist(), v.tolist(), strict=True))
    # the changes as a timeline has them: a pair and its new sign (None: ended)
    batches = [[(*ends[index], sign or None) for index, sign in changes] for changes in steps]
    census = IncrementalCensus()
    incremental, expected = 0.0, []
    for batch in batches:
        start = time.process_time()
        census.apply(batch)
        incremental += time.process_time() - start
        expected.append(census.counts())
    nodes = np.arange(actors)
    signs = np.zeros(len(pairs), dtype=np.int8)
    scratch = 0.0
    for step, changes in enumerate(steps):
        for index, sign in changes:
            signs[index] = sign
        start = time.process_time()
        now = np.flatnonzero(signs)
        ones = np.ones(len(now))
        E = SignedEdges(nodes, u[now], v[now], signs[now], ones, np.zeros(len(now), dtype=bool),
                        np.where(signs[now] > 0, 1.0, 0.0), np.where(signs[now] < 0, 1.0, 0.0))
        counted = triad_census(E)
        scratch += time.process_time() - start
        assert counted == expected[step], (step, counted, expected[step])
    return {"steps": len(steps), "changes": sum(map(len, steps)),
            "ties_now": int((signs != 0).sum()), "triangles": census.triangles,
            "census": census.counts(), "incremental": incremental / len(steps),
            "scratch": scratch / len(steps)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ties", type=int, default=100_000)
    parser.add_argument("--points", type=int, default=1_000)
    parser.add_argument("--actors", type=int, default=4_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")
    args = parser.parse_args(argv)
    result = run(args.ties, args.points, args.actors, seed=args.seed)
    ratio = result["scratch"] / result["incremental"] if result["incremental"] else float("inf")
    per_step = result["changes"] / result["steps"]
    rows = [
        ("recount per step (numpy census)", result["scratch"], 1.0),
        ("incremental census per step", result["incremental"], ratio),
    ]
    print(f"{args.ties:,} ties, {args.actors:,} actors, {result['steps']:,} change points "
          f"({per_step:.0f} changes per step); the last step: {result['ties_now']:,} ties, "
          f"{result['triangles']:,} triangles "
          + " ".join(f"{k} {n:,}" for k, n in result["census"].items()))
    print("same census at every step: yes")
    if args.markdown:
        print("| census | ms per step | speed-up |")
        print("|---|---:|---:|")
        for name, seconds, factor in rows:
            print(f"| {name} | {seconds * 1000:.3f} | {factor:.1f}x |")
    else:
        for name, seconds, factor in rows:
            print(f"{name:<34} {seconds * 1000:>10.3f} ms  {factor:>7.1f}x")
    verdict = "meets" if ratio >= TARGET else "misses"
    print(f"speed-up {ratio:.1f}x ({verdict} the target of {TARGET:.0f}x)")
    assert set(result["census"]) == set(TRIAD_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
