"""``kg validate`` and ``kg stats``."""

from __future__ import annotations

import click

from kg.cli.options import (
    echo_json,
    echo_line,
    format_option,
    load_paths,
    output_option,
    paths_argument,
    time_options,
)


@click.command("validate")
@paths_argument
def validate_command(paths: tuple[str, ...]) -> None:
    """Check RDF files against the ontology's SHACL shapes.

    Prints "conforms" or one line per violation (focus node, property,
    message). Quotes are also checked against the local copies of their
    sources found beside the data; a note on stderr counts the quotes whose
    sources have none (web pages, Wikidata items). Exit code 0 when the data conforms, 1 on
    violations, 2 on unreadable input.

    Example: kg validate data/summit-2025
    """
    from kg.rdf.load import default_paths, rdf_files
    from kg.rdf.validate import validate

    folders = sorted({f.parent for f in rdf_files(paths or default_paths())})
    report = validate(load_paths(paths), source_dirs=folders)
    if report.unchecked_quotes:
        echo_line(f"note: {report.unchecked_quotes} quote(s) not checked word for word: "
                  "their sources declare no local copy (kg:localCopy)", err=True)
    if report.conforms and not report.violations:
        click.echo("conforms")
        return
    for v in report.violations:
        where = f" {v.path}" if v.path else ""
        # a message may quote the data: one line per violation, whatever it holds
        echo_line(f"{v.severity}: {v.focus}{where}: {v.message}")
    if not report.conforms:
        count = sum(v.severity == "Violation" for v in report.violations)
        click.echo(f"{count} violation(s)", err=True)
        raise SystemExit(1)


@click.command(
    "stats",
    short_help="Count resources, ties and agreements, and the share with provenance.")
@paths_argument
@format_option("table", "json")
@time_options
@output_option
def stats_command(paths: tuple[str, ...], fmt: str) -> None:
    """Count resources by class, ties by sign and kind, agreements by
    status, and the share of curated statements with provenance.

    Example: kg stats --format json
    """
    from kg.sparql.stats import stats
    from kg.tabular import format_rows

    result = stats(load_paths(paths))
    if fmt == "json":
        echo_json(result.as_dict())
        return
    click.echo(format_rows(["class", "count"], result.classes))
    click.echo()
    click.echo(format_rows(["polarity", "kind", "count"], result.relations))
    click.echo()
    click.echo(format_rows(["status", "count"], result.agreements))
    click.echo()
    click.echo(
        f"provenance: {result.with_provenance} of {result.curated} curated statements "
        f"({result.provenance_share:.0%}) carry a source and a quote"
    )
    if result.unquoted:
        click.echo(f"unquoted: {result.unquoted} of {result.curated} curated statements "
                   f"({result.unquoted / result.curated:.0%}) were imported without a quote "
                   "(--no-quotes)")
