"""``kg query``, ``kg load`` and ``kg export``: SPARQL for researchers."""

from __future__ import annotations

import click

from kg.cli.arguments import split_query_arguments
from kg.cli.options import (
    AnswerExit,
    CutNote,
    dated_engine,
    echo_line,
    note_source,
    output_option,
    paths_argument,
    source_options,
    stdout_is_terminal,
    table_width,
    time_options,
    time_view,
    wide_option,
)
from kg.errors import KGError
from kg.sparql.engine_endpoint import ENDPOINT_TIMEOUT

QUERY_FORMATS = ("table", "csv", "tsv", "json", "ttl", "nt", "jsonld")
EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv", "xlsx", "kumu")
#: The workbook formats of ``kg export``, and what each file holds.
WORKBOOKS = {"xlsx": "the scenario in the sheets of kg template",
             "kumu": "the actors and ties in Kumu's layout"}


@click.command("query")
@click.argument("args", nargs=-1, metavar="[SPARQL] [PATHS]...")
@click.option("--file", "query_file", type=click.Path(dir_okay=False),
              help="Read the query from a .rq file.")
@click.option("--name", help="Run a shipped named query (see --list).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind ?KEY to a label, a CURIE or an IRI (repeatable). A label may be "
                   "loose (\"citadel\" finds \"the Citadel\") while it names one resource.")
@click.option("--list", "list_queries", is_flag=True,
              help="List the named queries: name, title and parameters (with --format csv, "
                   "tsv or json, the whole question too).")
@source_options
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS),
              help="Output format (default: table, or ttl for CONSTRUCT/DESCRIBE).")
@click.option("--labels", is_flag=True,
              help="Name each resource by its label too: a table shows `kgr:avalon (Avalon)`; "
                   "csv, tsv and json get a column xLabel beside each column x of IRIs.")
@wide_option
@click.option("--limit", type=click.IntRange(min=0),
              help="Show at most N rows (stderr says when there were more).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop the query after SECONDS (an endpoint: default "
                   f"{ENDPOINT_TIMEOUT:g}).")
@click.option("--update", "allow_update", is_flag=True,
              help="Allow a SPARQL update (INSERT, DELETE, ...) on a --store.")
@time_options
@output_option
def query_command(args, query_file, name, params, list_queries, data, store, endpoint,
                  fmt, labels, wide, limit, timeout, allow_update) -> None:
    """Ask the graph a question in SPARQL.

    SPARQL is the text of the query; with --name or --file, there is none
    and every argument is one of PATHS. PATHS are RDF files or folders
    (default: the shipped scenario, which stderr then names); --store and
    --endpoint read other sources.

    The prefixes of the ontology and of the standard vocabularies (kg, kgc,
    kgr, rdf, rdfs, owl, xsd, skos, prov, org, time, dcterms, schema, qb,
    wd, wdt, ...) are predeclared. A query must stay inside the store:
    SERVICE, LOAD and FROM of other graphs are refused. An ASK query prints
    true or false and exits 0 or 1. A table is cut to fit the terminal
    (--wide shows it whole); csv, tsv and json never are.

    \b
    Examples:
      kg query 'SELECT ?state WHERE { ?state a kg:State }'
      kg query 'SELECT ?state WHERE { ?state a kg:State }' my-scenario/
      kg query --name pressures-on --param target=LABEL my-scenario/
      kg query --name members --labels --format csv > members.csv
      kg query --file my.rq --store store/ --format csv > out.csv
      kg query --name members --endpoint http://localhost:7878/query
    """
    from kg.sparql.engines import describe_source, engine_for
    from kg.sparql.results import chunks, render
    from kg.sparql.run import parse_param_option, run_query

    if list_queries:
        note = CutNote(table_width(wide=wide))
        click.echo(_query_list(fmt or "table", width=note.width, on_cut=note))
        note.say()
        return
    option = "--name" if name else "--file" if query_file else None
    sparql, paths = split_query_arguments(args, query_option=option)
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
    paths = tuple(data) + paths
    if allow_update and time_view() is not None:
        raise KGError("--update changes the store itself, not a view of it: "
                      "leave out --as-of, --between and --dated-only")
    # A view is cut from an rdflib dataset: files load straight into one.
    memory = "rdflib" if time_view() is not None else "oxigraph"
    engine = dated_engine(engine_for(data=paths, store=store, endpoint=endpoint,
                                     memory=memory, timeout=timeout))
    # Rows for tools are written as they arrive, never held whole (labels
    # need the whole result, to know which columns hold IRIs).
    streamed = fmt in ("csv", "tsv", "json") and not labels
    result = run_query(engine, text, name=name, params=bindings, update=allow_update,
                       limit=None if limit is None else limit + 1, timeout=timeout,
                       stream=streamed, source=describe_source(data=paths, store=store,
                                                               endpoint=endpoint))
    # Said once the query has run: an error says where it looked itself.
    if not (store or endpoint):
        note_source(paths)
    if name is None:
        _warn(text)
    result, more = _at_most(result, limit)
    shown_labels = None
    if labels:
        shown_labels, result = _labelled(engine, result, fmt, timeout)
    terminal = stdout_is_terminal()
    note = CutNote(table_width(wide=wide))
    if fmt in ("csv", "tsv", "json") and result.form == "select":
        for piece in chunks(result, fmt=fmt, terminal=terminal):
            click.echo(piece, nl=False)
    else:
        click.echo(render(result, fmt=fmt, terminal=terminal, width=note.width,
                          labels=shown_labels, on_cut=note))
    note.say()
    if more():
        rows = "1 row" if limit == 0 else f"{limit + 1} rows"
        click.echo(f"showing {limit} of at least {rows} (--limit {limit})", err=True)
    if result.form == "ask" and not result.boolean:
        raise AnswerExit(1)


