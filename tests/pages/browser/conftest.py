"""The browser tests' fixtures: one headless Chromium per module, pages opened in it.

See chromium.py here (without a browser these tests skip, unless
KG_REQUIRE_BROWSER=1: then they fail). This folder is a package so that
this file is not the module ``conftest`` that ``from conftest import
FIXTURES`` means in every test (pytest would otherwise leave the last
conftest it read under that name).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .chromium import OpenPage, launched


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    with launched() as browser:
        yield browser


@pytest.fixture
def open_page(browser):
    """Open a page (a file, or an address) in a fresh tab, refusing (and
    recording) every request other than the page itself; wait until its
    layout is done. ``kind`` wraps it (:class:`OpenPage` or :class:`Slider`)."""
    contexts = []

    def open_(where: Path | str, kind: type[OpenPage] = OpenPage) -> OpenPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        url = where if isinstance(where, str) else where.resolve().as_uri()
        requests: list[str] = []
        # Tests make no network calls: anything but the page is refused.
        context.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url)
        page.wait_for_selector("html[data-ready=true]", timeout=30_000)
        return kind(page, url, requests)

    yield open_
    for context in contexts:
        context.close()
