"""Signed-network analysis commands: centrality, balance, frustration,
triangles, wedges and whatif.

Each reads RDF (the shipped scenario by default) or a CSV edge list
(``--edges``), prints a table, csv, tsv or json, and with ``--explain``
the statements and quotes behind every edge of every result row.
"""

from __future__ import annotations

import time

import click

from kg.cli.analysis_io import (
    SIGN,
    cell,
    emit,
    evidence_line,
    load_network,
    mixed_text,
    network_options,
    network_source_options,
    num,
    short,
    tie,
)
from kg.cli.options import echo_json, echo_line, stdout_is_terminal
from kg.errors import KGError
from kg.tabular import plural

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

    A mixed pair (allies that are also rivals: ties of both signs) counts
    with its net sign; the "mixed ties" column shows each of an actor's
    mixed pairs with both components and which dominates, so the tension
    the net hides stays in view.

    Limits: betweenness refuses a network of more than 30,000,000 actors x
    ties (its time grows with both); eigenvector needs a connected network
    and says so when it does not converge; pn above 2,000 actors is solved
    iteratively on the sparse matrix.

    Example: kg centrality --measure pn --top 5
    """
    from kg.signed.centrality import centrality
    from kg.signed.mixed import mixed_ties

    network = load_network(paths, edges, layers, no_claims)
    G = network.graph
    scores = centrality(G, measure=measure, top=top)
    rows = [[rank, network.label(s.node), short(s.node), round(s.value, 6),
             num(s.positive), num(s.negative),
             "; ".join(mixed_text(network, t, name_a=False) for t in mixed_ties(G, s.node))]
            for rank, s in enumerate(scores, start=1)]
    pairs = [[tuple(sorted((s.node, n), key=str)) for n in sorted(G[s.node], key=str)]
             for s in scores]
    emit(["rank", "actor", "id", measure, "positive", "negative", "mixed ties"], rows, fmt,
         explain=explain, network=network, pairs=pairs, titles=[r[1] for r in rows])


# --- balance -------------------------------------------------------------------------------


@click.command("balance")
@network_options
@click.option("--limit", type=click.IntRange(min=0),
              help="List at most N unbalanced triangles (more than 1,000,000 need a limit).")
def balance_command(paths, edges, layers, no_claims, fmt, explain, limit) -> None:
    """Signed triad census and the unbalanced triangles.

    A triangle is balanced (Heider 1946; Cartwright & Harary 1956) when it
    has an even number of negative ties (+++, +--). The table format prints
    the census, the share of balanced triangles and each unbalanced one;
    csv and tsv print the unbalanced triangles; json prints all.

    Example: kg balance --explain
    """
    from kg.signed.balance import balance
    from kg.signed.mixed import mixed_tie

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
        click.echo(f"\nbalanced: {result.balanced} of {plural(result.triangles, 'triangle')} "
                   f"({share})\n")
        if result.balanced == result.triangles:
            click.echo("no unbalanced triangle")
            return
        if not rows:
            return
    emit(header, rows, fmt, explain=explain, network=network, pairs=pairs,
         titles=[r[0] for r in rows])
    if fmt == "table":  # a pair mixed only over all dates says so
        apart = sorted({mixed_text(network, t) for edges in pairs for p in edges
                        if (t := mixed_tie(network.graph, *p)) is not None and t.apart})
        for line in apart:
            click.echo(line)


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
              help="Seconds to spend before printing, reading the input included (either "
              "method); then the best split found so far is printed with its lower bound.")
@click.option("--seed", type=int, help="Seed of the heuristic's random starts.")
def frustration_command(paths, edges, layers, no_claims, fmt, explain, weighted, method, time_limit,
                        seed) -> None:
    """The frustration index: the fewest ties whose removal balances the network.

    Prints the index, whether it is proven optimal (else the lower bound
    and gap), the frustrated ties and the two factions (Aref, Mason &
    Wilson 2020). csv and tsv print the frustrated ties. --weighted needs
    a weight above 0 on every tie.

    Example: kg frustration --weighted --time-limit 10
    """
    started = time.monotonic()
    from kg.signed.frustration import frustration

    network = load_network(paths, edges, layers, no_claims)
    left = max(0.0, time_limit - (time.monotonic() - started))
    result = frustration(network.graph, weight="weight" if weighted else None, method=method,
                         time_limit=left, seed=seed)
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
        index = (plural(result.index, "total weight", "total weight") if weighted
                 else plural(result.index, "tie"))
        status = "proven optimal" if result.optimal else (
            f"best found; lower bound {result.lower_bound:g}, gap {result.gap:.1%}")
        click.echo(f"frustration index: {index} ({status})")
        for number, faction in enumerate(result.factions, start=1):
            echo_line(f"faction {number}: {', '.join(lab(n) for n in faction) or '(none)'}")
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

    A mixed pair (allies that are also rivals) counts with its net sign;
    the "mixed" column shows it with both components and which dominates
    (e.g. "A ± B: +11.4 vs -13.8, negative dominates"), so the tension the
    net hides stays in view.

    Example: kg triangles --explain
    """
    from kg.signed.mixed import mixed_tie
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
             "; ".join(mixed_text(network, mixed_tie(G, *p)) for p in t.mixed_pairs) or "no"]
            for t in found]
    pairs = [[(a, b), (a, c), (b, c)] for a, b, c in (t.nodes for t in found)]
    emit(["triad", "type", "pivot", "wings", "partners", "outcast", "mixed"], rows, fmt,
         explain=explain, network=network, pairs=pairs, titles=[f"{r[0]}: {r[1]}" for r in rows])


