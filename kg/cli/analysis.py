"""Signed-network analysis commands: centrality, balance, frustration,
triangles, wedges and whatif.

Each reads RDF (the shipped scenario by default) or a CSV edge list
(``--edges``), prints a table, csv, tsv or json, and with ``--explain``
the statements and quotes behind every edge of every result row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from kg.cli.options import echo_json, output_option, paths_argument
from kg.errors import KGError

FORMATS = ("table", "csv", "tsv", "json")
SIGN = {1: "+", -1: "-"}


def network_options(command, *, paths: bool = True):
    """PATHS, --edges, --layers, --no-claims, --format, --explain and -o, shared by every
    command."""
    command = output_option(command)
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
        help="Read a signed edge list (columns source,target,sign[,weight]) instead of RDF.",
    )(command)
    return paths_argument(command) if paths else command


def source_options(command):
    """The shared options without the PATHS argument (for commands whose
    positional arguments start with actors)."""
    return network_options(command, paths=False)


@dataclass
class Network:
    """The signed graph of the command's input and how to explain its edges."""

    graph: object
    dataset: object = None
    source: str | None = None
    _quotes: dict | None = field(default=None, repr=False)

    def label(self, node) -> str:
        return str(self.graph.nodes[node].get("label") or node)

    def resolve(self, text: str):
        from kg.signed.actors import resolve_actor

        return resolve_actor(self.graph, text)

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
    from kg.signed.network import read_edge_list, signed_graph

    if edges and paths:
        raise KGError("give RDF PATHS or --edges FILE.csv, not both")
    if edges:
        G = read_edge_list(edges)
        network = Network(G, source=edges)
        where = edges
    else:
        from kg.cli.options import load_paths

        dataset = load_paths(paths)
        chosen = tuple(part.strip() for part in layers.split(",") if part.strip())
        G = signed_graph(dataset, layers=chosen, claims=not no_claims)
        network = Network(G, dataset=dataset)
        where = ", ".join(paths) if paths else "the shipped scenario"
    if G.number_of_edges() == 0:
        raise KGError(f"no signed tie between actors in {where}: nothing to analyse")
    return network


def tie(network: Network, a, b) -> str:
    """The sign of the tie a-b for people: +, − or ± (mixed)."""
    data = network.graph.edges[a, b]
    return "±" if data.get("mixed") else SIGN[data["sign"]]


def emit(header, rows, fmt, *, explain=False, network=None, pairs=None, titles=None) -> None:
    """Print rows; with ``explain``, the evidence of each row's edges."""
    from kg.tabular import format_rows

    rows = [list(row) for row in rows]
    if not explain:
        # csv and tsv end with their own newline
        click.echo(format_rows(header, rows, fmt=fmt), nl=fmt not in ("csv", "tsv"))
        return
    evidence = [network.evidence(p) for p in pairs]
    if fmt == "json":
        objects = [dict(zip(header, row, strict=True), evidence=ev)
                   for row, ev in zip(rows, evidence, strict=True)]
        echo_json(objects)
        return
    if fmt in ("csv", "tsv"):
        flat = [row + [" | ".join(_evidence_line(e) for e in ev)]
                for row, ev in zip(rows, evidence, strict=True)]
        click.echo(format_rows([*header, "evidence"], flat, fmt=fmt), nl=False)
        return
    click.echo(format_rows(header, rows, fmt=fmt))
    click.echo()
    click.echo("Evidence")
    for number, (title, ev) in enumerate(zip(titles, evidence, strict=True), start=1):
        click.echo(f"#{number} {title}")
        for e in ev:
            click.echo(f"  {_evidence_line(e)}")


def _evidence_line(e: dict) -> str:
    kind = f" {e['kind']}" if e["kind"] else ""
    sign = f" ({e['tie_sign']})" if e["tie_sign"] else ""
    claim = f" [claim of {', '.join(e['claimants'])}]" if e["claimants"] else ""
    quotes = "".join(f' "{q}"' for q in e["quotes"])
    return (f"{e['edge'][0]} {e['sign']} {e['edge'][1]}: {e['statement']}{kind}{sign}"
            f"{claim}{quotes}")


# --- centrality -----------------------------------------------------------------------


@click.command("centrality")
@network_options
@click.option("--measure", type=click.Choice(
    ["degree", "strength", "betweenness", "eigenvector", "pagerank", "pn"]),
    default="degree", show_default=True, help="Which centrality.")
