"""kg import events: coded events into dated signed ties, checked against a
count made here with plain csv, the GDELT lookup table and pycountry."""

from __future__ import annotations

import csv
import zipfile
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
from conftest import ROOT

from kg.imports.events import Period, import_events
from kg.imports.events_rdf import edge_rows, write_edges, write_rdf

FIXTURE = Path(__file__).parent / "fixtures" / "events.tsv"
GOLDSTEIN = ROOT / "ontology" / "cameo" / "CAMEO.goldsteinscale.txt"


def hand_count(path: Path, *, period: str = "month") -> dict:
    """Per (actor1, actor2, period): events, Goldstein sum, positive and
    negative sums and events, QuadClass counts, from the raw rows."""
    values = dict(row for row in csv.reader(GOLDSTEIN.open(), delimiter="\t"))
    counts: dict = defaultdict(lambda: {"n": 0, "sum": 0.0, "pos": 0.0, "neg": 0.0,
                                        "pos_n": 0, "neg_n": 0, "quads": [0, 0, 0, 0]})
    for row in csv.reader(path.open(), delimiter="\t"):
        a1, a2, day, code = row[7], row[17], row[1], row[26]
        if not (pycountry.countries.get(alpha_3=a1) and pycountry.countries.get(alpha_3=a2)):
            continue
        if a1 == a2:
            continue
        month = int(day[:6])
        key = (a1, a2, Period.of(month, period))
        g = float(values[code])
        c = counts[key]
        c["n"] += 1
        c["sum"] += g
        if g > 0:
            c["pos"] += g
            c["pos_n"] += 1
        elif g < 0:
            c["neg"] += g
            c["neg_n"] += 1
        root = int(code[:2])
        c["quads"][0 if root <= 5 else 1 if root <= 9 else 2 if root <= 14 else 3] += 1
    return dict(counts)


def expected_ties(counts: dict, *, threshold: float = 1.0, strong: float = 2.0) -> dict:
    """(actor1, actor2, period, sign) -> (weight, events) by the documented rules."""
    ties = {}
    for (a1, a2, period), c in counts.items():
        n = c["n"]
        if c["pos"] / n >= strong and -c["neg"] / n >= strong:
            ties[(a1, a2, str(period), 1)] = (pytest.approx(c["pos"] / n, abs=1e-3), c["pos_n"])
            ties[(a1, a2, str(period), -1)] = (pytest.approx(c["neg"] / n, abs=1e-3), c["neg_n"])
        elif abs(c["sum"] / n) >= threshold:
            ties[(a1, a2, str(period), 1 if c["sum"] > 0 else -1)] = (
                pytest.approx(c["sum"] / n, abs=1e-3), n)
    return ties


def code_of(actor) -> str:
    return actor.iri.rsplit("-", 1)[-1].upper()


def as_dict(result) -> dict:
    return {(code_of(t.source), code_of(t.target), str(t.period), t.sign): (t.weight, t.events)
            for t in result.ties}


def test_the_fixture_aggregates_to_the_hand_count():
    counts = hand_count(FIXTURE)

    result = import_events([str(FIXTURE)])

    assert as_dict(result) == expected_ties(counts)
    assert result.events == 300
    assert result.dyad_periods == len(counts)


def test_one_tie_of_the_fixture_checked_by_hand():
    # Iran to Lithuania, January 2024: 19 events, 14 of verbal and 5 of
    # material cooperation, Goldstein values adding up to 31.7.
    result = import_events([str(FIXTURE)])

    tie = next(t for t in result.ties if (code_of(t.source), code_of(t.target),
                                          str(t.period)) == ("IRN", "LTU", "2024-01"))
    assert (tie.events, tie.quads, round(tie.goldstein_sum, 1)) == (19, (14, 5, 0, 0), 31.7)
    assert (tie.sign, tie.weight, tie.mixed) == (1, pytest.approx(31.7 / 19, abs=1e-3), False)