# --- wedges ----------------------------------------------------------------------------------


@click.command("wedges")
@click.argument("args", nargs=-1, metavar="[A B] [PATHS]...")
@network_source_options
@click.option("--all", "every", is_flag=True,
              help="Every wedge of the network (then all arguments are PATHS).")
@click.option("--claimed", is_flag=True,
              help="The wedge strategies the sources claim (a kg:StrategyHypothesis or "
                   "kg:HistoricalAnalogy with kg:sponsor, kg:pivot and kg:wedgeBetween), "
                   "read against the network (then all arguments are PATHS).")
@click.option("--top", type=click.IntRange(min=1), help="Show only the N best wedges.")
def wedges_command(args, edges, layers, no_claims, fmt, explain, every, claimed, top) -> None:
    """Find wedges that pull a friendly pair A, B apart, and who gains.

    A divider rewards one member of a pair (accommodative, offered) or
    coerces it (coercive, forced) (Crawford 2011; Izumikawa 2013). The
    kind column says which, and the prediction column what structural
    balance (Heider 1946) predicts of the pair:

    accommodative: a pivot P is positive to A and negative to B, so the
    triad A, B, P is + + - and unbalanced: P pulls A away from B,
    "predicted to strain the pair". A sponsor W is hostile to B and
    positive to P or tolerating it (a mixed tie). Ranked by score = strain
    x support (see the docs: Signed-network analysis).

    coercive: a sponsor W negative to both members of the pair presses A
    (a kg:Pressure). A common enemy makes the triad + - -, which is
    balanced: "predicted to tighten the pair", not to split it. Listed
    after the accommodative wedges (score 0: no split to gain from), the
    strongest pressure first. An edge list has no pressures, so no
    coercive wedges.

    A friendly pair has a positive or mixed tie. Each row reads: DRAWN is
    pulled away FROM the other; the path runs sponsor, pivot (none in a
    coercive wedge), drawn, from, then the tie that closes the triad.

    --claimed reads each wedge strategy the sources claim: accommodative
    (a pivot outside the pair) or coercive (the sponsor, with no pivot or
    as its own pivot, presses a member), whether the network has every
    tie it needs (each with the quotes of its own statements), and what
    balance predicts of the triad the network has. A claim whose pivot is
    a member of the pair is reported as not a wedge as modelled.

    Name the pair by label, CURIE or IRI, or give --all or --claimed. A
    search that would examine more than 5,000,000 candidate pivots and
    sponsors stops with an error: name a pair instead of --all.

    Examples: kg wedges A B (actors by label, CURIE or IRI); kg wedges --all --top 3;
    kg wedges --claimed
    """
    from kg.signed.wedges import wedges

    if every and claimed:
        raise KGError("give --all or --claimed, not both")
    if every or claimed:
        paths, pair = tuple(args), None
    elif len(args) >= 2:
        pair, paths = args[:2], tuple(args[2:])
    else:
        raise KGError("name the pair A B (e.g. kg wedges A B), or give --all or --claimed")
    if claimed and edges:
        raise KGError("--claimed reads the claims of RDF data: give PATHS, not --edges")
    network = load_network(paths, edges, layers, no_claims)
    if claimed:
        from kg.cli.analysis_claimed import show_claimed

        show_claimed(network, fmt, explain=explain, top=top)
        return
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
        rows.append([rank, w.kind, round(w.score, 4), round(w.strain, 4), lab(w.a), lab(w.b),
                     lab(w.pivot) if w.pivot is not None else "", sponsors, w.prediction,
                     _path(network, w)])
    if not rows and fmt == "table":
        click.echo("no wedge: no actor is positive to one member of a friendly pair and "
                   "negative to the other, and no common enemy of a friendly pair presses "
                   "one of them")
        return
    emit(["rank", "kind", "score", "strain", "drawn", "from", "pivot", "sponsors", "prediction",
          "path"], rows, fmt, explain=explain, network=network, pairs=[w.edges() for w in found],
         titles=[r[-1] for r in rows])


def _path(network, w) -> str:
    """sponsor (tie) pivot (tie) A (tie) B, then the tie that closes the triad;
    a coercive wedge: sponsor (tie) A (tie) B, then sponsor (tie) B."""
    lab = network.label
    if w.kind == "coercive":
        s = w.sponsors[0].node
        return (f"{lab(s)} {tie(network, s, w.a)} {lab(w.a)} {tie(network, w.a, w.b)} "
                f"{lab(w.b)}; {lab(s)} {tie(network, s, w.b)} {lab(w.b)}")
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
    summary = [[name, cell(before), cell(after)] for name, before, after in result.summary()]

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
    wedge_rows = [[f"{lab(a_)} from {lab(b_)} by {lab(p)}", cell(r0), cell(r1),
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
        click.echo(format_rows(["measure", "before", "after"], summary, fmt=fmt,
                               terminal=stdout_is_terminal()), nl=False)
        return
    echo_line(f"what if: {change_text}")
    click.echo()
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
            echo_line(f"  {evidence_line(e)}")
