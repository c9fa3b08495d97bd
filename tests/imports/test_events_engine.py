"""The engine of kg import events: the one-pass SQL against a brute-force
count in Python, the fast CAMEO reader against the parsed ontology, and
DuckDB kept to its memory limit and temporary folder (or given more when
the articles it cannot spill outgrow it)."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pycountry
import pytest

from kg.errors import KGError
from kg.imports import events_read
from kg.imports.events import import_events
from kg.imports.gdelt import write_events
from kg.rdf.cameo import cameo_table, shipped_cameo_table
from kg.rdf.load import load_ontology

FIXTURE = Path(__file__).parent / "fixtures" / "events.tsv"


def brute_force_codes(paths: list[Path], table: dict, top: int = 3) -> dict:
    """(actor1, actor2, month, side) -> [(code, events, sum, url)]: each side's
    codes by the size of their contribution (then by code), with the article
    of each code's most-mentioned event (then the lowest event id)."""
    parts: dict = defaultdict(lambda: defaultdict(lambda: [0, Decimal(0), None]))
    for path in paths:
        for row in csv.reader(path.open(), delimiter="\t"):
            a1, a2, code = row[7], row[17], row[26]
            if not (pycountry.countries.get(alpha_3=a1) and pycountry.countries.get(alpha_3=a2)):
                continue
            if a1 == a2:
                continue
            value = table[code].goldstein
            if value == 0:
                continue
            entry = parts[(a1, a2, row[1][:4] + "-" + row[1][4:6], 1 if value > 0 else -1)][code]
            entry[0] += 1
            entry[1] += value
            key = (int(row[31]), -int(row[0]))
            if entry[2] is None or key > entry[2][0]:
                entry[2] = (key, row[60])
    return {part: [(code, n, float(total), best[1]) for code, (n, total, best) in
                   sorted(codes.items(), key=lambda kv: (-abs(kv[1][1]), kv[0]))[:top]]
            for part, codes in parts.items()}


def code_of(actor) -> str:
    return actor.iri.rsplit("-", 1)[-1].upper()


def test_the_fast_cameo_reader_reads_the_table_of_the_parsed_ontology():
    assert shipped_cameo_table() == cameo_table(load_ontology())


@pytest.mark.parametrize("seed", [3, 4])
def test_each_ties_top_codes_and_articles_match_a_brute_force_count(tmp_path, seed):
    table = shipped_cameo_table()
    paths = write_events(tmp_path, table, events=3000, files=2, seed=seed, months=3,
                         countries=6)
    expected = brute_force_codes(paths, table)

    result = import_events([str(p) for p in paths])

    assert result.ties
    for tie in result.ties:
        key = (code_of(tie.source), code_of(tie.target), str(tie.period), tie.sign)
        assert [(c.code, c.events, c.goldstein_sum, c.url) for c in tie.codes] == expected[key]


def test_a_lower_memory_limit_gives_the_same_ties_and_spills_nowhere_near(tmp_path, monkeypatch):
    paths = write_events(tmp_path / "in", shipped_cameo_table(), events=40_000, files=2,
                         seed=5, months=12, countries=40)
    files = [str(p) for p in paths]
    roomy = import_events(files)
    monkeypatch.chdir(tmp_path)

    tight = import_events(files, memory_limit="128MB", threads=1)

    assert tight.ties == roomy.ties
    assert tight.aside == roomy.aside and tight.unmapped == roomy.unmapped
    assert not (tmp_path / ".tmp").exists()  # DuckDB's default spill folder stays unused


def test_an_import_that_outgrows_its_memory_runs_again_with_more(tmp_path, monkeypatch):
    paths = write_events(tmp_path, shipped_cameo_table(), events=20_000, files=1, seed=5)
    files = [str(p) for p in paths]
    roomy = import_events(files)
    monkeypatch.setattr(events_read, "MEMORY_LIMIT", "1MB")  # less than one file buffer

    again = import_events(files)

    assert again.ties == roomy.ties and again.aside == roomy.aside


def test_a_memory_limit_the_caller_gives_is_kept(tmp_path):
    paths = write_events(tmp_path, shipped_cameo_table(), events=20_000, files=1, seed=5)

    with pytest.raises(KGError, match="Out of Memory"):
        import_events([str(p) for p in paths], memory_limit="1MB")


def test_without_top_codes_the_ties_are_the_same_with_an_article_per_quadclass():
    with_codes = import_events([str(FIXTURE)])

    lean = import_events([str(FIXTURE)], top_codes=0)

    def counts(result):
        return {(t.source, t.target, t.period, t.sign): (t.weight, t.events, t.quads,
                                                          t.goldstein_sum, t.mixed)
                for t in result.ties}

    assert counts(lean) == counts(with_codes)
    assert lean.aside == with_codes.aside and lean.unmapped == with_codes.unmapped
    assert all(t.codes == () for t in lean.ties)
    assert any(t.urls for t in lean.ties)
    # an article per QuadClass of the tie's side, at most
    assert all(len(t.urls) <= sum(1 for n in t.quads if n) for t in lean.ties)


def test_pairs_of_unmapped_codes_that_share_a_hash_are_counted_again_by_code(monkeypatch):
    honest = import_events([str(FIXTURE)])
    shared = events_read.sql("ties").replace("hash(source, target) >> 5", "0")
    assert shared != events_read.sql("ties")
    monkeypatch.setattr(events_read, "sql",
                        lambda name, real=events_read.sql: shared if name == "ties" else real(name))

    collided = import_events([str(FIXTURE)])

    assert len(honest.unmapped) > 1  # several pairs, now under one key
    assert collided.unmapped == honest.unmapped
    assert collided.aside == honest.aside and collided.ties == honest.ties
