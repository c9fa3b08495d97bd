"""``kg query``, ``kg load`` and ``kg export``: SPARQL for researchers."""

from __future__ import annotations

import click

from kg.cli.options import AnswerExit, output_option, source_options, stdout_is_terminal
from kg.errors import KGError
from kg.sparql.engine_endpoint import ENDPOINT_TIMEOUT

QUERY_FORMATS = ("table", "csv", "tsv", "json", "ttl", "nt", "jsonld")
EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv")


@click.command("query")
@click.argument("sparql", required=False, metavar="[SPARQL]")
@click.option("--file", "query_file", type=click.Path(dir_okay=False),
              help="Read the query from a .rq file.")
@click.option("--name", help="Run a shipped named query (see --list).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind ?KEY to a label, a CURIE or an IRI (repeatable).")
@click.option("--list", "list_queries", is_flag=True,
              help="List the named queries: name, title and parameters (with --format csv, "
                   "tsv or json, the whole question too).")
@source_options
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS),
              help="Output format (default: table, or ttl for CONSTRUCT/DESCRIBE).")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most N rows.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop the query after SECONDS (an endpoint: default "
                   f"{ENDPOINT_TIMEOUT:g}).")
@click.option("--update", "allow_update", is_flag=True,
              help="Allow a SPARQL update (INSERT, DELETE, ...) on a --store.")
@output_option
def query_command(sparql, query_file, name, params, list_queries, data, store, endpoint,
                  fmt, limit, timeout, allow_update) -> None:
    """Ask the graph a question in SPARQL.

    The prefixes of the ontology and of the standard vocabularies (kg, kgc,
    kgr, rdf, rdfs, owl, xsd, skos, prov, org, time, dcterms, schema, qb,
    wd, wdt, ...) are predeclared. A query must stay inside the store:
    SERVICE, LOAD and FROM of other graphs are refused. An ASK query prints
    true or false and exits 0 or 1.

    \b
    Examples:
      kg query 'SELECT ?state WHERE { ?state a kg:State }'
      kg query --name pressures-on --param target=LABEL
      kg query --file my.rq --store store/ --format csv > out.csv
      kg query --name members --endpoint http://localhost:7878/query
    """
    from kg.sparql.engines import engine_for
    from kg.sparql.results import chunks, render
    from kg.sparql.run import parse_param_option, run_query

    if list_queries:
        click.echo(_query_list(fmt or "table"))
        return
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise click.UsageError("give one query: SPARQL text, --file FILE or --name NAME "
                               "(or --list)")
    text = sparql
    if query_file:
        text = _read(query_file)
    if allow_update and not store:
        raise KGError("--update changes an on-disk store only: add --store DIR")
    bindings = dict(parse_param_option(p) for p in params)
    engine = engine_for(data=data, store=store, endpoint=endpoint, timeout=timeout)
    # Rows for tools are written as they arrive, never held whole.
    streamed = fmt in ("csv", "tsv", "json")
    result = run_query(engine, text, name=name, params=bindings, update=allow_update,
                       limit=limit, timeout=timeout, stream=streamed)
    terminal = stdout_is_terminal()
    if streamed and result.form == "select":
        for piece in chunks(result, fmt=fmt, terminal=terminal):
            click.echo(piece, nl=False)
    else:
        click.echo(render(result, fmt=fmt, terminal=terminal))
    if result.form == "ask" and not result.boolean:
        raise AnswerExit(1)


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as err:
        raise KGError(f"cannot read the query: {err}", file=path) from None


def _query_list(fmt: str) -> str:
    from kg.sparql.named import named_query, query_names
    from kg.tabular import format_rows

    if fmt not in ("table", "csv", "tsv", "json"):
        fmt = "table"
    # A table for people shows each query's title; files for tools get the
    # whole question too.
    header = ["name", "title", "params"] + ([] if fmt == "table" else ["question"])
    rows = []
    for query_name in query_names():
        query = named_query(query_name)
        params = ", ".join(query.params) or "-"
        row = [query_name, query.title, params]
        rows.append(row if fmt == "table" else [*row, query.header.get("question", "")])
    return format_rows(header, rows, fmt=fmt).rstrip("\n")


@click.command("load")
@click.argument("paths", nargs=-1, required=True, metavar="PATHS...")
@click.option("--store", required=True, metavar="DIR", type=click.Path(file_okay=False),
              help="The store folder (created when missing or empty).")
