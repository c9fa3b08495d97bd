"""Load RDF files into an on-disk Oxigraph store, safely and repeatably.

:func:`load_store` bulk-loads files into the store folder ``DIR`` (an
ordinary Oxigraph store, so ``oxigraph serve --location DIR`` serves it):

* named graphs are kept; the ontology is added as the named graph
  :data:`kg.rdf.load.ONTOLOGY_GRAPH`, as :func:`kg.rdf.load.load` does in memory;
* the folder keeps a manifest, ``kg-store.json``, of each loaded file and the
  SHA-256 digest of its bytes: loading an unchanged file again does nothing;
  a file whose bytes the store already holds under another path (a copy, a
  link, another spelling of the path) is recorded but not loaded again, as
  each load of a file gives its blank nodes new identities; a file that
  changed since it was loaded makes the store be rebuilt from the files of
  the manifest, each content once, so no statement is duplicated or left stale;
* relative IRIs resolve against :data:`kg.rdf.load.BASE_IRI`, as in memory (the
  manifest records the base, and a store read with another is rebuilt);
* the new state is built beside the store (a hard-linked backup of it plus
  the new files) and swapped in only when every file has loaded, so a failed
  load leaves the store as it was;
* N-Triples and N-Quads files are cut into chunks at line ends and the
  chunks bulk-loaded in parallel threads, one per core (pyoxigraph releases
  the GIL while it parses and writes); a file with blank nodes loads whole,
  as each parse gives its blank nodes new identities.

And it keeps the folder safe (:mod:`kg.sparql.store_folder`):

* kg writes only into a missing or empty folder or into a store it made
  (one with its manifest), and refuses anything else with a one-line error:
  a folder of other files, an Oxigraph store another tool made, a kg store
  into which a file was put; it never deletes a file it did not write;
* one writer at a time: a load, and an update by ``kg query --update``
  (:mod:`kg.sparql.store_update`), holds the store's lock for its whole
  length; a second writer waits up to ``lock_wait`` seconds, then fails
  saying so;
* a load that was killed is undone by the next load, or by opening the
  store: a store hidden by a half-done swap is put back, and the folders
  the killed load was building in are removed;
* edits made by ``kg query --update`` are recorded in the manifest: a load
  that only adds files keeps them, and a load that would rebuild the store
  from its files, and so lose them, refuses, unless ``replace`` asks to
  start afresh (the report then says the edits were dropped);
* a damaged store gives a one-line error that says how to rebuild it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.sparql.store_folder import (
    MANIFEST,
    check_folder,
    check_not_open,
    is_store,
    new_loading_folder,
    read_manifest,
    recover,
    store_error,
    store_lock,
    swap,
    write_manifest,
)

__all__ = ["MANIFEST", "LoadReport", "digest", "fill", "is_store", "load_store",
           "read_manifest"]

_CHUNK_BYTES = 64 * 1024 * 1024
_LINE_FORMATS = (".nt", ".nq")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_store` did.

    ``duplicates`` are the files whose bytes the store already held under
    another path (or that another file of the load holds): recorded, not
    loaded again. ``restored`` says that a store hidden by a killed load was
    put back first; ``dropped_edits`` that ``replace`` rebuilt a store
    holding edits made by an update.
    """

    loaded: tuple[str, ...]
    unchanged: tuple[str, ...]
    rebuilt: bool
    quads: int
    graphs: int
    duplicates: tuple[str, ...] = ()
    restored: bool = False
    dropped_edits: bool = False


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def load_store(
    paths: Iterable[str | os.PathLike],
    store_dir: str | os.PathLike,
    *,
    replace: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    lock_wait: float | None = None,
) -> LoadReport:
    """Bulk-load RDF files into the on-disk store ``store_dir``.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Files or folders of RDF (see :func:`kg.rdf.load.rdf_files`).
    store_dir : str or os.PathLike
        The store folder; created when missing or empty; a folder holding
        anything but a store kg made is refused.
    replace : bool, default False
        Make the store hold exactly these files (dropping any edits made
        by updates).
    workers : int, optional
        Threads for the parallel load (default: one per core).
    progress : callable, optional
        Called with (bytes done, bytes in all) as chunks finish.
    lock_wait : float, optional
        Seconds to wait while another process writes the store (default
        :data:`kg.sparql.store_folder.LOCK_WAIT`).

    Examples
    --------
    >>> import tempfile
    >>> from kg.rdf.shipped import scenario_dir
    >>> folder = tempfile.mkdtemp()
    >>> first = load_store([scenario_dir()], folder + "/store")
    >>> again = load_store([scenario_dir()], folder + "/store")
    >>> (len(first.loaded) > 0, len(again.loaded), first.quads == again.quads)
    (True, 0, True)
    """
    from kg.rdf.load import BASE_IRI, rdf_files
    from kg.rdf.shipped import ontology_path

    shown = str(store_dir)
    # The real folder: a swap renames it, not a link to it.
    location = Path(store_dir).resolve()
    check_folder(location, shown=shown)  # refuse before leaving a lock file beside it
    files = rdf_files(paths)
    digests = {str(f.resolve()): digest(f) for f in files}
    ontology = ontology_path()
    ontology_digest = digest(ontology)
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KGError(f"cannot make the folder: {err.strerror}", file=shown) from None

    with store_lock(location, wait=lock_wait):
        restored = recover(location)
        kind = check_folder(location, shown=shown)
        if kind == "kg":
            check_not_open(location, shown=shown)
        manifest = read_manifest(location) if kind == "kg" else {"files": {}, "ontology": None}
        known = {} if replace else manifest["files"]
        changed = sorted(p for p, d in digests.items() if p in known and known[p] != d)
        rebuild = (replace or kind != "kg" or bool(changed)
                   or manifest.get("base") != BASE_IRI)
        edited = bool(manifest.get("edited"))
        if rebuild and kind == "kg" and not replace:
            _refuse_to_lose_edits(location, manifest, changed, shown=shown)

        sources = {**known, **digests}
        if rebuild:
            gone = sorted(p for p in sources if not Path(p).is_file())
            if gone:
                raise KGError("was loaded into the store before but is gone; "
                              "load with --replace to start afresh", file=gone[0])
            sources = {p: (digests.get(p) or digest(Path(p))) for p in sources}
            to_load = _one_path_per_content(sources, set())
            unchanged: list[str] = []
        else:
            to_load = _one_path_per_content(
                {p: d for p, d in digests.items() if p not in known}, set(known.values()))
            unchanged = sorted(p for p, d in digests.items() if known.get(p) == d)
        duplicates = sorted(p for p in (sources if rebuild else digests)
                            if p not in to_load and p not in unchanged)
        new_manifest = {"files": dict(sorted(sources.items())), "ontology": ontology_digest,
                        "base": BASE_IRI}
        if edited and not rebuild:
            new_manifest["edited"] = True
        if "quads" in manifest:
            new_manifest["quads"] = manifest["quads"]

        if not rebuild and not to_load and manifest["ontology"] == ontology_digest:
            if duplicates:
                write_manifest(location, new_manifest)
            quads, graphs = _counts(location, shown)
            return LoadReport((), tuple(unchanged), False, quads, graphs, tuple(duplicates),
                              restored)

        work = new_loading_folder(location)
        try:
            target = work / "store"
            _build(target, None if rebuild else location, [Path(p) for p in to_load],
                   ontology, reload_ontology=rebuild or manifest["ontology"] != ontology_digest,
                   workers=workers, progress=progress, shown=shown)
            quads, graphs = _counts(target, shown)
            # The size the load left, to tell later whether another writer changed it.
            write_manifest(target, {**new_manifest, "quads": quads})
            swap(target, location, work, kind=kind, shown=shown)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return LoadReport(tuple(to_load), tuple(unchanged), rebuild, quads, graphs,
                      tuple(duplicates), restored, dropped_edits=edited and rebuild)


