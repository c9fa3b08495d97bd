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
