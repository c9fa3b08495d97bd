"""Summary counts of a dataset: classes, relations, agreements, provenance."""

from __future__ import annotations

from dataclasses import dataclass

from kg.rdf.namespaces import curie
from kg.sparql.named import select


@dataclass(frozen=True)
class Stats:
    classes: list[tuple[str, int]]
    relations: list[tuple[int, str, int]]
    agreements: list[tuple[str, int]]
    curated: int
    with_provenance: int
    #: statements imported without a quote (kgc:unquoted), e.g. from a Kumu map
    unquoted: int = 0

    @property
    def provenance_share(self) -> float:
        return self.with_provenance / self.curated if self.curated else 1.0

    def as_dict(self) -> dict:
        return {
            "classes": dict(self.classes),
            "relations": [
                {"polarity": p, "kind": k, "count": n} for p, k, n in self.relations
            ],
            "agreements_by_status": dict(self.agreements),
            "curated": self.curated,
            "with_provenance": self.with_provenance,
            "provenance_share": round(self.provenance_share, 4),
            "unquoted": self.unquoted,
        }


def stats(dataset) -> Stats:
    """Count what a dataset holds.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The data, e.g. from :func:`kg.rdf.load.load`.

    Returns
    -------
    Stats
        Counts of classes, relations and agreements, and the share of
        statements with provenance.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> s = stats(load())
    >>> s.provenance_share
    1.0
    """
    classes = [(curie(c), int(n)) for c, n in select(dataset, "stats-classes")]
    relations = [(int(p), curie(k), int(n)) for p, k, n in select(dataset, "stats-relations")]
    agreements = [(curie(s), int(n)) for s, _, n in select(dataset, "stats-agreements")]
    ((curated, sourced, unquoted),) = select(dataset, "stats-provenance")
    return Stats(classes, relations, agreements, int(curated), int(sourced), int(unquoted))
