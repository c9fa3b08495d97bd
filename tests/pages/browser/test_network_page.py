"""Network pages in a real headless Chromium.

One browser serves the whole module (see conftest.py here: without a
browser these tests skip, unless KG_REQUIRE_BROWSER=1: then they fail).
"""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import FIXTURES

from kg.pages.network_page import build_page
from kg.pages.pagegraph import lens, page_graph
from kg.pages.render import render_page
from kg.rdf.load import load

pytestmark = pytest.mark.browser

FIXTURE = FIXTURES / "render"
MARKUP_LABEL = 'Alpha <img src=x onerror="window.__pwned=1">'


@pytest.fixture
def distinct_colours(browser):
    """Count distinct colours and the share of non-white pixels of a PNG."""
    def count(png: bytes) -> tuple[int, float]:
        import base64

        page = browser.new_page()
        try:
            page.set_content("<canvas id=c></canvas>")
            return tuple(page.evaluate("""async (b64) => {
                const img = new Image();
                img.src = 'data:image/png;base64,' + b64;
                await img.decode();
                const c = document.getElementById('c');
                c.width = img.width; c.height = img.height;
                const ctx = c.getContext('2d');
                ctx.drawImage(img, 0, 0);
                const d = ctx.getImageData(0, 0, c.width, c.height).data;
                const seen = new Set(); let ink = 0;
                for (let i = 0; i < d.length; i += 4) {
                    const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
                    seen.add(k); if (k !== 0xffffff) ink++;
                }
                return [seen.size, ink / (d.length / 4)];
            }""", base64.b64encode(png).decode("ascii")))
        finally:
            page.close()
    return count


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
def summit_page(tmp_path_factory, summit):
    path = tmp_path_factory.mktemp("summit") / "network.html"
    path.write_text(build_page(summit).html, encoding="utf-8")
    return path, page_graph(summit)


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
    assert "Epsilon keeps its options open." in opened.hover("Epsilon")


def test_hovering_a_node_shows_type_and_wikidata_item(open_page, pages):
    opened = open_page(pages["all"])
    assert "state · Wikidata Q1" in opened.hover(MARKUP_LABEL)


def test_clicking_a_node_shows_label_type_wikidata_and_quotes_with_source(open_page, pages):
    opened = open_page(pages["all"])
    opened.page.mouse.click(*opened.point_of(opened.node_id(MARKUP_LABEL)))
    panel = opened.page.locator("#panel-body")
    assert panel.locator("h2").inner_text() == MARKUP_LABEL
    text = panel.inner_text()
    assert "state" in text and "Alpha said <script>window.__pwned=2</script> nothing." in text
    assert "— Fixture <b>report</b> javascript:window.__pwned=3" in text
    assert [a.get_attribute("href") for a in panel.locator("a").all()] == [
        "https://www.wikidata.org/wiki/Q1"]


def test_a_tie_listed_in_the_node_panel_opens_with_its_quotes(open_page, pages):
    opened = open_page(pages["all"])
    opened.page.mouse.click(*opened.point_of(opened.node_id("Gamma")))
    opened.page.click("#panel-body .ties button:has-text('pressure')")
    panel = opened.page.locator("#panel-body")
    assert panel.locator("h2").inner_text() == "Gamma — pressure — Beta"
    assert "Gamma puts tariffs on Beta's goods." in panel.inner_text()
    assert "instrument: tariff" in panel.inner_text()


def test_markup_in_labels_and_quotes_runs_nothing(open_page, pages):
    opened = open_page(pages["all"])
    opened.hover(MARKUP_LABEL)
    opened.page.mouse.click(*opened.point_of(opened.node_id(MARKUP_LABEL)))
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


