"""The timeline benchmark runs at a tiny size and checks its own counts."""

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


def test_timeline_benchmark_history_is_deterministic():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import bench_timeline
    finally:
        sys.path.remove(str(SCRIPT.parent))
    first = bench_timeline.history(500, 20, 60, seed=3)
    second = bench_timeline.history(500, 20, 60, seed=3)

    assert first[0].tolist() == second[0].tolist() and first[1] == second[1]
