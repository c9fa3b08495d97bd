"""benchmarks/bench_events.py runs at a tiny size and reports every contender."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_events", ROOT / "benchmarks" / "bench_events.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_bench_events_runs_tiny(tmp_path, capsys):
    bench = load_bench()

    results = bench.bench([20_000], folder=str(tmp_path), files=2, keep=False, pandas=False)

    assert results[0]["import"]["rows"] > 0
    assert results[0]["import-0"]["rows"] == results[0]["import"]["rows"]
    assert results[0]["duckdb"]["rows"] > 0
    assert results[0]["duckdb-c"]["rows"] == results[0]["duckdb"]["rows"]  # a row per tie
    assert "events/s" in capsys.readouterr().out
    assert any("DuckDB bare" in line for line in bench.targets(results))
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_keeps_the_generated_files_for_the_next_run(tmp_path):
    bench = load_bench()
    cache, work = tmp_path / "cache", tmp_path / "work"
    work.mkdir()
    first = bench.bench([5_000], folder=str(work), files=1, keep=False, pandas=False,
                        cache=str(cache))

    again = bench.bench([5_000], folder=str(work), files=1, keep=False, pandas=False,
                        cache=str(cache))

    assert first[0]["generate_s"] > 0 and again[0]["generate_s"] == 0
    assert again[0]["import"]["rows"] == first[0]["import"]["rows"]
    assert again[0]["text_mb"] == first[0]["text_mb"]
