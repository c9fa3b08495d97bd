"""``kg render``: an interactive network page that works offline."""

from __future__ import annotations

import click

from kg.cli.options import (
    OutputFile,
    echo_line,
    load_paths,
    paths_argument,
    time_options,
    time_view,
)
from kg.errors import KGError

LENSES = ("all", "alliances", "pressures", "agreements", "balance")


@click.command(
    "render",
    short_help="Write one self-contained HTML page of the network, for offline use.")
@paths_argument
@click.option("-o", "--output", default="network.html", show_default=True,
              type=OutputFile(),
              help="The HTML file to write (atomically).")
@click.option("--lens", type=click.Choice(LENSES), default="all", show_default=True,
              help="What the page shows: every tie, signed ties between states and "
                   "organizations, pressures, agreements with their parties, or the signed "
                   "network with its unbalanced triangles and wedge paths.")
@click.option("--focus", metavar="ACTOR",
              help="Show only the neighbourhood of one node (a label, CURIE or IRI).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many ties away from --focus to reach.")
@click.option("--highlight", metavar="A,B,C",
              help="Comma-separated nodes (labels, CURIEs or IRIs) to mark, with the ties "
                   "among them.")
@click.option("--title", help="Title shown on the page.  [default: from the lens]")
@click.option("--caption", help="Caption under the title.  [default: a summary of the page]")
@click.option("--seed", type=int, default=1, show_default=True, help="Layout seed.")
@click.option("--timeline", is_flag=True,
              help="Add a time slider with a play button: the page shows the network as of "
                   "each date where a dated tie begins or ends (undated ties at every date), "
                   "then all dates. Not with --as-of, --between or --dated-only.")
@time_options
def render_command(paths, output, lens, focus, depth, highlight, title, caption, seed,
                   timeline) -> None:
    """Write one self-contained HTML page of the network: every script and
    style inlined, nothing loaded from outside the file, so it works
    offline and can be shared as one file.

    Hover a node or a tie for its quote; click it for label, type,
    Wikidata link and every quote with its source.

    Example: kg render --lens balance --highlight A,B,C -o balance.html

    Example: kg render data/triangle-1969-1972 --timeline -o timeline.html
    """
    from kg.atomic import atomic_write
    from kg.pages.network_page import build_page

    if depth != 1 and focus is None:
        raise KGError("--depth needs --focus")
    if timeline and time_view() is not None:
        raise KGError("--timeline shows every date on its slider: give it without --as-of, "
                      "--between and --dated-only (or leave --timeline out for one view)")
    names = [part.strip() for part in highlight.split(",") if part.strip()] if highlight else []
    view = time_view()
    page = build_page(load_paths(paths), lens=lens, focus=focus, depth=depth,
                      highlight=names, title=title, caption=caption, seed=seed,
                      timeline=timeline, view=str(view) if view is not None else None)
    atomic_write(output, page.html)
    slider = ", with a time slider" if timeline else ""
    echo_line(f"wrote {output}: {page.nodes} nodes, {page.edges} ties ({lens} lens){slider}")
