"""The timeline benchmark runs at a tiny size and checks its own counts."""

import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_timeline.py"


def test_timeline_benchmark_prints_the_ratio_and_agrees_at_every_step():
    done = subprocess.run([sys.executable, str(SCRIPT), "--ties", "3000", "--points", "40",
                           "--actors", "200", "--markdown"],
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert "same census at every step: yes" in done.stdout
    assert re.search(r"\| incremental census per step \| [\d.]+ \| [\d.]+x \|", done.stdout)
    assert re.search(r"speed-up [\d.]+x", done.stdout)


#: Prints a checksum of a small history of the benchmark.
CHECKSUM = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
import bench_timeline
pairs, changes = bench_timeline.history(500, 20, 60, seed=3)
print(hashlib.sha256(repr((pairs.tolist(), changes)).encode()).hexdigest())
"""


def test_timeline_benchmark_history_is_the_same_in_every_process():
    # two processes with different hash seeds: no order may come from a set's hashing
    sums = [subprocess.run([sys.executable, "-c", CHECKSUM, str(SCRIPT.parent)],
                           capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2")]

    assert len(sums[0].strip()) == 64 and sums[0] == sums[1]
