"""The workbench's pages, rendered by the real application (Starlette's TestClient,
with the server's worker pool): what they show, that data stays text, that
every asset is local."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from conftest import FIXTURES, ROOT
from page_helpers import page_data

from kg.server.app import ServeConfig, create_app

KGR = "https://w3id.org/kg-relations/id/"
HOSTILE = FIXTURES / "workbench" / "hostile.trig"
STATIC = ROOT / "kg" / "server" / "static"
#: The address the TestClient names the server by (kg serve answers loopback names only).
LOCAL = "http://127.0.0.1"


def page_of(iri: str) -> str:
    return "/resource?iri=" + quote(iri, safe="")


@pytest.fixture(scope="module")
def shipped():
    from starlette.testclient import TestClient

    with TestClient(create_app(ServeConfig.for_source()), base_url=LOCAL) as client:
        yield client


@pytest.fixture(scope="module")
def hostile():
    from starlette.testclient import TestClient

    with TestClient(create_app(ServeConfig.for_source([HOSTILE])), base_url=LOCAL) as client:
        yield client


class Assets(HTMLParser):
    """Every URL a page loads (scripts, styles, images, frames) and every inline
    script or event handler."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        for name in ("src", "srcset", "data", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if "style" in attrs:
            self.handlers.append("style")
        self._in_script = tag == "script" and not attrs.get("src")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def parsed(html: str) -> Assets:
    parser = Assets()
    parser.feed(html)
    return parser


# --- the resource page ---------------------------------------------------------------------


def test_resource_page_shows_statements_with_qualifiers_quotes_and_sources(shipped):
    response = shipped.get(page_of(KGR + "india"))

    assert response.status_code == 200
    text = response.text
    assert "<h1><bdi>India</bdi>" in text
    assert 'href="https://www.wikidata.org/wiki/Q668"' in text
    assert "Russia remains its most important defense partner" in text
    assert "cooperate militarily" in text  # the CAMEO code of the defense relation, by label
    assert "kgr:source-putin-india-visit-2025" in text


def test_resource_page_shows_a_conflict_flag_beside_the_statement_it_flags(shipped):
    text = shipped.get(page_of(KGR + "india")).text

    card = text[text.index("kgr:rel-india-us-military-exercises"):]
    card = card[:card.index('<div class="card')] if '<div class="card' in card else card
    assert "Conflict flag" in card
    assert "not a military exercise" in card


def test_resource_page_shows_claims_with_their_claimant(shipped):
    text = shipped.get(page_of(KGR + "russia")).text

    claims = text[text.index("<h2>Claims</h2>"):]
    assert '<span class="badge">claim</span> by' in claims
    assert "no-limits" in claims


def test_resource_page_dates_a_statement_by_its_interval(hostile):
    text = hostile.get(page_of(KGR + "avalon")).text

    assert "1969-03-02 – 1969-09-11" in text


def test_resource_page_draws_its_neighbours_linked_to_their_pages(hostile):
    text = hostile.get(page_of(KGR + "avalon")).text

    svg = text[text.index("<svg"):text.index("</svg>")]
    assert f'href="{page_of(KGR + "carpania")}"' in svg
    assert 'class="tie negative"' in svg and 'class="tie positive"' in svg


