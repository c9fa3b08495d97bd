"""Read RDF files into an rdflib ``Dataset``, named graphs kept.

Turtle, TriG, N-Triples, N-Quads and JSON-LD are read by file extension.
Triple formats go to the default graph; quad formats keep their named
graphs. Every error becomes a :class:`~kg.errors.KGError` naming the file
and, where the parser knows it, the line. Each file is read alone, by the
rules of :mod:`kg.rdf.sources`: nothing from the network or another file.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import NamespaceManager
from rdflib.parser import InputSource, PythonInputSource, StringInputSource
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES, PROJECT_PREFIXES, bind_prefixes
from kg.rdf.shipped import ontology_path, scenario_dir
from kg.rdf.sources import inline_contexts, parse_json, read_text

FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}

PathLike = str | os.PathLike


def rdf_files(paths: Iterable[PathLike]) -> list[Path]:
    """Expand folders into their RDF files (sorted); check that files exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.suffix in FORMATS)
            except OSError as err:
                raise KGError(err.strerror or "cannot read folder", file=str(path)) from None
            if not found:
                raise KGError("folder holds no RDF file (.ttl, .trig, .nt, .nq, .jsonld)",
                              file=str(path))
            files.extend(found)
        elif path.is_file():
            if path.suffix not in FORMATS:
                raise KGError(
                    f"unknown file type {path.suffix or '(none)'!r}; "
                    f"expected one of {', '.join(sorted(FORMATS))}",
                    file=str(path),
                )
            files.append(path)
        else:
            raise KGError("no such file or folder", file=str(path))
    return files


def default_paths() -> list[Path]:
    """The shipped scenario that commands read when given no paths."""
    return [scenario_dir()]


#: The named graph that holds the ontology inside a loaded dataset.
ONTOLOGY_GRAPH = URIRef("https://w3id.org/kg-relations/ontology")
#: The base of every file's relative IRIs (``<x>`` is ``kgr:x``), fixed, so
#: that a file means the same wherever it lies.
BASE_IRI = PREFIXES["kgr"]


def load(
    paths: Iterable[PathLike] | None = None,
    *,
    check_terms: bool = True,
    with_ontology: bool = True,
) -> Dataset:
    """Load RDF files (or folders of them) into one ``Dataset``.

    Parameters
    ----------
    paths : iterable of str or os.PathLike, optional
        Files or folders; the shipped summit scenario when ``None``.
    check_terms : bool, default True
        Refuse terms of the project's namespaces that the ontology does
        not declare.
    with_ontology : bool, default True
        Add the ontology as the named graph :data:`ONTOLOGY_GRAPH`, so
        that queries can follow ``rdfs:subClassOf`` and read labels of
        concepts.

    Returns
    -------
    rdflib.Dataset
        The statements of every file, in the named graphs the files give
        them, and the ontology's graph when ``with_ontology``.

    Examples
    --------
    >>> ds = load()
    >>> len(ds) > 1000
    True
    """
    files = rdf_files(default_paths() if paths is None else paths)
    dataset = Dataset(default_union=True)
    ontology = load_ontology() if (check_terms or with_ontology) else None
    declared = declared_terms(ontology) if check_terms else None
    # every file parses straight into the dataset: a copy from a dataset of
    # its own would cost as much as the parse (rdflib adds a quad in ~20 µs)
    for file in files:
        parse_into(dataset, file)
    # a file's own prefixes stay its own: the dataset's are the project's
    dataset.namespace_manager = NamespaceManager(dataset)
    bind_prefixes(dataset)
    unknown = sorted(used_terms(dataset) - declared) if declared is not None else []
    if unknown:
        raise _first_undeclared(files, declared, unknown)
    if with_ontology:
        target = dataset.graph(ONTOLOGY_GRAPH)
        dataset.addN((s, p, o, target) for s, p, o in ontology)
    return dataset


def parse_into(dataset: Dataset, file: Path) -> None:
    """Parse one file into ``dataset``, turning parser errors into KGError.

    The file is read alone, by the rules of :mod:`kg.rdf.sources`: a
    byte-order mark is skipped, and a JSON-LD context that is not inline
    is refused before rdflib, which would fetch it, sees it.
    """
    fmt = FORMATS[file.suffix]
    text = read_text(file)
    if fmt == "json-ld":
        data = parse_json(text, file=str(file))
        inlined = inline_contexts(text, file=str(file))
        if inlined is not text:
            data = json.loads(inlined)
        source = PythonInputSource(data)
    elif fmt in ("nt", "nquads"):
        source = InputSource()
        source.setCharacterStream(_WholeLines(text))
    else:
        source = StringInputSource(text)
    target = dataset if fmt in ("trig", "nquads", "json-ld") else dataset.default_graph
    try:
        with quiet_literals():
            target.parse(source=source, format=fmt, publicID=BASE_IRI)
    except BadSyntax as err:
        raise KGError(f"syntax error: {err._why}", file=str(file), line=err.lines + 1) from None
    except ParserError as err:
        line = _line_of_bad_ntriple(text, str(err))
        message = " ".join(str(err).split())  # rdflib's N-Quads message spans two lines
        if len(message) > 200:  # it quotes the whole line, which may hold a long literal
            message = message[:200] + "..."
        raise KGError(f"syntax error: {message}", file=str(file), line=line) from None
    except Exception as err:  # rdflib raises many types for malformed input
        raise KGError(f"cannot parse as {fmt}: {err}", file=str(file)) from None


