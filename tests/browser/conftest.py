"""One headless Chromium for the whole browser suite.

The browser is Debian's chromium driven by playwright (never a downloaded
browser). Without it the browser tests skip, unless KG_REQUIRE_BROWSER=1
(set by .ci/run): then they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _unavailable(reason: str):
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (KG_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
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


class OpenPage:
    """A page opened from a file, with every request it made."""

    def __init__(self, page, url: str, requests: list[str]):
        self.page, self.url, self.requests = page, url, requests

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_id(self, label: str) -> str:
        return self.js("(label) => (window.kgPage && JSON.parse(document.getElementById("
                       "'kg-data').textContent).nodes.find(n => n.label === label).id)", label)

    def point_of(self, node_id: str) -> tuple[float, float]:
        x, y = self.js("""(id) => {
            const net = window.kgPage.network;
            const p = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById('network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id)
        return x, y


@pytest.fixture
def open_page(browser):
    """Open an HTML file in a fresh page, refusing (and recording) every
    request other than the file itself; wait until the layout is done."""
    contexts = []

    def open_(path: Path) -> OpenPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        url = path.resolve().as_uri()
        requests: list[str] = []
        # Tests make no network calls: anything but the file is refused.
        context.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url)
        page.wait_for_selector("html[data-ready=true]", timeout=30_000)
        return OpenPage(page, url, requests)

    yield open_
    for context in contexts:
        context.close()


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
