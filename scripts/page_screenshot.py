"""Take a screenshot of a network page in headless Chromium.

    python scripts/page_screenshot.py out/network.html network.png --click Russia
    python scripts/page_screenshot.py out/timeline.html slider.png \
        --date 1972-02-28
    python scripts/page_screenshot.py events.html events.png --tie Argentina Bhutan

Opens the page from the file (Debian's chromium through playwright),
waits until its layout is done, optionally moves the time slider of a
``kg render --timeline`` page to a date (one of its steps), optionally
clicks the node with the given label so that the side panel shows its
quotes, or a tie (the node, then its tie to the other in the panel), and
writes a PNG. The browser work is in scripts/browser_shots.py;
scripts/gallery.py takes every picture of the docs' gallery.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from browser_shots import (
    ShotError,
    click_node,
    click_tie,
    launched,
    move_slider,
    open_network_page,
    parse_size,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--click", metavar="LABEL", help="click the node with this label")
    parser.add_argument("--tie", nargs=2, metavar=("LABEL", "OTHER"),
                        help="click the tie of the node LABEL to the node OTHER")
    parser.add_argument("--date", metavar="D",
                        help="move the time slider to the step D (as the slider writes it)")
    parser.add_argument("--size", default="1400x860", help="viewport, WIDTHxHEIGHT")
    args = parser.parse_args()
    with launched() as browser:
        page = open_network_page(browser, args.page, size=parse_size(args.size))
        try:
            if args.date is not None:
                move_slider(page, args.date)
            if args.click:
                click_node(page, args.click)
            if args.tie:
                click_tie(page, *args.tie)
        except ShotError as err:
            print(err, file=sys.stderr)
            return 1
        page.screenshot(path=str(args.png))
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
