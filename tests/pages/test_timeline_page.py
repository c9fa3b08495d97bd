"""``kg render --timeline``: the page's time slider, without a browser.

The page's script applies the rules that :mod:`kg.pages.timeline` states;
here those rules are checked against ``kg render --as-of`` (the snapshot
of :mod:`kg.sparql.snapshot`) at every step, and the page's data against
the library's dates. tests/pages/browser/test_timeline_slider.py checks
the script in Chromium.
"""

import re

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from page_helpers import DATED, TREATY, TRIANGLE, page_data

from kg.cli import main
from kg.pages.network_page import build_page
from kg.pages.pagegraph import lens, page_graph
from kg.pages.timeline import nodes_at, status_at, ties_at, timeline
from kg.rdf.dates import TimeView
from kg.rdf.load import load
from kg.rdf.namespaces import KGR
from kg.sparql.snapshot import snapshot


@pytest.fixture(scope="module")
def dated_page(dated):
    return page_data(build_page(dated, timeline=True).html)


def statements_of(data: dict) -> dict[str, dict]:
    return {s["id"]: s for e in data["edges"] for s in e["statements"]}


def test_page_embeds_the_days_of_each_dated_statement(dated_page):
    times = dated_page["timeline"]["times"]
    assert times[str(KGR["alliance-1882"])] == {
        "start": "1882-01-01", "end": "1915-12-31", "text": "1882 to 1915", "happening": False}
    assert times[str(KGR["rivalry-1914"])]["start"] == "1914-05-01"
    assert times[str(KGR["rivalry-1914"])]["end"] is None
    assert times[str(KGR["crisis-1913"])]["end"] == "1913-10-09"


def test_each_tie_statement_points_at_its_own_days_and_undated_ones_at_none(dated_page):
    statements = statements_of(dated_page)
    assert statements["kgr:alliance-1882"]["when"] == [[str(KGR["alliance-1882"])]]
    assert statements["kgr:crisis-1913"]["when"] == [[str(KGR["crisis-1913"])]]
    assert statements["kgr:partnership"]["when"] is None


def test_steps_are_the_dates_the_view_changes_each_at_its_precision(dated_page):
    steps = dated_page["timeline"]["steps"]
    assert [s["label"] for s in steps] == ["1882", "1910", "1912-03-03", "1913-10-02",
                                            "1913-10-09", "1913-10-10", "1914-05", "1915", "1916"]
    assert steps[6] == {"label": "1914-05", "first": "1914-05-01", "last": "1914-05-31",
                        "precision": "month"}


def test_agreement_keeps_its_dated_status_changes_in_order(dated_page):
    (pact,) = [n for n in dated_page["nodes"] if n["iri"] == str(KGR.pact)]
    assert pact["statuses"] == [[str(KGR["pact-proposed"]), "proposed", 1, False],
                                [str(KGR["pact-signed"]), "signed", 5, False]]


def test_slider_starts_at_all_dates_and_the_legend_says_undated_ties_stay(dated):
    html = build_page(dated, timeline=True).html
    slider = re.search(r'<input type="range" id="timeline-slider"[^>]*>', html).group(0)
    assert 'max="9"' in slider and 'value="9"' in slider
    assert '<output id="timeline-date" for="timeline-slider" aria-live="polite">all dates' in html
    assert "Undated ties are always shown" in html


def test_timeline_page_draws_every_tie_of_the_plain_page_with_fixed_positions(dated):
    plain, slider = page_data(build_page(dated).html), page_data(build_page(dated,
                                                                             timeline=True).html)
    assert [(e["from"], e["to"], e["layer"]) for e in slider["edges"]] == \
        [(e["from"], e["to"], e["layer"]) for e in plain["edges"]]
    assert slider["options"]["physics"] == {"enabled": False}
    assert all("x" in n["vis"] and "y" in n["vis"] for n in slider["nodes"])


