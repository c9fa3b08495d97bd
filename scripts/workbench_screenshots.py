"""Screenshots of the workbench for the README: the query page and a resource page.

    python scripts/workbench_screenshots.py docs/images/

Starts `kg serve` on the shipped scenarios (127.0.0.1, a free port), opens
the query page in headless Chromium (Debian's chromium through
playwright), runs a shipped example, then opens the resource page of one
resource, writes workbench-query.png and workbench-resource.png into FOLDER,
and stops the server by its PID.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
RESOURCE = "https://w3id.org/kg-relations/id/relos"


def start_server(log: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "0"],
        stdout=subprocess.DEVNULL, stderr=open(log, "wb"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", log.read_text(errors="replace"))
        if found:
            return process, f"http://127.0.0.1:{found.group(1)}"
        if process.poll() is not None:
            raise SystemExit(f"kg serve stopped: {log.read_text()}")
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("kg serve said nothing within a minute")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", default="1400x900", help="viewport, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        process, base = start_server(Path(scratch) / "serve.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + "/query#claims-by")
                page.wait_for_selector("html[data-kg-ready]")
                page.evaluate("window.kgYasgui.getTab().getYasqe().query()")
                page.wait_for_selector(".yasr a[data-kg]")
                page.screenshot(path=str(args.folder / "workbench-query.png"))
                page.goto(base + "/resource?iri=" + quote(RESOURCE, safe=""))
                page.wait_for_selector("h1")
                page.screenshot(path=str(args.folder / "workbench-resource.png"))
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=15)
    shots = ("workbench-query.png", "workbench-resource.png")
    names = ", ".join(str(args.folder / n) for n in shots)
    print(f"wrote {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