@click.option("--top", type=click.IntRange(min=1), help="Show only the N most central actors.")
def centrality_command(paths, edges, layers, no_claims, fmt, explain, measure, top) -> None:
    """Rank actors by a centrality measure.

    degree and strength count ties and their weight, split by sign;
    betweenness, eigenvector and pagerank ignore signs; pn is the signed
    PN centrality of Everett & Borgatti (2014), which rewards positive and
    penalises negative ties.

    Example: kg centrality --measure pn --top 5
    """
    from kg.signed.centrality import centrality

    network = load_network(paths, edges, layers, no_claims)
    G = network.graph
    scores = centrality(G, measure=measure, top=top)
    rows = [[rank, network.label(s.node), _short(s.node), round(s.value, 6),
             _num(s.positive), _num(s.negative)] for rank, s in enumerate(scores, start=1)]
    pairs = [[tuple(sorted((s.node, n), key=str)) for n in sorted(G[s.node], key=str)]
             for s in scores]
    emit(["rank", "actor", "id", measure, "positive", "negative"], rows, fmt, explain=explain,
         network=network, pairs=pairs, titles=[r[1] for r in rows])


# --- balance -------------------------------------------------------------------------------


@click.command("balance")
@network_options
@click.option("--limit", type=click.IntRange(min=0), help="List at most N unbalanced triangles.")
def balance_command(paths, edges, layers, no_claims, fmt, explain, limit) -> None:
    """Signed triad census and the unbalanced triangles.

    A triangle is balanced (Heider 1946; Cartwright & Harary 1956) when it
    has an even number of negative ties (+++, +--). The table format prints
    the census, the share of balanced triangles and each unbalanced one;
    csv and tsv print the unbalanced triangles; json prints all.

    Example: kg balance --explain
    """
    from kg.signed.balance import balance

    network = load_network(paths, edges, layers, no_claims)
    result = balance(network.graph, limit=limit)
    rows = [[", ".join(network.label(n) for n in t.nodes), t.triad, _signs(network, t),
             "yes" if t.mixed else "no"] for t in result.unbalanced]
    pairs = [t.edges() for t in result.unbalanced]
    header = ["triangle", "triad", "ties", "mixed"]
    if fmt == "json" and not explain:
        echo_json({
            "census": result.census,
            "triangles": result.triangles,
            "balanced": result.balanced,
            "share_balanced": result.share,
            "unbalanced": [dict(zip(header, row, strict=True)) for row in rows],
        })
        return
    if fmt == "table":
        from kg.tabular import format_rows

        click.echo(format_rows(
            ["triad", "count", "balanced"],
            [[name, count, "yes" if name in ("+++", "+--") else "no"]
             for name, count in result.census.items()],
        ))
        share = "n/a" if result.share is None else f"{result.share:.0%}"
        click.echo(f"\nbalanced: {result.balanced} of {result.triangles} triangles ({share})\n")
        if result.balanced == result.triangles:
            click.echo("no unbalanced triangle")
            return
        if not rows:
            return
    emit(header, rows, fmt, explain=explain, network=network, pairs=pairs,
         titles=[r[0] for r in rows])


def _signs(network, t) -> str:
    a, b, c = t.nodes
    lab = network.label
    return "; ".join(f"{lab(x)} {tie(network, x, y)} {lab(y)}" for x, y in ((a, b), (a, c), (b, c)))


# --- frustration ------------------------------------------------------------------------


@click.command("frustration")
@network_options
@click.option("--weighted", is_flag=True, help="Minimise the total weight, not the count.")
@click.option("--method", type=click.Choice(["exact", "heuristic"]), default="exact",
              show_default=True, help="exact: binary program with HiGHS; heuristic: fast, "
              "with a lower bound.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds the exact method may spend.")
@click.option("--seed", type=int, help="Seed of the heuristic's random starts.")
def frustration_command(paths, edges, layers, no_claims, fmt, explain, weighted, method, time_limit,
                        seed) -> None:
    """The frustration index: the fewest ties whose removal balances the network.

    Prints the index, whether it is proven optimal (else the lower bound
    and gap), the frustrated ties and the two factions (Aref, Mason &
    Wilson 2020). csv and tsv print the frustrated ties.

    Example: kg frustration --weighted
    """
    from kg.signed.frustration import frustration

    network = load_network(paths, edges, layers, no_claims)
    result = frustration(network.graph, weight="weight" if weighted else None, method=method,
                         time_limit=time_limit, seed=seed)
    lab = network.label
    rows = [[lab(a), tie(network, a, b), lab(b), round(network.graph.edges[a, b]["weight"], 6)]
            for a, b in result.frustrated]
    header = ["actor", "tie", "other", "weight"]
    pairs = [[pair] for pair in result.frustrated]
    if fmt == "json" and not explain:
        echo_json({
            "frustration_index": result.index,
            "weighted": result.weighted,
            "optimal": result.optimal,
            "lower_bound": result.lower_bound,
            "gap": round(result.gap, 6),
            "method": result.method,
            "frustrated": [dict(zip(header, row, strict=True)) for row in rows],
            "factions": [[lab(n) for n in faction] for faction in result.factions],
        })
        return
    if fmt == "table":
        what = "total weight" if weighted else "ties"
        status = "proven optimal" if result.optimal else (
            f"best found; lower bound {result.lower_bound:g}, gap {result.gap:.1%}")
        click.echo(f"frustration index: {result.index:g} {what} ({status})")
        for number, faction in enumerate(result.factions, start=1):
            click.echo(f"faction {number}: {', '.join(lab(n) for n in faction) or '(none)'}")
        click.echo()
        if not rows:
            click.echo("the network is balanced: no tie is frustrated")
            return
    emit(header, rows, fmt, explain=explain, network=network, pairs=pairs,
         titles=[f"{r[0]} {r[1]} {r[2]}" for r in rows])


