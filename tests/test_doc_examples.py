"""The commands shown in README.md and the docs print what is shown under them."""

from __future__ import annotations

import doctest
import re

import pytest
from click.testing import CliRunner
from conftest import ROOT, script

from kg.cli import main

EXAMPLES = script("scripts/doc_examples.py")
PAGES = EXAMPLES.files()


def runnable_blocks(text: str) -> list[str]:
    return [m.group(2) for m in EXAMPLES.BLOCK.finditer(text) if EXAMPLES.commands(m.group(2))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_shown_output_is_current(monkeypatch, page):
    monkeypatch.chdir(ROOT)
    text = page.read_text(encoding="utf-8")
    assert EXAMPLES.refresh(text) == text, f"run `make docs` to refresh {page.name}"


def test_the_docs_show_many_commands_that_are_run():
    blocks = [b for page in PAGES for b in runnable_blocks(page.read_text(encoding="utf-8"))]
    assert len(blocks) > 40


def test_the_readme_shows_the_command_line_help_of_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert any(b.startswith("$ kg --help\n") for b in runnable_blocks(readme))


def test_the_example_scenario_of_the_guide_validates(tmp_path):
    guide = (ROOT / "docs" / "guides" / "scenarios.md").read_text(encoding="utf-8")
    block = guide.split("<!-- example-scenario -->\n```trig\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.trig").write_text(block, encoding="utf-8")
    (tmp_path / "example.txt").write_text(
        "Avalon and Borduria will hold joint naval exercises every spring.", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == "conforms\n"


@pytest.mark.parametrize("page", [p for p in PAGES if "```pycon" in p.read_text("utf-8")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(monkeypatch, page):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```pycon\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    parser = doctest.DocTestParser()
    for number, block in enumerate(blocks, start=1):
        runner.run(parser.get_doctest(block, {}, f"{page.name} pycon block {number}",
                                      str(page), 0))
    assert runner.summarize(verbose=False).failed == 0


def test_the_readme_ends_make_run_with_the_line_the_makefile_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    echo = re.search(r'@echo "(.*)"', (ROOT / "Makefile").read_text(encoding="utf-8")).group(1)
    assert f"```text\n{echo.replace('$(OUT)', 'out')}\n```" in readme
