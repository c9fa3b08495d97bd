"""Screenshots of the workbench for the docs: the query page and a resource page.

    python scripts/workbench_screenshots.py docs/images/gallery/   (make gallery runs it)

Starts `kg serve` on the shipped scenarios (127.0.0.1, a free port), opens
the query page in headless Chromium (Debian's chromium through
playwright, see scripts/browser_shots.py), runs a shipped example, then
opens the resource page of one resource, writes workbench-query.png and
workbench-resource.png into FOLDER, and stops the server by its PID.
scripts/gallery.py calls :func:`workbench_shots` for the docs' gallery.
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

from browser_shots import launched, parse_size

RESOURCE = "https://w3id.org/kg-relations/id/relos"
#: The pictures :func:`workbench_shots` writes, by file name.
SHOTS = ("workbench-query.png", "workbench-resource.png")


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


def workbench_shots(browser, folder: Path, *, size: tuple[int, int]) -> list[Path]:
    """Serve the shipped scenarios, take :data:`SHOTS` into ``folder`` with
    ``browser``, stop the server; the files written."""
    from kg.atomic import atomic_write

    width, height = size
    with tempfile.TemporaryDirectory() as scratch:
        process, base = start_server(Path(scratch) / "serve.log")
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(base + "/query#claims-by")
            page.wait_for_selector("html[data-kg-ready]")
            page.evaluate("window.kgYasgui.getTab().getYasqe().query()")
            page.wait_for_selector(".yasr a[data-kg]")
            atomic_write(folder / SHOTS[0], page.screenshot())
            page.goto(base + "/resource?iri=" + quote(RESOURCE, safe=""))
            page.wait_for_selector("h1")
            atomic_write(folder / SHOTS[1], page.screenshot())
            context.close()
        finally:
            process.terminate()
            process.wait(timeout=15)
    return [folder / name for name in SHOTS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", default="1400x900", help="viewport, WIDTHxHEIGHT")
    args = parser.parse_args()
    with launched() as browser:
        written = workbench_shots(browser, args.folder, size=parse_size(args.size))
    print(f"wrote {', '.join(str(path) for path in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