# --- triangles ---------------------------------------------------------------------------


@click.command("triangles")
@network_options
@click.option("--all-actors", is_flag=True,
              help="Classify triads of every actor, not only of states (kg:State).")
def triangles_command(paths, edges, layers, no_claims, fmt, explain, all_actors) -> None:
    """Classify each triad of states as a strategic triangle (Dittmer 1981, 1987).

    ménage à trois (+++), romantic triangle (+ + −: a pivot courted by two
    hostile wings), stable marriage (+ − −: two partners against an
    outcast), unit veto (− − −). A network without state types (an edge
    list) uses every actor.

    Example: kg triangles --explain
    """
    from kg.signed.strategic import strategic_triangles

    network = load_network(paths, edges, layers, no_claims)
    G = network.graph
    states = [n for n, kind in G.nodes(data="type") if kind == "kg:State"]
    nodes = None if all_actors or not states else states
    found = strategic_triangles(G, nodes=nodes)
    lab = network.label

    def names(items):
        return ", ".join(lab(n) for n in items)

    rows = [[names(t.nodes), t.kind, lab(t.pivot) if t.pivot is not None else "",
             names(t.wings), names(t.partners), lab(t.outcast) if t.outcast is not None else "",
             "yes" if t.mixed else "no"] for t in found]
    pairs = [[(a, b), (a, c), (b, c)] for a, b, c in (t.nodes for t in found)]
    emit(["triad", "type", "pivot", "wings", "partners", "outcast", "mixed"], rows, fmt,
         explain=explain, network=network, pairs=pairs, titles=[f"{r[0]}: {r[1]}" for r in rows])


# --- wedges ----------------------------------------------------------------------------------


@click.command("wedges")
@click.argument("args", nargs=-1, metavar="[A B] [PATHS]...")
@source_options
@click.option("--all", "every", is_flag=True,
              help="Every wedge of the network (then all arguments are PATHS).")
@click.option("--top", type=click.IntRange(min=1), help="Show only the N best wedges.")
def wedges_command(args, edges, layers, no_claims, fmt, explain, every, top) -> None:
    """Find pivots that pull a friendly pair A, B apart, and who gains.

    For a pair A, B with a positive (or mixed) tie, a pivot P is positive
    to A and negative to B: the triad is unbalanced (Heider 1946) and P
    pulls A away from B. A sponsor W is hostile to B and positive to P or
    tolerating it (a mixed tie). Ranked by score = strain x support (see
    the README). Name the pair by label, CURIE or IRI, or give --all.

    Each row reads: the pivot draws DRAWN away FROM the other; the path
    runs sponsor, pivot, drawn, from, then the hostile tie that closes
    the triad.

    Examples: kg wedges A B (actors by label, CURIE or IRI); kg wedges --all --top 3
    """
    from kg.signed.wedges import wedges

    if every:
        paths, pair = tuple(args), None
    elif len(args) >= 2:
        pair, paths = args[:2], tuple(args[2:])
    else:
        raise KGError("name the pair A B (e.g. kg wedges A B), or give --all")
    network = load_network(paths, edges, layers, no_claims)
    if pair:
        a, b = (network.resolve(text) for text in pair)
        found = wedges(network.graph, a, b)
    else:
        found = wedges(network.graph)
    if top is not None:
        found = found[:top]
    lab = network.label
    rows = []
    for rank, w in enumerate(found, start=1):
        sponsors = ", ".join(f"{lab(s.node)} ({s.stance})" for s in w.sponsors)
        rows.append([rank, round(w.score, 4), round(w.strain, 4), lab(w.a), lab(w.b),
                     lab(w.pivot), sponsors, _path(network, w)])
    if not rows and fmt == "table":
        click.echo("no wedge: no actor is positive to one member of a friendly pair and "
                   "negative to the other")
        return
    emit(["rank", "score", "strain", "drawn", "from", "pivot", "sponsors", "path"], rows, fmt,
         explain=explain, network=network, pairs=[w.edges() for w in found],
         titles=[r[7] for r in rows])


