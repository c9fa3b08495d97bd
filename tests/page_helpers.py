"""Helpers of the page and timeline tests: the data a page embeds, and the
dated data sets, loaded once per session.

A test module that wants the fixtures ``dated`` (tests/fixtures/dated.trig)
and ``triangle`` (data/triangle-1969-1972) declares
``pytest_plugins = ("page_helpers",)``; do not change the datasets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATED = ROOT / "tests" / "fixtures" / "dated.trig"
TRIANGLE = ROOT / "data" / "triangle-1969-1972"
#: A treaty ratified by one party in 1970 and signed by the other in 1975.
TREATY = ROOT / "tests" / "fixtures" / "treaty-two-parties.ttl"

_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    """The data a network page embeds (its ``kg-data`` script), as JSON."""
    found = _DATA.search(html)
    assert found, "the page embeds no kg-data script"
    return json.loads(found.group(1))


@pytest.fixture(scope="session")
def dated():
    """The made-up dated history of tests/fixtures/dated.trig."""
    from kg.rdf.load import load

    return load([DATED])


@pytest.fixture(scope="session")
def triangle():
    """The shipped 1969-1972 triangle scenario."""
    from kg.rdf.load import load

    return load([TRIANGLE])
