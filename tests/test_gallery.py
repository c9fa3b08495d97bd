"""The docs' gallery (docs/gallery.md, made by scripts/gallery.py) is current and complete.

No browser here: the Markdown is a pure function of the code's lenses and
data/'s scenarios; the pictures are taken by running the script.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, script

from kg.pages.pagegraph import LENSES

GALLERY = ROOT / "docs" / "gallery.md"
STALE = "run `.venv/bin/python scripts/gallery.py` to regenerate the gallery"


@pytest.fixture(scope="module")
def gallery():
    """scripts/gallery.py as a module (scripts/ on sys.path, as when it runs)."""
    return script("scripts/gallery.py")


@pytest.fixture(scope="module")
def page() -> str:
    return GALLERY.read_text(encoding="utf-8")


def images_of(markdown: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", markdown)


def test_gallery_page_is_what_the_script_writes(gallery, page):
    assert gallery.markdown(gallery.plan()) == page, STALE


def test_gallery_lenses_are_those_of_the_render_command_and_the_library(gallery):
    assert set(gallery.lenses()) == set(LENSES)


def test_every_lens_has_a_caption(gallery):
    titles = gallery.lens_titles()

    missing = [lens for lens in gallery.lenses() if not titles.get(lens)]

    assert missing == []


@pytest.mark.parametrize("lens", LENSES)
def test_every_scenario_has_a_picture_of_each_lens(gallery, page, lens):
    images = images_of(page)
    for scenario in gallery.scenarios():
        picture = f"images/gallery/{scenario}-{lens}.png"
        assert picture in images, f"{picture} is not in docs/gallery.md; {STALE}"
        assert (ROOT / "docs" / picture).is_file(), f"docs/{picture} is missing; {STALE}"


def test_every_shipped_scenario_has_a_section(gallery, page):
    scenarios = gallery.scenarios()

    missing = [name for name in scenarios if f"(`data/{name}`)" not in page]

    assert scenarios and missing == []


def test_every_image_the_gallery_shows_exists(page):
    images = images_of(page)

    missing = [image for image in images if not (ROOT / "docs" / image).is_file()]

    assert len(images) > 10 and missing == []


def test_every_picture_in_the_gallery_folder_is_shown(page):
    shown = set(images_of(page))
    files = sorted((ROOT / "docs" / "images" / "gallery").iterdir())

    unshown = [f.name for f in files if f"images/gallery/{f.name}" not in shown]

    assert unshown == []


def test_gallery_pictures_stay_small():
    files = sorted((ROOT / "docs" / "images" / "gallery").iterdir())

    large = [f.name for f in files if f.stat().st_size > 300_000]

    assert files and large == []


def test_gallery_commands_are_commands_of_kg(gallery):
    from kg.cli import main

    commands = {p.command[0] for s in gallery.plan() for p in s.pictures}

    assert commands <= set(main.commands)
