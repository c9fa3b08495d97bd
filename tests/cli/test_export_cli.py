"""`kg export -o` says what it wrote; standard output holds only the export."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import FIXTURES

from kg.cli import main

TRIANGLE = str(FIXTURES / "triangle.trig")


def export(*args):
    return CliRunner().invoke(main, ["export", TRIANGLE, *args])


def test_export_to_a_file_says_what_it_wrote_on_stderr(tmp_path):
    target = tmp_path / "triangle.nq"

    result = export("--format", "nq", "-o", str(target))

    quads = len(target.read_text(encoding="utf-8").splitlines())
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}: {quads} quads in 1 named graph (nq)\n"


def test_export_of_triples_counts_triples(tmp_path):
    target = tmp_path / "triangle.nt"

    result = export("--format", "nt", "-o", str(target))

    triples = len(target.read_text(encoding="utf-8").splitlines())
    assert result.stderr == f"wrote {target}: {triples} triples (nt)\n"


def test_export_of_the_network_counts_actors_and_edges(tmp_path):
    target = tmp_path / "actors.graphml"

    result = export("--format", "graphml", "-o", str(target))

    text = target.read_text(encoding="utf-8")
    assert result.stderr == (f"wrote {target}: {text.count('<node ')} actors, "
                             f"{text.count('<edge ')} edges (graphml)\n")
    assert text.count("<node ") == 4


def test_export_of_network_csv_names_both_files(tmp_path):
    folder = tmp_path / "network"

    result = export("--format", "csv", "-o", str(folder))

    edges = len((folder / "edges.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert result.stderr == (f"wrote {folder}/nodes.csv and {folder}/edges.csv: 4 actors, "
                             f"{edges} edges (csv)\n")


def test_export_to_standard_output_says_nothing_on_stderr():
    result = export("--format", "nt")

    assert result.stderr == ""
    assert result.stdout.endswith(" .\n")
