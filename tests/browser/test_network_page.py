"""Network pages in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.load import load
from kg.network_page import build_page
from kg.pagegraph import lens, page_graph

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent.parent / "fixtures" / "render"
MARKUP_LABEL = 'Alpha <img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def fixture_data():
    return load([FIXTURE])


@pytest.fixture(scope="module")
def pages(tmp_path_factory, fixture_data):
    folder = tmp_path_factory.mktemp("pages")
    written = {}
    for name, kwargs in {"all": {}, "balance": {"lens": "balance"}}.items():
        path = folder / f"{name}.html"
        path.write_text(build_page(fixture_data, **kwargs).html, encoding="utf-8")
        written[name] = path
    return written


@pytest.fixture(scope="module")
def summit_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("summit") / "network.html"
    dataset = load()
    path.write_text(build_page(dataset).html, encoding="utf-8")
    return path, page_graph(dataset)


def test_page_makes_no_request_outside_the_file(open_page, summit_page):
    opened = open_page(summit_page[0])
    assert opened.requests == [opened.url]


def test_drawn_nodes_and_edges_equal_the_graph(open_page, summit_page):
    path, graph = summit_page
    drawn = open_page(path).js("[window.kgPage.network.body.nodeIndices.length,"
                               " window.kgPage.network.body.edgeIndices.length]")
    assert drawn == [graph.number_of_nodes(), graph.number_of_edges()]


def test_hovering_a_node_shows_its_quote(open_page, pages):
    opened = open_page(pages["all"])
    opened.page.mouse.move(*opened.point_of(opened.node_id("Epsilon")))
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Epsilon keeps its options open." in tooltip.inner_text()


def test_clicking_a_node_shows_label_type_wikidata_and_quotes_with_source(open_page, pages):
    opened = open_page(pages["all"])
    opened.page.mouse.click(*opened.point_of(opened.node_id(MARKUP_LABEL)))
    panel = opened.page.locator("#panel-body")
    assert panel.locator("h2").inner_text() == MARKUP_LABEL
    text = panel.inner_text()
    assert "state" in text and "Alpha said <script>window.__pwned=2</script> nothing." in text
    assert "— Fixture <b>report</b>" in text
    assert panel.locator("a").get_attribute("href") == "https://www.wikidata.org/wiki/Q1"


def test_markup_in_labels_and_quotes_runs_nothing(open_page, pages):
    opened = open_page(pages["all"])
    alpha = opened.point_of(opened.node_id(MARKUP_LABEL))
    opened.page.mouse.move(*alpha)
    opened.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    opened.page.mouse.click(*alpha)
    opened.page.fill("#search", "alpha")
    assert opened.js("[window.__pwned, document.querySelectorAll('img, #panel script').length]") \
        == [None, 0]
    assert opened.requests == [opened.url]


def test_legend_lists_the_classes_present(open_page, pages, fixture_data):
    opened = open_page(pages["balance"])
    legend = opened.page.locator("#legend-nodes li").all_inner_texts()
    assert legend == ["state", "organization"]
    groups = {g for _, g in lens(page_graph(fixture_data), "balance").nodes(data="group")}
    assert groups == {"state", "organization"}


def test_filter_by_node_type_hides_those_nodes_and_their_ties(open_page, pages):
    opened = open_page(pages["all"])
    before = opened.js("window.kgPage.network.body.nodeIndices.length")
    opened.page.uncheck("input[data-group=state]")
    after = opened.js("[window.kgPage.network.body.nodeIndices.length,"
                      " window.kgPage.network.body.edgeIndices.length]")
    # four states go; of the ties only the person's participation in the summit stays
    assert after == [before - 4, 1]


def test_filter_by_relation_kind_hides_those_ties(open_page, pages):
    opened = open_page(pages["all"])
    before = opened.js("window.kgPage.network.body.edgeIndices.length")
    opened.page.uncheck("input[data-layer=pressure][data-kind=pressure]")
    assert opened.js("window.kgPage.network.body.edgeIndices.length") == before - 1


def test_search_selects_matching_nodes_and_enter_opens_the_first(open_page, pages):
    opened = open_page(pages["all"])
    opened.page.fill("#search", "beta")
    assert opened.page.inner_text("#search-status") == "2 matches"
    assert opened.js("window.kgPage.network.getSelectedNodes().length") == 2
    opened.page.fill("#search", "LEAGUE")
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#panel-body h2").inner_text() == "Delta League"


def test_balance_finding_selects_its_triangle(open_page, pages):
    opened = open_page(pages["balance"])
    opened.page.click("#findings button >> nth=0")
    selected = opened.js("window.kgPage.network.getSelectedNodes().length")
    assert selected == 3


def test_screenshot_is_not_blank(open_page, summit_page, distinct_colours):
    opened = open_page(summit_page[0])
    colours, ink = distinct_colours(opened.page.locator("#network").screenshot())
    assert colours > 20 and ink > 0.01
