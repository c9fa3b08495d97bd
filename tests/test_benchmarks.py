"""The benchmark scripts run: a tiny size of each, so that they do not rot.

Their timings are not checked here (machines are noisy); the scripts
compare each engine's answers themselves and stop when they disagree.
"""

import re
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run_benchmark(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_store_benchmark_prints_ratios_for_every_step():
    out = run_benchmark("bench_store.py", "--sizes", "2000", "--markdown")
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in out.splitlines()[2:]]

    assert [row[1].split(" (")[0] for row in rows] == [
        "load", "load", "join + filter", "GROUP BY count", "provenance lookup",
        "peak memory",
    ]
    ratio = re.compile(r"\d+\.\dx")
    assert all(ratio.fullmatch(row[4]) for row in rows)
    assert all(ratio.fullmatch(row[6]) for row in rows if row[1] != "load (plain bulk_load, "
               "1 thread)")


def test_store_benchmark_scenario_is_deterministic(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_store
    finally:
        sys.path.remove(str(BENCHMARKS))
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    assert bench_store.generate(3000, first) == bench_store.generate(3000, second)
    assert first.read_bytes() == second.read_bytes()


def test_render_benchmark_prints_ratios_against_the_smallest_page():
    out = run_benchmark("bench_render.py", "--sizes", "50").splitlines()

    assert out[0].endswith("size x  render x  ready x")
    assert out[1].split()[-3:] == ["1.0", "1.0", "1.0"]


def test_analysis_benchmark_prints_ratios_against_igraph_and_networkx():
    out = run_benchmark("bench_analysis.py", "--quick", "--time-limit", "5")

    assert "kg/ig  kg/nx" in out
    assert "speed-up" in out


def test_stream_benchmark_prints_the_memory_ratio_against_its_baseline():
    out = run_benchmark("bench_stream.py", "--sizes", "2000")
    row = out.splitlines()[1].split()
    assert row[0] == "2000"
    assert re.fullmatch(r"\d+\.\d\dx", row[3])
    assert out.splitlines()[-1].startswith("target: csv within 1.5x of the ASK baseline")
