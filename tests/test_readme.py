"""The README's CLI reference and example outputs come from the code and are current."""

from __future__ import annotations

import doctest
import importlib.util
import re

from click.testing import CliRunner
from conftest import ROOT

from kg.cli import main


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_in_readme_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert script("cli_reference").render(readme) == readme, (
        "run `make docs` to regenerate the CLI reference")


def test_readme_examples_show_the_current_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = script("readme_examples")
    assert len([m for m in examples.BLOCK.finditer(readme) if examples.commands(m.group(2))]) > 10
    assert examples.refresh(readme) == readme, "run `make docs` to refresh the README's examples"


def test_example_scenario_in_readme_validates(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- example-scenario -->\n```trig\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.trig").write_text(block, encoding="utf-8")
    (tmp_path / "example.txt").write_text(
        "Avalon and Borduria will hold joint naval exercises every spring.", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == "conforms\n"


def test_python_examples_in_readme_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", readme, re.S)
    assert blocks
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    parser = doctest.DocTestParser()
    for number, block in enumerate(blocks, start=1):
        runner.run(parser.get_doctest(block, {}, f"README pycon block {number}", "README.md", 0))
    assert runner.summarize(verbose=False).failed == 0


def test_readme_lists_the_public_api():
    import kg

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- public-api -->\n", 1)[1].split("<!-- /public-api -->", 1)[0]
    names = re.findall(r"`(\w+)`", listed)
    assert names == [name for name in kg.__all__ if name != "__version__"]