def test_page_without_nodes_gets_ready_and_says_so(open_page, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(render_page(nx.MultiGraph(), title="Nothing"), encoding="utf-8")
    opened = open_page(path)
    assert opened.page.inner_text("#network") == "Nothing to draw: no node on this page."


BIDI_LABEL = "Beta\u202eetirovaf"  # a browser would show "Betafavorite"
BIDI_QUOTE = "We \u202eton od\u202c support it."  # would read "We do not support it."


@pytest.fixture
def bidi_page(tmp_path):
    graph = nx.MultiGraph()
    quote = {"text": BIDI_QUOTE, "source": "Report\u202e", "url": None, "file": None}
    graph.add_node("https://example.org/b", label=BIDI_LABEL, group="state", type="state",
                   quotes=(quote,))
    graph.add_node("https://example.org/g", label="Gamma", group="state", type="state")
    graph.add_edge("https://example.org/b", "https://example.org/g", key="relation",
                   layer="relation", kinds=("alignment",), sign="positive", weight=4.0)
    path = tmp_path / "bidi.html"
    path.write_text(render_page(graph, title="Ties \u202eeurt"), encoding="utf-8")
    return path


def test_bidi_controls_in_labels_and_quotes_are_shown_not_applied(open_page, bidi_page):
    opened = open_page(bidi_page)
    node = opened.node_id(BIDI_LABEL)
    opened.page.mouse.click(*opened.point_of(node))
    panel = opened.page.locator("#panel-body")
    assert panel.locator("h2").inner_text() == "Beta[U+202E]etirovaf"
    assert "We [U+202E]ton od[U+202C] support it.\n— Report[U+202E]" in panel.inner_text()
    assert opened.js("(id) => window.kgPage.nodes.get(id).label", node) == "Beta[U+202E]etirovaf"
    assert opened.page.title() == "Ties [U+202E]eurt"
    shown = opened.js("document.body.innerText + document.title")
    assert not any(ch in shown for ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                          "\u2066\u2067\u2068\u2069")


def test_bidi_controls_stay_in_the_page_data(open_page, bidi_page):
    opened = open_page(bidi_page)
    labels = opened.js("JSON.parse(document.getElementById('kg-data').textContent)"
                       ".nodes.map(n => n.label)")
    assert BIDI_LABEL in labels


def test_each_value_beside_other_words_is_isolated(open_page, bidi_page):
    opened = open_page(bidi_page)
    opened.page.mouse.click(*opened.point_of(opened.node_id("Gamma")))
    opened.page.click("#panel-body .ties button")
    heading = opened.page.locator("#panel-body h2")
    assert heading.inner_text() == "Beta[U+202E]etirovaf — alignment — Gamma"
    assert heading.locator("bdi").all_inner_texts() == [
        "Beta[U+202E]etirovaf", "alignment", "Gamma"]


def test_page_script_shows_every_bidi_control_as_the_library_does(open_page, bidi_page):
    from kg.pages.display import shown
    from kg.tabular import BIDI_CONTROLS

    text = "".join(sorted(BIDI_CONTROLS))
    assert open_page(bidi_page).js("(t) => window.kgPage.shown(t)", text) == shown(text)


@pytest.fixture(scope="module")
def events_page(tmp_path_factory):
    """A page of ties aggregated from coded events: no quotes, but counts,
    events by QuadClass, top codes and the articles of the events (one a
    javascript: address)."""
    from kg.imports.events import import_events
    from kg.imports.events_rdf import write_rdf

    folder = tmp_path_factory.mktemp("events")
    events = folder / "events.csv"
    events.write_text("date,source,target,cameo,goldstein,url,mentions\n"
                      "2024-01-05,ISL,NOR,036,,https://a.example.org/1,5\n"
                      "2024-01-06,ISL,NOR,036,,https://a.example.org/2,1\n"
                      "2024-01-07,ISL,NOR,057,,javascript:window.__pwned=1,9\n"
                      "2024-01-08,ISL,NOR,043,,https://b.example.org/3,2\n"
                      + "2024-01-09,ISL,NOR,190,-0.1,,1\n" * 5)
    write_rdf(import_events([str(events)], format="csv"), folder / "ties.trig")
    path = folder / "events.html"
    path.write_text(build_page(load([folder / "ties.trig"])).html, encoding="utf-8")
    return path


def test_an_aggregated_tie_shows_its_counts_quadclasses_top_codes_and_articles(open_page,
                                                                               events_page):
    opened = open_page(events_page)
    opened.page.mouse.click(*opened.point_of(opened.node_id("Iceland")))
    opened.page.click("#panel-body .ties button:has-text('cooperation in coded events')")
    statement = opened.page.locator("#panel-body .statement")
    assert "9 coded events" in statement.inner_text()
    # 036, 043 and 057 are verbal cooperation (CAMEO roots 01 to 05); 190 is
    # material conflict: more events, listed after, in QuadClass order
    assert statement.locator("ul.quads li").all_inner_texts() == [
        "1 verbal cooperation: 4 events", "4 material conflict: 5 events"]
    assert statement.locator("ul.codes li").all_inner_texts() == [
        "036 express intent to meet or negotiate: 2 events",
        "043 host a visit: 1 event",
        "057 sign formal agreement: 1 event",
    ]
    # each code's article is its most-mentioned event's; only web addresses are links
    links = statement.locator("ul.sources a")
    assert sorted(a.get_attribute("href") for a in links.all()) == [
        "https://a.example.org/1", "https://b.example.org/3"]
    assert "javascript:window.__pwned=1" in statement.locator("ul.sources").inner_text()
    assert opened.js("window.__pwned") is None
    assert opened.requests == [opened.url]


def test_a_tie_panel_groups_the_digits_of_large_counts(open_page, tmp_path):
    (tmp_path / "tie.ttl").write_text(
        "@prefix kg: <https://w3id.org/kg-relations/ontology#> .\n"
        "@prefix kgc: <https://w3id.org/kg-relations/concept/> .\n"
        "@prefix kgr: <https://w3id.org/kg-relations/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'kgr:a a kg:State ; rdfs:label "A" .\nkgr:b a kg:State ; rdfs:label "B" .\n'
        "kgr:tie a kg:Relation ; kg:fromActor kgr:a ; kg:toActor kgr:b ; kg:polarity -1 ;\n"
        "    kg:relationKind kgc:event-conflict ; kg:assertionMode kgc:aggregated ;\n"
        "    kg:materialConflictCount 1234567 .\n")
    path = tmp_path / "tie.html"
    path.write_text(build_page(load([tmp_path / "tie.ttl"])).html, encoding="utf-8")
    opened = open_page(path)

    opened.js("window.kgPage.showEdge(window.kgPage.network.body.edgeIndices[0])")

    assert opened.page.locator("#panel-body ul.quads li").all_inner_texts() == [
        "4 material conflict: 1,234,567 events"]
