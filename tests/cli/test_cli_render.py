"""``kg render`` from the command line, including its error paths."""

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from kg.cli import main

FIXTURE = str(FIXTURES / "render")
CLI = ROOT / "cli.py"


@pytest.fixture
def run(tmp_path):
    def invoke(*args):
        return CliRunner().invoke(main, ["render", FIXTURE, *args], catch_exceptions=False)
    return invoke


def test_render_writes_the_page_and_says_what_it_holds(run, tmp_path):
    out = tmp_path / "page.html"
    result = run("-o", str(out))
    assert result.exit_code == 0
    assert result.output == f"wrote {out}: 8 nodes, 12 ties (all lens)\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_twice_gives_byte_identical_files(run, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    run("-o", str(first))
    run("-o", str(second))
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", ["Delta League", "delta league", "kgr:delta-league",
                                  "https://w3id.org/kg-relations/id/delta-league"])
def test_render_focus_by_label_curie_or_iri_with_depth(run, tmp_path, name):
    result = run("--focus", name, "--depth", "1", "-o", str(tmp_path / "f.html"))
    assert result.exit_code == 0
    assert "3 nodes, 3 ties" in result.output


def test_render_lens_title_and_caption(run, tmp_path):
    out = tmp_path / "p.html"
    result = run("--lens", "pressures", "--title", "Who presses", "--caption", "One tie",
                 "-o", str(out))
    assert result.exit_code == 0 and "(pressures lens)" in result.output
    html = out.read_text(encoding="utf-8")
    assert "<h1 id=\"title\">Who presses</h1>" in html and "One tie" in html


def test_render_unknown_focus_is_one_line_error_and_no_file(run, tmp_path):
    out = tmp_path / "x.html"
    result = run("--focus", "Atlantis", "-o", str(out))
    assert result.exit_code == 2
    assert result.output.startswith("Error: unknown actor 'Atlantis'; ")
    assert result.output.endswith(" (on the all page)\n") and result.output.count("\n") == 1
    assert not out.exists()


def test_render_highlight_of_node_not_on_the_lens_is_refused(run, tmp_path):
    result = run("--lens", "pressures", "--highlight", "Beta,Ada Leader",
                 "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert result.output == ("Error: unknown actor 'Ada Leader'; actors: Beta, Gamma "
                             "(on the pressures page)\n")


def test_render_depth_without_focus_is_refused(run, tmp_path):
    result = run("--depth", "2", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert result.output == "Error: --depth needs --focus\n"


def test_render_bad_input_names_file_and_line_and_keeps_old_page(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/kg-relations/ontology#> .\nkg:a kg:b .\n")
    out = tmp_path / "page.html"
    out.write_text("old page")
    result = CliRunner().invoke(main, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}:2: ")
    assert out.read_text() == "old page"


def test_render_help_shows_an_example():
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0 and "Example: kg render --lens balance" in result.output


def test_render_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        subprocess.run([sys.executable, str(CLI), "render", FIXTURE, "--lens", "balance",
                        "-o", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_cli_offers_exactly_the_library_lenses():
    from kg.cli.render import LENSES as CLI_LENSES
    from kg.pages.pagegraph import LENSES

    assert CLI_LENSES == LENSES
