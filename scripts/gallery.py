"""The docs' gallery: every picture of docs/images/gallery/ and docs/gallery.md.

    .venv/bin/python scripts/gallery.py

Renders, in a temporary folder, each lens of each shipped scenario (the
folders of data/; the lenses are the choices of ``kg render --lens``, so a
new lens or scenario shows up here by itself), a node's side panel with
its quotes, the time slider page of a dated scenario at a few dates, the
timeline chart, and the workbench (scripts/workbench_screenshots.py), and
takes their pictures in headless Chromium (scripts/browser_shots.py).
Then writes docs/gallery.md, one section per scenario, one figure per
picture with its caption and the command that makes it.

The pictures come from :func:`plan` and the Markdown from :func:`markdown`,
both pure (tests/test_gallery.py checks that docs/gallery.md is current
without a browser); :func:`take` runs the commands and the browser.
"""

from __future__ import annotations

import argparse
import functools
import os
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where the pictures go, and the page that shows them (relative to ROOT).
FOLDER = Path("docs/images/gallery")
MARKDOWN = Path("docs/gallery.md")
#: The browser's viewport: wide enough for the side panel, small enough
#: that a PNG stays well under 300 KB.
SIZE = (1200, 760)

#: What the gallery calls a shipped scenario (the folder's name otherwise).
SCENARIOS = {
    "summit-2025": "The 2025 India–Russia summit",
    "triangle-1969-1972": "The 1969–1972 US–USSR–China triangle",
}
#: The node whose side panel each scenario's gallery shows (clicked on the
#: page of every tie).
CLICK = {
    "summit-2025": "Russia",
    "triangle-1969-1972": "China",
}
#: The dates at which the time slider of a dated scenario is shown: each a
#: step of its ``kg render --timeline`` page, with what happens then (from
#: the scenario's data).
SLIDER = {
    "triangle-1969-1972": (
        ("1969-03-02", "the first day of the Sino-Soviet border conflict"),
        ("1971-07-15", "the day Nixon announces his visit to China"),
        ("1972-02-28", "the last day of Nixon's visit to China"),
        ("1972-05", "the month of the Moscow Summit"),
    ),
}
#: The options of ``kg timeline`` whose chart the gallery shows, by scenario.
CHART = {
    "triangle-1969-1972": ("--every", "month"),
}


@dataclass(frozen=True)
class Picture:
    """One picture of the gallery and how it is made.

    ``command`` is what follows ``kg`` (``page``, when set, is the HTML file
    it writes with ``-o``); ``click`` and ``date`` are what the browser does
    on the page before the screenshot.
    """

    file: str
    heading: str
    alt: str
    caption: str
    command: tuple[str, ...]
    page: str | None = None
    click: str | None = None
    date: str | None = None

    def shown_command(self) -> str:
        """The command as docs/gallery.md shows it."""
        words = ("kg", *self.command, *(("-o", self.page) if self.page else ()))
        return shlex.join(words)


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    pictures: tuple[Picture, ...]


def lenses() -> tuple[str, ...]:
    """The lenses of ``kg render --lens``, in its order."""
    from kg.cli.render import render_command

    option = next(p for p in render_command.params if p.name == "lens")
    return tuple(option.type.choices)


def lens_titles() -> dict[str, str]:
    """Each lens's title, as its page shows it (the code's description)."""
    from kg.pages.network_page import TITLES

    return dict(TITLES)


def scenarios() -> tuple[str, ...]:
    """The shipped scenarios: the folders of data/, sorted."""
    from kg.rdf.shipped import scenario_dirs

    return tuple(folder.name for folder in scenario_dirs())


@functools.lru_cache
def _page_graph(name: str):
    from kg.pages.pagegraph import page_graph
    from kg.rdf.load import load

    return page_graph(load([ROOT / "data" / name]))


def lens_size(name: str, lens: str) -> str:
    """How many nodes and ties the page of scenario ``name`` shows through ``lens``
    (as ``kg render`` counts them), in words."""
    from kg.pages.pagegraph import lens as cut

    graph = cut(_page_graph(name), lens)
    nodes, ties = graph.number_of_nodes(), graph.number_of_edges()
    size = f"{nodes} node{'' if nodes == 1 else 's'} and {ties} tie{'' if ties == 1 else 's'}"
    return size + (", so the page says it has nothing to draw" if nodes == 0 else "")


def scenario_section(name: str) -> Section:
    """The pictures of one scenario: its lenses, a clicked node, its slider, its chart."""
    title = SCENARIOS.get(name, f"The scenario in data/{name}")
    inline = title[0].lower() + title[1:]
    data = f"data/{name}"
    titles = lens_titles()
    pictures = []
    for lens in lenses():
        pictures.append(Picture(
            file=f"{name}-{lens}.png", heading=f"The {lens} lens",
            alt=f"The {lens} lens of {inline}",
            caption=f"**{titles[lens]}.** The page through the `{lens}` lens: "
                    f"{lens_size(name, lens)}.",
            command=("render", data, "--lens", lens), page=f"{name}-{lens}.html"))
    if name in CLICK:
        label = CLICK[name]
        pictures.append(Picture(
            file=f"{name}-panel.png", heading=f"The side panel of {label}",
            alt=f"The page of {inline} with {label} clicked",
            caption=f"The page of every tie with {label} clicked: the side panel lists its "
                    "label, type, Wikidata link and every quote with its source.",
            command=("render", data, "--lens", "all"), page=f"{name}-all.html",
            click=label))
    for date, what in SLIDER.get(name, ()):
        pictures.append(Picture(
            file=f"{name}-slider-{date}.png", heading=f"The time slider at {date}",
            alt=f"{title} as of {date}",
            caption=f"The page with a time slider, moved to {date} ({what}): the ties that "
                    "hold then, undated ties at every date.",
            command=("render", data, "--timeline"), page=f"{name}-timeline.html",
            date=date))
    if name in CHART:
        chart = (FOLDER / f"{name}-timeline.svg").as_posix()
        pictures.append(Picture(
            file=f"{name}-timeline.svg", heading="The timeline chart",
            alt=f"The share of balanced triangles and the frustration index of "
                f"{inline} over time",
            caption="The share of balanced triangles and the frustration index at each "
                    "step, a dotted line where a tie changed (an SVG drawn by matplotlib).",
            command=("timeline", data, *CHART[name], "--chart", chart)))
    but = " but the chart" if name in CHART else ""
    return Section(f"{title} (`{data}`)",
                   f"Each picture{but} is a page that `kg render` writes from `{data}`.",
                   tuple(pictures))


