"""Kumu's spreadsheet layout, in and out.

Kumu (kumu.io) imports and exports a workbook of two sheets: ``Elements``
(Label, Type, Description, Tags, and any field of the user's) and
``Connections`` (From, To, Type, Direction, Label, Description, Tags).
:func:`kumu_tables` turns one into the rows of a scenario workbook:

* an element becomes an actor: its Type is matched against the actor
  classes of the ontology (by label or name, ``state``, ``person``,
  ``actor group``); another type makes a plain kg:Actor, said once;
* a connection becomes a relation: its Type must name a relation kind
  (``rivalry``, ``strategic partnership``); Direction ``directed`` makes
  it directed, ``undirected`` or ``mutual`` not; the sign and the weight
  follow from the kind (its polarity) unless Polarity or Weight columns
  give them;
* Description goes to the actor's note or the relation's description;
  Quote and Source columns, when the map has them, give the provenance;
  every other column (Tags, Label of a connection, a custom field) is
  dropped, one line each saying so.

A map without quotes is refused unless ``no_quotes``: then the map itself
is the source of every row and each statement is marked
``kg:assertionMode kgc:unquoted``. :func:`kumu_workbook` writes a scenario's
actors, relations and pressures in Kumu's layout.
"""

from __future__ import annotations

import io
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Literal, URIRef

from kg.errors import KGError
from kg.imports.sheet_build import Problem, Table, Vocab, one_of
from kg.imports.sheet_io import (
    FIXED_TIME,
    Rows,
    fixed_zip,
    open_workbook,
    sheet_rows,
    text_cells,
)
from kg.imports.sheet_layout import subclasses
from kg.imports.sheet_terms import slug
from kg.rdf.namespaces import KG, PROV

ELEMENT_COLUMNS = ("Label", "Type", "Description", "Tags")
CONNECTION_COLUMNS = ("From", "To", "Type", "Direction", "Label", "Description", "Tags")
#: Columns of a map that kg reads besides Kumu's own (its export writes them).
EXTRA_COLUMNS = ("Polarity", "Weight", "Quote", "Source")
MAP_SOURCE = "kumu-map"
DIRECTIONS = {"directed": "yes", "undirected": "no", "mutual": "no", "": ""}


def _rows(book, name: str, *, file: Path) -> Rows:
    found = next((s for s in book.sheetnames if s.lower() == name.lower()), None)
    if found is None:
        return [], []
    return sheet_rows(book, found, file=file)


def kumu_tables(path: str | Path, *, vocab: Vocab, no_quotes: bool = False
                ) -> tuple[dict[str, Table], list[Problem], list[str]]:
    """The scenario rows of a Kumu workbook, its problems, and one note per
    column or type that does not map."""
    path = Path(path)
    book = open_workbook(path)
    try:
        elements = _rows(book, "Elements", file=path)
        connections = _rows(book, "Connections", file=path)
    finally:
        book.close()
    if not any(elements):
        raise KGError("no Elements sheet: a Kumu workbook has Elements and Connections",
                      file=str(path))
    problems: list[Problem] = []
    notes: list[str] = []
    tables = {name: Table(name, f"{path.name}, sheet {title},") for name, title in
              (("actors", "Elements"), ("relations", "Connections"), ("sources", "Elements"))}
    ids = _elements(elements, tables["actors"], vocab, notes)
    _connections(connections, tables["relations"], ids, vocab, problems, notes)
    quoted = all(c.get("quote") and c.get("source") for t in ("actors", "relations")
                 for _, c in tables[t].rows)
    if not quoted and not no_quotes:
        first = next((t, n) for t in ("actors", "relations") for n, c in tables[t].rows
                     if not (c.get("quote") and c.get("source")))
        problems.append(Problem(tables[first[0]].where, first[1], "Quote",
                                "a Kumu map without a Quote and a Source on every row becomes "
                                "a scenario only with --no-quotes (every statement then marked "
                                "unquoted)"))
    titles: dict[str, str] = {}
    for t in ("actors", "relations"):
        for _, cells in tables[t].rows:
            if no_quotes and not cells.get("quote"):
                cells["source"] = MAP_SOURCE
                titles[MAP_SOURCE] = f"Kumu map {path.name}"
            elif cells.get("source"):
                titles.setdefault(slug(cells["source"]), cells["source"])
                cells["source"] = slug(cells["source"])
    tables["sources"].rows = [(n, {"id": name, "title": title}) for n, (name, title)
                              in enumerate(sorted(titles.items()), start=2)]
    return tables, problems, notes


def _header(rows: Rows) -> list[str]:
    return [h.strip() for h in rows[0]]


def _elements(rows, table: Table, vocab: Vocab, notes: list[str]) -> dict[str, str]:
    header = _header(rows)
    _drop(header, ("Label", "Type", "Description", "Quote", "Source"), "Elements", notes)
    ids: dict[str, str] = {}
    unmatched: set[str] = set()
    for number, row in rows[1]:
        cells = {h: (row[i] if i < len(row) else "").strip() for i, h in enumerate(header)}
        label = cells.get("Label", "")
        if not label:
            continue
        base, n = slug(label), 1
        name = base
        while name in ids.values():
            n += 1
            name = f"{base}-{n}"
        ids[label.lower()] = name
        found = vocab.find("class:Actor", cells.get("Type", "")) if cells.get("Type") else None
        if found is None and cells.get("Type"):
            unmatched.add(cells["Type"])
        out = {"id": name, "label": label, "class": found.text if found else "Actor"}
        for kumu, ours in (("Description", "note"), ("Quote", "quote"), ("Source", "source")):
            if cells.get(kumu):
                out[ours] = cells[kumu]
        table.rows.append((number, out))
    if unmatched:
        notes.append("Elements column Type: " + ", ".join(repr(t) for t in sorted(unmatched))
                     + " name no actor class of the ontology; those elements are plain actors")
    return ids


