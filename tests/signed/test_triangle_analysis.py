"""The 1969–1972 triangle scenario, analysed from the data alone."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.shipped import scenario_dir

SCENARIO = str(scenario_dir("triangle-1969-1972"))


def run(*args):
    result = CliRunner().invoke(main, [*args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def all_wedges():
    return run("wedges", "--all", SCENARIO, "--format", "json")


def test_nixon_pattern_china_strains_the_us_soviet_detente(all_wedges):
    rows = {(w["drawn"], w["from"], w["pivot"]): w for w in all_wedges}

    nixon = rows[("United States", "Soviet Union", "China")]

    assert nixon["path"] == "China + United States ± Soviet Union; China - Soviet Union"


def test_the_opening_makes_the_united_states_the_pivot_of_a_romantic_triangle():
    (row,) = run("triangles", SCENARIO, "--format", "json")

    assert (row["type"], row["pivot"], row["wings"]) == (
        "romantic triangle", "United States", "China, Soviet Union",
    )


def test_the_us_soviet_tie_is_mixed_detente_and_rivalry():
    payload = run("balance", SCENARIO, "--format", "json")

    (triangle,) = payload["unbalanced"]
    assert "Soviet Union ± United States" in triangle["ties"]
