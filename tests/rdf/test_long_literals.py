"""A literal longer than 16 MiB (the buffer of Oxigraph's streaming reader)
loads with both readers; where Oxigraph must stream a file (over 64 MiB),
it is refused in one line that says the limit, never with a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import main

LONG = 17 * 2**20
TEMPLATES = {
    "nt": '<http://example.org/a> <http://example.org/p> "{value}" .\n'
          '<http://example.org/a> <http://example.org/q> "short" .\n',
    "ttl": '@prefix ex: <http://example.org/> .\n'
           'ex:a ex:p """{value}""" ;\n    ex:q "short" .\n',
}
LENGTH = "SELECT (STRLEN(?v) AS ?n) WHERE { ?s <http://example.org/p> ?v }"


@pytest.fixture(scope="module")
def long_files(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("long")
    value = "x" * LONG
    files = {}
    for suffix, template in TEMPLATES.items():
        files[suffix] = folder / f"long.{suffix}"
        files[suffix].write_text(template.format(value=value), encoding="utf-8")
    return files


@pytest.mark.parametrize("suffix", sorted(TEMPLATES))
def test_query_reads_a_literal_over_16_mib(suffix, long_files):
    result = CliRunner().invoke(main, ["query", "--data", str(long_files[suffix]), LENGTH,
                                       "--format", "csv"])

    assert result.exit_code == 0, result.output
    assert result.output.split() == ["n", str(LONG)]


@pytest.mark.parametrize("suffix", sorted(TEMPLATES))
def test_load_stores_a_literal_over_16_mib(suffix, long_files, tmp_path):
    result = CliRunner().invoke(main, ["load", str(long_files[suffix]), "--store",
                                       str(tmp_path / "store")])

    assert result.exit_code == 0, result.output
    assert "loaded 1 file(s)" in result.output


def test_rdflib_reads_a_literal_over_16_mib_in_a_few_seconds(long_files):
    # rdflib's N-Triples reader once took minutes per such line (it searched
    # its whole buffer for a line end after every 2 KiB); a second or two
    # is expected, so a minute is a generous bound.
    code = ("import sys; from kg.rdf.load import load\n"
            "for f in sys.argv[1:]:\n"
            "    ds = load([f], check_terms=False, with_ontology=False)\n"
            "    print(*sorted(len(o) for s, p, o, g in ds.quads()))")
    done = subprocess.run([sys.executable, "-c", code, *map(str, long_files.values())],
                          capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"5 {LONG}", f"5 {LONG}"]


@pytest.mark.parametrize("command", ["query", "load"])
def test_a_streamed_file_with_a_longer_literal_is_refused_in_one_line(command, long_files,
                                                                       tmp_path, monkeypatch):
    monkeypatch.setattr("kg.sparql.store_input.WHOLE_BYTES", 2**20)
    path = long_files["ttl"]
    args = (["query", "--data", str(path), LENGTH] if command == "query"
            else ["load", str(path), "--store", str(tmp_path / "store")])

    result = CliRunner().invoke(main, args)

    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {path}: a literal, IRI or comment is longer than 16 MiB, the most Oxigraph "
        "streams from a file over 1 MiB; move the statements that hold it into a smaller file"]
    assert not (tmp_path / "store").exists()