def _connections(rows, table: Table, ids: dict[str, str], vocab: Vocab,
                 problems: list[Problem], notes: list[str]) -> None:
    header = _header(rows)
    _drop(header, ("From", "To", "Type", "Direction", "Description", *EXTRA_COLUMNS),
          "Connections", notes)
    kinds = [c.text for c in vocab.allowed("scheme:RelationKind")]
    for number, row in rows[1]:
        cells = {h: (row[i] if i < len(row) else "").strip() for i, h in enumerate(header)}
        if not any(cells.values()):
            continue
        out = {}
        for end, ours in (("From", "from"), ("To", "to")):
            name = ids.get(cells.get(end, "").lower())
            if name is None:
                problems.append(Problem(table.where, number, end, f"{cells.get(end, '')!r} is "
                                        "not the Label of an element"))
            else:
                out[ours] = name
        kind = vocab.find("scheme:RelationKind", cells.get("Type", ""))
        if kind is None:
            problems.append(Problem(table.where, number, "Type", f"{cells.get('Type', '')!r} "
                                    "is not a relation kind; " + one_of(kinds)))
        else:
            out["kind"] = kind.text
        direction = cells.get("Direction", "").lower()
        if direction not in DIRECTIONS:
            problems.append(Problem(table.where, number, "Direction", f"{direction!r} is not a "
                                    "direction; use one of: directed, undirected, mutual"))
        elif DIRECTIONS[direction]:
            out["directed"] = DIRECTIONS[direction]
        for kumu, ours in (("Description", "description"), ("Polarity", "polarity"),
                           ("Weight", "weight"), ("Quote", "quote"), ("Source", "source")):
            if cells.get(kumu):
                out[ours] = cells[kumu]
        table.rows.append((number, out))


def _drop(header: list[str], kept: tuple[str, ...], sheet: str, notes: list[str]) -> None:
    for name in header:
        if name and name not in kept:
            why = ("kg has no tags: dropped" if name == "Tags" else
                   "a connection's label is not kept (its kind names it): dropped"
                   if name == "Label" else "no kg column for it: dropped")
            notes.append(f"{sheet} column {name}: {why}")


def kumu_workbook(dataset: Dataset, *, vocab: Vocab) -> bytes:
    """A scenario's actors and signed ties in Kumu's layout (xlsx bytes).

    Examples
    --------
    >>> from kg.rdf.load import load, load_ontology
    >>> data = kumu_workbook(load(["tests/fixtures/dated.trig"]), vocab=Vocab(load_ontology()))
    >>> data[:2]
    b'PK'
    """
    from openpyxl import Workbook

    actor_classes = set(subclasses(vocab.ontology, KG.Actor))
    labels: dict[URIRef, str] = {}
    elements = []
    for s in sorted({s for s, t in dataset.subject_objects(RDF.type) if t in actor_classes},
                    key=str):
        label = str(dataset.value(s, RDFS.label) or s)
        labels[s] = label
        types = sorted(str(vocab.ontology.value(t, RDFS.label) or "")
                       for t in dataset.objects(s, RDF.type) if t in actor_classes)
        elements.append([label, types[0] if types else "actor",
                         str(dataset.value(s, RDFS.comment) or ""), "",
                         *_provenance(dataset, s)])
    connections = []
    for s in sorted({s for s in dataset.subjects(RDF.type, KG.Relation)} |
                    {s for s in dataset.subjects(RDF.type, KG.Pressure)}, key=str):
        a, b = dataset.value(s, KG.fromActor), dataset.value(s, KG.toActor)
        kind = dataset.value(s, KG.relationKind)
        if a not in labels or b not in labels or kind is None:
            continue
        directed = dataset.value(s, KG.directed) == Literal(True)
        connections.append([labels[a], labels[b],
                            str(vocab.ontology.value(kind, RDFS.label) or kind),
                            "directed" if directed else "undirected", "",
                            str(dataset.value(s, KG.description) or ""), "",
                            str(dataset.value(s, KG.polarity) or ""),
                            str(dataset.value(s, KG.weight) or ""), *_provenance(dataset, s)])
    book = Workbook()
    sheet = book.active
    sheet.title = "Elements"
    sheet.append([*ELEMENT_COLUMNS, "Quote", "Source"])
    for row in elements:
        sheet.append(text_cells(sheet, row))
    sheet = book.create_sheet("Connections")
    sheet.append([*CONNECTION_COLUMNS, *EXTRA_COLUMNS])
    for row in sorted(connections):
        sheet.append(text_cells(sheet, row))
    book.properties.creator = "kg"
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


def _provenance(dataset: Dataset, s) -> list[str]:
    quotes = sorted(str(q) for q in dataset.objects(s, KG.quote))
    sources = sorted(str(x).rpartition("/")[2] for x in dataset.objects(s, PROV.wasDerivedFrom))
    return [quotes[0] if quotes else "", sources[0] if sources else ""]

