"""The wheel carries the ontology and the data and works from anywhere."""

from __future__ import annotations

import site
import subprocess
import sys
import venv
import zipfile

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
         str(ROOT)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("kg-*.whl")
    return built


def test_wheel_contains_ontology_data_and_queries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/_ontology/kg.ttl" in names
    assert "kg/_ontology/shapes.ttl" in names
    assert "kg/_data/summit-2025/summit.trig" in names
    assert "kg/_data/summit-2025/putin-india-visit-2025.txt" in names
    assert "kg/sparql/queries/stats-classes.rq" in names


def test_installed_wheel_validates_from_another_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Reuse the already installed dependencies instead of downloading them.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    with open(f"{purelib}/deps.pth", "w") as pth:
        pth.write("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run([str(env_dir / "bin" / "kg"), "validate"], cwd=work,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "conforms\n"
    where = subprocess.run([str(python), "-c", "import kg; print(kg.__file__)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where


def test_wheel_contains_the_network_page_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/pages/templates/network.html", "kg/pages/templates/network.css",
            "kg/pages/templates/network.js", "kg/sparql/queries/page-nodes.rq"} <= names
