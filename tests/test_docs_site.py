"""The docs site builds strictly and offline, and its pages load nothing from the network."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

import yaml
from conftest import ROOT, script

SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker"
HOOKS = script("scripts/mkdocs_hooks.py")


REMOTE = re.compile(r"(?i)^\s*(https?:)?//")
CSS_REMOTE = re.compile(r"""(?i)(url\(\s*['"]?|@import\s+['"])(https?:)?//""")
#: <link> relations that name a page rather than load it
NAMES_A_PAGE = {"canonical", "alternate", "author", "license", "next", "prev", "search"}


class Loads(HTMLParser):
    """What a page loads by itself: every address of a script, style,
    image, frame or media element (``src``, ``srcset``, ``poster``,
    ``data``, ``href`` of a ``<link>`` or of SVG), and the inline styles;
    and whether it holds a diagram the theme would fetch a library for."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.styles: list[str] = []
        self.diagrams = 0
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "poster", "data", "xlink:href"):
            if attrs.get(name):
                self.found.append(attrs[name])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.found.append(candidate.split()[0])
        if attrs.get("href") and (tag in ("image", "use") or tag == "link" and not set(
                (attrs.get("rel") or "").lower().split()) <= NAMES_A_PAGE):
            self.found.append(attrs["href"])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self.diagrams += "mermaid" in (attrs.get("class") or "").split()
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def nav_pages(entries) -> list[str]:
    """The Markdown files the nav of mkdocs.yml lists, in order."""
    found = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += nav_pages(value) if isinstance(value, list) else [value]
    return found


def test_every_page_of_the_nav_is_built_and_every_page_is_in_the_nav(docs_site):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = nav_pages(config["nav"])
    assert [p for p in pages if not (docs_site / p.replace(".md", ".html")).is_file()] == []
    written = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    assert written == set(pages)


def test_no_page_loads_anything_from_the_network(docs_site):
    remote = {}
    for page in docs_site.rglob("*.html"):
        loads = Loads()
        loads.feed(page.read_text(encoding="utf-8"))
        found = [a for a in loads.found if REMOTE.match(a)]
        found += [s for s in loads.styles if CSS_REMOTE.search(s)]
        found += ["a diagram the theme draws with a library from a CDN"] * bool(loads.diagrams)
        if found:
            remote[str(page.relative_to(docs_site))] = found
    assert remote == {}


def test_no_style_sheet_loads_anything_from_the_network(docs_site):
    for sheet in docs_site.rglob("*.css"):
        assert not CSS_REMOTE.search(sheet.read_text("utf-8")), sheet


def test_the_check_sees_every_way_a_page_loads_from_the_network():
    loads = Loads()
    loads.feed('<img srcset="a.png 1x, https://x.example/b.png 2x">'
               '<link rel="preconnect" href="https://fonts.example">'
               '<link rel="canonical" href="https://kg.example/">'
               '<svg><use href="//x.example/i.svg#a"/></svg>'
               '<style>@font-face { src: url("https://x.example/f.woff2") }</style>'
               '<div class="mermaid">graph</div><a href="https://kg.example/">a link</a>')
    assert [a for a in loads.found if REMOTE.match(a)] == [
        "https://x.example/b.png", "https://fonts.example", "//x.example/i.svg#a"]
    assert [s for s in loads.styles if CSS_REMOTE.search(s)] and loads.diagrams == 1


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
    assert not re.search(HOOKS.ROLES, text)  # Sphinx roles, shown raw


def test_the_vendored_search_shim_is_the_one_its_readme_names():
    readme = (SHIM / "README.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((SHIM / "shim.js").read_bytes()).hexdigest()
    assert f"shim.js sha256: {digest}" in readme


class TypeCells(HTMLParser):
    """The text of each Type cell of the API page's parameter and return tables."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._header: list[str] = []
        self._row: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._header = []
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._text = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._text is not None:
            text = " ".join("".join(self._text).split())
            (self._header if tag == "th" else self._row).append(text)
            self._text = None
        elif tag == "tr" and self._row and "Type" in self._header:
            self.cells.append(self._row[self._header.index("Type")])


def test_the_api_reference_shows_short_types_and_no_raw_backticks(docs_site):
    text = (docs_site / "reference" / "api.html").read_text(encoding="utf-8")
    parser = TypeCells()
    parser.feed(text)

    assert len(parser.cells) > 50  # the tables were found
    assert [cell for cell in parser.cells if len(cell) > 60] == []  # a description, not a type
    assert "``" not in text
