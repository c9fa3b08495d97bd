"""benchmarks/bench_events.py runs at a tiny size and reports every contender."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_bench_events_runs_tiny(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location(
        "bench_events", ROOT / "benchmarks" / "bench_events.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    results = bench.bench([20_000], folder=str(tmp_path), files=2, keep=False, pandas=False)

    assert results[0]["import"]["rows"] > 0
    assert results[0]["duckdb"]["rows"] > 0
    assert "events/s" in capsys.readouterr().out
    assert any("DuckDB bare" in line for line in bench.targets(results))
    assert list(tmp_path.iterdir()) == []
