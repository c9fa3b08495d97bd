"""The signed network an analysis command reads, and how its rows are printed.

Every analysis command takes the same options (PATHS or ``--edges``,
``--layers``, ``--no-claims``, ``--format``, ``--explain``, ``-o``), defined
here once, and prints its rows through :func:`emit`, which adds the
statements and quotes behind each edge with ``--explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from kg.cli.options import (
    CutNote,
    echo_json,
    echo_line,
    load_paths,
    output_option,
    paths_argument,
    stdout_is_terminal,
    table_width,
    time_options,
    time_view,
)
from kg.errors import KGError

FORMATS = ("table", "csv", "tsv", "json")
SIGN = {1: "+", -1: "-"}


_WIDE = "kg.analysis.wide"


def network_options(command, *, paths: bool = True):
    """PATHS, --edges, --layers, --no-claims, --format, --explain, --wide and -o, shared
    by every analysis command (--wide is read by :func:`emit`, not by the command)."""
    command = output_option(command)
    command = time_options(command)
    command = click.option(
        "--wide", is_flag=True, expose_value=False,
        callback=lambda ctx, _param, value: ctx.meta.__setitem__(_WIDE, value),
        help="Show long table cells whole (a table is cut to fit the terminal; csv, tsv, "
             "json and -o files never are).",
    )(command)
    command = click.option(
        "--explain", is_flag=True,
        help="Show the statements and quotes behind each edge of each row.",
    )(command)
    command = click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="Output format.",
    )(command)
    command = click.option(
        "--no-claims", "no_claims", is_flag=True,
        help="Leave out the ties that are only someone's claim (a kg:Claim with a "
             "kg:claimant), to see what rests on facts alone.",
    )(command)
    command = click.option(
        "--layers", default="relation,pressure", show_default=True, metavar="LIST",
        help="Layers of the RDF projection to collapse into the signed graph "
             "(relation, pressure, agreement, membership).",
    )(command)
    command = click.option(
        "--edges", "edges", type=click.Path(dir_okay=False), metavar="FILE.csv",
        help="Read a signed edge list (columns source,target,sign and optional weight,start,end) "
             "instead of RDF. A weight (here or a kg:weight) must be a finite number of at "
             "most 1e6 in size; start and end (a year, month or day; empty when open) date "
             "a row for --as-of and --between.",
    )(command)
    return paths_argument(command) if paths else command


def network_source_options(command):
    """The shared options without the PATHS argument (for commands whose
    positional arguments start with actors)."""
    return network_options(command, paths=False)


@dataclass
class Network:
    """The signed graph of the command's input and how to explain its edges."""

    graph: object
    dataset: object = None
    source: str | None = None
    where: str = "the input"
    _quotes: dict | None = field(default=None, repr=False)

    def label(self, node) -> str:
        return str(self.graph.nodes[node].get("label") or node)

    def resolve(self, text: str):
        from kg.signed.actors import resolve_actor

        try:
            return resolve_actor(self.graph, text)
        except KGError as err:  # say where the actor was looked for
            raise KGError(f"{err.message} (looked in {self.where})", file=err.file,
                          line=err.line) from None

    def evidence(self, pairs) -> list[dict]:
        from kg.signed.explain import edge_evidence, quote_index

        if self._quotes is None:
            self._quotes = quote_index(self.dataset) if self.dataset is not None else {}
        rows = []
        for pair in pairs:
            for item in edge_evidence(self.graph, pair, self._quotes, source=self.source):
                rows.append({
                    "edge": [self.label(pair[0]), self.label(pair[1])],
                    "sign": "±" if item.mixed else SIGN[item.sign],
                    "statement": item.statement,
                    "kind": item.kind,
                    "tie_sign": None if item.tie_sign is None else SIGN[item.tie_sign],
                    "quotes": list(item.quotes),
                    "claimants": list(item.claimants),
                })
        return rows


def load_network(paths: tuple[str, ...], edges: str | None, layers: str,
                 no_claims: bool = False) -> Network:
    from kg.signed.network import signed_graph

    if edges and paths:
        raise KGError("give RDF PATHS or --edges FILE.csv, not both")
    if edges:
        G = read_edges(edges)
        network = Network(G, source=edges)
        where = edges
    else:
        dataset = load_paths(paths)
        chosen = tuple(part.strip() for part in layers.split(",") if part.strip())
        G = signed_graph(dataset, layers=chosen, claims=not no_claims)
        network = Network(G, dataset=dataset)
        where = ", ".join(paths) if paths else "the shipped scenario"
    if G.number_of_edges() == 0:
        raise KGError(f"no signed tie between actors in {where}: nothing to analyse")
    network.where = where
    return network


