"""The HTML of a network page: self-contained, escaped, deterministic."""

import re

import networkx as nx
import pytest
from conftest import FIXTURES
from page_helpers import page_data

from kg.pages.network_page import balance_findings, build_page
from kg.pages.pagegraph import lens, page_graph
from kg.pages.render import Finding, Findings, render_page
from kg.rdf.load import load
from kg.rdf.namespaces import KGR

FIXTURE = FIXTURES / "render"
ALPHA = 'Alpha <img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def dataset():
    return load([FIXTURE])


@pytest.fixture(scope="module")
def html(dataset):
    return build_page(dataset).html


def test_page_loads_no_script_style_or_font_from_outside(html):
    assert re.search(r"<(script|img|iframe)[^>]*\bsrc=", html) is None
    assert re.search(r"<link\b", html) is None
    assert "@import" not in html and "url(" not in html


def test_page_forbids_every_request_and_unlisted_script(html):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert policy.count("'sha256-") == 2


def test_markup_in_labels_and_quotes_reaches_the_page_only_as_escaped_data(html):
    assert "<img" not in html and "window.__pwned=2</script>" not in html
    labels = {n["label"] for n in page_data(html)["nodes"]}
    assert 'Alpha <img src=x onerror="window.__pwned=1">' in labels


def test_title_and_caption_are_escaped(dataset):
    html = build_page(dataset, title="<i>T</i> & co", caption="<b>c</b>").html
    assert "<h1 id=\"title\">&lt;i&gt;T&lt;/i&gt; &amp; co</h1>" in html
    assert "&lt;b&gt;c&lt;/b&gt;" in html and "<b>c</b>" not in html


def test_same_graph_gives_a_byte_identical_page(dataset, html):
    assert build_page(dataset).html == html


def test_page_draws_every_node_and_edge_of_the_graph(dataset, html):
    graph = page_graph(dataset)
    data = page_data(html)
    assert (len(data["nodes"]), len(data["edges"])) == (
        graph.number_of_nodes(), graph.number_of_edges())


def test_legend_lists_exactly_the_node_classes_present(dataset):
    html = build_page(dataset, lens="pressures").html
    assert re.findall(r'<li data-group="([a-z]+)"', html) == ["state"]


def test_edge_style_follows_sign_layer_and_direction(html):
    edges = {(e["layer"], e["sign"]): e for e in page_data(html)["edges"]}
    pressure = edges["pressure", "negative"]
    assert pressure["vis"]["dashes"] is True and pressure["vis"]["arrows"]["to"]["enabled"]
    mixed = edges["relation", "mixed"]
    assert mixed["vis"]["dashes"] is False and mixed["vis"]["width"] > 1


def test_a_tie_resting_only_on_claims_is_dotted_and_explained_in_the_legend():
    html = build_page(load()).html
    data = page_data(html)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    dotted = sorted(tuple(sorted((labels[e["from"]], labels[e["to"]]))) for e in data["edges"]
                    if e["vis"]["dashes"] == [2, 5])

    assert dotted == [("China", "United States"), ("Russia", "United States")]
    assert "a claim, not a fact (dotted)" in html


def test_large_graph_gets_a_precomputed_layout_without_physics():
    graph = nx.MultiGraph()
    graph.add_nodes_from(range(30), group="state")
    graph.add_edges_from((i, i + 1, "relation", {"sign": "positive"}) for i in range(29))
    data = page_data(render_page(graph, static_layout=True))
    assert data["options"]["physics"] == {"enabled": False}
    assert all("x" in n["vis"] and "y" in n["vis"] for n in data["nodes"])


def test_balance_lens_lists_unbalanced_triangles_with_the_signs_of_their_ties(dataset):
    triangles = balance_findings(dataset, lens(page_graph(dataset), "balance"))[0]
    assert [(t.label, t.note) for t in triangles.items] == [
        (f"{ALPHA} – Beta – Gamma", f"{ALPHA} ± Beta; {ALPHA} + Gamma; Beta ± Gamma"),
        ("Delta League – Epsilon – Gamma",
         "Delta League + Epsilon; Delta League − Gamma; Epsilon + Gamma"),
    ]


def test_balance_lens_lists_structural_and_claimed_wedges(dataset):
    _, found, claimed = balance_findings(dataset, lens(page_graph(dataset), "balance"))
    assert found.items[0].label == "Gamma pulls Epsilon away from Delta League"
    assert found.items[0].nodes[-3:] == tuple(str(KGR[n]) for n in
                                              ("gamma", "epsilon", "delta-league"))
    assert [(w.label, w.note) for w in claimed.items] == [(
        "Epsilon → Delta League → Gamma",
        "Epsilon as a wedge between Gamma and the Delta League; sponsor: "
        f"{ALPHA}; claimed by Ada Leader")]


