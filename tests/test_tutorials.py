"""The tutorials' input files exist, match what the pages show, and the scenario validates.

Whether each shown output is current is checked by tests/test_doc_examples.py.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT, script
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.cli import main

TUTORIALS = ROOT / "docs" / "tutorials"
PAGES = ["researcher.md", "teacher.md", "analyst.md"]
FILES = "docs/tutorials/files/"
SCENARIO = TUTORIALS / "files" / "four-isles"


def page_text(name: str) -> str:
    return (TUTORIALS / name).read_text(encoding="utf-8")


EXAMPLES = script("scripts/doc_examples.py")


def commands(text: str) -> list[list[str]]:
    """The words of each `$ kg ...` command of the page's console blocks,
    run or only shown (as the example runner reads them)."""
    found = []
    for block in EXAMPLES.BLOCK.finditer(text):
        for line in block.group(2).splitlines():
            if line.startswith("$ kg "):
                found.append(EXAMPLES.words(line[2:].rstrip("\\")))
    return found


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


@pytest.mark.parametrize("name", PAGES)
def test_every_tutorial_file_a_command_names_exists(name):
    named = {
        word for words in commands(page_text(name)) for word in words if word.startswith(FILES)
    }

    missing = sorted(path for path in named if not (ROOT / path).exists())

    assert named, f"{name} runs no command on a file of {FILES}"
    assert missing == []


@pytest.mark.parametrize("name", PAGES)
def test_every_link_to_a_tutorial_file_resolves(name):
    links = re.findall(r"\]\((files/[^)]+)\)", page_text(name))

    missing = sorted(link for link in links if not (TUTORIALS / link).is_file())

    assert links
    assert missing == []


def test_the_teachers_scenario_validates():
    result = CliRunner().invoke(main, ["validate", str(SCENARIO)])

    assert result.exit_code == 0, result.output
    assert result.output == "conforms\n"


def statements(path) -> Graph:
    """The triples of a TriG file, graph names and language tags of literals left out."""
    dataset = Dataset()
    dataset.parse(path, format="trig")
    graph = Graph()
    for subject, predicate, value, _ in dataset.quads():
        if isinstance(value, Literal) and value.language:
            value = Literal(str(value))
        graph.add((subject, predicate, value))
    return graph


def test_the_teachers_workbook_gives_the_statements_of_the_trig_file(tmp_path):
    out = tmp_path / "four-isles"
    workbook = SCENARIO / "four-isles.xlsx"

    result = CliRunner().invoke(main, ["import", "sheet", str(workbook), "-o", f"{out}/"])

    assert result.exit_code == 0, result.output
    written = statements(SCENARIO / "four-isles.trig")
    assert isomorphic(statements(out / "four-isles.trig"), written)


def test_the_scenario_with_a_typo_fails_on_its_quote_alone():
    result = CliRunner().invoke(main, ["validate", str(SCENARIO.with_name("four-isles-typo"))])

    violation, total = result.output.splitlines()
    assert result.exit_code == 1
    assert violation.startswith(
        "Violation: kgr:rel-avalon-brigadoon-defense kg:quote: quote not found verbatim"
    )
    assert total == "1 violation(s)"


@pytest.mark.parametrize(
    ("name", "language", "path"),
    [
        ("researcher.md", "sparql", "who-signed.rq"),
        ("teacher.md", "trig", "four-isles/four-isles.trig"),
        ("teacher.md", "text", "four-isles/isles-gazette.txt"),
        ("analyst.md", "text", "alliances.csv"),
        ("analyst.md", "text", "alliances-typo.csv"),
    ],
)
def test_a_file_shown_on_a_page_is_shown_whole_and_current(name, language, path):
    shown = fenced(page_text(name), language)

    assert (TUTORIALS / "files" / path).read_text(encoding="utf-8") in shown
