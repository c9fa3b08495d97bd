"""``kg timeline`` and ``kg diff``: the signed network over time.

Both read RDF PATHS (the shipped scenario by default) or a dated edge list
(``--edges`` with ``start,end`` columns) and step through the dates with
:mod:`kg.signed.timeline`; they print the rows of
:mod:`kg.signed.timeline_rows`; the chart comes from :mod:`kg.pages.chart`.
"""

from __future__ import annotations

import click

from kg.cli.options import (
    OutputFile,
    echo_json,
    echo_line,
    format_option,
    note_source,
    output_option,
    paths_argument,
    stdout_is_terminal,
    wide_option,
)
from kg.errors import KGError


def _input_options(command):
    command = click.option(
        "--no-claims", "no_claims", is_flag=True,
        help="Leave out the ties that are only someone's claim.")(command)
    command = click.option(
        "--layers", default="relation,pressure", show_default=True, metavar="LIST",
        help="Layers of the RDF projection (relation, pressure, agreement, membership).",
    )(command)
    command = click.option(
        "--edges", type=click.Path(dir_okay=False), metavar="FILE.csv",
        help="Read a signed edge list (columns source,target,sign and optional "
             "weight,start,end) instead of RDF; start and end are a year, month or day, "
             "empty when open.")(command)
    return paths_argument(command)


def _read(paths, edges, layers, no_claims):
    """The :class:`~kg.signed.timeline_rows.TimelineText` of the command's input."""
    from kg.signed.timeline import edge_history
    from kg.signed.timeline_rows import TimelineText

    if edges and paths:
        raise KGError("give RDF PATHS or --edges FILE.csv, not both")
    if edges:
        from kg.cli.analysis_io import edge_rows

        source, where = TimelineText(edge_history(edge_rows(edges))), edges
    else:
        from kg.rdf.load import load

        note_source(paths)
        chosen = tuple(part.strip() for part in layers.split(",") if part.strip())
        source = TimelineText.of_dataset(load(paths or None), layers=chosen,
                                         claims=not no_claims)
        where = ", ".join(paths) if paths else "the shipped scenario"
    if not source.history.ties:
        raise KGError(f"no signed tie between actors in {where}: nothing to show")
    return source


@click.command("timeline")
@_input_options
@click.option("--every", type=click.Choice(["year", "month", "change"]), default="year",
              show_default=True,
              help="One step per year, per month, or per change (each day a dated tie "
                   "begins, or the day after one ends).")
@click.option("--from", "start", metavar="DATE",
              help="The first step (a year, month or day; default: the earliest date).")
@click.option("--to", "end", metavar="DATE",
              help="The last step (default: the latest date of the data).")
@click.option("--dated-only", is_flag=True,
              help="Leave out undated ties (they are timeless: in every step by default).")
@click.option("--changes", is_flag=True,
              help="List the ties that appeared, ended or changed sign at each step, with "
                   "their statements and quotes, instead of one row per step.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds the frustration index may take at each step; past it, the "
                   "step shows the best split found and says it is not proven.")
@click.option("--chart", type=OutputFile(), metavar="FILE.svg",
              help="Also draw the share of balanced triangles and the frustration index "
                   "over time, the change points marked (.svg or .png).")
