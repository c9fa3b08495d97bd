"""Shared fixtures: the shipped data, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def summit():
    """The shipped summit scenario as an rdflib Dataset (do not mutate)."""
    from kg.rdf.load import load

    return load()


@pytest.fixture(scope="session")
def dated():
    """The made-up dated history of tests/fixtures/dated.trig (do not mutate)."""
    from kg.rdf.load import load

    return load([FIXTURES / "dated.trig"])


@pytest.fixture(scope="session")
def triangle():
    """The shipped 1969-1972 triangle scenario (do not mutate)."""
    from kg.rdf.load import load

    return load([ROOT / "data" / "triangle-1969-1972"])
