"""The built docs site, opened from the file system in Chromium: it asks for
nothing outside its folder, and its search works there."""

from __future__ import annotations

import pytest


@pytest.fixture
def docs_page(browser, docs_site):
    """Open a page of the built site from file://, refusing (and recording)
    every request outside the site's folder."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    outside: list[str] = []
    inside = docs_site.resolve().as_uri() + "/"

    def route(r):
        if r.request.url.startswith(inside):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto((docs_site / "index.html").resolve().as_uri())
    page.wait_for_load_state("load")
    yield page, outside
    context.close()


def test_the_home_page_asks_for_nothing_outside_the_site(docs_page):
    page, outside = docs_page
    page.wait_for_timeout(500)
    assert outside == []


def test_search_finds_a_page_from_the_file_system(docs_page):
    page, outside = docs_page
    page.click("input.md-search__input")
    page.keyboard.type("frustration")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert any("balance" in t.lower() or "frustration" in t.lower() for t in titles), titles
    assert outside == []