def _warn(text: str) -> None:
    """One line on stderr for each likely mistake in a query the user wrote
    (see :func:`kg.sparql.lint.query_warnings`)."""
    from kg.sparql.lint import query_warnings

    for warning in query_warnings(text):
        echo_line(f"Warning: {warning}", err=True)


def _at_most(result, limit):
    """``result`` with at most ``limit`` rows, and a function that says, once
    the rows have been read, whether there were more."""
    import dataclasses
    import itertools

    if limit is None or result.form != "select":
        return result, lambda: False
    if isinstance(result.rows, tuple):
        return dataclasses.replace(result, rows=result.rows[:limit]), \
            lambda: len(result.rows) > limit
    seen = {"more": False}

    def rows():
        found = iter(result.rows)
        yield from itertools.islice(found, limit)
        seen["more"] = next(found, None) is not None

    return dataclasses.replace(result, rows=rows()), lambda: seen["more"]


def _labelled(engine, result, fmt, timeout):
    """The labels a table shows, and the result with label columns for csv, tsv, json."""
    from kg.sparql.labels import labels_of, with_label_columns

    if result.form != "select":
        what = "a graph" if result.returns_graph else "no rows"
        raise KGError(f"--labels labels the rows of a SELECT; this {result.form.upper()} "
                      f"query gives {what}")
    labels = labels_of(engine, timeout=timeout)
    if fmt in ("csv", "tsv", "json"):
        return None, with_label_columns(result, labels)
    return labels, result


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as err:
        raise KGError(f"cannot read the query: {err}", file=path) from None


def _query_list(fmt: str, *, width=None, on_cut=None) -> str:
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
    return format_rows(header, rows, fmt=fmt, width=width, on_cut=on_cut).rstrip("\n")


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
@paths_argument
@source_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="RDF (ttl, nt, nq, trig, jsonld), the actor network (graphml, gexf, "
                   "csv), or a workbook: kg's own sheets (xlsx, which `kg import sheet` reads "
                   "back) or Kumu's layout (kumu).")
@click.option("-o", "--output", type=click.Path(), metavar="FILE",
              help="Write here (a folder for csv) and say what was written on stderr; "
                   "default: standard output.")
