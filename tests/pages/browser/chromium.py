"""A real headless Chromium for the browser tests, and network pages opened in it.

Debian's chromium driven by playwright (never a downloaded browser).
Without it the tests skip, unless KG_REQUIRE_BROWSER=1 (set by .ci/run):
then they fail. KG_CHROMIUM names another chromium executable. The
fixtures are in conftest.py here; tests/server/browser/ uses
:func:`launched` and :class:`Slider` too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path() -> str | None:
    """KG_CHROMIUM when set, else Debian's chromium."""
    chosen = os.environ.get("KG_CHROMIUM")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def unavailable(reason: str):
    """Skip, or fail when KG_REQUIRE_BROWSER=1."""
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (KG_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def launched():
    """A headless Chromium, closed on leaving."""
    path = chromium_path()
    if path is None:
        unavailable("no chromium executable found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class OpenPage:
    """A network page open in the browser, with every request it made."""

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

    def hover(self, label: str) -> str:
        """Move the mouse onto the node labelled ``label``; its tooltip's text."""
        self.page.mouse.move(*self.point_of(self.node_id(label)))
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        return tooltip.inner_text()


class Slider(OpenPage):
    """A page with the time slider of ``kg render --timeline``."""

    def steps(self) -> list[str]:
        return self.js("window.kgPage.timeline.steps")

    def move_to(self, index: int) -> None:
        """Move the slider as a person does: with the keyboard."""
        slider = self.page.locator("#timeline-slider")
        slider.focus()
        slider.press("Home")
        for _ in range(index):
            slider.press("ArrowRight")

    def date(self) -> str:
        return self.page.locator("#timeline-date").inner_text()

    def drawn(self) -> tuple[set, dict]:
        """Each tie drawn as (ends, layer, colour), and each node's label, by IRI."""
        ties, labels = self.js("""() => {
            const data = JSON.parse(document.getElementById('kg-data').textContent);
            const iri = {}, layer = {};
            data.nodes.forEach(n => { iri[n.id] = n.iri; });
            data.edges.forEach(e => { layer[e.id] = e; });
            const page = window.kgPage;
            const ties = window.kgVisibleTies().map(id => {
                const e = layer[id];
                return [[iri[e.from], iri[e.to]].sort(), e.layer, page.edges.get(id).color.color];
            });
            const labels = {};
            window.kgVisibleNodes().forEach(id => { labels[iri[id]] = page.nodes.get(id).label; });
            return [ties, labels];
        }""")
        return {(tuple(ends), layer, color) for ends, layer, color in ties}, labels
