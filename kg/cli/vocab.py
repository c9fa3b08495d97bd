"""``kg vocab``: look a term of the ontology up from the terminal."""

from __future__ import annotations

import textwrap

import click

from kg.cli.options import echo_json, format_option, output_option
from kg.errors import KGError

#: A scheme with more concepts than this lists only its top concepts.
LONG_SCHEME = 50
#: Width of the names on a card.
KEY = len("subproperties")
#: The terms a card lists below its own: the link that points up, the key.
BELOW = {
    "class": ("rdfs:subClassOf", "subclasses"),
    "object property": ("rdfs:subPropertyOf", "subproperties"),
    "datatype property": ("rdfs:subPropertyOf", "subproperties"),
    "concept": ("skos:broader", "narrower"),
}


@click.command(
    "vocab",
    short_help="Look up a term of the ontology: what it means, an example, its queries.")
@click.argument("term", required=False, metavar="[TERM]")
@format_option("table", "json")
@output_option
def vocab_command(term: str | None, fmt: str) -> None:
    """Look up a term of the ontology: its kind, label and comment, domain
    and range, the standard terms it refines, an example triple from the
    shipped data and the named queries that use it.

    TERM is a CURIE (kg:presentedBy), a full IRI, a label ("strategic
    partnership"), a notation (a CAMEO code such as 1312) or part of a
    name. Without TERM, every class, property and concept scheme is listed
    by kind, with the concepts of each scheme (only the top concepts of a
    scheme as long as CAMEO's).

    \b
    Examples:
      kg vocab
      kg vocab kg:presentedBy
      kg vocab "strategic partnership"
      kg vocab 1312
    """
    from kg.rdf.load import load_ontology
    from kg.rdf.vocab import find_terms, suggestions, vocabulary

    ontology = load_ontology()
    terms = vocabulary(ontology)
    if term is None:
        _echo_rows(["kind", "term", "label"], _listing(terms), fmt)
        return
    found = find_terms(terms, term, partial=False)
    if not found:
        found = find_terms(terms, term)
        if len(found) > 1:
            _echo_rows(["kind", "term", "label"], [[t.kind, t.curie, t.label] for t in found],
                       fmt)
            return
    if not found:
        near = suggestions(terms, term)
        hint = f"; did you mean {' or '.join(near)}?" if near else "; `kg vocab` lists them all"
        raise KGError(f"no term of the ontology matches {term!r}{hint}")
    cards = [_card(t, terms, ontology) for t in found]
    if fmt == "json":
        echo_json(cards if len(cards) > 1 else cards[0])
        return
    click.echo("\n\n".join(_card_text(card) for card in cards))


def _listing(terms) -> list[list[str]]:
    by_scheme: dict[str, int] = {}
    for t in terms:
        for scheme in t.schemes:
            by_scheme[scheme] = by_scheme.get(scheme, 0) + 1
    rows = []
    for t in terms:
        long = any(by_scheme.get(s, 0) > LONG_SCHEME for s in t.schemes)
        if t.kind == "concept" and long and any(link == "skos:broader" for link, _ in t.refines):
            continue
        label = t.label
        if t.kind == "concept scheme":
            label = f"{label} ({by_scheme.get(t.curie, 0)} concepts)"
        rows.append([t.kind, t.curie, label])
    return rows


def _echo_rows(header, rows, fmt: str) -> None:
    from kg.tabular import format_rows

    click.echo(format_rows(header, rows, fmt=fmt).rstrip("\n"))


def _card(term, terms, ontology) -> dict:
    from kg.rdf.vocab import first_example
    from kg.sparql.lint import queries_using

    example = first_example(_shipped_scenarios(), term, ontology)
    card = {
        "term": term.curie,
        "iri": term.iri,
        "kind": term.kind if term.kind != "other" else ", ".join(term.types),
        "label": term.label,
        "comment": term.comment,
        "refines": [f"{link} {target}" for link, target in term.refines],
    }
    if term.kind.endswith("property"):
        card["domain"] = list(term.domain)
        card["range"] = list(term.range)
    if term.kind == "concept":
        card["scheme"] = list(term.schemes)
        if term.notation:
            card["notation"] = term.notation
    card["facts"] = [f"{p} {o}" for p, o in term.facts]
    below = BELOW.get(term.kind)
    if below:
        link, key = below
        card[key] = [t.curie for t in terms if (link, term.curie) in t.refines]
    if term.kind == "concept scheme":
        members = [t for t in terms if term.curie in t.schemes]
        if len(members) > LONG_SCHEME:
            members = [t for t in members if not any(link == "skos:broader"
                                                     for link, _ in t.refines)]
        card["concepts"] = [f"{t.curie} {t.label}" for t in members]
    card["example"] = f"{example[1]}  ({example[0]})" if example else None
    card["queries"] = queries_using().get(term.iri, [])
    return card


def _shipped_scenarios():
    from kg.rdf.load import load
    from kg.rdf.shipped import scenario_dirs

    folders = scenario_dirs()
    # The shipped data is checked by the tests: no need to check its terms again.
    return [(folder.name, load([folder], check_terms=False, with_ontology=False))
            for folder in folders]


def _card_text(card: dict) -> str:
    lines = [f"{card['term']} ({card['kind']})"]

    def line(key: str, value) -> None:
        if isinstance(value, list):
            value = ", ".join(value) if key not in ("facts", "concepts") else value
        if isinstance(value, list):
            for number, item in enumerate(value or ["-"]):
                lines.append(f"  {key if number == 0 else '':<{KEY}} {item}")
            return
        text = textwrap.fill(value or "-", width=88, initial_indent=f"  {key:<{KEY}} ",
                             subsequent_indent=" " * (KEY + 3), break_on_hyphens=False)
        lines.append(text)

    optional = ("facts", "scheme", "notation", "subclasses", "subproperties", "narrower")
    for key in ("label", "comment", "refines", "domain", "range", "scheme", "notation",
                "facts", "subclasses", "subproperties", "narrower", "concepts", "example",
                "queries"):
        if key in card and (card[key] or key not in optional):
            line(key, card[key])
    return "\n".join(lines)
