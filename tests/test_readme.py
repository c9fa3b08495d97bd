"""The README's CLI reference is generated from the code and current."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_cli_reference_in_readme_is_current():
    script = ROOT / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.render(readme) == readme, "run `make docs` to regenerate the CLI reference"