def test_quads_and_sums_match_the_hand_count_for_single_ties():
    counts = hand_count(FIXTURE)

    result = import_events([str(FIXTURE)])

    for tie in (t for t in result.ties if not t.mixed):
        c = counts[(code_of(tie.source), code_of(tie.target), tie.period)]
        assert list(tie.quads) == c["quads"]
        assert tie.goldstein_sum == pytest.approx(c["sum"])


def test_a_period_of_strong_cooperation_and_conflict_is_kept_as_two_ties():
    result = import_events([str(FIXTURE)])

    mixed = [t for t in result.ties if t.mixed]

    assert mixed and len(mixed) % 2 == 0
    pairs = defaultdict(set)
    for t in mixed:
        pairs[(t.source.iri, t.target.iri, t.period)].add(t.sign)
    assert all(signs == {1, -1} for signs in pairs.values())


def test_quarters_add_up_the_months():
    counts = hand_count(FIXTURE, period="quarter")

    result = import_events([str(FIXTURE)], period="quarter")

    assert as_dict(result) == expected_ties(counts)
    assert {str(t.period) for t in result.ties} == {"2024-Q1"}


def test_undirected_view_has_one_tie_per_pair():
    result = import_events([str(FIXTURE)], undirected=True)

    pairs = [(t.source.iri, t.target.iri, str(t.period), t.sign) for t in result.ties]
    assert len(pairs) == len(set(pairs))
    assert all(s < t for s, t, _, _ in pairs)
    assert not any(t.directed for t in result.ties)


def test_unmapped_codes_are_counted_not_dropped():
    result = import_events([str(FIXTURE)])

    assert result.unmapped == {"AFR": 51, "EUR": 60, "MEA": 31}
    assert result.aside == {"one-sided": 42, "unmapped": 121}


def test_an_actors_file_maps_a_regional_code(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("code,actor\nEUR,kgr:avalon\n")

    result = import_events([str(FIXTURE)], actors_file=str(actors))

    assert "EUR" not in result.unmapped
    assert any(t.source.iri.endswith("/avalon") for t in result.ties)


def test_filters_leave_events_out():
    everything = import_events([str(FIXTURE)])

    result = import_events([str(FIXTURE)], root_only=True, min_mentions=2)

    assert result.aside["filtered"] > 0
    assert sum(t.events for t in result.ties) < sum(t.events for t in everything.ties)


def test_a_zipped_export_gives_the_same_ties(tmp_path):
    archive = tmp_path / "20240101000000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURE, "20240101000000.export.CSV")

    result = import_events([str(archive)])

    assert as_dict(result) == as_dict(import_events([str(FIXTURE)]))


def test_the_same_input_gives_byte_identical_files(tmp_path):
    for run in ("a", "b"):
        result = import_events([str(FIXTURE)])
        write_rdf(result, tmp_path / f"{run}.trig")
        write_rdf(result, tmp_path / f"{run}.nq")
        write_edges(result, tmp_path / f"{run}.csv")

    for suffix in ("trig", "nq", "csv"):
        assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()


def test_the_edge_list_is_dated_and_signed():
    rows = edge_rows(import_events([str(FIXTURE)], period="quarter"))

    assert rows[0] == ["source", "target", "sign", "weight", "start", "end"]
    assert {(r[4], r[5]) for r in rows[1:]} == {("2024-01", "2024-03")}
    assert {r[2] for r in rows[1:]} == {"+1", "-1"}
    assert all(float(r[3]) > 0 for r in rows[1:])


def test_a_csv_of_events_uses_its_own_goldstein_values(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("date,source,target,cameo,goldstein,url\n"
                      "2024-01-05,FRA,DEU,057,,https://a.example.com/1\n"
                      "2024-01-09,FRA,DEU,042,-3.0,https://a.example.com/2\n"
                      "2024-02-01,DEU,FRA,163,,\n")

    result = import_events([str(events)], format="csv")

    ties = {(code_of(t.source), str(t.period)): t for t in result.ties}
    assert ties[("FRA", "2024-01")].weight == 2.5  # (8.0 - 3.0) / 2
    assert ties[("DEU", "2024-02")].weight == -8.0
    assert ties[("FRA", "2024-01")].urls == ("https://a.example.com/1",)