@click.option("--with-ontology", is_flag=True, help="Keep the ontology graph in RDF output.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help=f"Give up on an --endpoint request after SECONDS (default "
                   f"{ENDPOINT_TIMEOUT:g}).")
@time_options
def export_command(paths, data, store, endpoint, fmt, output, with_ontology, timeout) -> None:
    """Export the graph as RDF, or its actor network for Gephi, Cytoscape, networkx.

    PATHS are RDF files or folders (default: the shipped scenario, which
    stderr then names); --store and --endpoint read other sources. RDF
    formats keep named graphs where the format can (nq, trig, jsonld).
    graphml and gexf hold the actor network: actors with label, type and
    Wikidata item; one edge per statement with layer, sign, kind, weight,
    directed and the statements behind it. csv writes nodes.csv and
    edges.csv into the folder given by -o. xlsx writes the sheets of `kg
    template`, to edit in a spreadsheet and import again with `kg import
    sheet`; kumu writes Kumu's Elements and Connections sheets. The same
    input always gives byte-identical files, written atomically.

    \b
    Examples:
      kg export --format trig -o summit.trig
      kg export my-scenario/ --format graphml -o actors.graphml
      kg export --format csv -o network/
      kg export --store store/ --format nq -o all.nq
      kg export my-scenario/ --format xlsx -o my-scenario.xlsx
    """
    import os

    from kg.atomic import atomic_write
    from kg.signed.network_export import export_network
    from kg.sparql.engines import dataset_of, engine_for
    from kg.sparql.export import RDF_FORMATS, export_rdf

    if fmt == "csv" and not output:
        raise click.UsageError("--format csv writes nodes.csv and edges.csv: "
                               "give a folder with -o")
    if fmt in WORKBOOKS and not output:
        raise click.UsageError(f"--format {fmt} writes a workbook: give a file with -o")
    paths = tuple(data) + paths
    # rdflib keeps each literal as the files write it.
    engine = dated_engine(engine_for(data=paths, store=store, endpoint=endpoint,
                                     memory="rdflib", timeout=timeout))
    if fmt in RDF_FORMATS:
        quads = list(engine.quads())
        files = {"": export_rdf(quads, fmt=fmt, with_ontology=with_ontology)}
        summary = _rdf_summary(quads, fmt, with_ontology)
    elif fmt in WORKBOOKS:
        from kg.imports import sheets

        export = sheets.export_workbook if fmt == "xlsx" else sheets.export_kumu
        files = {"": export(dataset_of(engine))}
        summary = WORKBOOKS[fmt]
    else:
        files = export_network(dataset_of(engine), fmt=fmt)
        summary = _network_summary(files)
    if not (store or endpoint):
        note_source(paths)
    if fmt == "csv":
        os.makedirs(output, exist_ok=True)
        written = [os.path.join(output, name) for name in files]
        for path, text in zip(written, files.values(), strict=True):
            atomic_write(path, text)
        echo_line(f"wrote {' and '.join(written)}: {summary} ({fmt})", err=True)
        return
    (text,) = files.values()
    if output:
        atomic_write(output, text)
        echo_line(f"wrote {output}: {summary} ({fmt})", err=True)
    else:
        click.echo(text, nl=False)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _rdf_summary(quads, fmt: str, with_ontology: bool) -> str:
    """What an RDF export holds, counted as :func:`kg.sparql.export.export_rdf` writes it."""
    from kg.rdf.load import ONTOLOGY_GRAPH

    kept = {q for q in quads if with_ontology or q[3] != ONTOLOGY_GRAPH}
    if fmt in ("ttl", "nt"):  # the graphs are merged
        return _count(len({q[:3] for q in kept}), "triple")
    graphs = {q[3] for q in kept if q[3] is not None}
    return f"{_count(len(kept), 'quad')} in {_count(len(graphs), 'named graph')}"


def _network_summary(files: dict[str, str]) -> str:
    """How many actors and edges an actor-network export holds."""
    import csv
    import io

    if "nodes.csv" in files:
        nodes, edges = (sum(1 for _ in csv.reader(io.StringIO(files[name]))) - 1
                        for name in ("nodes.csv", "edges.csv"))
    else:
        # XML escapes every "<" inside a value: each tag is an element.
        (text,) = files.values()
        nodes, edges = text.count("<node "), text.count("<edge ")
    return f"{_count(nodes, 'actor')}, {_count(edges, 'edge')}"
