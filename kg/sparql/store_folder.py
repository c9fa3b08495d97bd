"""The folder of an on-disk store: what kg may replace, its lock, and recovery.

:func:`kg.sparql.store.load_store` builds a new state of a store beside it
and swaps it in; this module keeps that safe:

* a store kg made holds its manifest, ``kg-store.json``: :func:`check_folder`
  lets kg write only into a missing or empty folder or into a store it made
  that holds nothing but Oxigraph's files and the manifest, so kg never
  deletes a file it did not write;
* :func:`store_lock` serialises the writers of a store (loads and updates)
  with ``fcntl.flock`` on a lock file beside the store folder,
  ``.NAME.kg-lock``; it stays outside the folder, which a swap renames;
* the new state is built in ``.NAME.loading-XXXXXXXX`` beside the store and
  the old store goes there while it is swapped (:func:`swap`); a load that
  was killed leaves that folder behind, and :func:`recover`, run under the
  lock, puts back a store that was hidden by a half-done swap and removes
  the leftover folders, which no one can be using while the lock is held.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kg.errors import KGError

MANIFEST = "kg-store.json"
#: How long a writer waits for another one to finish with a store, in seconds.
LOCK_WAIT = 60.0

# The files Oxigraph (RocksDB) writes into a store, and kg's manifest with
# the temporary file it is written through.
_OWN_FILES = re.compile(
    r"\d+\.(log|sst|blob|dbtmp)|CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?"
    r"|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?|kg-store\.json|\.kg-store\.json\.\w+\.tmp"
)
# What a loading folder holds: the store being built and the old one.
_LOADING_PARTS = {"store", "old"}


def is_store(path: Path) -> bool:
    """Whether a folder holds an Oxigraph store (made by kg or not)."""
    return (Path(path) / "CURRENT").is_file()


def is_kg_store(path: Path) -> bool:
    """Whether a folder holds an Oxigraph store that kg made: one with its manifest."""
    manifest = Path(path) / MANIFEST
    if not (is_store(path) and manifest.is_file()):
        return False
    try:
        return isinstance(json.loads(manifest.read_text(encoding="utf-8")).get("files"), dict)
    except (OSError, ValueError, AttributeError):
        return False


def read_manifest(store_dir: Path) -> dict:
    """The manifest of a store kg made (an empty one when there is none)."""
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


def write_manifest(store_dir: Path, manifest: dict) -> None:
    from kg.atomic import atomic_write

    atomic_write(Path(store_dir) / MANIFEST, json.dumps(manifest, indent=2) + "\n")


def check_folder(store_dir: Path, *, shown: str) -> str:
    """What a store folder is: ``new`` (missing), ``empty`` or ``kg`` (a
    store kg made); anything else is refused, as kg would delete it.

    ``shown`` is the folder as the user named it, for messages.
    """
    if not store_dir.exists():
        return "new"
    if not store_dir.is_dir():
        raise KGError("not a folder", file=shown)
    entries = sorted(p.name for p in store_dir.iterdir())
    if not entries:
        return "empty"
    if is_kg_store(store_dir):
        foreign = [name for name in entries if not _OWN_FILES.fullmatch(name)]
        if foreign:
            raise KGError(f"the store holds {foreign[0]}, which kg did not write; move it out "
                          "of the store folder (a load replaces the whole folder)", file=shown)
        return "kg"
    if _looks_like_oxigraph(store_dir):
        raise KGError("the folder holds an Oxigraph store that kg did not make (it has no "
                      f"{MANIFEST}); kg replaces only its own stores: load into a new "
                      "or empty folder", file=shown)
    raise KGError("the folder is neither empty nor a store made by kg; load into a new "
                  "or empty folder", file=shown)


def _looks_like_oxigraph(store_dir: Path) -> bool:
    try:
        current = (store_dir / "CURRENT").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return re.fullmatch(r"MANIFEST-\d+\s*", current) is not None


def check_not_open(store_dir: Path, *, shown: str) -> None:
    """Refuse a store another process (a server) has open for writing: a
    load would swap the folder from under it, losing what it writes next.

    Oxigraph holds a POSIX lock on the store's ``LOCK`` file while it is open
    for writing; this tries that lock. Within one process such locks do not
    conflict (and closing the file drops them), so this process must not
    have the store open for writing itself, as a load never does.
    """
    try:
        import fcntl
    except ImportError:  # Windows: Oxigraph's lock there is not a POSIX one
        return
    try:
        fd = os.open(Path(store_dir) / "LOCK", os.O_RDWR)
    except OSError:
        return  # no lock file: no writer
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise KGError("another process has the store open for writing (a server?); stop "
                      "it, then load", file=shown) from None
    finally:
        os.close(fd)


def lock_path(store_dir: Path) -> Path:
    """The lock file of a store: beside its folder, which a load renames."""
    store_dir = Path(store_dir).resolve()
    return store_dir.parent / f".{store_dir.name}.kg-lock"


@contextlib.contextmanager
def store_lock(store_dir: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the store's write lock, waiting up to ``wait`` seconds for it.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with store_lock(folder / "store"):  # doctest: +ELLIPSIS
    ...     with store_lock(folder / "store", wait=0):
    ...         pass
    Traceback (most recent call last):
    ...
    kg.errors.KGError: .../store: another kg process (pid ...) is writing this store; ...
    """
    path = lock_path(store_dir)
    wait = LOCK_WAIT if wait is None else wait
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise KGError(f"cannot lock the store: {err.strerror}", file=str(path)) from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd, path):
            if time.monotonic() >= deadline:
                os.lseek(fd, 1, os.SEEK_SET)
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                raise KGError(f"another kg process (pid {holder}) is writing this store; "
                              f"waited {wait:g} s: try again when it has finished",
                              file=str(store_dir))
            time.sleep(0.05)
        # The holder's pid, for the message a waiting writer gives; after the
        # first byte, which is what Windows locks.
        os.ftruncate(fd, 1)
        os.lseek(fd, 1, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)


