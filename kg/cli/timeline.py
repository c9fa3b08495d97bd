"""``kg timeline`` and ``kg diff``: the signed network over time.

Both read RDF PATHS (the shipped scenario by default) or a dated edge list
(``--edges`` with ``start,end`` columns) and step through the dates with
:mod:`kg.signed.timeline`; the chart comes from :mod:`kg.pages.chart`.
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
)
from kg.errors import KGError

SIGNS = {1: "+", -1: "-", None: ""}
STEP_HEADER = ["date", "+", "-", "mixed", "triangles", "balanced", "frustration", "exact",
               "dittmer changes", "top wedge"]
CHANGE_HEADER = ["date", "change", "tie", "before", "after", "statement", "statement was",
                 "quote"]


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
        help="Read a signed edge list (source,target,sign[,weight][,start,end]) instead of "
             "RDF; start and end are a year, month or day, empty when open.")(command)
    return paths_argument(command)


class _Input:
    """The history of the command's input, its labels and its quotes."""

    def __init__(self, paths, edges, layers, no_claims):
        from kg.signed.timeline import edge_history, rdf_history

        if edges and paths:
            raise KGError("give RDF PATHS or --edges FILE.csv, not both")
        self.quotes: dict = {}
        if edges:
            from kg.signed.edgelist import read_edge_rows

            self.history = edge_history(read_edge_rows(edges))
            self.where = edges
        else:
            from kg.rdf.load import load
            from kg.signed.explain import quote_index

            note_source(paths)
            dataset = load(paths or None)
            chosen = tuple(part.strip() for part in layers.split(",") if part.strip())
            self.history = rdf_history(dataset, layers=chosen, claims=not no_claims)
            self.quotes = quote_index(dataset)
            self.where = ", ".join(paths) if paths else "the shipped scenario"
        if not self.history.ties:
            raise KGError(f"no signed tie between actors in {self.where}: nothing to show")

    def label(self, node) -> str:
        return str(self.history.nodes.get(node, {}).get("label") or node)

    def statement(self, key: str) -> str:
        from kg.rdf.namespaces import curie

        return key if self.history.source else curie(key)

    def change_rows(self, date, changes, *, first: bool = False) -> list[list]:
        """One row per statement behind each change; at the ``first`` step
        every tie is new to the timeline, so its statements are "in view"."""
        rows = []
        for c in changes:
            tie = f"{self.label(c.a)} – {self.label(c.b)}"
            before = SIGNS[c.before] + (" mixed" if c.before_mixed else "")
            after = SIGNS[c.after] + (" mixed" if c.after_mixed else "")
            keys = [(k, "in view" if first else "began") for k in c.began] + \
                [(k, "ended") for k in c.ended]
            for key, how in keys or [("", "")]:
                quote = " | ".join(self.quotes.get(key, ()))
                rows.append([str(date), c.change, tie, before, after,
                             self.statement(key) if key else "", how, quote])
        return rows


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
@output_option
def timeline_command(paths, edges, layers, no_claims, every, start, end, dated_only, changes,
                     time_limit, chart, fmt) -> None:
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

    chart_format = None
    if chart:
        chart_format = str(chart).rsplit(".", 1)[-1].lower() if "." in str(chart) else ""
        if chart_format not in ("svg", "png"):
            raise KGError("--chart FILE must end in .svg or .png", file=chart)
    source = _Input(paths, edges, layers, no_claims)
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
        _print(CHANGE_HEADER, rows, fmt)
        return
    if fmt == "json":
        echo_json([_step_json(source, step, first=i == 0) for i, step in enumerate(steps)])
        return
    rows = [_step_row(source, step, fmt) for step in steps]
    header = STEP_HEADER if fmt == "table" else [
        "date", "positive", "negative", "mixed", "triangles", "share_balanced", "frustration",
        "frustration_exact", "dittmer_changes", "top_wedge"]
    _print(header, rows, fmt)


@click.command("diff")
@_input_options
@click.option("--as-of", "dates", multiple=True, metavar="DATE", required=True,
              help="A date (a year, month or day): give it twice, the earlier view first.")
