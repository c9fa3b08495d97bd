"""Scenarios as spreadsheets: the template, import, and export.

:func:`template` writes an empty workbook (or a folder of CSV files) with
one example row per sheet; :func:`import_sheets` reads a filled one, checks
every cell, builds the scenario, validates it with the shapes and the
verbatim-quote check, and only then writes it: all problems at once, each
naming the sheet, the row and the column, or a scenario that passes
``kg validate``. :func:`export_workbook` writes any scenario into the same
layout, so export then import gives the same statements (see
:mod:`kg.imports.sheet_export`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Dataset, URIRef

from kg.atomic import atomic_file, atomic_write, check_target
from kg.errors import KGError
from kg.imports.sheet_build import Built, Problem, Table, Vocab, build, plain_file_name
from kg.imports.sheet_export import scenario_tables
from kg.imports.sheet_io import csv_files, read_tables, workbook_bytes
from kg.imports.sheet_layout import SHEETS
from kg.imports.sheet_terms import resource, slug
from kg.rdf.load import declared_terms, load_ontology, used_terms
from kg.rdf.namespaces import KG, KGC, bind_prefixes, curie

#: The assertion mode of a statement imported without its source's words.
UNQUOTED = KGC.unquoted


class SheetErrors(KGError):
    """Every problem of a workbook, one line each (``lines``)."""

    def __init__(self, problems: list[Problem], *, file: str):
        self.lines = [str(p) for p in problems]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{self.lines[0]}{more}", file=None)
        self.file_name = file


def is_folder_target(target: str | os.PathLike) -> bool:
    """A folder of CSV files is meant: the name ends with ``/`` or is a folder."""
    raw = os.fspath(target)
    return raw.endswith(("/", os.sep)) or Path(raw).is_dir()


def example_tables() -> dict[str, Table]:
    """The template's example rows, one sheet each (invented names)."""
    return {s.name: Table(s.name, s.name, [(n, dict(cells)) for n, cells in
                                           enumerate(s.example, start=2)]) for s in SHEETS}


def template(target: str | os.PathLike) -> list[str]:
    """Write the empty workbook (``.xlsx``) or folder of CSV files; the
    files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "scenario.xlsx"
    >>> template(out) == [str(out)]
    True
    """
    vocab = Vocab(load_ontology())
    tables = example_tables()
    if is_folder_target(target):
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in csv_files(tables, vocab=vocab).items():
            atomic_write(folder / name, text)
            written.append(str(folder / name))
        return written
    if Path(target).suffix.lower() != ".xlsx":
        raise KGError("give a file name ending in .xlsx, or a folder (ending in /) for CSV "
                      "files", file=os.fspath(target))
    atomic_write(target, workbook_bytes(tables, vocab=vocab))
    return [os.fspath(target)]


def export_workbook(dataset: Dataset) -> bytes:
    """A scenario as workbook bytes in the template's layout.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> data = export_workbook(load(["tests/fixtures/dated.trig"]))
    >>> data[:2], data == export_workbook(load(["tests/fixtures/dated.trig"]))
    (b'PK', True)
    """
    vocab = Vocab(load_ontology())
    return workbook_bytes(scenario_tables(dataset, vocab=vocab), vocab=vocab)


def export_csv(dataset: Dataset) -> dict[str, str]:
    """A scenario as CSV texts, one per sheet, in the template's layout."""
    vocab = Vocab(load_ontology())
    return csv_files(scenario_tables(dataset, vocab=vocab), vocab=vocab)


@dataclass
class Imported:
    """What an import wrote: the TriG file, the copies of sources, counts."""

    trig: str
    copies: list[str] = field(default_factory=list)
    rows: int = 0
    quads: int = 0
    notes: list[str] = field(default_factory=list)
    unquoted: bool = False
    #: quotes whose sources have no local copy to check them against
    unchecked_quotes: int = 0


def graph_name(output: str | os.PathLike) -> URIRef:
    """The named graph of a scenario written into folder ``output``."""
    return resource("graph-" + slug(Path(os.fspath(output).rstrip("/")).resolve().name))


def import_sheets(path: str | os.PathLike, *, output: str | os.PathLike,
                  sources: str | os.PathLike | None = None) -> Imported:
    """Read a workbook (or folder of CSV files) and write its scenario.

    The scenario goes to ``OUTPUT/NAME.trig`` (``NAME`` the folder's name),
    with the local copies of its sources (looked for in ``sources``,
    default the workbook's folder) beside it. Nothing is written when any
    cell is wrong or the scenario fails validation: :class:`SheetErrors`
    lists every problem.
    """
    tables, problems = read_tables(path)
    return write_scenario(tables, problems, output=output,
                          sources=sources or _folder_of(path), origin=os.fspath(path))


def _folder_of(path) -> Path:
    path = Path(path)
    return path if path.is_dir() else path.parent


def write_scenario(tables: dict[str, Table], problems: list[Problem], *, output, sources,
                   origin: str, unquoted: bool = False) -> Imported:
    """Build, check and write the scenario of ``tables`` (see :func:`import_sheets`)."""
    ontology = load_ontology()
    vocab = Vocab(ontology)
    built = build(tables.values(), ontology=ontology, graph=graph_name(output), vocab=vocab,
                  quotes_required=not unquoted)
    if unquoted:
        mark_unquoted(built)
    problems = problems + built.problems
    unchecked = 0
    if not problems:
        problems, unchecked = check(built, ontology, sources=Path(sources), unquoted=unquoted)
    if problems:
        raise SheetErrors(sorted(set(problems)), file=origin)
    done = _write(built, tables, output=Path(output), sources=Path(sources))
    done.unchecked_quotes = unchecked
    return done


