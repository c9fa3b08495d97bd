"""The reference pages of the docs site that come from the ontology and the queries.

    python scripts/reference_pages.py            # rewrite docs/reference/ (make docs)
    python scripts/reference_pages.py --check    # exit 1 when one is stale
    python scripts/reference_pages.py --out DIR  # write into DIR instead

Writes four files:

- ``vocabulary.md``: every class, property, concept scheme and concept of
  the ontology with its label, comment, domain and range, the standard
  terms it refines, one example triple from the shipped data (data/) and
  the named queries (kg/sparql/queries/) that use it;
- ``ontology.html``: the classes and properties as pyLODE documents them
  (pyLODE's OntPub profile documents OWL terms, not SKOS concepts, which
  the Markdown lists);
- ``api.md``: the Python API, one mkdocstrings block for each name
  ``kg`` exports (its numpydoc docstring, rendered at build time);
- ``queries.md``: every named query (kg/sparql/queries/*.rq) from its
  header lines (title, question, parameters, example) with its text.

All are byte-identical for the same ontology, data and queries, whatever
the hash seed: terms are sorted, and pyLODE is given a graph whose triples
are inserted in sorted order.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDF, SKOS, Graph

from kg.rdf.load import load, load_ontology
from kg.rdf.namespaces import PREFIXES
from kg.rdf.shipped import scenario_dirs
from kg.rdf.vocab import KINDS, Term, first_example, vocabulary
from kg.sparql.lint import queries_using
from kg.sparql.named import named_query, query_names

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "reference"
MARKDOWN = "vocabulary.md"
HTML = "ontology.html"
QUERIES = "queries.md"
API = "api.md"
PATHS = {
    "kg.rdf": "RDF in: reading files, validation",
    "kg.sparql": "SPARQL: the safety check, named queries, engines, stores, export, counts",
    "kg.signed": "The signed network: projection, balance, frustration, triangles, wedges",
    "kg.pages": "The offline network pages",
}
SECTIONS = {
    "class": "Classes",
    "object property": "Object properties",
    "datatype property": "Datatype properties",
    "concept scheme": "Concept schemes",
    "other": "Other terms",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or "-"


def _inline(text: str) -> str:
    """``text`` as inline code inside a table cell."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _code(items) -> str:
    return ", ".join(_inline(item) for item in items) or "-"


def _anchor(title: str) -> str:
    return title.lower().replace(" ", "-")


class Reference:
    """What the Markdown shows: terms, examples from the data, queries."""

    def __init__(self) -> None:
        self.ontology = load_ontology()
        self.terms = vocabulary(self.ontology)
        folders = scenario_dirs()
        self.data = [(f.name, load([f], check_terms=False, with_ontology=False))
                     for f in folders]
        self.queries = queries_using()

    def example(self, term: Term) -> str:
        found = first_example(self.data, term, self.ontology)
        if found is None:
            return "-"
        name, triple = found
        return f"{_inline(triple)} ({name})"

    def used_by(self, term: Term) -> str:
        return _code(self.queries.get(term.iri, []))

    def members(self, scheme: Term) -> list[Term]:
        found = [t for t in self.terms if t.kind == "concept" and scheme.curie in t.schemes]
        if found and all(t.notation for t in found):
            return sorted(found, key=lambda t: (t.notation, t.curie))
        return found


def markdown(reference: Reference | None = None) -> str:
    ref = reference or Reference()
    by_kind = {kind: [t for t in ref.terms if t.kind == kind] for kind in KINDS}
    out = [
        "# The kg vocabulary",
        "",
        "<!-- Generated from ontology/kg.ttl by scripts/reference_pages.py "
        "(`make docs`); do not edit. -->",
        "",
        "Every term that `ontology/kg.ttl` declares: its label and "
        "comment, domain and range, the standard terms it refines, one example triple from "
        "the shipped data (`data/`) and the named queries that use it. `kg vocab TERM` "
        "shows the same in the terminal; [`ontology.html`](ontology.html) is the pyLODE "
        "rendering of the classes and properties.",
        "",
        "Namespaces: " + ", ".join(f"`{p}:` <{PREFIXES[p]}>" for p in ("kg", "kgc", "kgr")) + ".",
        "",
        "## Contents",
        "",
    ]
    concepts = len(by_kind["concept"])
    for kind, title in SECTIONS.items():
        count = f"{len(by_kind[kind])}" + (f", with {concepts} concepts"
                                           if kind == "concept scheme" else "")
        out.append(f"- [{title}](#{_anchor(title)}) ({count})")
    for kind, title in SECTIONS.items():
        out += ["", f"## {title}", ""]
        for term in by_kind[kind]:
            out += _term_section(ref, term)
    return "\n".join(out).rstrip("\n") + "\n"


