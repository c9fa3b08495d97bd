"""Write output files whole or not at all, and only where a file belongs.

:func:`atomic_write` (and :func:`atomic_file`, for output written as it
is made) writes through a temporary file and a rename, and
writes only regular files: it refuses a name that ends like a folder, a
target that is a folder, a device, a pipe, a socket or a symbolic link,
and a file the user may not write or that has no write permission at all
(so a read-only file stays as it was, even for root). A file it replaces
keeps its permissions. :func:`check_target` applies the same rules before
a command starts its work.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import KGError


def check_target(path: str | os.PathLike) -> os.stat_result | None:
    """Refuse ``path`` unless a regular file may be written there.

    Returns the status of the file that is there, or ``None`` when there
    is none yet (whether its folder exists is left to the write).

    Raises
    ------
    KGError
        When the name ends with a separator, ``.`` or ``..``; when the
        target is a folder, a symbolic link or not a regular file; when it
        is a file the user may not write or that has no write permission.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_target(folder / "new.txt") is None
    True
    >>> check_target(f"{folder}/out/")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: ...out/: names a folder: give a file name
    """
    raw = os.fspath(path)
    name = os.path.basename(raw.rstrip(os.sep + (os.altsep or ""))) if raw else ""
    if not raw or raw.endswith(os.sep) or (os.altsep and raw.endswith(os.altsep)) or name in (
        ".", ".."
    ):
        raise KGError("names a folder: give a file name", file=raw)
    try:
        status = os.lstat(raw)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise KGError(f"cannot write here: {getattr(err, 'strerror', None) or err}",
                      file=raw) from None
    mode = status.st_mode
    if stat.S_ISLNK(mode):
        raise KGError("is a symbolic link: kg writes only regular files; "
                      "give the path of the file itself", file=raw)
    if stat.S_ISDIR(mode):
        raise KGError("is a folder: give a file name", file=raw)
    if not stat.S_ISREG(mode):
        raise KGError("is not a regular file (a device, pipe or socket): "
                      "kg writes only regular files", file=raw)
    # Root may write anything; a file without any write permission was
    # still made read-only on purpose.
    if not mode & 0o222 or not os.access(raw, os.W_OK):
        raise KGError("is read-only: kg does not replace it", file=raw)
    return status


def atomic_write(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and a failure leaves any
    previous file untouched. Only a regular file is written or replaced
    (see :func:`check_target`); a replaced file keeps its permissions and,
    where the user may set them, its owner and group.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, "hello\\n")
    >>> target.read_text()
    'hello\\n'
    """
    with atomic_file(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, as :func:`atomic_write` does.

    What is written goes to a temporary file beside ``path``, renamed onto
    it when the block ends without an error; an error removes it. Output
    of any size streams through it, never held in memory.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_file(target) as handle:
    ...     _ = handle.write(b"line 1\\n")
    ...     target.exists()
    False
    >>> target.read_bytes()
    b'line 1\\n'
    """
    previous = check_target(path)
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise KGError(f"cannot write here: {err.strerror}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, _mode(previous))
        if previous is not None:
            _keep_owner(tmp, previous)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise KGError(f"cannot write: {err.strerror}", file=str(target)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(previous: os.stat_result | None) -> int:
    """The permissions of the file being replaced, or those any new file gets
    (mkstemp makes its file private)."""
    if previous is not None:
        # never carry set-user-ID or set-group-ID over to new content
        return stat.S_IMODE(previous.st_mode) & ~(stat.S_ISUID | stat.S_ISGID)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _keep_owner(tmp: str, previous: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    current = os.stat(tmp)
    if (current.st_uid, current.st_gid) == (previous.st_uid, previous.st_gid):
        return
    try:
        os.chown(tmp, previous.st_uid, previous.st_gid)
    except PermissionError:
        # only root may give a file away; the new file is then the user's
        pass