def _path(network, w) -> str:
    """sponsor (tie) pivot (tie) A (tie) B, then the tie that closes the triad."""
    lab = network.label
    head = ""
    if w.sponsors:
        s = w.sponsors[0].node
        head = f"{lab(s)} {tie(network, s, w.pivot)} "
    return (f"{head}{lab(w.pivot)} {tie(network, w.pivot, w.a)} {lab(w.a)} "
            f"{tie(network, w.a, w.b)} {lab(w.b)}; {lab(w.pivot)} "
            f"{tie(network, w.pivot, w.b)} {lab(w.b)}")


# --- whatif -----------------------------------------------------------------------------------


@click.command("whatif")
@network_options
@click.option("--flip", nargs=2, metavar="A B", help="Flip the sign of the tie A-B.")
@click.option("--remove", nargs=2, metavar="A B", help="Remove the tie A-B.")
@click.option("--add", nargs=3, metavar="A B SIGN", help="Add a tie A-B with sign + or -.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds each frustration computation may spend.")
def whatif_command(paths, edges, layers, no_claims, fmt, explain, flip, remove, add,
                   time_limit) -> None:
    """Change one tie and show what changes: balance, frustration, triangles, wedges.

    Example: kg whatif --flip A B (actors by label, CURIE or IRI)
    """
    from kg.signed.whatif import Change, whatif

    given = [name for name, value in (("flip", flip), ("remove", remove), ("add", add)) if value]
    if len(given) != 1:
        raise KGError("give exactly one of --flip A B, --remove A B, --add A B SIGN")
    network = load_network(paths, edges, layers, no_claims)
    action = given[0]
    args = {"flip": flip, "remove": remove, "add": add}[action]
    a, b = network.resolve(args[0]), network.resolve(args[1])
    sign = None
    if action == "add":
        sign = {"+": 1, "+1": 1, "-": -1, "-1": -1, "−": -1}.get(args[2].strip())
        if sign is None:
            raise KGError(f"sign {args[2]!r} must be + or -")
    G = network.graph
    states = [n for n, kind in G.nodes(data="type") if kind == "kg:State"]
    result = whatif(G, Change(action, a, b, sign), nodes=states or None, time_limit=time_limit)
    lab = network.label
    summary = [[name, _cell(before), _cell(after)] for name, before, after in result.summary()]

    def describe(t):
        if t is None:
            return ""
        if t.pivot is not None:
            return f"{t.kind} (pivot {lab(t.pivot)})"
        if t.outcast is not None:
            return f"{t.kind} (outcast {lab(t.outcast)})"
        return t.kind

    triangles = [[", ".join(lab(n) for n in nodes), describe(old), describe(new)]
                 for nodes, old, new in result.triangle_changes()]
    wedge_rows = [[f"{lab(a_)} from {lab(b_)} by {lab(p)}", _cell(r0), _cell(r1),
                   round(s0, 4), round(s1, 4)]
                  for (a_, b_, p), r0, r1, s0, s1 in result.wedge_changes()]
    change_text = f"{action} {lab(a)} – {lab(b)}" + (f" {SIGN[sign]}" if sign else "")
    if fmt == "json":
        payload = {
            "change": change_text,
            "summary": [dict(zip(["measure", "before", "after"], r, strict=True)) for r in summary],
            "triangles": [dict(zip(["triad", "before", "after"], r, strict=True))
                          for r in triangles],
            "wedges": [dict(zip(["wedge", "rank_before", "rank_after", "score_before",
                                 "score_after"], r, strict=True)) for r in wedge_rows],
        }
        if explain:
            payload["evidence"] = network.evidence([(a, b)])
        echo_json(payload)
        return
    from kg.tabular import format_rows

    if fmt in ("csv", "tsv"):
        click.echo(format_rows(["measure", "before", "after"], summary, fmt=fmt), nl=False)
        return
    click.echo(f"what if: {change_text}\n")
    click.echo(format_rows(["measure", "before", "after"], summary))
    click.echo()
    click.echo(format_rows(["triad", "before", "after"], triangles) if triangles
               else "no strategic triangle changes")
    click.echo()
    click.echo(format_rows(["wedge", "rank before", "rank after", "score before", "score after"],
                           wedge_rows) if wedge_rows else "no wedge changes")
    if explain:
        click.echo("\nEvidence of the changed tie")
        for e in network.evidence([(a, b)]) or []:
            click.echo(f"  {_evidence_line(e)}")


def _cell(value):
    return "" if value is None else value


def _num(value):
    return None if value is None else round(value, 6)


def _short(node) -> str:
    from kg.rdf.namespaces import curie

    return curie(str(node))
