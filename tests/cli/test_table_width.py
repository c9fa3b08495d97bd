"""Tables fit the terminal; --wide, pipes, files and formats for tools keep every character."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest
from click.testing import CliRunner
from conftest import ROOT
from scenario_helpers import LONG_QUOTE, write_scenario
from terminal_helpers import drain

from kg.cli import main

QUOTES = "SELECT ?pressure ?quote WHERE { ?pressure a kg:Pressure ; kg:quote ?quote }"


@pytest.fixture
def scenario(tmp_path):
    return write_scenario(tmp_path)


def query(*args, width=None):
    return CliRunner().invoke(main, ["query", *args], terminal_width=width)


def test_a_table_is_cut_to_the_width_of_the_terminal(scenario):
    result = query(QUOTES, scenario, width=60)

    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == 60
    assert lines[2] == ("kgr:pressure-avalon-tariffs-on-france  "
                        "Avalon raised its ta\u2026")
    assert result.stderr == "cut 1 long cell to fit 60 columns; --wide shows them whole\n"


def test_wide_shows_the_whole_table(scenario):
    result = query(QUOTES, scenario, "--wide", width=60)

    assert result.stdout.splitlines()[2].endswith(LONG_QUOTE)
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_formats_for_tools_are_never_cut(scenario, fmt):
    result = query(QUOTES, scenario, "--format", fmt, width=40)

    assert LONG_QUOTE in result.stdout
    assert result.stderr == ""


def test_a_table_written_with_o_is_whole(scenario, tmp_path):
    target = tmp_path / "quotes.txt"

    query(QUOTES, scenario, "-o", str(target), width=40)

    assert target.read_text(encoding="utf-8").splitlines()[2].endswith(LONG_QUOTE)


def test_a_table_through_a_pipe_is_whole(scenario):
    out = subprocess.run([sys.executable, "cli.py", "query", QUOTES, scenario], cwd=ROOT,
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "COLUMNS": "40"})

    assert out.stdout.splitlines()[2].endswith(LONG_QUOTE)


def test_a_table_on_a_real_terminal_fits_its_width(scenario):
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 72, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    try:
        process = subprocess.Popen([sys.executable, "cli.py", "query", QUOTES, scenario],
                                   cwd=ROOT, stdout=follower, stderr=subprocess.PIPE, env=env)
        os.close(follower)
        written = drain(leader)
        stderr = process.communicate(timeout=60)[1].decode("utf-8")
    finally:
        os.close(leader)
    lines = written.decode("utf-8").replace("\r\n", "\n").splitlines()

    assert max(len(line) for line in lines) == 72
    assert lines[2].endswith("\u2026")
    assert stderr == "cut 1 long cell to fit 72 columns; --wide shows them whole\n"


def test_the_list_of_named_queries_fits_too():
    result = query("--list", width=50)

    assert max(len(line) for line in result.stdout.splitlines()) <= 50
    assert "--wide shows them whole" in result.stderr


def test_labels_do_not_change_what_json_holds_beyond_the_label_columns(scenario):
    plain = json.loads(query(QUOTES, scenario, "--format", "json").stdout)
    labelled = json.loads(query(QUOTES, scenario, "--format", "json", "--labels").stdout)

    assert labelled["head"]["vars"] == ["pressure", "pressureLabel", "quote"]
    assert [{k: v for k, v in b.items() if k != "pressureLabel"}
            for b in labelled["results"]["bindings"]] == plain["results"]["bindings"]


def test_analysis_tables_fit_the_terminal_too_and_wide_shows_them_whole():
    from kg.cli import main

    cut = CliRunner().invoke(main, ["wedges", "--all"], terminal_width=80)
    whole = CliRunner().invoke(main, ["wedges", "--all", "--wide"], terminal_width=80)
    assert cut.exit_code == whole.exit_code == 0
    assert "…" in cut.stdout and "--wide shows them whole" in cut.stderr
    assert "…" not in whole.stdout
    widest = max(map(len, whole.stdout.splitlines()))
    assert max(map(len, cut.stdout.splitlines())) < widest
