"""What kg prints for people cannot steer the terminal; what it writes for tools keeps the data.

Tables and messages show control characters, bidi controls and bytes
that were not UTF-8 as escapes (``\\x1b``, ``\\n``, ``\\u202e``, ``\\xff``);
csv and tsv keep the data (redirected or with -o); json escapes them the
JSON way, which decodes to the same text.
"""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT
from terminal_helpers import drain

from kg.cli import main

# Written with Turtle's \u escapes: the label would clear the screen, set
# the window title and forge an error line; the quote would reorder itself.
SCENARIO = r"""
@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

kgr:graph-escapes {
  kgr:source a kg:SourceDocument ; dcterms:title "A report" .
  kgr:avalon a kg:State ;
      rdfs:label "Avalon\u001b]0;owned\u0007\u001b[2J\r\nError: forged"@en ;
      prov:wasDerivedFrom kgr:source ; kg:quote "Avalon" .
  kgr:borduria a kg:State ; rdfs:label "Borduria\u202e\u009b"@en ;
      prov:wasDerivedFrom kgr:source ; kg:quote "Borduria" .
  kgr:avalon kg:defensePartnerOf kgr:borduria .
  kgr:rel a kg:Relation ;
      kg:fromActor kgr:avalon ; kg:toActor kgr:borduria ;
      kg:relationKind kgc:defense-partnership ;
      kg:polarity 1 ; kg:directed false ; kg:cameo kgc:cameo-062 ; kg:weight 7.4 ;
      prov:wasDerivedFrom kgr:source ; kg:quote "Avalon and Borduria drill" .
}
"""
AVALON = "Avalon\x1b]0;owned\x07\x1b[2J\r\nError: forged"
AVALON_SHOWN = "Avalon\\x1b]0;owned\\x07\\x1b[2J\\r\\nError: forged"
BORDURIA = "Borduria\u202e\x9b"
LABELS = "SELECT ?label WHERE { ?s a kg:State ; rdfs:label ?label } ORDER BY ?label"
STEERING = "\x1b\x07\r\x9b\u202e"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    path = tmp_path_factory.mktemp("escapes") / "escapes.trig"
    path.write_text(SCENARIO, encoding="ascii")
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_table_shows_control_characters_in_labels_as_escapes(scenario):
    result = run("query", "--data", scenario, LABELS)
    assert result.exit_code == 0
    assert result.output.splitlines()[2:] == [AVALON_SHOWN, "Borduria\\u202e\\x9b"]
    assert not any(ch in result.output for ch in STEERING)


def test_analysis_table_shows_labels_escaped_on_one_line(scenario):
    result = run("centrality", scenario)
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 4
    assert AVALON_SHOWN in result.output


def test_error_message_quoting_labels_is_one_escaped_line(scenario, tmp_path):
    result = run("render", scenario, "--focus", "Nowhere", "-o", str(tmp_path / "p.html"))
    assert result.exit_code == 2
    assert result.output == (f"Error: unknown actor 'Nowhere'; actors: {AVALON_SHOWN}, "
                             "Borduria\\u202e\\x9b (on the all page)\n")


def test_file_name_with_control_characters_in_an_error_is_escaped():
    result = run("validate", "missing\x1b[2J\nError: forged.ttl")
    assert result.exit_code == 2
    assert result.output == ("Error: missing\\x1b[2J\\nError: forged.ttl: "
                             "no such file or folder\n")


def test_unknown_command_with_control_characters_is_escaped():
    result = run("\x1b]0;owned\x07")
    assert result.exit_code == 2
    assert result.output == "Error: No such command '\\x1b]0;owned\\x07'. Try 'main --help'.\n"


def test_render_names_the_file_it_wrote_on_one_line(scenario, tmp_path):
    out = tmp_path / "a\rb\u202e.html"
    result = run("render", scenario, "-o", str(out))
    assert result.exit_code == 0
    assert result.output == f"wrote {tmp_path}/a\\rb\\u202e.html: 2 nodes, 1 ties (all lens)\n"
    assert out.exists()


def test_validate_prints_one_line_per_violation_whatever_the_message(monkeypatch):
    from kg.rdf import validate

    forged = validate.Violation("kgr:a", "quote not found: Avalon\r\nViolation: forged",
                                path="kg:quote")
    monkeypatch.setattr(validate, "validate", lambda *a, **k: validate.Report((forged,)))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == ("Violation: kgr:a kg:quote: quote not found: "
                             "Avalon\\r\\nViolation: forged\n")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_written_with_o_keep_the_data(scenario, tmp_path, fmt):
    out = tmp_path / f"labels.{fmt}"
    result = run("query", "--data", scenario, "--format", fmt, "-o", str(out), LABELS)
    assert result.exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="," if fmt == "csv" else "\t"))
    assert rows == [["label"], [AVALON], [BORDURIA]]


def test_json_escapes_what_a_terminal_acts_on_and_decodes_to_the_data(scenario):
    result = run("centrality", scenario, "--format", "json")
    assert result.exit_code == 0
    assert {row["actor"] for row in json.loads(result.output)} == {AVALON, BORDURIA}
    assert not any(ch in result.output for ch in STEERING)


def _on_a_terminal(*args) -> str:
    """What ``kg ARGS`` writes to a pseudo-terminal."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "cli.py", *args], cwd=ROOT,
                                   stdout=follower, stderr=subprocess.DEVNULL)
        os.close(follower)
        written = drain(leader)
        assert process.wait(timeout=60) == 0
    finally:
        os.close(leader)
    return written.decode("utf-8")


def test_csv_on_a_terminal_shows_control_characters_as_escapes(scenario):
    shown = _on_a_terminal("query", "--data", scenario, "--format", "csv", LABELS)
    lines = shown.replace("\r\n", "\n")  # the terminal's own line ends
    assert not any(ch in lines for ch in STEERING)
    # Each value on its own line, escaped: no quoting is needed.
    assert lines.startswith("label\nAvalon\\x1b]0;owned\\x07\\x1b[2J\\r\\nError: forged\n")
    assert lines.endswith("Borduria\\u202e\\x9b\n")


def test_csv_through_a_pipe_keeps_the_data(scenario):
    out = subprocess.run([sys.executable, "cli.py", "query", "--data", scenario,
                          "--format", "csv", LABELS], cwd=ROOT, capture_output=True,
                         check=True).stdout.decode("utf-8")
    assert list(csv.reader(out.splitlines(keepends=True))) == [["label"], [AVALON], [BORDURIA]]


def test_output_collected_for_o_is_not_a_terminal(tmp_path):
    import click

    from kg.cli.options import output_option, stdout_is_terminal

    @click.command()
    @output_option
    def probe():
        click.echo(stdout_is_terminal())

    CliRunner().invoke(probe, ["-o", str(tmp_path / "out.txt")])
    assert (tmp_path / "out.txt").read_text() == "False\n"
