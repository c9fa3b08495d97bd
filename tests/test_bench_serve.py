"""The load benchmark of `kg serve` runs (tiny): both servers answer, no errors."""

import re
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_serve.py"


def test_serve_benchmark_prints_both_servers_and_their_ratio():
    done = subprocess.run([sys.executable, str(BENCHMARK), "--clients", "3", "--seconds", "0.5"],
                          capture_output=True, text=True, timeout=180)

    assert done.returncode == 0, done.stderr
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines()
            if line.startswith("| kg serve") or line.startswith("| oxigraph serve")]
    assert [row[0].strip() for row in rows] == ["kg serve", "oxigraph serve"]
    assert all(row[5].strip() == "0" for row in rows)  # no errors
    assert re.search(r"throughput kg/oxigraph: \d+\.\d\dx", done.stdout)
