"""The house rules of kg/: which path may import which, and small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PACKAGE = ROOT / "kg"
LONGEST = 450


def layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"]
                   if c["type"] == "layers"]
    return contract["layers"]


def test_the_library_keeps_its_layer_rules():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_subpackage_and_shared_module_has_a_layer():
    named = {part.strip() for layer in layers() for part in layer.replace("|", ":").split(":")}
    found = {f"kg.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    found |= {f"kg.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert found == named


def test_no_module_is_long_without_a_reason_at_its_top():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > LONGEST and "Long because" not in docstring:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert long == []


@pytest.mark.parametrize("code", [
    "import kg",
    "from kg.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
], ids=["import kg", "kg --help"])
def test_starting_up_imports_neither_rdflib_nor_networkx(code):
    check = ("\nimport sys\nprint(sorted(m for m in ('rdflib', 'networkx', 'pyshacl') "
             "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code + check], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().endswith("[]")


def test_the_public_api_is_importable_from_kg():
    import kg

    names = [name for name in kg.__all__ if name != "__version__"]
    assert all(callable(getattr(kg, name)) for name in names)
