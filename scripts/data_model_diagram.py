"""The data-model diagram of the docs, drawn from the shipped data.

    python scripts/data_model_diagram.py            # rewrite docs/images/data-model.svg
    python scripts/data_model_diagram.py --check    # exit 1 when the SVG is stale
    python scripts/data_model_diagram.py --out F    # write the SVG to F instead

One real pair of statements of the summit scenario (data/summit-2025), as
boxes and arrows: a curated fact (the reified ``kg:Relation`` with its
direct triple, its source and its quote, and the ``kg:ConflictFlag`` that
marks it) and a claim (a ``kg:Relation`` that is also a ``kg:Claim``, with
its claimant and no direct triple). Every name, value and quote in the
picture is read from the data, so the picture stays true when the data
changes; a statement that lost a part the picture needs is an error.

The SVG is byte-identical on every run: matplotlib's SVG writer is given
a fixed hash salt, no date and no creator, and text is drawn as paths in
DejaVu Sans (the font matplotlib ships), as kg/pages/chart.py does.
"""

from __future__ import annotations

import io
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.atomic import atomic_write
from kg.errors import KGError
from kg.rdf.load import load
from kg.rdf.namespaces import KG, KGR, PROV, curie
from kg.rdf.shipped import scenario_dir

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "data-model.svg"
#: The fact and the claim the picture shows: India and the United States are defence
#: partners (a fact, flagged), the United States is China's adversary (CNA's claim).
FACT = KGR["rel-india-us-military-exercises"]
CLAIM = KGR["rel-us-china-adversary"]

#: Fill colours by the role of a box.
COLOURS = {
    "actor": "#eef2f7",
    "fact": "#dbe9f6",
    "claim": "#fde8cf",
    "flag": "#f9d6d5",
    "source": "#e6f2e1",
    "quote": "#ffffff",
}
EDGE = "#4a4a4a"


@dataclass(frozen=True)
class Statement:
    """What the picture shows of one statement."""

    iri: URIRef
    types: tuple[str, ...]
    source: URIRef
    actors: tuple[URIRef, URIRef]
    lines: tuple[str, ...]
    quote: str
    claimant: URIRef | None
    direct: URIRef | None


def _one(dataset, subject, predicate) -> object:
    values = sorted(dataset.objects(subject, predicate), key=str)
    if not values:
        raise KGError(f"{curie(str(subject))} has no {curie(str(predicate))}: "
                      "the data-model diagram needs it")
    return values[0]


def _label(dataset, node) -> str:
    labels = sorted(str(v) for v in dataset.objects(node, RDFS.label)
                    if isinstance(v, Literal) and v.language in (None, "en"))
    return labels[0] if labels else curie(str(node))


def statement(dataset, iri: URIRef) -> Statement:
    """Read one statement of the picture from ``dataset``."""
    types = tuple(sorted(curie(str(t)) for t in dataset.objects(iri, RDF.type)))
    source = _one(dataset, iri, PROV.wasDerivedFrom)
    start, end = _one(dataset, iri, KG.fromActor), _one(dataset, iri, KG.toActor)
    kind = _one(dataset, iri, KG.relationKind)
    polarity = _one(dataset, iri, KG.polarity)
    weight = _one(dataset, iri, KG.weight)
    cameo = dataset.value(iri, KG.cameo)
    truthy = dataset.value(kind, KG.truthyProperty)
    direct = truthy if truthy is not None and (start, truthy, end) in dataset else None
    claimants = sorted(dataset.objects(iri, KG.claimant), key=str)
    lines = (
        f"kg:relationKind {curie(str(kind))}",
        f"kg:polarity {polarity}   kg:weight {weight}",
        f"kg:cameo {curie(str(cameo))}" if cameo is not None
        else "no kg:cameo: weight 4.0 × polarity",
    )
    return Statement(iri, types, source, (start, end), lines, str(_one(dataset, iri, KG.quote)),
                     claimants[0] if claimants else None, direct)


def _wrap(text: str, width: int, most: int = 6) -> str:
    lines = textwrap.wrap(text, width)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip(" .,;") + " …"
    return "\n".join(lines)


def _box(ax, x, y, title, body, role, width=34):
    text = title if not body else f"{title}\n{body}"
    return ax.text(x, y, text, ha="center", va="center", fontsize=8.2, linespacing=1.35,
                   wrap=False, zorder=1,
                   bbox={"boxstyle": "round,pad=0.55", "facecolor": COLOURS[role],
                         "edgecolor": EDGE, "linewidth": 0.9})


def _arrow(ax, start, end, label, *, at=0.5, dashed=False, colour=EDGE):
    """An arrow from box ``start`` to box ``end``, labelled at fraction ``at``."""
    # drawn after the boxes (a higher zorder), whose patches are then in place to clip
    # the arrow at their edges
    ax.annotate("", xy=end.get_position(), xytext=start.get_position(), zorder=2,
                arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.0,
                            "linestyle": "--" if dashed else "-", "shrinkA": 0, "shrinkB": 0,
                            "patchA": start.get_bbox_patch(), "patchB": end.get_bbox_patch(),
                            "mutation_scale": 11})
    (x0, y0), (x1, y1) = start.get_position(), end.get_position()
    ax.text(x0 + (x1 - x0) * at, y0 + (y1 - y0) * at, label, ha="center", va="center",
            fontsize=7.6, color=colour, style="italic", zorder=3,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})


