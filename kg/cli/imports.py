"""``kg import``: other people's data into the graph: coded event streams,
spreadsheets (kg's own and Kumu's) and Wikidata."""

from __future__ import annotations

import datetime as dt
import sys

import click

from kg.cli.import_sheet import kumu_command, sheet_command
from kg.cli.import_wikidata import wikidata_command
from kg.cli.options import OutputFile, echo_line
from kg.tabular import plural


@click.group(
    "import",
    short_help="Import event streams, workbooks (kg's or Kumu's) or facts from Wikidata.")
def import_group() -> None:
    """Import other people's data: coded event streams into dated signed ties,
    a workbook (kg template's or Kumu's) into a scenario, facts from Wikidata
    into a background graph."""


import_group.add_command(sheet_command)
import_group.add_command(kumu_command)
import_group.add_command(wikidata_command)


def _day(text: str | None, option: str, *, last: bool = False) -> dt.date | None:
    """The first day of a year, month or day (``last``: its last day)."""
    if not text:
        return None
    from kg.rdf.dates import Date

    date = Date.parse(text, where=option)
    return date.last if last else date.first


@import_group.command("events")
@click.argument("files", nargs=-1, required=True, metavar="FILES_OR_FOLDERS...")
@click.option("--format", "fmt", type=click.Choice(("gdelt", "csv")), default="gdelt",
              show_default=True,
              help="gdelt: GDELT 2.0 event exports (61 tab-separated columns, plain or .zip); "
                   "csv: a header date,source,target,cameo and optional goldstein,url,mentions.")
@click.option("--period", type=click.Choice(("month", "quarter", "year")), default="month",
              show_default=True, help="The period each tie is dated by.")
@click.option("-o", "--output", type=OutputFile(), metavar="OUT.trig|OUT.nq",
              help="Write the ties as RDF (TriG or N-Quads) for kg load and the analysis "
                   "commands.")
@click.option("--edges-out", type=OutputFile(), metavar="FILE.csv",
              help="Write a dated signed edge list: source,target,sign,weight,start,end.")
@click.option("--threshold", type=float, default=1.0, show_default=True,
              help="A dyad-period is a tie when the size of its mean Goldstein value reaches "
                   "this (0 to 10).")
@click.option("--strong", type=float, default=2.0, show_default=True,
              help="A side (cooperation or conflict) is strong when its events move the mean "
                   "by this much; both strong: a mixed dyad, kept as two ties.")
@click.option("--undirected", is_flag=True,
              help="One tie per pair of actors instead of one per direction.")