@contextlib.contextmanager
def quiet_literals():
    """rdflib logs a traceback for each ill-typed literal ("1972-02-30"^^xsd:date)
    it parses; the shapes name such a literal in one line (kgsh:DateShape)."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


class _WholeLines(io.StringIO):
    """Text whose every read ends at a line end.

    rdflib's N-Triples reader reads 2 KiB at a time and searches its whole
    buffer for a line end after each read, so a line of n characters costs
    n**2 / 2048 steps (a 16 MiB literal, twenty minutes); handed whole
    lines, it finds each line end at once.
    """

    def read(self, size: int | None = -1) -> str:
        chunk = super().read(size)
        if size is not None and size > 0 and chunk and not chunk.endswith("\n"):
            chunk += self.readline()
        return chunk


def _line_of_bad_ntriple(text: str, message: str) -> int | None:
    bad = message.partition("Invalid line: ")[2].strip()
    if not bad and "):\n" in message:  # N-Quads: "Invalid line (why):\n'the line'"
        try:
            bad = str(ast.literal_eval(message.rpartition("):\n")[2])).strip()
        except (ValueError, SyntaxError):
            bad = ""
    if not bad:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == bad or bad in line:
            return number
    return None


def load_ontology() -> Graph:
    """The ontology ``ontology/kg.ttl`` as an rdflib ``Graph``.

    Parsed once per version of the file and shared: callers read it, and
    copy its triples before changing anything.
    """
    path = ontology_path()
    status = path.stat()
    return _parsed_ontology(str(path), status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=4)
def _parsed_ontology(path: str, mtime_ns: int, size: int) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    try:
        graph.parse(path, format="turtle")
    except BadSyntax as err:
        raise KGError(f"syntax error: {err._why}", file=path, line=err.lines + 1) from None
    return graph


def is_project_term(node: object) -> bool:
    """True for an IRI in one of the project's term namespaces (kg:, kgc:)."""
    return isinstance(node, URIRef) and any(
        str(node).startswith(PREFIXES[p]) for p in PROJECT_PREFIXES
    )


def declared_terms(ontology: Graph) -> set[URIRef]:
    """Every project term the ontology describes (appears as a subject)."""
    return {s for s in ontology.subjects() if is_project_term(s)}


def used_terms(graph: Graph | Dataset) -> set[URIRef]:
    """Every project term used anywhere in a graph."""
    quads = graph.quads((None, None, None, None)) if isinstance(graph, Dataset) else (
        (s, p, o, None) for s, p, o in graph
    )
    return {node for quad in quads for node in quad[:3] if is_project_term(node)}


def _first_undeclared(files: list[Path], declared: set[URIRef],
                      unknown: list[URIRef]) -> KGError:
    """The error for the first file, in order, that uses a project term the
    ontology lacks: each file is read again alone (on this path only), so
    that the error names the file that uses the term, not one that merely
    mentions it."""
    for file in files:
        part = Dataset()
        parse_into(part, file)
        used = sorted(used_terms(part) - declared)
        if used:
            return undeclared_error(used, [file])
    return undeclared_error(unknown, files)


def undeclared_error(unknown: list[URIRef], files: list[Path]) -> KGError:
    """The error for the first of ``unknown`` (sorted) project terms, at
    the first of ``files`` and line that mention it."""
    term = unknown[0]
    short = _short(term)
    more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
    message = f"unknown term {short}: not declared in ontology/kg.ttl{more}"
    for file in files:
        line = _first_line_mentioning(file, term, short)
        if line is not None:
            return KGError(message, file=str(file), line=line)
    return KGError(message, file=str(files[0]) if len(files) == 1 else None)


def _short(term: URIRef) -> str:
    for prefix in PROJECT_PREFIXES:
        if str(term).startswith(PREFIXES[prefix]):
            return f"{prefix}:{str(term)[len(PREFIXES[prefix]):]}"
    return str(term)


def _first_line_mentioning(file: Path, term: URIRef, short: str) -> int | None:
    pattern = re.compile(re.escape(str(term)) + "|" + re.escape(short) + r"(?![\w-])")
    for number, line in enumerate(read_text(file).splitlines(), start=1):
        if pattern.search(line):
            return number
    return None
