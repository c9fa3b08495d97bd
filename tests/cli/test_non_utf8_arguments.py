"""An argument that is not UTF-8 works (a file name) or gives one line (text).

Under a UTF-8 locale Python hands such bytes over as lone surrogates
(``\\udcff`` for byte 0xff); printed or encoded as they are they raise
UnicodeEncodeError. kg shows the byte as ``\\xff``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from kg.cli import main

FIXTURE = FIXTURES / "render" / "markup.trig"
BAD = "\udcff"  # byte 0xff of a command line, as Python decodes it


@pytest.fixture
def odd(tmp_path, monkeypatch):
    """A folder holding a scenario and an edge list whose names are not UTF-8."""
    shutil.copy(FIXTURE, tmp_path / f"{BAD}.trig")
    (tmp_path / f"{BAD}.csv").write_text("source,target,sign\nA,B,+\nB,C,-\nA,C,+\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


# Commands given a file or folder whose name is not UTF-8: they work.
WORKS = {
    "validate": ["validate", f"{BAD}.trig"],
    "stats": ["stats", f"{BAD}.trig", "-o", f"stats{BAD}.txt"],
    "render": ["render", f"{BAD}.trig", "-o", f"page{BAD}.html"],
    "balance": ["balance", f"{BAD}.trig"],
    "centrality --edges": ["centrality", "--edges", f"{BAD}.csv"],
    "query --data": ["query", "--data", f"{BAD}.trig", "-o", f"q{BAD}.txt", "ASK { ?s ?p ?o }"],
    "export --data": ["export", "--data", f"{BAD}.trig", "--format", "nt", "-o", f"{BAD}.nt"],
}


@pytest.mark.parametrize("args", WORKS.values(), ids=WORKS.keys())
def test_a_file_name_that_is_not_utf8_works(odd, args):
    result = run(*args)
    assert result.exception is None, result.output
    assert result.exit_code == 0


def test_the_name_of_a_written_file_is_shown_with_its_byte(odd):
    result = run("render", f"{BAD}.trig", "-o", f"page{BAD}.html")
    assert result.output == "wrote page\\xff.html: 8 nodes, 12 ties (all lens)\n"
    assert os.path.exists(os.fsencode(f"page{BAD}.html"))


# Text that is not UTF-8, or a missing file: one line, exit code 2.
FAILS = {
    "validate missing": (["validate", f"no{BAD}.ttl"], "no\\xff.ttl: no such file"),
    "--edges missing": (["balance", "--edges", f"no{BAD}.csv"], "no\\xff.csv: no such file"),
    "--file missing": (["query", "--file", f"no{BAD}.rq"], "no\\xff.rq: cannot read"),
    "--param": (["query", "--name", "pressures-on", "--param", f"target={BAD}"],
                "target=\\xff: not UTF-8"),
    "SPARQL text": (["query", f'ASK {{ ?s ?p "{BAD}" }}'], "not UTF-8"),
    "--endpoint": (["query", "--endpoint", f"http://127.0.0.1:9/{BAD}", "ASK {}"],
                   "http://127.0.0.1:9/\\xff: not UTF-8"),
    "--name": (["query", "--name", BAD], "unknown query"),
    "--title": (["render", str(FIXTURE), "--title", BAD, "-o", "p.html"], "\\xff: not UTF-8"),
    "--caption": (["render", str(FIXTURE), "--caption", BAD, "-o", "p.html"],
                  "\\xff: not UTF-8"),
    "--focus": (["render", str(FIXTURE), "--focus", BAD, "-o", "p.html"], "unknown actor"),
    "--highlight": (["render", str(FIXTURE), "--highlight", BAD, "-o", "p.html"],
                    "unknown actor"),
    "wedges A B": (["wedges", BAD, "Beta", str(FIXTURE)], "unknown actor"),
    "whatif --flip": (["whatif", "--flip", BAD, "Beta", str(FIXTURE)], "unknown actor"),
    "--layers": (["balance", "--layers", BAD, str(FIXTURE)], "unknown layer"),
    "--store": (["load", str(FIXTURE), "--store", f"store{BAD}"], "UTF-8"),
    "command": ([BAD], "No such command"),
    "--format": (["stats", "--format", BAD], "Invalid value for '--format'"),
}


@pytest.mark.parametrize(("args", "message"), FAILS.values(), ids=FAILS.keys())
def test_text_that_is_not_utf8_gives_one_line(odd, args, message):
    result = run(*args)
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert message in result.output
    assert BAD not in result.output


def test_a_real_command_line_with_byte_0xff_prints_it_escaped(tmp_path):
    shutil.copy(FIXTURE, os.path.join(os.fsencode(tmp_path), b"\xff.trig"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "render", b"\xff.trig",
                          "--title", b"\xfe", "-o", b"page\xff.html"],
                         cwd=tmp_path, env=env, capture_output=True)
    assert out.returncode == 2
    assert out.stderr == b"Error: \\xfe: not UTF-8; kg takes text in UTF-8 (only the name " \
                         b"of a file or folder may hold other bytes)\n"
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "render", b"\xff.trig",
                          "-o", b"page\xff.html"],
                         cwd=tmp_path, env=env, capture_output=True)
    assert (out.returncode, out.stdout) == (0, b"wrote page\\xff.html: 8 nodes, 12 ties "
                                               b"(all lens)\n")