def test_curie_address_redirects_to_the_resource_page(shipped):
    response = shipped.get("/r/kgr:russia", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == page_of(KGR + "russia")


def test_unknown_resource_is_not_found_and_a_bad_iri_is_refused(shipped):
    assert shipped.get(page_of(KGR + "nowhere")).status_code == 404
    assert shipped.get("/resource?iri=not%20an%20iri").status_code == 400


# --- markup in the data stays text -------------------------------------------------------------


@pytest.mark.parametrize("path", [
    page_of(KGR + "avalon"), page_of(KGR + "brigadoon"), page_of(KGR + "claim-carpania-threat"),
    "/search?q=avalon", "/scenario/hostile/analysis",
])
def test_labels_and_quotes_carrying_markup_render_as_text(hostile, path):
    text = hostile.get(path).text

    assert "<script>window" not in text and "<img src=x" not in text
    assert "&lt;script&gt;" in text or "&lt;img" in text
    found = parsed(text)
    assert found.inline_scripts == [] and found.handlers == []


def test_an_outside_link_is_only_ever_http(hostile):
    text = hostile.get(page_of(KGR + "claim-carpania-threat")).text

    assert "No threat was ever recorded." in text
    assert 'href="javascript:' not in text


# --- search -----------------------------------------------------------------------------


def test_search_finds_a_label_written_loosely(shipped):
    text = shipped.get("/search", params={"q": "kreml"}).text

    assert page_of(KGR + "presidential-administration-of-russia") in text


# --- the query page and what it completes with ---------------------------------------------------


def test_query_page_loads_yasgui_and_its_own_script_from_this_server(shipped):
    found = parsed(shipped.get("/query").text)

    assert "/static/yasgui/yasgui.min.js" in found.urls
    assert "/static/workbench/query.js" in found.urls
    assert found.inline_scripts == [] and found.handlers == []


def test_config_offers_prefixes_ontology_terms_and_every_named_query(shipped):
    from kg.sparql.named import query_names

    config = shipped.get("/workbench/config.json").json()

    assert config["prefixes"]["kg"] == "https://w3id.org/kg-relations/ontology#"
    assert any(t["iri"].endswith("#Relation") for t in config["classes"])
    assert any(t["iri"].endswith("#fromActor") for t in config["properties"])
    assert [e["name"] for e in config["examples"]] == query_names()
    assert all(e["title"] and e["question"] for e in config["examples"])


def test_labels_json_names_resources_by_label(shipped):
    labels = dict(shipped.get("/workbench/labels.json").json()["labels"])

    assert labels[KGR + "india"] == "India"


def test_an_example_query_runs_on_the_endpoint_as_the_page_sends_it(shipped):
    config = shipped.get("/workbench/config.json").json()
    example = next(e for e in config["examples"] if e["name"] == "actor-labels")

    response = shipped.post("/sparql", data={"query": example["query"]},
                            headers={"Accept": "text/csv"})

    assert response.status_code == 200
    assert "India" in response.text


# --- scenarios ------------------------------------------------------------------------------


def allowed_scripts(response) -> tuple[list[str], list[str]]:
    """The page's executable inline scripts and the sha256 sources its policy allows."""
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    sources = policy.split("script-src ")[1].split(";")[0].split()
    scripts = [s for s in parsed(response.text).inline_scripts
               if not s.lstrip().startswith(("{", "["))]
    return scripts, sources


def sha256_source(script: str) -> str:
    import base64

    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def test_network_page_allows_exactly_its_own_inline_scripts(shipped):
    response = shipped.get("/scenario/summit-2025/network", params={"lens": "alliances"})

    scripts, sources = allowed_scripts(response)
    assert scripts and sorted(map(sha256_source, scripts)) == sorted(sources)


def test_timeline_page_has_the_slider_and_its_dates_under_its_own_policy(shipped):
    response = shipped.get("/scenario/triangle-1969-1972/network", params={"timeline": "1"})

    data = page_data(response.text)
    steps = [step["label"] for step in data["timeline"]["steps"]]
    scripts, sources = allowed_scripts(response)
    assert 'id="timeline-slider"' in response.text
    assert "1969-09-12" in steps and "1972-02-28" in steps
    assert scripts and sorted(map(sha256_source, scripts)) == sorted(sources)


def test_timeline_page_is_the_page_kg_render_timeline_writes(shipped, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "timeline.html"
    result = CliRunner().invoke(main, ["render", str(ROOT / "data" / "triangle-1969-1972"),
                                       "--timeline", "--lens", "balance", "-o", str(out)])
    served = shipped.get("/scenario/triangle-1969-1972/network",
                         params={"lens": "balance", "timeline": "1"})

    assert result.exit_code == 0, result.output
    assert served.text == out.read_text(encoding="utf-8")


def test_timeline_takes_only_zero_or_one(shipped):
    response = shipped.get("/scenario/summit-2025/network", params={"timeline": "<b>"})

    assert response.status_code == 400 and "<b>" not in response.text


def test_analysis_page_lists_triangles_with_links_to_their_actors(hostile):
    text = hostile.get("/scenario/hostile/analysis").text

    assert "0 of 1 triangles are balanced" in text
    assert page_of(KGR + "rel-avalon-carpania") in text
    assert "Avalon and Carpania are rivals." in text


def test_home_lists_every_scenario_with_its_pages(shipped):
    text = shipped.get("/").text

    for name in ("summit-2025", "triangle-1969-1972"):
        assert f'href="/scenario/{name}/analysis"' in text
        assert f'href="/scenario/{name}/network?lens=balance"' in text
        assert f'href="/scenario/{name}/network?timeline=1"' in text


@pytest.mark.parametrize("path", ["/", "/query", "/search?q=india", page_of(KGR + "india"),
                                  "/scenario/summit-2025/analysis",
                                  "/scenario/summit-2025/network",
                                  "/scenario/triangle-1969-1972/network?timeline=1"])
def test_every_asset_a_page_loads_is_local(shipped, path):
    found = parsed(shipped.get(path).text)

    outside = [url for url in found.urls if urlsplit(url).scheme or url.startswith("//")]
    assert outside == []
    for url in found.urls:
        assert shipped.get(url).status_code == 200, url


# --- the vendored Yasgui -------------------------------------------------------------------


def test_vendored_yasgui_matches_the_sums_its_readme_records():
    readme = (STATIC / "yasgui" / "README.md").read_text()
    sums = dict(re.findall(r"\| (yasgui\.min\.\w+) \| ([0-9a-f]{64}) \|", readme))

    assert set(sums) == {"yasgui.min.js", "yasgui.min.css"}
    for name, digest in sums.items():
        assert hashlib.sha256((STATIC / "yasgui" / name).read_bytes()).hexdigest() == digest
    assert "MIT License" in (STATIC / "yasgui" / "LICENSE").read_text()


def test_the_icon_browsers_ask_for_is_no_content_not_an_error(shipped):
    response = shipped.get("/favicon.ico")

    assert response.status_code == 204 and response.content == b""


def test_analysis_page_says_when_a_mixed_pair_never_held_its_two_signs_at_once():
    from starlette.testclient import TestClient

    config = ServeConfig.for_source([FIXTURES / "apart.trig"])
    with TestClient(create_app(config), base_url=LOCAL) as client:
        text = client.get("/scenario/apart/analysis").text

    assert "(its two signs never held at the same time)" in text
