"""``kg import wikidata``: background facts from Wikidata (added to the
``kg import`` group in kg/cli/imports.py)."""

from __future__ import annotations

import click


@click.command(
    "wikidata",
    short_help="Import facts about items from Wikidata into a background graph.")
@click.argument("items", nargs=-1, required=True, metavar="ITEM...")
@click.option("--endpoint", metavar="URL", default=None,
              help="SPARQL endpoint holding Wikidata's RDF (default: the Wikidata Query "
                   "Service, https://query.wikidata.org/sparql; or QLever, a local mirror).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True, metavar="S", help="Seconds to wait for each answer.")
@click.option("--into", "into", multiple=True, type=click.Path(), metavar="PATH",
              help="Scenario whose resources the items map onto by owl:sameAs "
                   "(repeatable; default: the shipped summit scenario).")
@click.option("-o", "--output", required=True, type=click.Path(), metavar="FILE",
              help="TriG file to write (whole or not at all).")
def wikidata_command(items: tuple[str, ...], endpoint: str | None, timeout: float,
             into: tuple[str, ...], output: str) -> None:
    """Fetch memberships (P463), heads of state and government (P35, P6),
    diplomatic relations (P530) and treaty signatures (P1891, P6193) of
    Wikidata items, with their dates and references, into a background graph.

    ITEM is a Q-id (Q42) or an item IRI. Statements are read in batches of
    50 items a request, politely (a descriptive User-Agent, a timeout,
    waiting as 429 and 503 answers ask). Each fact names the Wikidata
    statement it comes from; items map onto the scenario's resources by
    their owl:sameAs links, new items are named after their English label.

    Example: kg import wikidata Q90000001 Q90000005 --endpoint
    http://127.0.0.1:7878/query -o wikidata-background.trig
    """
    from kg.atomic import check_target
    from kg.cli.options import echo_line
    from kg.imports.wikidata import import_wikidata, write_background

    check_target(output)
    result = import_wikidata(items, endpoint=endpoint, timeout=timeout, into=list(into) or None)
    write_background(result, output)
    for note in result.notes:
        echo_line(f"note: {note}", err=True)
    counts = ", ".join(f"{n} {kind}(s)" for kind, n in result.facts.items()) or "no facts"
    echo_line(f"wrote {output}: {counts}; {len(result.new_items)} new item(s); "
              f"{result.requests} request(s)")
