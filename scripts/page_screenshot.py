"""Take a screenshot of a network page in headless Chromium.

    python scripts/page_screenshot.py out/network.html docs/network-summit.png --click Russia
    python scripts/page_screenshot.py out/timeline.html docs/images/timeline-slider.png \
        --date 1972-02-28

Opens the page from the file (Debian's chromium through playwright),
waits until its layout is done, optionally moves the time slider of a
``kg render --timeline`` page to a date (one of its steps), optionally
clicks the node with the given label so that the side panel shows its
quotes, and writes a PNG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--click", metavar="LABEL", help="click the node with this label")
    parser.add_argument("--date", metavar="D",
                        help="move the time slider to the step D (as the slider writes it)")
    parser.add_argument("--size", default="1400x860", help="viewport, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(args.page.resolve().as_uri())
            page.wait_for_selector("html[data-ready=true]", timeout=60_000)
            if args.date is not None:
                problem = move_slider(page, args.date)
                if problem:
                    print(problem, file=sys.stderr)
                    return 1
            if args.click:
                x, y = page.evaluate("""(label) => {
                    const data = JSON.parse(document.getElementById('kg-data').textContent);
                    const node = data.nodes.find(n => n.label === label);
                    if (!node) { return null; }
                    const net = window.kgPage.network;
                    const p = net.canvasToDOM(net.getPosition(node.id));
                    const box = document.getElementById('network').getBoundingClientRect();
                    return [box.left + p.x, box.top + p.y];
                }""", args.click) or (None, None)
                if x is None:
                    print(f"no node labelled {args.click!r} on the page", file=sys.stderr)
                    return 1
                page.mouse.click(x, y)
                page.mouse.move(1, 1)
            page.screenshot(path=str(args.png))
        finally:
            browser.close()
    print(f"wrote {args.png}")
    return 0


def move_slider(page, date: str) -> str | None:
    """Show the page as of the slider's step ``date``; why not, in one line."""
    steps = page.evaluate("window.kgPage.timeline ? window.kgPage.timeline.steps : null")
    if steps is None:
        return "the page has no time slider: write it with kg render --timeline"
    if date not in steps:
        return f"{date!r} is not a step of the slider; its steps: {', '.join(steps)}"
    page.evaluate("(d) => window.kgPage.timeline.show(window.kgPage.timeline.steps.indexOf(d))",
                  date)
    return None


if __name__ == "__main__":
    sys.exit(main())