@format_option("table", "csv", "json")
@wide_option
@output_option
def timeline_command(paths, edges, layers, no_claims, every, start, end, dated_only, changes,
                     time_limit, chart, fmt, wide) -> None:
    """The signed network step by step: ties by sign, balance, frustration.

    Each row is the network as of one date (a tie dated 1969 is in every
    step that meets 1969; an open end holds until now; an undated tie is in
    every step): its ties by sign, the share of balanced triangles, the
    frustration index (exact, or the best found with its bound when the
    time limit runs out), each triangle of states whose Dittmer type
    changed since the previous step, and the top-ranked wedge.

    Example: kg timeline data/triangle-1969-1972 --every month --chart timeline.svg
    """
    from kg.signed.timeline import step_dates, timeline
    from kg.signed.timeline_rows import CHANGE_COLUMNS, STEP_COLUMNS, STEP_FIELDS

    chart_format = None
    if chart:
        chart_format = str(chart).rsplit(".", 1)[-1].lower() if "." in str(chart) else ""
        if chart_format not in ("svg", "png"):
            raise KGError("--chart FILE must end in .svg or .png", file=chart)
    source = _read(paths, edges, layers, no_claims)
    dates = step_dates(source.history, every=every, start=start, end=end)
    if not dates:
        raise KGError(f"no step from {start or 'the start'} to {end or 'the end'}: "
                      "no tie begins or ends there")
    steps = timeline(source.history, dates, dated_only=dated_only, time_limit=time_limit)
    undated = "undated ties left out" if dated_only else "undated ties in every step"
    count = f"{len(steps)} step" + ("" if len(steps) == 1 else "s")
    echo_line(f"{count} from {dates[0]} to {dates[-1]}, every {every}; {undated}", err=True)
    if chart:
        from kg.atomic import atomic_write
        from kg.pages.chart import timeline_chart

        atomic_write(chart, timeline_chart(steps, fmt=chart_format))
    if changes:
        rows = [row for i, step in enumerate(steps)
                for row in source.change_rows(step.date, step.changes, first=i == 0)]
        _print(CHANGE_COLUMNS, rows, fmt, wide=wide)
        return
    if fmt == "json":
        echo_json([source.step_record(step, first=i == 0) for i, step in enumerate(steps)])
        return
    rows = [source.step_row(step, table=fmt == "table") for step in steps]
    _print(STEP_COLUMNS if fmt == "table" else STEP_FIELDS, rows, fmt, wide=wide)


@click.command("diff")
@_input_options
@click.option("--as-of", "dates", multiple=True, metavar="DATE", required=True,
              help="A date (a year, month or day): give it twice, the earlier view first.")
@click.option("--dated-only", is_flag=True, help="Leave out undated ties.")
@format_option("table", "csv", "json")
@wide_option
@output_option
def diff_command(paths, edges, layers, no_claims, dates, dated_only, fmt, wide) -> None:
    """The ties that appeared, ended or changed sign from one date to another.

    A tie whose sign stayed but whose statements changed (one began or
    ended) is listed as "changed weight". Each change names the
    statements (or edge-list lines) that began or ended between the two
    views, with their quotes. A tie dated 1969 holds on every day of 1969;
    an undated tie is in both views.

    Example: kg diff data/triangle-1969-1972 --as-of 1969 --as-of 1972
    """
    from kg.rdf.dates import Date
    from kg.signed.timeline import networks
    from kg.signed.timeline_rows import CHANGE_COLUMNS

    if len(dates) != 2:
        raise click.UsageError(f"give --as-of exactly twice (got {len(dates)})")
    first, second = (Date.parse(d, where="--as-of") for d in dates)
    source = _read(paths, edges, layers, no_claims)
    *_, after = networks(source.history, [first, second], dated_only=dated_only)
    counts = {kind: sum(c.change == kind for c in after.changes)
              for kind in ("appeared", "ended", "changed sign", "changed weight")}
    echo_line(f"from {first} to {second}, ties: " + ", ".join(
        f"{n} {kind}" for kind, n in counts.items()), err=True)
    rows = [row[1:] for row in source.change_rows(second, after.changes)]
    _print(CHANGE_COLUMNS[1:], rows, fmt, wide=wide)


def _print(header, rows, fmt, *, wide: bool = False) -> None:
    from kg.tabular import format_rows

    if fmt == "json":
        echo_json([dict(zip(header, row, strict=True)) for row in rows])
        return
    if fmt == "table":
        if not rows:
            click.echo("no change")
            return
        from kg.cli.options import CutNote, table_width

        note = CutNote(table_width(wide=wide))
        click.echo(format_rows(header, rows, width=note.width, on_cut=note))
        note.say()
        return
    click.echo(format_rows(header, rows, fmt=fmt, terminal=stdout_is_terminal()), nl=False)