def edge_rows(edges: str):
    """The rows of the edge list ``edges``, saying on stderr which of its
    columns are not read (a ``year`` column does not date a row)."""
    from kg.signed.edgelist import COLUMNS, read_edge_rows

    rows = read_edge_rows(edges)
    if rows.ignored:
        echo_line(f"note: {edges}: column(s) {', '.join(rows.ignored)} not read "
                  f"(an edge list has {', '.join(COLUMNS)})", err=True)
    return rows


def read_edges(edges: str):
    """The signed graph of the edge list ``edges`` as of the command's time
    options, saying on stderr which view it is (as :func:`kg.cli.options.dated`
    does for RDF)."""
    view = time_view()
    rows = edge_rows(edges)
    if view is None:
        return rows.edges().to_graph()
    echo_line(rows.describe(view), err=True)
    return rows.edges(rows.in_view(view)).to_graph()


def tie(network: Network, a, b) -> str:
    """The sign of the tie a-b for people: +, − or ± (mixed)."""
    data = network.graph.edges[a, b]
    return "±" if data.get("mixed") else SIGN[data["sign"]]


def emit(header, rows, fmt, *, explain=False, network=None, pairs=None, titles=None) -> None:
    """Print rows; with ``explain``, the evidence of each row's edges."""
    from kg.tabular import format_rows

    rows = [list(row) for row in rows]
    if not explain and fmt == "table":
        _table(header, rows)
        return
    if not explain:
        # csv and tsv end with their own newline
        click.echo(format_rows(header, rows, fmt=fmt, terminal=stdout_is_terminal()),
                   nl=fmt not in ("csv", "tsv"))
        return
    evidence = [network.evidence(p) for p in pairs]
    if fmt == "json":
        objects = [dict(zip(header, row, strict=True), evidence=ev)
                   for row, ev in zip(rows, evidence, strict=True)]
        echo_json(objects)
        return
    if fmt in ("csv", "tsv"):
        flat = [row + [" | ".join(evidence_line(e) for e in ev)]
                for row, ev in zip(rows, evidence, strict=True)]
        click.echo(format_rows([*header, "evidence"], flat, fmt=fmt,
                               terminal=stdout_is_terminal()), nl=False)
        return
    _table(header, rows)
    click.echo()
    click.echo("Evidence")
    for number, (title, ev) in enumerate(zip(titles, evidence, strict=True), start=1):
        echo_line(f"#{number} {title}")
        for e in ev:
            echo_line(f"  {evidence_line(e)}")


def _table(header, rows) -> None:
    """A table cut to fit the terminal unless --wide, saying so on stderr."""
    from kg.tabular import format_rows

    ctx = click.get_current_context()
    note = CutNote(table_width(wide=ctx.meta.get(_WIDE, False)))
    click.echo(format_rows(header, rows, width=note.width, on_cut=note))
    note.say()


def evidence_line(e: dict) -> str:
    kind = f" {e['kind']}" if e["kind"] else ""
    sign = f" ({e['tie_sign']})" if e["tie_sign"] else ""
    claim = f" [claim of {', '.join(e['claimants'])}]" if e["claimants"] else ""
    quotes = "".join(f' "{q}"' for q in e["quotes"])
    return (f"{e['edge'][0]} {e['sign']} {e['edge'][1]}: {e['statement']}{kind}{sign}"
            f"{claim}{quotes}")


def mixed_text(network: Network, t, *, name_a: bool = True) -> str:
    """A mixed tie for people: both components and which dominates, e.g.
    ``Avalon ± Borduria: +11.4 vs -13.8, negative dominates``."""
    lab = network.label
    who = f"{lab(t.a)} ± {lab(t.b)}" if name_a else lab(t.b)
    lead = ("neither dominates (counts as negative)" if t.dominant == "neither"
            else f"{t.dominant} dominates")
    apart = "; its two signs never held at the same time (--as-of shows one date)" \
        if t.apart else ""
    if t.positive is None or t.negative is None:  # a hand-made graph without the parts
        return f"{who}: {lead}{apart}"
    return f"{who}: +{t.positive:g} vs -{t.negative:g}, {lead}{apart}"


def cell(value):
    return "" if value is None else value


def num(value):
    return None if value is None else round(value, 6)


def short(node) -> str:
    from kg.rdf.namespaces import curie

    return curie(str(node))