def test_balance_page_marks_the_unbalanced_triangles(dataset):
    data = page_data(build_page(dataset, lens="balance").html)
    assert {n["label"] for n in data["nodes"] if n["marked"]} == {
        ALPHA, "Beta", "Gamma", "Delta League", "Epsilon"}
    unmarked = [e for e in data["edges"] if not e["marked"]]
    assert unmarked == []


def test_balance_page_with_highlight_marks_only_the_named_triangle(dataset):
    data = page_data(build_page(dataset, lens="balance",
                                highlight=["Gamma", "Epsilon", "kgr:delta-league"]).html)
    assert {n["label"] for n in data["nodes"] if n["marked"]} == {
        "Gamma", "Delta League", "Epsilon"}
    assert sorted(e["kinds"][0] for e in data["edges"] if e["marked"]) == [
        "alignment", "alignment", "rivalry"]


def test_highlight_marks_the_named_nodes_and_the_ties_among_them(dataset):
    page = build_page(dataset, lens="alliances", highlight=["Gamma", "kgr:delta-league"])
    data = page_data(page.html)
    marked = {n["label"] for n in data["nodes"] if n["marked"]}
    assert marked == {"Gamma", "Delta League"}
    assert [e["kinds"] for e in data["edges"] if e["marked"]] == [["rivalry"]]


def test_findings_without_mark_are_listed_but_not_highlighted():
    graph = nx.MultiGraph([("a", "b", "relation")])
    html = render_page(graph, findings=[Findings("Paths", (Finding(("a", "b"), "a → b"),))])
    assert 'data-nodes="n0 n1">a → b</button>' in html
    assert not any(n["marked"] for n in page_data(html)["nodes"])


def test_pressure_ties_are_labelled_with_their_instrument(dataset):
    data = page_data(build_page(dataset, lens="pressures").html)
    assert [e["vis"]["label"] for e in data["edges"]] == ["tariff"]


def test_initiatives_show_their_status_under_the_label(dataset):
    data = page_data(build_page(dataset, lens="agreements").html)
    pact = next(n for n in data["nodes"] if n["label"] == "Alpha–Beta pact")
    assert pact["vis"]["label"] == "Alpha–Beta pact\n(signed)"


@pytest.mark.parametrize("lens_name", ["all", "alliances", "pressures", "agreements", "balance"])
def test_every_lens_renders_the_second_scenario(triangle, lens_name):
    page = build_page(triangle, lens=lens_name)
    assert len(page_data(page.html)["nodes"]) == page.nodes


@pytest.fixture(scope="module")
def triangle():
    from kg.rdf.shipped import scenario_dir

    return load([scenario_dir("triangle-1969-1972")])


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_never_reach_the_html_source_raw():
    graph = nx.MultiGraph()
    graph.add_node("a", label="A" + BIDI, group="state", type="state")
    html = render_page(graph, title="T\u202e", caption="c\u2067",
                       findings=[Findings("F\u202e", (Finding(("a",), "a\u202e", "n\u2066"),))])
    assert not any(ch in html for ch in BIDI)


def test_bidi_controls_stay_in_the_page_data():
    graph = nx.MultiGraph()
    graph.add_node("a", label="A\u202eB", group="state", type="state")
    assert page_data(render_page(graph))["nodes"][0]["label"] == "A\u202eB"


def test_title_caption_and_findings_show_bidi_controls_as_markers():
    graph = nx.MultiGraph()
    graph.add_node("a", label="A", group="state", type="state")
    html = render_page(graph, title="T\u202ex", caption="c\u2067",
                       findings=[Findings("F", (Finding(("a",), "a\u202e", "note\u2066"),))])
    marker = '<span class="control" title="{}">[U+{}]</span>'.format(
        "a bidirectional control character, shown here instead of applied", "{}")
    assert "<title>T[U+202E]x</title>" in html
    assert f'<h1 id="title">T{marker.format("202E")}x</h1>' in html
    assert f'<p id="caption">c{marker.format("2067")}</p>' in html
    assert f'data-nodes="n0">a{marker.format("202E")}</button>' in html
    assert f'<span class="muted"><bdi>note{marker.format("2066")}</bdi></span>' in html