@click.option("--replace", is_flag=True,
              help="Make the store hold exactly these files, dropping edits made with "
                   "--update.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def load_command(paths, store, replace, quiet) -> None:
    """Bulk-load RDF files into an on-disk Oxigraph store.

    Named graphs are kept and the ontology is added. Loading an unchanged
    file again does nothing, nor does a copy of a loaded file; a file that
    changed is reloaded without leaving stale statements; a failed or
    killed load leaves the store as it was. N-Triples and N-Quads load in
    parallel on all cores. The folder is an ordinary Oxigraph store:
    `oxigraph serve --location DIR` serves it.

    kg writes only into a new or empty folder or a store it made, one
    writer at a time (a second waits for the first). A load that would
    rebuild a store changed with `kg query --update` refuses, as the edits
    would be lost; --replace rebuilds it anyway.

    \b
    Example:
      kg load data/summit-2025 --store store/
      kg query --store store/ --name conflict-flags
    """
    import os

    from kg.rdf.load import rdf_files
    from kg.sparql.store import load_store

    files = rdf_files(paths)
    total = sum(os.path.getsize(f) for f in files)
    if quiet or total < 8 * 1024 * 1024:
        report = load_store(files, store, replace=replace)
    else:
        report = _load_with_progress(files, store, replace)
    parts = []
    if report.restored:
        parts.append("put back the store a killed load had hidden")
    if report.loaded:
        parts.append(f"loaded {len(report.loaded)} file(s)")
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} unchanged")
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already loaded from another path")
    if report.rebuilt and report.loaded:
        parts.append("store rebuilt")
    if report.dropped_edits:
        parts.append("edits made with --update dropped")
    summary = ", ".join(parts) or "nothing to load"
    click.echo(f"{summary}: {report.quads:,} quads in {report.graphs} named graph(s) "
               f"in {store}")


def _load_with_progress(files, store, replace):
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.sparql.store import load_store

    columns = (TextColumn("loading"), BarColumn(), DownloadColumn(), TimeRemainingColumn())

    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("load", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return load_store(files, store, replace=replace, progress=advance)


@click.command("export")
@source_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="RDF (ttl, nt, nq, trig, jsonld) or the actor network "
                   "(graphml, gexf, csv).")
@click.option("-o", "--output", type=click.Path(), metavar="FILE",
              help="Write here (a folder for csv); default: standard output.")
@click.option("--with-ontology", is_flag=True, help="Keep the ontology graph in RDF output.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help=f"Give up on an --endpoint request after SECONDS (default "
                   f"{ENDPOINT_TIMEOUT:g}).")
def export_command(data, store, endpoint, fmt, output, with_ontology, timeout) -> None:
    """Export the graph as RDF, or its actor network for Gephi, Cytoscape, networkx.

    RDF formats keep named graphs where the format can (nq, trig, jsonld).
    graphml and gexf hold the actor network: actors with label, type and
    Wikidata item; one edge per statement with layer, sign, kind, weight,
    directed and the statements behind it. csv writes nodes.csv and
    edges.csv into the folder given by -o. The same input always gives
    byte-identical files, written atomically.

    \b
    Examples:
      kg export --format trig -o summit.trig
      kg export --format graphml -o actors.graphml
      kg export --format csv -o network/
      kg export --store store/ --format nq -o all.nq
    """
    import os

    from kg.atomic import atomic_write
    from kg.signed.network_export import export_network
    from kg.sparql.engines import dataset_of, engine_for
    from kg.sparql.export import RDF_FORMATS, export_rdf

    # rdflib keeps each literal as the files write it.
    engine = engine_for(data=data, store=store, endpoint=endpoint, memory="rdflib",
                        timeout=timeout)
    if fmt in RDF_FORMATS:
        files = {"": export_rdf(engine.quads(), fmt=fmt, with_ontology=with_ontology)}
    else:
        files = export_network(dataset_of(engine), fmt=fmt)
    if fmt == "csv":
        if not output:
            raise click.UsageError("--format csv writes nodes.csv and edges.csv: "
                                   "give a folder with -o")
        os.makedirs(output, exist_ok=True)
        for name, text in files.items():
            atomic_write(os.path.join(output, name), text)
        return
    (text,) = files.values()
    if output:
        atomic_write(output, text)
    else:
        click.echo(text, nl=False)
