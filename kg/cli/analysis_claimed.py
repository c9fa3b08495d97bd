"""``kg wedges --claimed``: the wedge strategies the sources claim, read
against the network (see :mod:`kg.signed.hypotheses`).

Each claim is shown with the ties its reading needs, and each tie with the
quotes of its own statements (a pressure needed as a pressure with the
quotes of the pressure statements alone), never with a neighbour's.
"""

from __future__ import annotations

import re

import click

from kg.cli.analysis_io import Network, evidence_line
from kg.cli.options import echo_json, echo_line, stdout_is_terminal
from kg.rdf.namespaces import curie

SUMMARY = ["claim", "claimed by", "kind", "sponsor", "pivot", "pair", "supported", "prediction"]
FULL = ["claim", "id", "class", "claimed by", "kind", "sponsor", "pivot", "pair", "supported",
        "status", "prediction"]


def show_claimed(network: Network, fmt: str, *, explain: bool = False,
                 top: int | None = None) -> None:
    """Print every claimed wedge strategy of the network's dataset."""
    from kg.signed.explain import quote_index
    from kg.signed.hypotheses import wedge_hypotheses
    from kg.signed.network import actor_labels

    readings = wedge_hypotheses(network.graph, network.dataset)
    if top is not None:
        readings = readings[:top]
    known = actor_labels(network.dataset)

    def lab(node) -> str:
        if node is None:
            return ""
        if node in network.graph:
            return network.label(node)
        return known.get(node) or curie(node)

    quotes = quote_index(network.dataset)
    items = [_item(network, r, lab, quotes) for r in readings]
    if fmt == "json":
        echo_json(items)
        return
    if fmt in ("csv", "tsv"):
        from kg.tabular import format_rows

        header = FULL + ["ties"] + (["evidence"] if explain else [])
        rows = []
        for item in items:
            row = [_cell(item, key) for key in FULL]
            row.append("; ".join(f"{t['tie']}: {'yes' if t['holds'] else 'no'}"
                                 for t in item["ties"]))
            if explain:
                row.append(" | ".join(evidence_line(e) for t in item["ties"]
                                      for e in t["evidence"]))
            rows.append(row)
        click.echo(format_rows(header, rows, fmt=fmt, terminal=stdout_is_terminal()), nl=False)
        return
    if not items:
        click.echo("no wedge strategy claimed: no claim names a kg:pivot or a kg:wedgeBetween")
        return
    from kg.tabular import format_rows

    click.echo(format_rows(SUMMARY, [[_cell(item, key) for key in SUMMARY] for item in items]))
    for number, (reading, item) in enumerate(zip(readings, items, strict=True), start=1):
        click.echo()
        claimant = f", claimed by {item['claimed by']}" if item["claimed by"] else ""
        echo_line(f"#{number} {item['claim']} ({item['id']}): {item['class']}{claimant}")
        for quote in item["quotes"]:
            echo_line(f'  the source: "{quote}"')
        if reading.kind is None:
            echo_line(f"  {reading.status}")
            continue
        echo_line(f"  {reading.kind}: {_reading_text(reading, lab)}")
        echo_line(f"  {reading.status}")
        echo_line(f"  balance: {_balance_text(reading, lab)}")
        echo_line("  ties it needs:")
        for need in item["ties"]:
            echo_line(f"    {'yes' if need['holds'] else 'no '}  {need['tie']} "
                      f"(wanted {need['wanted']}, found {need['found']}): {need['why']}")
            for e in need["evidence"]:
                echo_line(f"           {evidence_line(e)}")


def _cell(item: dict, key: str):
    if key == "supported":
        return {True: "yes", False: "no", None: "n/a"}[item[key]]
    return item[key]


def _item(network: Network, r, lab, quotes) -> dict:
    c = r.claimed
    pair = [r.drawn, r.other] if r.kind is not None else sorted(c.pair, key=lab)
    return {
        "claim": _name(c),
        "id": curie(c.claim),
        "class": _words(c.claim_class) if c.claim_class else "claim",
        "claimed by": ", ".join(lab(x) for x in c.claimants),
        "kind": r.kind or "",
        "sponsor": lab(c.sponsor) or "not named",
        "pivot": lab(c.pivot) or "not named",
        "pair": ", ".join(lab(m) for m in pair),
        "supported": r.supported,
        "status": r.status,
        "prediction": r.prediction,
        "quotes": list(quotes.get(c.claim, ())),
        "ties": [_need(network, n, lab) for n in r.needs],
    }


def _name(c, *, width: int = 90) -> str:
    """A claim's label, else its description (shortened), else its CURIE."""
    if c.label:
        return c.label
    if c.description:
        text = " ".join(c.description.split())
        return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
    return curie(c.claim)


def _need(network: Network, need, lab) -> dict:
    if need.want == "presses":
        text = f"{lab(need.a)} presses {lab(need.b)}"
    elif need.found is None:
        text = f"{lab(need.a)} and {lab(need.b)}"
    else:  # the tie as the network has it: +, - or ± (mixed)
        text = f"{lab(need.a)} {need.found[0]} {lab(need.b)}"
    evidence = network.evidence([(need.a, need.b)]) if need.found is not None else []
    if need.want == "presses":
        # a pressure is evidenced by the pressure statements, not the whole dyad
        wanted = {curie(s) for s in need.statements}
        evidence = [e for e in evidence if e["statement"] in wanted]
    return {"tie": text, "wanted": need.want, "found": need.found or "no tie",
            "holds": need.holds, "why": need.why, "evidence": evidence}


def _reading_text(r, lab) -> str:
    c = r.claimed
    if r.kind == "coercive":
        return (f"{lab(c.sponsor)} presses {lab(r.drawn)} to pull it away from "
                f"{lab(r.other)}")
    text = f"{lab(r.acting)} draws {lab(r.drawn)} away from {lab(r.other)}"
    if c.sponsor is not None and c.sponsor != r.acting:
        text += f"; {lab(c.sponsor)} rewards or tolerates {lab(r.acting)}"
    return text


def _balance_text(r, lab) -> str:
    if r.triad is None:
        return r.prediction
    kind = "balanced" if r.triad in ("+++", "+--") else "unbalanced"
    triad = " ".join(r.triad)
    return (f"the triad {lab(r.acting)}, {lab(r.drawn)}, {lab(r.other)} is {triad} "
            f"({kind}): {r.prediction}")


def _words(name: str) -> str:
    """``kg:StrategyHypothesis`` -> ``strategy hypothesis``."""
    local = name.rsplit(":", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower()