def _try_lock(fd: int, path: Path) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise KGError(f"cannot lock the store: {err.strerror}", file=str(path)) from None
    return True


def loading_folders(store_dir: Path) -> list[Path]:
    """The folders beside a store in which kg builds its new states."""
    store_dir = Path(store_dir).resolve()
    pattern = re.compile(rf"\.{re.escape(store_dir.name)}\.loading-\w+")
    try:
        return sorted(p for p in store_dir.parent.iterdir()
                      if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    except OSError:
        return []


def new_loading_folder(store_dir: Path) -> Path:
    store_dir = Path(store_dir).resolve()
    return Path(tempfile.mkdtemp(dir=store_dir.parent, prefix=f".{store_dir.name}.loading-"))


def hidden_store(store_dir: Path) -> Path | None:
    """The old store that a load killed between the two renames of its swap
    left in its loading folder, when the store folder is missing (or was
    made again, empty)."""
    store_dir = Path(store_dir)
    if store_dir.exists() and (not store_dir.is_dir() or any(store_dir.iterdir())):
        return None
    hidden = [folder / "old" for folder in loading_folders(store_dir)
              if is_kg_store(folder / "old")]
    return max(hidden, key=lambda p: (p / MANIFEST).stat().st_mtime, default=None)


def recover(store_dir: Path) -> bool:
    """Undo what a killed load left; call it holding :func:`store_lock`.

    A store hidden by a half-done swap is put back, so the interrupted load
    has not happened; then the loading folders are removed: with the lock
    held, no load is using them. A folder holding anything else than what a
    load writes is left alone, and so is an old store while the store
    folder holds no store kg made. Returns whether a store was put back.
    """
    store_dir = Path(store_dir).resolve()
    hidden = hidden_store(store_dir)
    if hidden is not None:
        os.replace(hidden, store_dir)  # a rename replaces an empty folder
    swapped = is_kg_store(store_dir)
    for folder in loading_folders(store_dir):
        parts = {p.name for p in folder.iterdir()}
        if parts <= _LOADING_PARTS and (swapped or "old" not in parts):
            shutil.rmtree(folder, ignore_errors=True)
    return hidden is not None


def restore_interrupted(store_dir: Path, *, wait: float | None = None) -> bool:
    """Put back a store hidden by a killed load, if there is one; whether
    the folder now holds a store. Takes the lock only when there is work."""
    if hidden_store(store_dir) is None:
        return False
    with store_lock(store_dir, wait=wait):
        recover(store_dir)
    return is_store(store_dir)


def swap(target: Path, store_dir: Path, work: Path, *, kind: str, shown: str) -> None:
    """Put the finished store ``target`` in place of the folder ``store_dir``.

    The old store goes to ``work/old`` between the two renames, where
    :func:`recover` finds it if the process dies there.
    """
    if kind != "kg":
        # A missing folder, or an empty one, which a rename replaces.
        try:
            os.replace(target, store_dir)
        except OSError as err:
            raise KGError(f"cannot put the store in place: {err.strerror}", file=shown) from None
        return
    check_folder(store_dir, shown=shown)  # nothing new arrived in it while loading
    check_not_open(store_dir, shown=shown)
    old = work / "old"
    os.replace(store_dir, old)
    try:
        os.replace(target, store_dir)
    except OSError as err:
        os.replace(old, store_dir)
        raise KGError(f"cannot put the store in place: {err.strerror}", file=shown) from None


def mark_edited(store_dir: Path) -> dict | None:
    """Record in the manifest of a store kg made that an update changed it,
    so that a later load will not silently rebuild the edits away.

    Returns the manifest as it was, to put back if the update does nothing,
    or ``None`` for a store kg did not make (which has no manifest to mark).
    """
    if not is_kg_store(store_dir):
        return None
    manifest = read_manifest(store_dir)
    if not manifest.get("edited"):
        write_manifest(store_dir, {**manifest, "edited": True})
    return manifest


def store_error(err: Exception, *, shown: str) -> KGError:
    """The one-line error for a store Oxigraph cannot open or read."""
    detail = " ".join(str(err).split())
    if isinstance(err, RuntimeError) or "Corruption" in detail:
        return KGError(f"the store is damaged ({detail}); rebuild it from its files with "
                       "kg load --replace", file=shown)
    return KGError(f"cannot open the store: {detail}", file=shown)
