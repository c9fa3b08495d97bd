"""The README's CLI reference is generated from the code and current."""

from __future__ import annotations

import importlib.util

from click.testing import CliRunner
from conftest import ROOT

from kg.cli import main


def test_cli_reference_in_readme_is_current():
    script = ROOT / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.render(readme) == readme, "run `make docs` to regenerate the CLI reference"


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
