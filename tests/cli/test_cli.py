"""The core commands, as a user types them."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from kg import __version__
from kg.cli import main

SHIPPED = "reading the shipped scenario summit-2025 (give PATHS to read your own)\n"


def test_validate_reports_that_the_shipped_data_conforms():
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0
    assert result.stdout == "conforms\n"
    assert result.stderr == SHIPPED + (
        "note: 41 quote(s) not checked word for word: their sources declare no local copy "
        "(kg:localCopy)\n")


def test_validate_counts_the_quotes_no_source_text_could_check(tmp_path):
    scenario = (FIXTURES / "triangle.trig").read_text(encoding="utf-8")
    (tmp_path / "triangle.trig").write_text(scenario, encoding="utf-8")

    result = CliRunner().invoke(main, ["validate", str(tmp_path)])

    assert result.exit_code == 0
    assert result.stdout == "conforms\n"
    assert result.stderr == ("note: 11 quote(s) not checked word for word: their sources "
                             "declare no local copy (kg:localCopy)\n")


def test_validate_lists_violations_and_exits_1(tmp_path):
    fixture = FIXTURES / "shapes" / "invalid.trig"
    result = CliRunner().invoke(main, ["validate", str(fixture)])
    assert result.exit_code == 1
    assert "Violation: kgr:r kg:polarity: Polarity must be the integer 1" in result.output


def test_stats_show_full_provenance_for_the_shipped_data():
    result = CliRunner().invoke(main, ["stats", "--format", "json"])
    stats = json.loads(result.stdout)
    assert result.exit_code == 0
    assert stats["provenance_share"] == 1.0
    assert stats["classes"]["kg:State"] >= 5
    assert stats["agreements_by_status"]["kgc:ratified"] == 1


def test_stats_table_ends_with_the_provenance_line():
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("(100%) carry a source and a quote")


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.output == f"kg, version {__version__}\n"


def test_cli_shim_runs_from_a_checkout():
    out = subprocess.run(
        [sys.executable, "cli.py", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout == f"kg, version {__version__}\n"
