"""The timeline's networks against the snapshot of each step, built from scratch."""

import random

import networkx as nx
import pytest

from kg.rdf.dates import Date, TimeView
from kg.signed.balance import balance
from kg.signed.edgelist import read_edge_rows
from kg.signed.network import signed_graph
from kg.signed.strategic import strategic_triangles
from kg.signed.timeline import edge_history, networks, rdf_history, step_dates, timeline
from kg.sparql.snapshot import snapshot

KGR = "https://w3id.org/kg-relations/id/"



def edge_view(G: nx.Graph) -> dict:
    return {tuple(sorted(pair)): (d["sign"], d["weight"], d["mixed"], d["statements"])
            for *pair, d in G.edges(data=True)}


ALL_LAYERS = ("relation", "pressure", "agreement", "membership")


@pytest.mark.parametrize(("name", "every", "start", "end", "layers"), [
    ("dated", "year", "1909", "1916", ALL_LAYERS),
    ("dated", "month", "1913-09", "1913-11", ALL_LAYERS),
    ("dated", "change", None, None, ALL_LAYERS),
    ("triangle", "year", None, None, ("relation", "pressure")),
    ("triangle", "change", None, None, ("relation", "pressure")),
])
def test_timeline_network_equals_the_snapshot_at_every_step(dated, triangle, name, every, start,
                                                            end, layers):
    dataset = {"dated": dated, "triangle": triangle}[name]
    history = rdf_history(dataset, layers=layers)
    dates = step_dates(history, every=every, start=start, end=end)

    for network in networks(history, dates):
        expected = signed_graph(snapshot(dataset, TimeView(as_of=network.date)).dataset,
                                layers=layers)
        assert edge_view(network.graph) == edge_view(expected), network.date
        assert sorted(network.graph.nodes) == sorted(expected.nodes)
        assert network.census.counts() == balance(expected).census


def test_timeline_network_equals_the_snapshot_every_month_of_the_triangle(triangle):
    history = rdf_history(triangle)
    dates = step_dates(history, every="month")

    for network in networks(history, dates):
        if network.date.first.month % 6 == 3:  # a snapshot costs half a second: a sample
            expected = signed_graph(snapshot(triangle, TimeView(as_of=network.date)).dataset)
            assert edge_view(network.graph) == edge_view(expected), network.date


def test_timeline_frustration_is_exact_on_a_small_network(dated):
    history = rdf_history(dated)
    steps = timeline(history, step_dates(history, every="change"))

    assert [(str(s.date), s.frustration, s.exact) for s in steps][-2:] == [
        ("1914-05-01", 1.0, True), ("1916-01-01", 0.0, True)]


def test_step_dates_at_each_precision_cover_the_data_by_default(dated):
    history = rdf_history(dated)

    years = step_dates(history, every="year")
    months = step_dates(history, every="month", start="1913-09", end="1913-11")
    changes = step_dates(history, every="change", start="1913", end="1913")

    assert (str(years[0]), str(years[-1]), len(years)) == ("1882", "1915", 34)
    assert [str(d) for d in months] == ["1913-09", "1913-10", "1913-11"]
    assert [str(d) for d in changes] == ["1913-10-02", "1913-10-10"]


def test_a_year_step_holds_a_tie_of_a_few_days_and_an_open_end_holds_until_now(dated):
    history = rdf_history(dated)
    steps = {str(s.date): s for s in timeline(history, [Date.parse(y) for y in
                                                         ("1913", "1914", "2024")])}

    # 1913: the alliance, and the crisis (2 to 9 October) over the undated partnership
    assert steps["1913"].ties == {"+": 1, "-": 0, "mixed": 1}
    # 1914: the rivalry from May 1914 closes a triangle
    assert steps["1914"].census == {"+++": 0, "++-": 1, "+--": 0, "---": 0}
    # 2024: the alliance ended in 1915; the rivalry (open) and the partnership (undated) hold
    assert steps["2024"].ties == {"+": 1, "-": 1, "mixed": 0}


def test_dated_only_leaves_out_the_undated_tie(dated):
    history = rdf_history(dated)
    (network,) = networks(history, [Date.parse("2024")], dated_only=True)

    assert sorted(network.graph.edges) == [(f"{KGR}avalon", f"{KGR}cockaigne")]


def test_tie_changes_name_the_statements_that_began_and_ended(dated):
    history = rdf_history(dated)
    _, later = networks(history, [Date.parse("1913-10-05"), Date.parse("1913-11")])

    (change,) = later.changes
    assert (change.change, change.before, change.after) == ("changed sign", -1, 1)
    assert change.ended == (f"{KGR}crisis-1913",) and change.began == ()


def test_the_1969_border_clash_comes_before_the_1971_72_opening(triangle):
    history = rdf_history(triangle)
    steps = timeline(history, step_dates(history, every="month"))

    clash = [str(s.date) for s in steps for c in s.changes
             if (c.a, c.b) == (f"{KGR}china", f"{KGR}soviet-union")
             and f"{KGR}t1969-rel-soviet-china-border-conflict" in c.began]
    opening = {str(s.date) for s in steps for c in s.changes
               if (c.a, c.b) == (f"{KGR}china", f"{KGR}united-states")
               and c.after == 1 and c.began}
    assert clash == ["1969-03"]
    assert {"1971-07", "1972-02"} <= {d for d in opening if d > clash[0]}


def random_history(rng: random.Random, path):
    rows = ["source,target,sign,start,end"]
    for _ in range(rng.randrange(5, 40)):
        a, b = rng.sample("ABCDEFG", 2)
        start = rng.choice(["", "1990", "1991-03", "1991-03-15", "1992", "1993-07"])
        end = rng.choice(["", "1991", "1991-06", "1992-02-29", "1993", "1994-01-01"])
        if start and end and Date.parse(start).first > Date.parse(end).last:
            start, end = end, start
            if Date.parse(start).first > Date.parse(end).last:
                end = ""
        rows.append(f"{a},{b},{rng.choice('+-')},{start},{end}")
    path.write_text("\n".join(rows) + "\n")
    return read_edge_rows(path)


@pytest.mark.parametrize("seed", range(6))
def test_edge_list_timeline_equals_the_rows_in_view_at_every_step(tmp_path, seed):
    rng = random.Random(seed)
    rows = random_history(rng, tmp_path / "ties.csv")
    history = edge_history(rows)
    every = rng.choice(["year", "month", "change"])
    dates = step_dates(history, every=every)
    previous = None

    for network in networks(history, dates):
        expected = rows.edges(rows.in_view(TimeView(as_of=network.date))).to_graph()
        got = {tuple(sorted(p)): (d["sign"], d["weight"], d["mixed"], d["lines"])
               for *p, d in network.graph.edges(data=True)}
        want = {tuple(sorted(p)): (d["sign"], d["weight"], d["mixed"], d["lines"])
                for *p, d in expected.edges(data=True)}
        assert got == want, network.date
        types = {t.nodes: t.kind for t in strategic_triangles(expected)}
        if previous is not None:
            changed = {d.nodes: (d.before, d.after) for d in network.dittmer}
            for nodes in set(types) | set(previous):
                before, after = previous.get(nodes), types.get(nodes)
                assert changed.get(nodes) == ((before, after) if before != after else None)
        previous = types


def test_a_step_says_when_its_wedge_search_was_skipped(dated, monkeypatch):
    monkeypatch.setattr("kg.signed.wedges.MAX_WORK", 0)
    history = rdf_history(dated)

    (step,) = timeline(history, [Date.parse("1914")])

    assert step.wedge is None
    assert step.wedge_note == "skipped: too many candidates"
