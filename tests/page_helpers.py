"""Helpers of the page and timeline tests: the data a page embeds, and the
dated data sets (loaded once per session by the fixtures ``dated`` and
``triangle`` of tests/conftest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

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
