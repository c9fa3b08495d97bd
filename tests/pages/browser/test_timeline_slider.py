"""The time slider of ``kg render --timeline`` in a real headless Chromium.

At each date, the ties and nodes the page draws (and the colour and width
of each tie and the label of each node, an agreement's status in it) must
equal what ``kg render --as-of DATE`` draws for the same data. Like
test_network_page.py, these tests skip without a browser unless
KG_REQUIRE_BROWSER=1, and then they fail (conftest.py here).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from page_helpers import DATED, TREATY, TRIANGLE, page_data

from kg.cli import main

from .chromium import Slider

pytestmark = pytest.mark.browser

#: Dates to check on each slider: days, months and years, status changes
#: (the pact signed 1912-03-03, the communiqué issued 1972-02-27), dates
#: after an open-ended tie began (the rivalry since 1914-05, the détente
#: since 1972) and after a tie ended (the alliance in 1916, the border
#: clashes on 1969-09-12); the treaty, ratified by one party in 1970 and
#: signed by the other in 1975, is still ratified after that signature.
DATES = {
    "dated": (DATED, ["1912-03-03", "1914-05", "1915", "1916"]),
    "triangle": (TRIANGLE, ["1969", "1969-09-12", "1970-10", "1972-02-27", "1972-05"]),
    "treaty": (TREATY, ["1970", "1975"]),
}



def render(path: Path, out: Path, *options: str) -> dict:
    """Run ``kg render`` and return the data its page embeds."""
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return page_data(out.read_text(encoding="utf-8"))


def drawn(data: dict) -> tuple[set, dict]:
    """What a page without a slider draws: each tie as (ends, layer, colour)
    and each node's label, by IRI."""
    iri = {n["id"]: n["iri"] for n in data["nodes"]}
    ties = {(tuple(sorted((iri[e["from"]], iri[e["to"]]))), e["layer"], e["vis"]["color"]["color"])
            for e in data["edges"]}
    return ties, {n["iri"]: n["vis"]["label"] for n in data["nodes"]}


def looks(data: dict) -> dict:
    """Each tie's (colour, width) as the page draws it, by (ends, layer)."""
    iri = {n["id"]: n["iri"] for n in data["nodes"]}
    found: dict = {}
    for e in data["edges"]:
        key = (tuple(sorted((iri[e["from"]], iri[e["to"]]))), e["layer"])
        found.setdefault(key, []).append((e["vis"]["color"]["color"], e["vis"]["width"]))
    return {key: sorted(values) for key, values in found.items()}


LOOKS = """() => {
    const data = JSON.parse(document.getElementById('kg-data').textContent);
    const iri = {}, edge = {};
    data.nodes.forEach(n => { iri[n.id] = n.iri; });
    data.edges.forEach(e => { edge[e.id] = e; });
    return window.kgVisibleTies().map(id => {
        const e = edge[id], drawn = window.kgPage.edges.get(id);
        return [[iri[e.from], iri[e.to]].sort(), e.layer, drawn.color.color, drawn.width];
    });
}"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each data set's timeline page, its plain page and its page as of each date."""
    folder = tmp_path_factory.mktemp("timeline")
    pages = {}
    for name, (path, dates) in DATES.items():
        page = folder / f"{name}.html"
        render(path, page, "--timeline")
        plain = drawn(render(path, folder / f"{name}-plain.html"))
        as_of = {date: render(path, folder / f"{name}-{date}.html", "--as-of", date)
                 for date in dates}
        pages[name] = (page, plain, as_of)
    return pages


@pytest.fixture
def open_slider(open_page):
    return lambda path: open_page(path, Slider)


@pytest.mark.parametrize("name", sorted(DATES))
def test_ties_at_each_date_equal_what_render_as_of_draws(open_slider, rendered, name):
    page, _, as_of = rendered[name]
    slider = open_slider(page)
    steps = slider.steps()
    for date, data in as_of.items():
        slider.move_to(steps.index(date))
        assert slider.date() == date
        assert slider.drawn() == drawn(data), date


@pytest.mark.parametrize("name", sorted(DATES))
def test_the_slider_counts_what_render_as_of_counts_at_each_date(open_slider, rendered, name):
    page, _, as_of = rendered[name]
    slider = open_slider(page)
    steps = slider.steps()
    for date in as_of:
        caption = re.search(r'<p id="caption">(\d+ nodes? and \d+ ties?)',
                            (page.parent / f"{name}-{date}.html").read_text(encoding="utf-8"))
        slider.move_to(steps.index(date))
        note = slider.page.locator("#timeline-step").inner_text()
        assert note == f"date {steps.index(date) + 1} of {len(steps)}: {caption.group(1)}"


@pytest.mark.parametrize("name", sorted(DATES))
def test_width_and_colour_of_each_tie_equal_what_render_as_of_draws(open_slider, rendered,
                                                                     name):
    page, _, as_of = rendered[name]
    slider = open_slider(page)
    steps = slider.steps()
    for date, data in as_of.items():
        slider.move_to(steps.index(date))
        shown: dict = {}
        for ends, layer, color, width in slider.js(LOOKS):
            shown.setdefault((tuple(ends), layer), []).append((color, width))
        assert {key: sorted(values) for key, values in shown.items()} == looks(data), date


def test_a_later_signature_does_not_undo_a_ratification_on_the_slider(open_slider, rendered):
    page, _, as_of = rendered["treaty"]
    slider = open_slider(page)
    slider.move_to(slider.steps().index("1975"))
    _, labels = slider.drawn()
    assert labels["https://w3id.org/kg-relations/id/treaty"] == \
        "Treaty of the Isles\n(ratified)"
    assert labels == drawn(as_of["1975"])[1]


@pytest.mark.parametrize("name", sorted(DATES))
def test_all_dates_draws_what_render_without_as_of_draws(open_slider, rendered, name):
    page, plain, _ = rendered[name]
    slider = open_slider(page)
    assert slider.date() == "all dates"
    assert slider.drawn() == plain
    slider.move_to(0)
    slider.page.locator("#timeline-slider").press("End")
    assert slider.date() == "all dates"
    assert slider.drawn() == plain


def test_play_advances_the_slider_date_by_date(open_slider, rendered):
    slider = open_slider(rendered["dated"][0])
    play = slider.page.locator("#timeline-play")
    play.click()
    assert slider.date() == "1882"
    slider.page.wait_for_function(
        "() => document.getElementById('timeline-date').textContent === '1910'", timeout=5_000)
    assert play.get_attribute("aria-pressed") == "true"
    play.click()
    assert play.get_attribute("aria-pressed") == "false"


def test_slider_makes_no_request_outside_the_file(open_slider, rendered):
    slider = open_slider(rendered["triangle"][0])
    for index in range(len(slider.steps()) + 1):
        slider.page.evaluate("(i) => window.kgPage.timeline.show(i)", index)
    assert slider.requests == [slider.url]


def test_a_tie_panel_says_when_each_statement_holds(open_slider, rendered):
    slider = open_slider(rendered["dated"][0])
    panel = slider.page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('kg-data').textContent);
        const tie = data.edges.find(e => e.statements.some(s => s.id === 'kgr:alliance-1882'));
        window.kgPage.showEdge(tie.id);
        return document.getElementById('panel-body').innerText;
    }""")
    assert "dated: holds 1882 to 1915" in panel
