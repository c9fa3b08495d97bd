"""The docs site builds strictly and offline, and its pages load nothing from the network."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

from conftest import ROOT

SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker"


class Loads(HTMLParser):
    """The addresses a page loads by itself (scripts, styles, images, frames)."""

    TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
            "audio": "src", "video": "src", "embed": "src", "object": "data"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) & {
                "stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            self.found.append(attrs.get("href") or "")
        elif tag in self.TAGS and attrs.get(self.TAGS[tag]):
            self.found.append(attrs[self.TAGS[tag]])


def test_every_page_of_the_nav_is_built(docs_site):
    for page in ["index.html", "tutorials/researcher.html", "tutorials/teacher.html",
                 "tutorials/analyst.html", "explanations/data-model.html",
                 "reference/cli.html", "reference/api.html", "reference/vocabulary.html",
                 "reference/queries.html", "gallery.html", "benchmarks.html"]:
        assert (docs_site / page).is_file(), page


def test_no_page_loads_anything_from_the_network(docs_site):
    remote = {}
    for page in docs_site.rglob("*.html"):
        loads = Loads()
        loads.feed(page.read_text(encoding="utf-8"))
        found = [a for a in loads.found if re.match(r"(?i)\s*(https?:)?//", a)]
        if found:
            remote[str(page.relative_to(docs_site))] = found
    assert remote == {}


def test_no_style_sheet_fetches_fonts_from_the_network(docs_site):
    for sheet in docs_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", sheet.read_text("utf-8")), sheet


def test_the_command_line_reference_lists_every_command(docs_site):
    from kg.cli import main

    text = (docs_site / "reference" / "cli.html").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"kg {name}" in text, name
    assert "Sentinel" not in text  # a click default shown as its internal marker


def test_the_api_reference_renders_each_docstring(docs_site):
    import kg

    text = (docs_site / "reference" / "api.html").read_text(encoding="utf-8")
    for name in kg._API:
        first_line = getattr(kg, name).__doc__.strip().splitlines()[0]
        assert first_line.split("``")[0].strip()[:30] in text, name
    assert not re.search(r":(func|meth|mod|class|attr):", text)  # Sphinx roles, shown raw


def test_the_vendored_search_shim_is_the_one_its_readme_names():
    readme = (SHIM / "README.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((SHIM / "shim.js").read_bytes()).hexdigest()
    assert f"shim.js sha256: {digest}" in readme