def _refuse_to_lose_edits(location: Path, manifest: dict, changed: list[str], *,
                          shown: str) -> None:
    """Refuse to rebuild a store that something changed since kg loaded it:
    an update by kg (the manifest says so), or another writer, such as a
    server, when the store no longer holds as many quads as the load left."""
    reason = f"{changed[0]} changed" if changed else "its files were read with another base IRI"
    if manifest.get("edited"):
        raise KGError("the store holds edits made with `kg query --update` that rebuilding "
                      f"it would lose ({reason}); load with --replace to rebuild it from the "
                      "files alone", file=shown)
    if "quads" in manifest:
        now = _counts(location, shown)[0]
        if now != manifest["quads"]:
            raise KGError(f"the store changed since kg loaded it ({now:,} quads, not "
                          f"{manifest['quads']:,}) and rebuilding it would lose that "
                          f"({reason}); load with --replace to rebuild it from the files "
                          "alone", file=shown)


def _one_path_per_content(sources: dict[str, str], held: set[str]) -> list[str]:
    """The paths to load: the first of each content that ``held`` lacks."""
    chosen = []
    held = set(held)
    for path in sorted(sources):
        if sources[path] not in held:
            held.add(sources[path])
            chosen.append(path)
    return chosen


def _build(target: Path, base: Path | None, files: list[Path], ontology: Path, *,
           reload_ontology: bool, workers: int | None, progress: Progress | None,
           shown: str) -> None:
    import pyoxigraph

    if base is not None:
        try:
            pyoxigraph.Store.read_only(str(base)).backup(str(target))
        except (OSError, RuntimeError) as err:
            raise store_error(err, shown=shown) from None
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
    an open ``pyoxigraph.Store``, N-Triples and N-Quads in parallel chunks.

    Each file is read alone, as rdflib reads it (:mod:`kg.sparql.store_input`):
    a byte-order mark is skipped, a JSON-LD context that is not inline is
    refused, and a literal over 16 MiB loads (or, in a file too large to
    read whole, is refused in one line)."""
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
    """Load ``size`` bytes of ``path`` from ``start`` (all when ``None``), read
    by the rules of :mod:`kg.sparql.store_input`."""
    from kg.rdf.load import BASE_IRI as base
    from kg.sparql.store_input import opened, too_long

    fmt = _format(path)
    try:
        with opened(path, start, size) as data:
            store.bulk_load(input=data, format=fmt, base_iri=base, to_graph=to_graph)
    except MemoryError as err:
        raise too_long(path, err) from None
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


def _counts(store_dir: Path, shown: str) -> tuple[int, int]:
    import pyoxigraph

    try:
        store = pyoxigraph.Store.read_only(str(store_dir))
        return len(store), sum(1 for _ in store.named_graphs())
    except (OSError, RuntimeError) as err:
        raise store_error(err, shown=shown) from None