@click.option("--dated-only", is_flag=True, help="Leave out undated ties.")
@format_option("table", "csv", "json")
@output_option
def diff_command(paths, edges, layers, no_claims, dates, dated_only, fmt) -> None:
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

    if len(dates) != 2:
        raise click.UsageError(f"give --as-of exactly twice (got {len(dates)})")
    first, second = (Date.parse(d, where="--as-of") for d in dates)
    source = _Input(paths, edges, layers, no_claims)
    *_, after = networks(source.history, [first, second], dated_only=dated_only)
    counts = {kind: sum(c.change == kind for c in after.changes)
              for kind in ("appeared", "ended", "changed sign", "changed weight")}
    echo_line(f"from {first} to {second}, ties: " + ", ".join(
        f"{n} {kind}" for kind, n in counts.items()), err=True)
    rows = [row[1:] for row in source.change_rows(second, after.changes)]
    _print(CHANGE_HEADER[1:], rows, fmt)


def _print(header, rows, fmt) -> None:
    from kg.tabular import format_rows

    if fmt == "json":
        echo_json([dict(zip(header, row, strict=True)) for row in rows])
        return
    if fmt == "table":
        if not rows:
            click.echo("no change")
            return
        from kg.cli.options import CutNote, table_width

        note = CutNote(table_width())
        click.echo(format_rows(header, rows, width=note.width, on_cut=note))
        note.say()
        return
    click.echo(format_rows(header, rows, fmt=fmt, terminal=stdout_is_terminal()), nl=False)


def _share(step, fmt):
    if step.share is None:
        return "n/a" if fmt == "table" else ""
    return f"{step.share:.0%}" if fmt == "table" else round(step.share, 6)


def _step_row(source, step, fmt) -> list:
    exact = "yes" if step.exact else f"no (bound {step.bound:g})"
    if fmt != "table":
        exact = "true" if step.exact else "false"
    return [str(step.date), step.ties["+"], step.ties["-"], step.ties["mixed"], step.triangles,
            _share(step, fmt), f"{step.frustration:g}", exact,
            "; ".join(_dittmer_text(source, d) for d in step.dittmer),
            _wedge_text(source, step.wedge)]


def _step_json(source, step, *, first: bool = False) -> dict:
    return {
        "date": str(step.date),
        "ties": step.ties,
        "census": step.census,
        "triangles": step.triangles,
        "share_balanced": None if step.share is None else round(step.share, 6),
        "frustration": step.frustration,
        "frustration_exact": step.exact,
        "frustration_bound": step.bound,
        "dittmer_changes": [{
            "triangle": [source.label(n) for n in d.nodes],
            "before": d.before, "after": d.after,
            "before_role": source.label(d.before_role) if d.before_role else None,
            "after_role": source.label(d.after_role) if d.after_role else None,
        } for d in step.dittmer],
        "top_wedge": _wedge_text(source, step.wedge) or None,
        "changes": [dict(zip(CHANGE_HEADER[1:], row[1:], strict=True))
                    for row in source.change_rows(step.date, step.changes, first=first)],
    }


def _dittmer_text(source, d) -> str:
    def kind(name, role):
        if name is None:
            return "no triangle"
        if role is None:
            return name
        word = "pivot" if name == "romantic triangle" else "outcast"
        return f"{name} ({word} {source.label(role)})"

    names = ", ".join(source.label(n) for n in d.nodes)
    return f"{names}: {kind(d.before, d.before_role)} → {kind(d.after, d.after_role)}"


def _wedge_text(source, wedge) -> str:
    if wedge is None:
        return ""
    lab = source.label
    if wedge.kind == "coercive":
        return f"{lab(wedge.sponsors[0].node)} presses {lab(wedge.a)} (pair {lab(wedge.a)} – " \
               f"{lab(wedge.b)}), predicted to tighten the pair"
    # a wedge nobody gains from scores 0: its strain still ranks it
    measure = f"score {wedge.score:.2f}" if wedge.score else f"strain {wedge.strain:.2f}"
    return f"{lab(wedge.pivot)} pulls {lab(wedge.a)} from {lab(wedge.b)} ({measure})"
