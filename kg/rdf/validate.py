"""Check a dataset against the SHACL shapes of ``ontology/shapes.ttl``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Namespace, URIRef

from kg.errors import KGError
from kg.rdf.load import ONTOLOGY_GRAPH, load_ontology
from kg.rdf.namespaces import KG, PROV, bind_prefixes, curie
from kg.rdf.shipped import shapes_path
from kg.rdf.sources import read_text

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the resource at fault and what a person should fix."""

    focus: str
    message: str
    path: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class Report:
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)


def load_shapes() -> Graph:
    graph = Graph()
    try:
        graph.parse(shapes_path(), format="turtle")
    except Exception as err:  # a broken shapes file is a packaging error
        raise KGError(f"cannot read shapes: {err}", file=str(shapes_path())) from None
    return graph


def union_graph(dataset: Dataset, *, with_ontology: bool = True) -> Graph:
    """All triples of a dataset in one graph (adds the ontology if missing)."""
    graph = Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in dataset.quads((None, None, None, None)))
    if with_ontology and (ONTOLOGY_GRAPH, None, None) not in graph:
        graph.addN((s, p, o, graph) for s, p, o in load_ontology())
    return graph


def validate(
    dataset: Dataset,
    *,
    shapes: Graph | None = None,
    source_dirs: Iterable[str | Path] = (),
) -> Report:
    """Validate all graphs of ``dataset`` together against the shapes.

    Named graphs are validated as one union, so a fact in one graph may
    refer to a resource described in another. With ``source_dirs``, each
    quote whose source has a ``kg:localCopy`` in one of those folders must
    also appear verbatim (whitespace-normalised) in that copy.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> validate(load()).conforms
    True
    """
    from pyshacl import validate as shacl_validate

    _, results, _ = shacl_validate(
        union_graph(dataset),
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        allow_warnings=True,
    )
    if not isinstance(results, Graph):  # pyshacl's ValidationFailure: the shapes are bad
        raise KGError(f"the SHACL shapes cannot be used: {' '.join(str(results).split())}")
    violations = []
    for result in results.subjects(predicate=SH.resultSeverity):
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        violations.append(
            Violation(
                focus=_show(results.value(result, SH.focusNode)),
                message=str(results.value(result, SH.resultMessage) or "constraint violated"),
                path=_show(path) if isinstance(path, URIRef) else None,
                severity=str(severity).rpartition("#")[2],
            )
        )
    violations += quote_violations(dataset, source_dirs)
    return Report(tuple(sorted(set(violations))))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_violations(dataset: Dataset, source_dirs: Iterable[str | Path]) -> list[Violation]:
    """Quotes that do not appear verbatim in the local copy of their source.

    A source's ``kg:localCopy`` is looked up in each folder of
    ``source_dirs``; sources without a local copy (a web page, a Wikidata
    item) are not checked.
    """
    folders = [Path(d) for d in source_dirs]
    texts: dict[str, str | None] = {}

    def text_of(name: str) -> str | None:
        if name not in texts:
            found = [copy for f in folders if (copy := _inside(f, name)) is not None]
            try:
                texts[name] = _normalise(read_text(found[0])) if found else None
            except KGError as err:
                raise KGError(f"cannot read source copy: {err.message}", file=err.file) from None
        return texts[name]

    problems = []
    reported_missing: set[str] = set()
    for subject, quote in dataset.subject_objects(KG.quote):
        copies = [
            str(copy)
            for source in dataset.objects(subject, PROV.wasDerivedFrom)
            if (copy := dataset.value(source, KG.localCopy)) is not None
        ]
        known = [c for c in copies if text_of(c) is not None]
        if copies and not known and folders:
            if copies[0] in reported_missing:
                continue
            reported_missing.add(copies[0])
            message = f"local copy {copies[0]!r} of the source not found beside the data"
            problems.append(Violation(_show(subject), message, curie(str(KG.quote))))
        elif known and not any(_normalise(str(quote)) in text_of(c) for c in known):
            message = f"quote not found verbatim in {known[0]}: {str(quote)[:60]!r}"
            problems.append(Violation(_show(subject), message, curie(str(KG.quote))))
    return problems


def _inside(folder: Path, name: str) -> Path | None:
    """The file ``name`` (a ``kg:localCopy``) inside ``folder``, or ``None``:
    the data names a file beside it, never one elsewhere (an absolute path,
    ``..``, a link that leads out), as reading a file reads no other."""
    if not name or Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    copy = folder / name
    try:
        if not copy.resolve().is_relative_to(folder.resolve()):
            return None
    except (OSError, RuntimeError):  # a loop of links
        return None
    return copy if copy.is_file() else None


def _show(node) -> str:
    return curie(node) if isinstance(node, URIRef) else str(node)
