"""Screenshots in headless Chromium: what the screenshot scripts share.

Debian's chromium (``/usr/bin/chromium``, or ``KG_CHROMIUM``) driven by
playwright, never a downloaded browser. scripts/page_screenshot.py,
scripts/workbench_screenshots.py and scripts/gallery.py import it (run
from the project root, ``scripts/`` is on ``sys.path`` as the script's
own folder).

    with launched() as browser:
        page = open_network_page(browser, Path("network.html"), size=(1200, 760))
        click_node(page, "Avalon")
        page.screenshot(path="avalon.png")
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class ShotError(Exception):
    """A picture that cannot be taken, said in one line."""


@contextlib.contextmanager
def launched():
    """A headless Chromium, closed on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def parse_size(text: str) -> tuple[int, int]:
    """``"1200x760"`` as ``(1200, 760)``."""
    width, height = (int(v) for v in text.lower().split("x"))
    return width, height


def open_network_page(browser, page_file: Path, *, size: tuple[int, int]):
    """A new tab with the ``kg render`` page ``page_file``, once its layout is
    done (the page sets ``html[data-ready=true]`` when the physics stop), so
    that a screenshot is the same each time. Only the file itself may load."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    url = page_file.resolve().as_uri()
    context.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-ready=true]", timeout=60_000)
    return page


def move_slider(page, date: str) -> None:
    """Show the page as of the slider's step ``date`` (as the slider writes it)."""
    steps = page.evaluate("window.kgPage.timeline ? window.kgPage.timeline.steps : null")
    if steps is None:
        raise ShotError("the page has no time slider: write it with kg render --timeline")
    if date not in steps:
        raise ShotError(f"{date!r} is not a step of the slider; its steps: {', '.join(steps)}")
    page.evaluate("(i) => window.kgPage.timeline.show(i)", steps.index(date))


def click_node(page, label: str) -> None:
    """Click the node labelled ``label``, so that the side panel shows its
    quotes; then move the mouse off it so that no tooltip covers the drawing."""
    point = page.evaluate("""(label) => {
        const data = JSON.parse(document.getElementById('kg-data').textContent);
        const node = data.nodes.find(n => n.label === label);
        if (!node) { return null; }
        const net = window.kgPage.network;
        const p = net.canvasToDOM(net.getPosition(node.id));
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", label)
    if point is None:
        raise ShotError(f"no node labelled {label!r} on the page")
    page.mouse.click(*point)
    # Hover a corner of the canvas (empty: the drawing is fitted inside it),
    # so that the network hides the node's tooltip, and let it do so.
    corner = page.evaluate("""() => {
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + 3, box.top + 3];
    }""")
    page.mouse.move(*corner)
    page.wait_for_timeout(400)



def click_tie(page, label: str, other: str) -> None:
    """Click the node labelled ``label``, then its tie to ``other`` in the
    side panel, so that the panel shows the tie's statements."""
    click_node(page, label)
    ends = re.compile(r"[—→←] " + re.escape(other) + "$")  # the button ends with the other's label
    button = page.locator("#panel-body .ties button", has_text=ends)
    if button.count() == 0:
        raise ShotError(f"no tie of {label!r} to {other!r} on the page")
    button.first.click()
    page.wait_for_timeout(200)


def fit_with_labels(page, *, margin: float = 0.96) -> None:
    """Fit the drawing, labels included, to the canvas: the page fits the
    nodes' centres, so a long label at the edge would be cut."""
    page.evaluate("""(margin) => {
        const net = window.kgPage.network;
        let box = null;
        for (const id of net.body.nodeIndices) {
            const b = net.getBoundingBox(id);
            if (!b) { continue; }
            box = box === null ? Object.assign({}, b) : {
                left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
                top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)};
        }
        if (box === null) { return; }
        const canvas = document.getElementById('network');
        const scale = margin * Math.min(canvas.clientWidth / (box.right - box.left),
                                        canvas.clientHeight / (box.bottom - box.top));
        net.moveTo({position: {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2},
                    scale: scale, animation: false});
    }""", margin)
