"""``kg template``, ``kg import sheet`` and ``kg import kumu``: scenarios from spreadsheets."""

from __future__ import annotations

import click

from kg.cli.options import echo_line


def _report(done, source: str) -> None:
    for note in done.notes:
        echo_line(f"note: {note}", err=True)
    copies = f" and {len(done.copies)} source cop{'y' if len(done.copies) == 1 else 'ies'}" \
        if done.copies else ""
    if done.unquoted:
        checked = "every statement is marked unquoted"
    elif done.unchecked_quotes:
        checked = (f"{done.unchecked_quotes} of its quotes not checked word for word: "
                   "their sources declare no local copy")
    else:
        checked = "its quotes match their sources"
    echo_line(f"wrote {done.trig}{copies}: {done.quads} quads from {done.rows} rows of "
              f"{source}; it conforms to the shapes and {checked}", err=True)


def _run(action):
    """Run an import; on problems, print each on its line and exit 1."""
    from kg.imports.sheets import SheetErrors

    try:
        return action()
    except SheetErrors as err:
        for line in err.lines:
            echo_line(f"Error: {line}", err=True)
        echo_line(f"{len(err.lines)} problem(s) in {err.file_name}; nothing written", err=True)
        raise SystemExit(1) from None


@click.command("template")
@click.argument("target", metavar="FILE.xlsx|FOLDER/", type=click.Path())
def template_command(target: str) -> None:
    """Write an empty scenario workbook to fill in, with an example row per sheet.

    One sheet per kind of thing (sources, actors, relations, agreements,
    parties, memberships, status changes, pressures, stances, events,
    goals, claims, other), a README sheet saying what each column holds,
    and drop-down lists of the values the ontology allows. A TARGET that
    ends with / (or is a folder) gets one CSV file per sheet instead.

    \b
    Examples:
      kg template my-scenario.xlsx
      kg template my-scenario-csv/
    """
    from kg.imports.sheets import template

    written = template(target)
    shown = written[0] if len(written) == 1 else f"{len(written)} CSV files into {target}"
    echo_line(f"wrote {shown}: fill it in, then: kg import sheet {target} -o SCENARIO/",
              err=True)


@click.command("sheet")
@click.argument("source", metavar="FILE.xlsx|FOLDER", type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(), metavar="SCENARIO/",
              help="The scenario folder to write (NAME.trig, NAME the folder's name).")
@click.option("--sources", type=click.Path(exists=True, file_okay=False), metavar="FOLDER",
              help="Where the local copies of the sources are (default: beside the workbook).")
@click.option("--kumu", is_flag=True, help="The workbook is in Kumu's layout (Elements, "
              "Connections).")
@click.option("--no-quotes", is_flag=True, help="With --kumu: accept a map without quotes; "
              "every statement is marked unquoted.")
def sheet_command(source: str, output: str, sources: str | None, kumu: bool,
                  no_quotes: bool) -> None:
    """Turn a filled workbook (or folder of CSV files) into a scenario.

    Every cell is checked, then the scenario is validated with the shapes
    and its quotes against the local copies of their sources. Any problem:
    one line each (file or sheet, row, column, what is wrong and what is
    allowed), exit code 1, nothing written.

    \b
    Examples:
      kg import sheet my-scenario.xlsx -o my-scenario/
      kg import sheet my-map.xlsx --kumu --no-quotes -o my-map/
    """
    from kg.imports.sheets import import_kumu, import_sheets

    if no_quotes and not kumu:
        raise click.UsageError("--no-quotes applies to a Kumu map: add --kumu")
    if kumu:
        done = _run(lambda: import_kumu(source, output=output, no_quotes=no_quotes,
                                        sources=sources))
    else:
        done = _run(lambda: import_sheets(source, output=output, sources=sources))
    _report(done, source)


@click.command("kumu")
@click.argument("source", metavar="FILE.xlsx", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(), metavar="SCENARIO/",
              help="The scenario folder to write.")
@click.option("--no-quotes", is_flag=True, help="Accept a map without quotes; every "
              "statement is marked unquoted.")
def kumu_command(source: str, output: str, no_quotes: bool) -> None:
    """Turn a Kumu map (Elements and Connections sheets) into a scenario.

    Element types become actor classes and connection types relation kinds
    where they match the ontology's labels; each column that does not map
    is named on stderr. A map without Quote and Source columns is refused
    unless --no-quotes.

    Example: kg import kumu my-map.xlsx --no-quotes -o my-map/
    """
    from kg.imports.sheets import import_kumu

    _report(_run(lambda: import_kumu(source, output=output, no_quotes=no_quotes)), source)