def workbench_section() -> Section:
    """The workbench of ``kg serve``, pictured by scripts/workbench_screenshots.py."""
    from workbench_screenshots import SHOTS

    query, resource = SHOTS
    return Section(
        "The workbench (`kg serve`)",
        "The query page and a resource page of the workbench that `kg serve` opens on "
        "127.0.0.1 over the shipped scenarios.",
        (Picture(file=query, heading="The query page",
                 alt="The query page of the workbench with the answer of an example",
                 caption="The query page after running the shipped example `claims-by`: "
                         "each resource in the answer links to its resource page.",
                 command=("serve",)),
         Picture(file=resource, heading="A resource page",
                 alt="The resource page of RELOS in the workbench",
                 caption="The resource page of RELOS: what the graph says of it, with quotes.",
                 command=("serve",))))


def plan() -> tuple[Section, ...]:
    """Every section of the gallery, in order."""
    return (*(scenario_section(name) for name in scenarios()), workbench_section())


def markdown(sections: tuple[Section, ...]) -> str:
    """docs/gallery.md for ``sections``."""
    lines = [
        "# Gallery",
        "",
        "<!-- Generated by scripts/gallery.py: do not edit by hand. -->",
        "",
        "What `kg` draws, pictured in headless Chromium. Every picture here, and this page, "
        "is made again by `.venv/bin/python scripts/gallery.py`; under each is the command "
        "that makes what it shows. To picture a page of your own, "
        "`python scripts/page_screenshot.py PAGE.html PICTURE.png` takes it "
        "(`--click LABEL` opens a node's panel, `--date D` moves the slider).",
    ]
    folder = FOLDER.relative_to(MARKDOWN.parent).as_posix()
    for section in sections:
        lines += ["", f"## {section.title}", "", section.intro]
        for picture in section.pictures:
            done = []
            if picture.click:
                done.append(f"then {picture.click} clicked")
            if picture.date:
                done.append(f"then the slider moved to {picture.date}")
            how = f"`{picture.shown_command()}`" + "".join(f", {d}" for d in done)
            lines += ["", f"### {picture.heading}", "",
                      f"[![{picture.alt}]({folder}/{picture.file})]({folder}/{picture.file})", "",
                      f"{picture.caption} Made with {how}."]
    return "\n".join(lines) + "\n"


def _run_kg(args: list[str]) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"kg {shlex.join(args)} failed: {result.output.strip()}")


def take(sections: tuple[Section, ...], *, size: tuple[int, int] = SIZE) -> list[Path]:
    """Make every picture of ``sections`` into :data:`FOLDER` (run from ROOT)
    and remove any other file there; the files written."""
    # scripts/ is on sys.path when this file runs as a script.
    from browser_shots import (
        ShotError,
        click_node,
        fit_with_labels,
        launched,
        move_slider,
        open_network_page,
    )
    from workbench_screenshots import SHOTS, workbench_shots

    from kg.atomic import atomic_write

    FOLDER.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pictures = [p for s in sections for p in s.pictures]
    with tempfile.TemporaryDirectory() as scratch, launched() as browser:
        rendered: set[str] = set()
        for picture in pictures:
            target = FOLDER / picture.file
            if picture.file in SHOTS:
                continue
            if picture.page is None:
                _run_kg(list(picture.command))
                written.append(target)
                continue
            page_file = Path(scratch) / picture.page
            if picture.page not in rendered:
                _run_kg([*picture.command, "-o", str(page_file)])
                rendered.add(picture.page)
            page = open_network_page(browser, page_file, size=size)
            if picture.date is None:
                fit_with_labels(page)  # the slider's page keeps its fit: nodes never jump
            try:
                if picture.date:
                    move_slider(page, picture.date)
                if picture.click:
                    click_node(page, picture.click)
            except ShotError as err:
                raise SystemExit(f"{picture.file}: {err}") from None
            atomic_write(target, page.screenshot())
            page.context.close()
            written.append(target)
        if any(p.file in SHOTS for p in pictures):
            written += workbench_shots(browser, FOLDER, size=size)
    for old in sorted(set(FOLDER.iterdir()) - set(written)):
        old.unlink()  # a picture of a lens or scenario that is gone
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    os.chdir(ROOT)
    started = time.monotonic()
    sections = plan()
    written = take(sections)
    from kg.atomic import atomic_write

    atomic_write(MARKDOWN, markdown(sections))
    print(f"wrote {len(written)} pictures into {FOLDER}/ and {MARKDOWN} "
          f"in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