def _term_section(ref: Reference, term: Term) -> list[str]:
    heading = f"### {term.curie}"
    if term.kind == "other":
        heading += f" ({', '.join(term.types)})"
    rows = [("refines", _code(f"{link} {target}" for link, target in term.refines))]
    if term.kind.endswith("property"):
        rows += [("domain", _code(term.domain)), ("range", _code(term.range))]
    rows += [(p, _inline(o)) for p, o in term.facts]
    rows += [("example", ref.example(term)), ("queries", ref.used_by(term))]
    lines = [heading, "", f"**{_cell(term.label)}**: {_cell(term.comment)}", "",
             "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    if term.kind == "concept scheme":
        lines += ["", "| concept | notation | label | comment | details | example |",
                  "|---|---|---|---|---|---|"]
        for concept in ref.members(term):
            details = [f"{link} {target}" for link, target in concept.refines]
            details += [f"{p} {o}" for p, o in concept.facts]
            lines.append(f"| {_inline(concept.curie)} | {_cell(concept.notation)} | "
                         f"{_cell(concept.label)} | {_cell(concept.comment)} | "
                         f"{_code(details)} | {ref.example(concept)} |")
    return lines + [""]


def queries_markdown() -> str:
    """The named queries, each from its ``.rq`` file's header and text."""
    out = [
        "# Named queries",
        "",
        "<!-- Generated from kg/sparql/queries/*.rq by scripts/reference_pages.py "
        "(`make docs`); do not edit. -->",
        "",
        "The queries `kg` ships, each a `.rq` file in `kg/sparql/queries/`. Run one with "
        "`kg query --name NAME`, give its parameters with `--param NAME=VALUE` (a label, "
        "a CURIE or an IRI), and list them in the terminal with `kg query --list`. The "
        "commands run the `stats-*` and `page-*` queries themselves.",
        "",
    ]
    named = [named_query(name) for name in query_names()]
    out += [f"- [`{q.name}`](#{q.name}): {_cell(q.title)}" for q in named]
    for query in named:
        out += ["", f"## {query.name}", "", f"**{_cell(query.title)}**", ""]
        if "question" in query.header:
            out += [_cell(query.header["question"]), ""]
        if query.params:
            out += ["| parameter | what it takes |", "|---|---|"]
            out += [f"| `{name}` | {_cell(text)} |" for name, text in query.params.items()]
            out.append("")
        if "example" in query.header:
            out += [f"Example: `{query.header['example']}`", ""]
        out += ["```sparql", query.text.rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


def api_markdown() -> str:
    """One mkdocstrings block per name of ``kg.__all__``, by subpackage."""
    import kg

    out = [
        "# Python API",
        "",
        "<!-- Generated from kg.__all__ by scripts/reference_pages.py (`make docs`); "
        "do not edit. -->",
        "",
        "Every name here can be imported from `kg` itself (`from kg import load, "
        "signed_graph, balance`); each loads its module on first use, so `import kg` "
        "stays light. Functions take the graph first and their options as keyword "
        "arguments; errors are `KGError`, with one line naming the file, the line and "
        "what is wrong.",
        "",
        "::: kg.errors.KGError",
    ]
    for package, title in PATHS.items():
        out += ["", f"## {title}"]
        for name in sorted(n for n, m in kg._API.items() if m.startswith(package + ".")):
            out += ["", f"::: {kg._API[name]}.{name}"]
    return "\n".join(out).rstrip("\n") + "\n"


def html() -> str:
    """The pyLODE page of the ontology's classes and properties."""
    from pylode import OntPub

    ontology = load_ontology()
    skos = set(ontology.subjects(RDF.type, SKOS.Concept))
    skos |= set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    graph = Graph()
    for prefix, namespace in ontology.namespaces():
        graph.bind(prefix, namespace, override=True)
    for triple in sorted(ontology):
        if triple[0] not in skos:
            graph.add(triple)
    return OntPub(ontology=graph, sort_subjects=True).make_html()


def render() -> dict[str, str]:
    """File name to text of every generated file."""
    return {MARKDOWN: markdown(), HTML: html(), QUERIES: queries_markdown(),
            API: api_markdown()}


def write(folder: Path) -> list[Path]:
    from kg.atomic import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render().items():
        atomic_write(folder / name, text)
        written.append(folder / name)
    return written


def main(argv: list[str]) -> int:
    if "--check" in argv:
        fresh = render()
        stale = [n for n, text in fresh.items()
                 if not (DOCS / n).is_file() or (DOCS / n).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"docs/reference/{name} is stale: run `make docs`", file=sys.stderr)
        return 1 if stale else 0
    folder = Path(argv[argv.index("--out") + 1]) if "--out" in argv else DOCS
    for path in write(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
