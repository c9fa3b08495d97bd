"""The summit scenario's Wikidata background is the import of its fixture:
re-running `kg import wikidata` on the statements it holds gives the
shipped file, byte for byte."""

from __future__ import annotations

from wikidata_helpers import FIXTURES, oxigraph_endpoint

from kg.imports.wikidata import import_wikidata
from kg.rdf.shipped import data_dir

SHIPPED = data_dir() / "summit-2025" / "wikidata-background.trig"
#: The Eurasian Economic Union, the Shanghai Cooperation Organisation, BRICS.
ITEMS = ["Q4173083", "Q485207", "Q243630"]


def test_the_shipped_background_is_the_import_of_its_fixture(tmp_path):
    with oxigraph_endpoint(FIXTURES / "summit-background.ttl", tmp_path) as endpoint:
        result = import_wikidata(ITEMS, endpoint=endpoint)

    assert result.text == SHIPPED.read_text(encoding="utf-8")
    assert result.facts == {"membership": 14}
    assert result.new_items == []