def check(built: Built, ontology, *, sources: Path,
          unquoted: bool = False) -> tuple[list[Problem], int]:
    """Undeclared terms, then the shapes and the quote check, as problems of
    rows; and how many quotes no source text could check."""
    from kg.rdf.validate import validate

    dataset = _dataset(built.quads)
    unknown = sorted(used_terms(dataset) - declared_terms(ontology) - (
        {UNQUOTED} if unquoted else set()))
    if unknown:
        return [Problem("other", 0, "-", f"{curie(t)} is not a term of the ontology "
                        "(ontology/kg.ttl); see kg vocab") for t in unknown], 0
    report = validate(dataset, source_dirs=[sources])
    out = []
    for v in report.violations:
        if v.severity != "Violation":
            continue
        if unquoted and v.path == "kg:quote" and "verbatim words" in v.message:
            continue
        where, row = built.origin.get(resource_or_none(v.focus), ("scenario", 0))
        column = _column_of(where, v.path)
        out.append(Problem(where, row, column, v.message))
    return out, report.unchecked_quotes


def mark_unquoted(built: Built) -> None:
    """Mark each statement that has no quote ``kg:assertionMode kgc:unquoted``."""
    quoted = {s for s, p, _, _ in built.quads if p == KG.quote}
    graphs = {s: g for s, p, _, g in built.quads if p == RDF.type}
    for subject in sorted(built.origin, key=str):
        if subject not in quoted and subject in graphs and \
                (subject, RDF.type, KG.SourceDocument, graphs[subject]) not in built.quads:
            built.quads.append((subject, KG.assertionMode, UNQUOTED, graphs[subject]))


def import_kumu(path: str | os.PathLike, *, output: str | os.PathLike,
                no_quotes: bool = False, sources: str | os.PathLike | None = None) -> Imported:
    """Read a Kumu workbook (Elements, Connections) and write its scenario;
    the notes say which columns and types did not map."""
    from kg.imports.sheet_kumu import kumu_tables

    tables, problems, notes = kumu_tables(path, vocab=Vocab(load_ontology()),
                                          no_quotes=no_quotes)
    if problems:  # the map's own problems first: its rows mean little until they are fixed
        raise SheetErrors(problems, file=os.fspath(path))
    done = write_scenario(tables, problems, output=output, sources=sources or _folder_of(path),
                          origin=os.fspath(path), unquoted=no_quotes)
    done.notes, done.unquoted = notes, no_quotes
    return done


def export_kumu(dataset: Dataset) -> bytes:
    """A scenario's actors and ties in Kumu's layout (xlsx bytes)."""
    from kg.imports.sheet_kumu import kumu_workbook

    return kumu_workbook(dataset, vocab=Vocab(load_ontology()))


def resource_or_none(text: str):
    try:
        return resource(text)
    except Exception:
        return None


def _column_of(where: str, path: str | None) -> str:
    if path is None:
        return "-"
    for s in SHEETS:
        if where.endswith((s.name, f"sheet {s.name},", f"{s.name}.csv")):
            for column in s.columns:
                if column.pred is not None and curie(column.pred) == path:
                    return column.name
    return path


def _dataset(quads) -> Dataset:
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    for s, p, o, g in quads:
        dataset.graph(g).add((s, p, o))
    return dataset


def _write(built: Built, tables: dict[str, Table], *, output: Path, sources: Path) -> Imported:
    """Write the scenario and its sources' copies into ``output``: every
    target checked first, the copies then the TriG, and on a failure
    nothing of this import left behind."""
    from kg.sparql.export import export_rdf

    name = slug(output.resolve().name) or "scenario"
    trig = output / f"{name}.trig"
    copies = _copies(built, output=output, sources=sources)
    data = export_rdf(built.quads, fmt="trig")
    for target in [trig, *(t for t, _ in copies)]:
        check_target(target)
    made = [p for p in (output, *output.parents) if not p.exists()]
    written: list[Path] = []
    try:
        output.mkdir(parents=True, exist_ok=True)
        for target, source in copies:
            with open(source, "rb") as handle, atomic_file(target) as out:
                written.append(target)
                shutil.copyfileobj(handle, out)
        atomic_write(trig, data)
    except BaseException as err:
        for target in written:
            target.unlink(missing_ok=True)
        for folder in made:  # the deepest first
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(err, OSError):
            raise KGError(f"cannot copy: {err.strerror}", file=err.filename) from None
        raise
    return Imported(str(trig), [str(t) for t, _ in copies],
                    rows=sum(len(t.rows) for t in tables.values()), quads=len(set(built.quads)))


def _copies(built: Built, *, output: Path, sources: Path) -> list[tuple[Path, Path]]:
    """The local copies to write, ``(target, source)``: each a plain file name
    that stays inside the sources folder and inside the output folder (a
    link that leads out counts as out), or a :class:`KGError`."""
    copies = []
    for name in sorted({str(q[2]) for q in built.quads if q[1] == KG.localCopy}):
        source, target = sources / name, output / name
        if not (plain_file_name(name) and _inside(source, sources)
                and _inside(target, output)):
            raise KGError(f"local copy {name!r} is not inside both the sources folder "
                          f"({sources}) and the output folder: not copied, nothing written",
                          file=os.fspath(output))
        if source.is_file() and not target.exists() and source.resolve() != target.resolve():
            copies.append((target, source))
    return copies


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False