@click.option("--root-only", is_flag=True, help="Only GDELT's root events (IsRootEvent 1).")
@click.option("--min-mentions", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only events mentioned at least this often (NumMentions).")
@click.option("--min-sources", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only events with at least this many sources (NumSources).")
@click.option("--min-events", type=click.IntRange(min=1), default=1, show_default=True,
              help="A dyad-period with fewer events makes no tie.")
@click.option("--from", "since", metavar="DATE",
              help="Only events on or after this day (a year or month: its first day).")
@click.option("--to", "until", metavar="DATE",
              help="Only events on or before this day (a year or month: its last day).")
@click.option("--countries", metavar="A,B,C",
              help="Only ties between these actor codes (e.g. ISO 3166 alpha-3 codes).")
@click.option("--scenario", "scenario", multiple=True, type=click.Path(), metavar="PATH",
              help="RDF files or folders whose states the codes map to (by ISO 3166 code or "
                   "name); repeatable. Other states get new IRIs.")
@click.option("--actors", "actors_file", type=click.Path(), metavar="FILE",
              help="CSV code,actor mapping other codes to an IRI, CURIE, label or ISO 3166 "
                   "state (its code or name).")
@click.option("--top-codes", type=click.IntRange(min=0), default=3, show_default=True,
              help="How many contributing CAMEO codes (with an article each) a tie keeps; "
                   "0 keeps none, and an article per QuadClass, for a faster pass.")
@click.option("--explain", is_flag=True,
              help="Print each tie with its counts, top codes and articles.")
@click.option("--urls", type=click.IntRange(min=0), default=None,
              help="How many articles --explain prints per tie (default: all it keeps, one "
                   "per top code or QuadClass).")
def events_command(files, fmt, period, output, edges_out, threshold, strong, undirected,
                   root_only, min_mentions, min_sources, min_events, since, until, countries,
                   scenario, actors_file, top_codes, explain, urls) -> None:
    """Aggregate CAMEO-coded events (GDELT 2.0 exports or CSV) into dated signed ties.

    Per dyad and period: the events, the sum and mean of their Goldstein
    values and counts by QuadClass; a tie where the mean reaches
    --threshold, weighing the mean; a period with strong cooperation and
    strong conflict is kept as mixed (two ties). Codes map to the states of
    --scenario, then to ISO 3166 states (pycountry); unmapped codes are
    counted on stderr. DuckDB reads the files in parallel and out of core.

    A folder stands for its event files (names ending in .csv, .tsv or
    .zip, GDELT's mentions and GKG files left out), read in name order.

    Example: kg import events gdelt/ --period month -o ties.trig

    Example: kg import events events.csv --format csv --period year --explain
    """
    from kg.imports.events import import_events
    from kg.imports.events_rdf import explain_lines, write_edges, write_rdf

    dataset = None
    if scenario:
        from kg.rdf.load import load

        dataset = load(scenario)
    codes = [c for c in countries.split(",") if c.strip()] if countries else None
    with _progress() as progress:
        result = import_events(
            list(files), format=fmt, period=period, threshold=threshold, strong=strong,
            undirected=undirected, root_only=root_only, min_mentions=min_mentions,
            min_sources=min_sources, min_events=min_events, since=_day(since, "--from"),
            until=_day(until, "--to", last=True), countries=codes, scenario=dataset,
            actors_file=actors_file, top_codes=top_codes, progress=progress)
    if output:
        write_rdf(result, output)
    if edges_out:
        write_edges(result, edges_out)
    if explain:
        for line in explain_lines(result, urls=urls):
            echo_line(line)
    for line in _summary(result, output, edges_out, min_events=min_events):
        echo_line(line, err=True)


def _summary(result, output, edges_out, *, min_events: int = 1) -> list[str]:
    mixed = sum(1 for t in result.ties if t.mixed) // 2
    kept = result.events - sum(result.aside.values())
    lines = [f"read {plural(result.events, 'event')} from {plural(len(result.files), 'file')}: "
             f"{kept:,} in {plural(result.dyad_periods, 'dyad-period')}; "
             f"{plural(len(result.ties), 'tie')} ({plural(mixed, 'mixed dyad-period')} as two), "
             f"{result.below:,} below the threshold"
             + (f" or with fewer than {plural(min_events, 'event')}" if min_events > 1 else "")]
    reasons = {"filtered": "left out by the filters", "one-sided": "with one actor blank",
               "within": "within one actor", "outside": "outside --countries",
               "unmapped": "with an unmapped actor code"}
    if result.aside:
        lines.append("events without a tie: " + ", ".join(
            f"{n:,} {reasons[why]}" for why, n in result.aside.items()))
    if result.unmapped:
        top = sorted(result.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{code} {n:,}" for code, n in top[:12])
        more = f" and {len(top) - 12} more" if len(top) > 12 else ""
        lines.append(f"unmapped actor codes (events): {shown}{more}; map them with --actors")
    for path, what in ((output, "RDF"), (edges_out, "edge list")):
        if path:
            lines.append(f"wrote {path} ({what})")
    if not (output or edges_out):
        lines.append("wrote nothing: -o writes the ties as RDF, --edges-out as an edge list")
    return lines


class _progress:
    """A rich progress bar on stderr while DuckDB aggregates, only on a terminal."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                             TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                             console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        self._tasks: dict[str, int] = {}

        def advance(stage: str, fraction: float) -> None:
            if stage not in self._tasks:
                self._tasks[stage] = self._bar.add_task(stage, total=1.0)
            self._bar.update(self._tasks[stage], completed=fraction)

        return advance

    def __exit__(self, *exc):
        if hasattr(self, "_bar"):
            self._bar.__exit__(*exc)
        return False


@import_group.command("gdelt-sample")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--events", type=click.IntRange(min=0), default=100_000, show_default=True,
              help="How many events in all.")
@click.option("--files", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many files to spread them over.")
@click.option("--months", type=click.IntRange(min=1), default=12, show_default=True,
              help="How many months the events span.")
@click.option("--start", default="2024-01-01", show_default=True, metavar="YYYY-MM-DD",
              help="The first day.")
@click.option("--countries", type=click.IntRange(min=2), default=30, show_default=True,
              help="How many states act (drawn from ISO 3166).")
@click.option("--seed", type=int, default=0, show_default=True, help="The seed.")
@click.option("--zip", "zipped", is_flag=True, help="Zip each file, as GDELT ships them.")
def gdelt_sample_command(folder, events, files, months, start, countries, seed,
                         zipped) -> None:
    """Write generated GDELT 2.0 event exports into FOLDER, for demonstrations.

    All 61 columns, codes and countries drawn with realistic shares,
    Goldstein values from the CAMEO table, article URLs under example.com;
    the same seed gives the same bytes. Nothing here is real news.

    Example: kg import gdelt-sample demo --events 200000 --files 4 --zip
    """
    from kg.imports.gdelt import write_events
    from kg.rdf.cameo import cameo_table
    from kg.rdf.load import load_ontology

    made = write_events(folder, cameo_table(load_ontology()), events=events, files=files,
                        seed=seed, start=_day(start, "--start").isoformat(), months=months,
                        countries=countries, zipped=zipped)
    echo_line(f"wrote {plural(len(made), 'file')} of {events:,} generated events into {folder}")