def svg(dataset=None) -> bytes:
    """The diagram as SVG bytes (the same bytes for the same data).

    ``dataset`` defaults to the shipped summit scenario.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    if dataset is None:
        dataset = load([scenario_dir("summit-2025")])
    fact, claim = statement(dataset, FACT), statement(dataset, CLAIM)
    if fact.direct is None:
        raise KGError(f"{curie(str(FACT))} has no direct triple: the diagram shows a fact")
    if claim.claimant is None or claim.direct is not None:
        raise KGError(f"{curie(str(CLAIM))} is not a claim with a kg:claimant and no direct "
                      "triple: the diagram shows one")
    flags = sorted(dataset.subjects(KG.flags, FACT), key=str)
    if not flags:
        raise KGError(f"no kg:ConflictFlag flags {curie(str(FACT))}")
    flag = flags[0]

    with rc_context({"svg.hashsalt": "kg-data-model", "svg.fonttype": "path",
                     "font.family": "DejaVu Sans", "path.simplify": False}):
        fig = Figure(figsize=(13.0, 8.2), dpi=100)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, 130)
        ax.set_ylim(0, 80)
        ax.set_axis_off()

        actors = {}
        for node, x in ((fact.actors[0], 42), (fact.actors[1], 92), (claim.actors[1], 121)):
            if node not in actors:
                actors[node] = _box(ax, x, 74, curie(str(node)), f"“{_label(dataset, node)}”",
                                    "actor")
        fact_box = _box(ax, 42, 47, curie(str(fact.iri)),
                        "a " + ", ".join(fact.types) + "\n" + "\n".join(fact.lines), "fact")
        claim_box = _box(ax, 92, 47, curie(str(claim.iri)),
                         "a " + ", ".join(claim.types) + "\n" + "\n".join(claim.lines)
                         + "\nno direct triple: a claim, not a fact", "claim")
        flag_box = _box(ax, 12, 47, curie(str(flag)),
                        "a kg:ConflictFlag\nkg:wellKnownFact\n"
                        + _wrap(f"“{dataset.value(flag, KG.wellKnownFact)}”", 28, 5)
                        + "\nkg:factSource\n"
                        + _wrap(str(dataset.value(flag, KG.factSource)), 28, 2), "flag")
        claimant_box = _box(ax, 121, 47, curie(str(claim.claimant)),
                            _wrap(f"“{_label(dataset, claim.claimant)}”", 22), "actor")
        source_box = _box(ax, 67, 13, curie(str(fact.source)),
                          "a kg:SourceDocument\ndcterms:title\n"
                          + _wrap(f"“{dataset.value(fact.source, DCTERMS.title)}”", 40)
                          + f"\nkg:localCopy “{dataset.value(fact.source, KG.localCopy)}”",
                          "source")
        fact_quote = _box(ax, 20, 13, "kg:quote (verbatim)", _wrap(f"“{fact.quote}”", 30),
                          "quote")
        claim_quote = _box(ax, 114, 13, "kg:quote (verbatim)", _wrap(f"“{claim.quote}”", 26),
                           "quote")

        _arrow(ax, actors[fact.actors[0]], actors[fact.actors[1]],
               f"{curie(str(fact.direct))}  (the direct triple)", colour="#1f4e8c")
        _arrow(ax, fact_box, actors[fact.actors[0]], "kg:fromActor", at=0.45)
        _arrow(ax, fact_box, actors[fact.actors[1]], "kg:toActor", at=0.45)
        _arrow(ax, claim_box, actors[claim.actors[0]], "kg:fromActor", at=0.45)
        _arrow(ax, claim_box, actors[claim.actors[1]], "kg:toActor", at=0.45)
        _arrow(ax, flag_box, fact_box, "kg:flags", colour="#a3231f")
        _arrow(ax, claim_box, claimant_box, "kg:claimant", colour="#a35a00")
        _arrow(ax, fact_box, fact_quote, "kg:quote")
        _arrow(ax, claim_box, claim_quote, "kg:quote")
        _arrow(ax, fact_box, source_box, "prov:wasDerivedFrom", at=0.4)
        _arrow(ax, claim_box, source_box, "prov:wasDerivedFrom", at=0.4)
        ax.text(1, 1.2, "Boxes are resources (their CURIE first) or literals; arrows are "
                "properties. Blue: a curated fact; orange: a claim; red: a conflict flag; "
                "green: the source; white: a quote (a literal). Drawn by "
                "scripts/data_model_diagram.py from data/summit-2025/summit.trig.",
                fontsize=7.2, color="#555555", ha="left", va="bottom")
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def main(argv: list[str]) -> int:
    target = OUT
    if "--out" in argv:
        target = Path(argv[argv.index("--out") + 1])
    data = svg()
    if "--check" in argv:
        if not target.is_file() or target.read_bytes() != data:
            print(f"{target} is stale: run python scripts/data_model_diagram.py", file=sys.stderr)
            return 1
        return 0
    atomic_write(target, data)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
