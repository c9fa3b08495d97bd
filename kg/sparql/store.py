"""Load RDF files into an on-disk Oxigraph store, safely and repeatably.

:func:`load_store` bulk-loads files into the store folder ``DIR`` (an
ordinary Oxigraph store, so ``oxigraph serve --location DIR`` serves it):

* named graphs are kept; the ontology is added as the named graph
  :data:`kg.rdf.load.ONTOLOGY_GRAPH`, as :func:`kg.rdf.load.load` does in memory;
* the folder keeps a manifest, ``kg-store.json``, of each loaded file and its
  SHA-256 digest: loading an unchanged file again does nothing, and a file
  that changed since it was loaded makes the store be rebuilt from the
  files of the manifest, so no statement is duplicated or left stale;
* relative IRIs resolve against :data:`kg.rdf.load.BASE_IRI`, as in memory (the
  manifest records the base, and a store read with another is rebuilt);
* the new state is built beside the store (a hard-linked backup of it plus
  the new files) and swapped in only when every file has loaded, so a failed
  load leaves the store as it was;
* N-Triples and N-Quads files are cut into chunks at line ends and the
  chunks bulk-loaded in parallel threads, one per core (pyoxigraph releases
  the GIL while it parses and writes); a file with blank nodes loads whole,
  as each parse gives its blank nodes new identities.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

MANIFEST = "kg-store.json"
_CHUNK_BYTES = 64 * 1024 * 1024
_LINE_FORMATS = (".nt", ".nq")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_store` did."""

    loaded: tuple[str, ...]
    unchanged: tuple[str, ...]
    rebuilt: bool
    quads: int
    graphs: int


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def read_manifest(store_dir: Path) -> dict:
    path = Path(store_dir) / MANIFEST
    if not path.is_file():
        return {"files": {}, "ontology": None}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise KGError("the store's manifest is not valid JSON", file=str(path)) from None
    manifest.setdefault("files", {})
    manifest.setdefault("ontology", None)
    return manifest


def is_store(path: Path) -> bool:
    return (Path(path) / "CURRENT").is_file()