@pytest.fixture(scope="module")
def as_of_graphs(dated, triangle):
    """For each data set: its page graph and the page graph ``kg render
    --as-of STEP`` draws at each step of its slider (every lens's steps are
    among those of the whole page)."""
    found = {}
    for name, dataset in (("dated", dated), ("triangle", triangle)):
        graph = page_graph(dataset)
        found[name] = (dataset, graph, {
            step: page_graph(snapshot(dataset, TimeView(as_of=step)).dataset)
            for step in timeline(dataset, graph).steps})
    return found


@pytest.mark.parametrize("lens_name", ["all", "alliances", "agreements", "balance"])
@pytest.mark.parametrize("which", ["dated", "triangle"])
def test_rules_of_the_slider_equal_the_as_of_snapshot_at_every_step(as_of_graphs, which,
                                                                     lens_name):
    dataset, whole, snapshots = as_of_graphs[which]
    graph = lens(whole, lens_name)
    slider = timeline(dataset, graph, lens=lens_name)
    assert slider.steps and set(slider.steps) <= set(snapshots)
    for step in slider.steps:
        as_of = lens(snapshots[step], lens_name)
        assert ties_at(graph, slider, step) == set(as_of.edges(keys=True)), step
        assert nodes_at(graph, slider, step) == set(as_of), step
        assert {n: status_at(graph, slider, n, step) for n in as_of} == \
            {n: as_of.nodes[n].get("status") for n in as_of}, step


def test_all_dates_shows_the_whole_graph(dated):
    graph = page_graph(dated)
    slider = timeline(dated, graph)
    assert ties_at(graph, slider, None) == set(graph.edges(keys=True))
    assert nodes_at(graph, slider, None) == set(graph)


def render(*args):
    return CliRunner().invoke(main, ["render", *map(str, args)])


def test_render_timeline_twice_gives_byte_identical_files(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    render(TRIANGLE, "--timeline", "-o", first)
    render(TRIANGLE, "--timeline", "-o", second)
    assert first.read_bytes() == second.read_bytes()
    assert 'id="timeline-slider"' in first.read_text(encoding="utf-8")


@pytest.mark.parametrize("option", [["--as-of", "1913"], ["--between", "1900", "1920"],
                                    ["--dated-only"]])
def test_timeline_refuses_a_single_view_and_writes_nothing(tmp_path, option):
    out = tmp_path / "page.html"
    result = render(DATED, "--timeline", *option, "-o", out)
    assert result.exit_code != 0
    assert "--timeline shows every date on its slider" in result.output
    assert not out.exists()


def test_page_without_dated_statements_says_there_is_nothing_to_slide():
    html = build_page(load([FIXTURES / "render"]), timeline=True).html
    assert "Nothing to slide: nothing on this page is dated" in html
    assert 'id="timeline-slider"' not in html
    assert page_data(html)["timeline"]["steps"] == []


def test_status_labels_travel_as_data_never_as_markup(tmp_path):
    hostile = tmp_path / "hostile.trig"
    hostile.write_text(DATED.read_text(encoding="utf-8") + """
kgr:graph-hostile {
kgc:proposed rdfs:label "<img src=x onerror=alert(1)>\u202eproposed" .
}
""", encoding="utf-8")
    html = build_page(load([hostile]), timeline=True).html
    assert "<img src=x" not in html
    (pact,) = [n for n in page_data(html)["nodes"] if n["iri"] == str(KGR.pact)]
    assert pact["statuses"][0][1].startswith("<img src=x onerror=alert(1)>")


def test_a_later_signature_by_another_party_keeps_the_page_status_ratified():
    dataset = load([TREATY])
    graph = page_graph(dataset)
    slider = timeline(dataset, graph)

    labels = [status_at(graph, slider, str(KGR.treaty), step) for step in slider.steps]

    assert [str(step) for step in slider.steps] == ["1970", "1975"]
    assert labels == ["ratified", "ratified"]
