"""The benchmark scripts run: a tiny size of each, so that they do not rot.

Their timings are not checked here (machines are noisy); the scripts
compare each engine's answers themselves and stop when they disagree.
"""

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run_benchmark(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_store_benchmark_prints_ratios_for_every_step():
    out = run_benchmark("bench_store.py", "--sizes", "2000", "--markdown")
    steps = [line.split("|")[2].strip() for line in out.splitlines()[2:]]
    assert [s.split(" (")[0] for s in steps] == [
        "load", "load", "join + filter", "GROUP BY count", "provenance lookup",
        "peak memory",
    ]
    assert all(line.count("x |") >= 1 for line in out.splitlines()[2:])


def test_store_benchmark_scenario_is_deterministic(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_store
    finally:
        sys.path.remove(str(BENCHMARKS))
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    assert bench_store.generate(3000, first) == bench_store.generate(3000, second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(("script", "args"), [
    ("bench_render.py", ("--sizes", "50")),
    ("bench_analysis.py", ("--quick", "--time-limit", "5")),
])
def test_other_benchmarks_run(script, args):
    assert run_benchmark(script, *args).strip()