def load_store(
    paths: Iterable[str | os.PathLike],
    store_dir: str | os.PathLike,
    *,
    replace: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
) -> LoadReport:
    """Bulk-load RDF files into the on-disk store ``store_dir``.

    Parameters
    ----------
    paths : files or folders of RDF (see :func:`kg.rdf.load.rdf_files`).
    store_dir : the store folder; created when missing.
    replace : make the store hold exactly these files.
    workers : threads for the parallel load (default: one per core).
    progress : called with (bytes done, bytes in all) as chunks finish.

    Examples
    --------
    >>> import tempfile
    >>> from kg.rdf.shipped import scenario_dir
    >>> folder = tempfile.mkdtemp()
    >>> first = load_store([scenario_dir()], folder + "/store")
    >>> again = load_store([scenario_dir()], folder + "/store")
    >>> (len(first.loaded), len(again.loaded), first.quads == again.quads)
    (2, 0, True)
    """
    from kg.rdf.load import BASE_IRI, rdf_files
    from kg.rdf.shipped import ontology_path

    store_dir = Path(store_dir)
    if store_dir.exists() and not store_dir.is_dir():
        raise KGError("not a folder", file=str(store_dir))
    if store_dir.is_dir() and any(store_dir.iterdir()) and not is_store(store_dir):
        raise KGError("folder is neither empty nor an Oxigraph store; "
                      "choose a new or empty folder", file=str(store_dir))
    files = rdf_files(paths)
    existing = is_store(store_dir)
    manifest = read_manifest(store_dir) if existing and not replace else {"files": {},
                                                                          "ontology": None}
    digests = {str(f.resolve()): digest(f) for f in files}
    known = manifest["files"]
    changed = [p for p, d in digests.items() if p in known and known[p] != d]
    new = [p for p, d in digests.items() if p not in known]
    unchanged = sorted(p for p, d in digests.items() if known.get(p) == d)
    ontology = ontology_path()
    ontology_digest = digest(ontology)
    # A store whose files were read with another base IRI is built again.
    rebuild = replace or not existing or bool(changed) or manifest.get("base") != BASE_IRI

    if not rebuild and not new and manifest["ontology"] == ontology_digest:
        quads, graphs = _counts(store_dir)
        return LoadReport((), tuple(unchanged), False, quads, graphs)

    if rebuild:
        sources = dict(digests) if replace else {**known, **digests}
        gone = sorted(p for p in sources if not Path(p).is_file())
        if gone:
            raise KGError("was loaded into the store before but is gone; "
                          "load with --replace to start afresh", file=gone[0])
        sources = {p: (digests.get(p) or digest(Path(p))) for p in sources}
        to_load = sorted(sources)
        unchanged_out: list[str] = [] if replace else sorted(set(known) - set(changed))
    else:
        sources = {**known, **digests}
        to_load = sorted(new)
        unchanged_out = unchanged

    parent = store_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=parent, prefix=f".{store_dir.name}.loading-"))
    try:
        target = work / "store"
        _build(target, store_dir if (existing and not rebuild) else None,
               [Path(p) for p in to_load], ontology,
               reload_ontology=rebuild or manifest["ontology"] != ontology_digest,
               workers=workers, progress=progress)
        (target / MANIFEST).write_text(
            json.dumps({"files": dict(sorted(sources.items())), "ontology": ontology_digest,
                        "base": BASE_IRI}, indent=2) + "\n", encoding="utf-8")
        quads, graphs = _counts(target)
        _swap(target, store_dir, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    loaded = sorted(to_load) if rebuild else to_load
    return LoadReport(tuple(loaded), tuple(sorted(set(unchanged_out) - set(loaded))), rebuild,
                      quads, graphs)


def _build(target: Path, base: Path | None, files: list[Path], ontology: Path, *,
           reload_ontology: bool, workers: int | None, progress: Progress | None) -> None:
    import pyoxigraph

    if base is not None:
        try:
            pyoxigraph.Store.read_only(str(base)).backup(str(target))
        except OSError as err:
            raise KGError(f"cannot copy the store: {err}", file=str(base)) from None
    store = pyoxigraph.Store(str(target))
    fill(store, files, ontology if reload_ontology else None, workers=workers,
         progress=progress)
    # Compacting the freshly loaded files once makes later queries on a
    # read-only handle about twice as fast.
    try:
        store.flush()
        store.optimize()
    except OSError as err:
        raise KGError(f"cannot write the store: {err}", file=str(target)) from None
    del store


def fill(store, files: list[Path], ontology: Path | None, *, workers: int | None = None,
         progress: Progress | None = None) -> None:
    """Bulk-load ``files`` (and ``ontology``, as its own named graph) into
    an open ``pyoxigraph.Store``, N-Triples and N-Quads in parallel chunks."""
    import pyoxigraph

    from kg.rdf.load import ONTOLOGY_GRAPH

    jobs = [job for f in files for job in _chunks(f)]
    total = sum(_weight(job) for job in jobs) or 1
    done = 0
    if ontology is not None:
        graph = pyoxigraph.NamedNode(str(ONTOLOGY_GRAPH))
        store.remove_graph(graph)
        _bulk(store, ontology, 0, None, to_graph=graph)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        futures = [pool.submit(_bulk, store, path, start, size) for path, start, size in jobs]
        errors = []
        for future, (path, start, size) in zip(futures, jobs, strict=True):
            try:
                future.result()
            except KGError as err:
                errors.append(err)
            done += _weight((path, start, size))
            if progress is not None:
                progress(done, total)
    if errors:
        raise min(errors, key=lambda e: (e.file or "", e.line or 0))


def _chunks(path: Path) -> list[tuple[Path, int, int | None]]:
    """(path, start, size) pieces of a file; line formats are cut at line ends."""
    size = path.stat().st_size
    if path.suffix not in _LINE_FORMATS or size <= _CHUNK_BYTES or _has_blank_nodes(path):
        return [(path, 0, None)]
    cores = os.cpu_count() or 1
    count = max(cores, -(-size // _CHUNK_BYTES))
    count = -(-count // cores) * cores
    cuts = [0]
    with open(path, "rb") as handle:
        for k in range(1, count):
            handle.seek(max(size * k // count, cuts[-1]))
            handle.readline()
            position = handle.tell()
            if position < size and position > cuts[-1]:
                cuts.append(position)
    cuts.append(size)
    return [(path, a, b - a) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _has_blank_nodes(path: Path) -> bool:
    """Whether a line file may hold blank node labels (``_:``), which name one
    node in the whole file: each parse would make them new nodes, so such a
    file loads in one piece."""
    with open(path, "rb") as handle:
        tail = b""
        for block in iter(lambda: handle.read(1 << 24), b""):
            if b"_:" in tail + block[:1] or b"_:" in block:
                return True
            tail = block[-1:]
    return False


def _weight(job: tuple[Path, int, int | None]) -> int:
    path, _, size = job
    return path.stat().st_size if size is None else size


def _bulk(store, path: Path, start: int, size: int | None, *, to_graph=None) -> None:
    from kg.rdf.load import BASE_IRI as base

    fmt = _format(path)
    try:
        if size is None:
            store.bulk_load(path=str(path), format=fmt, base_iri=base, to_graph=to_graph)
        else:
            with open(path, "rb") as handle:
                handle.seek(start)
                data = handle.read(size)
            store.bulk_load(input=data, format=fmt, base_iri=base, to_graph=to_graph)
    except SyntaxError as err:
        line = getattr(err, "lineno", None)
        if line is not None and start:
            line += _lines_before(path, start)
        message = str(err.msg if hasattr(err, "msg") else err)
        raise KGError(f"syntax error: {message}", file=str(path), line=line) from None
    except (OSError, ValueError) as err:
        raise KGError(f"cannot load: {err}", file=str(path)) from None


def _format(path: Path):
    import pyoxigraph

    return {
        ".ttl": pyoxigraph.RdfFormat.TURTLE,
        ".trig": pyoxigraph.RdfFormat.TRIG,
        ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
        ".nq": pyoxigraph.RdfFormat.N_QUADS,
        ".jsonld": pyoxigraph.RdfFormat.JSON_LD,
        ".json": pyoxigraph.RdfFormat.JSON_LD,
    }[path.suffix]


def _lines_before(path: Path, offset: int) -> int:
    count = 0
    with open(path, "rb") as handle:
        remaining = offset
        while remaining > 0:
            block = handle.read(min(remaining, 1 << 20))
            if not block:
                break
            count += block.count(b"\n")
            remaining -= len(block)
    return count


def _counts(store_dir: Path) -> tuple[int, int]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(store_dir))
    return len(store), sum(1 for _ in store.named_graphs())


def _swap(target: Path, store_dir: Path, work: Path) -> None:
    """Put the finished store in place of the old one."""
    if store_dir.exists():
        old = work / "old"
        os.replace(store_dir, old)
        try:
            os.replace(target, store_dir)
        except OSError:
            os.replace(old, store_dir)
            raise
    else:
        os.replace(target, store_dir)
