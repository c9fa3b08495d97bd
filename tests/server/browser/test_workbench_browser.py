"""The workbench in a real headless Chromium, against a real `kg serve` on 127.0.0.1.

Debian's chromium driven by playwright (never a downloaded browser), as in
tests/pages/browser/: without it these tests skip, unless
KG_REQUIRE_BROWSER=1: then they fail. Every request a page makes is
recorded, and none may leave 127.0.0.1; every Content-Security-Policy
violation is recorded too, and there must be none.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import FIXTURES, ROOT
from server.server_helpers import Server

pytestmark = pytest.mark.browser

KGR = "https://w3id.org/kg-relations/id/"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def chromium_path() -> str | None:
    chosen = os.environ.get("KG_CHROMIUM")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _unavailable(reason: str):
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (KG_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        _unavailable("no chromium executable found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    running = Server(str(ROOT / "data" / "summit-2025"),
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
    page = visit.page
    page.goto(server.base + "/query")
    page.wait_for_selector("html[data-kg-ready]")
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
    page = visit.page
    page.goto(server.base + "/query")
    page.wait_for_selector("html[data-kg-ready]")
    page.click("#example-actor-labels")
    page.wait_for_function("window.kgYasgui.getTab().getYasqe().getValue().includes('owl:sameAs')")
    with page.expect_download() as download:
        page.click("button.download[data-format='csv']")

    text = Path(download.value.path()).read_text()
    assert text.splitlines()[0].startswith("actor,")
    assert visit.outside() == []


def test_labels_with_markup_stay_inert_in_results_and_pages(server, visit):
    page = visit.page
    page.goto(server.base + "/query")
    page.wait_for_selector("html[data-kg-ready]")
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
