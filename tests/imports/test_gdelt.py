"""The generator of GDELT 2.0 event exports: the layout, the values, the seed."""

from __future__ import annotations

import csv
import io

from kg.imports.gdelt import COLUMNS, generate_events
from kg.rdf.cameo import cameo_table
from kg.rdf.load import load_ontology

TABLE = cameo_table(load_ontology())


def rows(**options) -> list[list[str]]:
    text = "".join(generate_events(TABLE, **options))
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_row_has_the_61_columns_of_the_codebook():
    assert {len(r) for r in rows(events=500, seed=3)} == {61}
    assert COLUMNS.index("EventCode") == 26 and COLUMNS[-1] == "SOURCEURL"


def test_codes_carry_their_table_values():
    at = {name: COLUMNS.index(name) for name in ("EventCode", "QuadClass", "GoldsteinScale")}

    for r in rows(events=500, seed=3):
        code = TABLE[r[at["EventCode"]]]
        assert (int(r[at["QuadClass"]]), r[at["GoldsteinScale"]]) == (code.quad_class,
                                                                      str(code.goldstein))


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    assert rows(events=200, seed=5) == rows(events=200, seed=5)
    assert rows(events=200, seed=5) != rows(events=200, seed=6)


def test_days_run_in_order_over_the_months():
    days = [r[1] for r in rows(events=300, seed=1, start="2023-11-01", months=3)]

    assert days == sorted(days)
    assert days[0] == "20231101" and days[-1].startswith("202401")
