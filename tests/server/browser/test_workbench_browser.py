"""The workbench in a real headless Chromium, against a real `kg serve` on 127.0.0.1.

Debian's chromium driven by playwright (never a downloaded browser), the
one of tests/pages/browser/chromium.py: without it these tests
skip, unless KG_REQUIRE_BROWSER=1: then they fail. Every request a page makes is
recorded, and none may leave 127.0.0.1; every Content-Security-Policy
violation is recorded too, and there must be none.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import FIXTURES, ROOT
from pages.browser.chromium import Slider, launched
from server.server_helpers import Server

pytestmark = pytest.mark.browser

KGR = "https://w3id.org/kg-relations/id/"
TRIANGLE = "triangle-1969-1972"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    running = Server(str(ROOT / "data" / "summit-2025"), str(ROOT / "data" / TRIANGLE),
                     str(FIXTURES / "workbench" / "hostile.trig"), log=log)
    yield running
    running.stop()


class Visit:
    """A browser tab with every request, dialog and CSP violation it saw."""

    def __init__(self, browser):
        self.context = browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message),
                                               dialog.dismiss()))
        self.page.add_init_script(WATCH)

    def query_page(self, base: str):
        """Open the query page; the tab's page once Yasgui is ready."""
        self.page.goto(base + "/query")
        self.page.wait_for_selector("html[data-kg-ready]")
        return self.page

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__csp || []")

    def outside(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob")
                and urlsplit(url).hostname != "127.0.0.1"]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = Visit(browser)
    yield opened
    opened.close()


def test_query_with_completion_then_follow_a_label_to_its_resource_page(server, visit):
    page = visit.query_page(server.base)
    page.wait_for_selector(".CodeMirror")
    page.evaluate("""() => {
        const yasqe = window.kgYasgui.getTab().getYasqe();
        yasqe.setValue('PREFIX kg: <https://w3id.org/kg-relations/ontology#>\\n'
                       + 'SELECT ?statement ?actor WHERE { ?statement  ?actor }');
        yasqe.focus();
        const at = 'SELECT ?statement ?actor WHERE { ?statement '.length;
        yasqe.getDoc().setCursor({line: 1, ch: at});
    }""")
    page.keyboard.type("kg:fromAc")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li")
    assert "kg:fromActor" in page.inner_text(".CodeMirror-hints")
    page.keyboard.press("Enter")

    query = page.evaluate("window.kgYasgui.getTab().getYasqe().getValue()")
    assert "?statement kg:fromActor ?actor" in query
    page.evaluate("window.kgYasgui.getTab().getYasqe().query()")
    page.wait_for_selector(".yasr a[data-kg]")
    names = page.eval_on_selector_all(".yasr a[data-kg]", "links => links.map(a => a.textContent)")
    assert "India" in names
    page.click(".yasr a[data-kg]:text-is('India')")
    page.wait_for_selector("h1")

    assert page.url == server.base + "/resource?iri=" + quote(KGR + "india", safe="")
    assert "Russia remains its most important defense partner" in page.inner_text("main")
    assert visit.outside() == []
    assert visit.violations() == []


def test_example_queries_open_in_a_tab_and_download_as_csv(server, visit):
    page = visit.query_page(server.base)
    page.click("#example-actor-labels")
    page.wait_for_function("window.kgYasgui.getTab().getYasqe().getValue().includes('owl:sameAs')")
    with page.expect_download() as download:
        page.click("button.download[data-format='csv']")

    text = Path(download.value.path()).read_text()
    assert text.splitlines()[0].startswith("actor,")
    assert visit.outside() == []


def test_labels_with_markup_stay_inert_in_results_and_pages(server, visit):
    page = visit.query_page(server.base)
    page.evaluate("""() => {
        const yasqe = window.kgYasgui.getTab().getYasqe();
        yasqe.setValue('SELECT ?s ?label ?quote WHERE { ?s rdfs:label ?label . '
                       + 'OPTIONAL { ?s kg:quote ?quote } FILTER(CONTAINS(?label, "<")) }');
        yasqe.query();
    }""")
    page.wait_for_selector(".yasr a[data-kg]")
    page.goto(server.base + "/resource?iri=" + quote(KGR + "avalon", safe=""))
    page.wait_for_selector("h1")

    assert "<script>window.__pwned=1</script>" in page.inner_text("h1")
    assert page.evaluate("window.__pwned") is None
    assert visit.dialogs == []
    assert visit.outside() == []


def test_network_page_draws_offline_under_its_own_policy(server, visit):
    page = visit.page
    page.goto(server.base + "/scenario/summit-2025/network?lens=alliances")
    page.wait_for_function("window.kgPage && window.kgPage.network")

    assert page.locator("canvas").count() >= 1
    assert visit.violations() == []
    assert visit.outside() == []


def pairs(drawn) -> set:
    ties, _ = drawn
    return {ends for ends, _, _ in ties}


def test_time_slider_moves_in_the_served_page_offline_under_its_own_policy(server, visit):
    page = visit.page
    url = f"{server.base}/scenario/{TRIANGLE}/network?timeline=1"
    page.goto(server.base + "/")
    page.click(f"a[href='/scenario/{TRIANGLE}/network?timeline=1']")
    page.wait_for_selector("html[data-ready=true]")
    slider = Slider(page, url, visit.requests)
    steps = slider.steps()
    everything = pairs(slider.drawn())

    slider.move_to(steps.index("1969-09-12"))

    assert page.url == url and slider.date() == "1969-09-12"
    assert pairs(slider.drawn()) < everything  # the ties of other dates are hidden
    assert visit.violations() == []
    assert visit.outside() == []
