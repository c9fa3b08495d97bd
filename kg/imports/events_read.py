"""Run the event SQL over event files with DuckDB: files in, rows of ties out.

DuckDB reads plain files itself, in parallel and out of core (it spills
to a temporary folder when the aggregation outgrows memory). It cannot
read zip archives: each member of a ``.zip`` is streamed through Python's
zipfile into a temporary file first (deleted afterwards), so a zipped
import needs room in the temporary folder for the unzipped text. Errors
name the file the user gave (the archive, with the member when it holds
several) and the line.

The SQL lives in ``kg/imports/sql/`` (loaded with importlib.resources);
parameters are bound, never formatted into it.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from kg.errors import KGError
from kg.imports.gdelt import COLUMNS

#: The formats of event files.
FORMATS = ("gdelt", "csv")
#: The columns of the generic CSV format (the first four are required).
CSV_COLUMNS = {"date": "DATE", "source": "VARCHAR", "target": "VARCHAR", "cameo": "VARCHAR",
               "goldstein": "DOUBLE", "url": "VARCHAR", "mentions": "INTEGER"}
REQUIRED_CSV = ("date", "source", "target", "cameo")


def sql(name: str) -> str:
    """The text of ``kg/imports/sql/<name>.sql``.

    Examples
    --------
    >>> "FROM coded(" in sql("ties")
    True
    """
    return resources.files("kg.imports").joinpath("sql", f"{name}.sql").read_text("utf-8")


#: The names :func:`event_files` reads in a folder (any case): plain and
#: zipped exports. GDELT's mentions and GKG files, which share a folder
#: with its event exports, are not event files and are left out.
FOLDER_SUFFIXES = (".csv", ".tsv", ".zip")
_NOT_EVENTS = (".mentions.", ".gkg.")
#: The most text an import unzips (all archives together), and the most an
#: archive may grow when unzipped: a GDELT 2.0 export of 15 minutes is
#: about 1 MB zipped and 5 MB unzipped, a year of them about 300 GB
#: unzipped, so 50 GB is months of exports in one import; text zips to a
#: tenth, a zip bomb to a thousandth.
MAX_UNZIPPED = 50 * 1024**3
MAX_RATIO = 100
# DuckDB expands these in a file name (a glob) and ~ at its start.
_GLOB = frozenset("*?[]{}")


def event_files(paths: Sequence[str | Path]) -> list[str]:
    """The event files of ``paths``: a file as given, a folder as its event
    files (names ending in ``.csv``, ``.tsv`` or ``.zip``, any case, but not
    GDELT's ``.mentions.`` and ``.gkg.`` files), sorted by name. A file
    given twice (also through a folder or a link, hard or symbolic) is
    refused.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("b.export.CSV.zip", "a.export.CSV", "a.mentions.CSV", "notes.txt"):
    ...     _ = (folder / name).write_text("")
    >>> [Path(f).name for f in event_files([folder])]
    ['a.export.CSV', 'b.export.CSV.zip']
    """
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(str(raw))
            continue
        inside = sorted(
            str(child) for child in path.iterdir()
            if child.is_file() and not child.name.startswith(".")
            and child.name.lower().endswith(FOLDER_SUFFIXES)
            and not any(part in child.name.lower() for part in _NOT_EVENTS))
        if not inside:
            raise KGError("the folder holds no event files (names ending in .csv, .tsv or "
                          ".zip)", file=str(raw))
        found.extend(inside)
    seen: dict[tuple, str] = {}
    for file in found:
        if not os.path.isfile(file):
            continue  # unpacked() names what is wrong with it
        status = os.stat(file)
        key = (status.st_dev, status.st_ino)
        if key in seen:
            also = f" (also as {seen[key]})" if seen[key] != file else ""
            raise KGError(f"given twice{also}: its events would count twice", file=file)
        seen[key] = file
    return found


@contextmanager
def unpacked(files: Sequence[str | Path], *, progress: Callable | None = None):
    """The files to read (zip members unpacked into a temporary folder) and
    a map from each file read back to the name to show in messages.

    DuckDB reads a name as a glob: every name it is given is absolute, and
    a file whose name holds a glob character is given through a link in
    the temporary folder, so a file named ``ev*.csv`` is that one file.
    Unzipping stops past :data:`MAX_UNZIPPED` bytes in all, or an archive
    growing more than :data:`MAX_RATIO` times."""
    folder = None
    readable: list[str] = []
    shown: dict[str, str] = {}

    def temporary() -> Path:
        nonlocal folder
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="kg-events-"))
            if _GLOB & set(str(folder)):
                raise KGError(f"the temporary folder {folder} has a glob character "
                              "(* ? [ ] { }) in its name: set TMPDIR to another folder")
        return folder

    total = 0
    try:
        for raw in files:
            path = Path(raw)
            if not path.is_file():
                raise KGError("no such file" if not path.exists() else "not a file",
                              file=str(raw))
            if not zipfile.is_zipfile(path):
                _check_plain(path, str(raw))
                name = os.path.abspath(path)
                if _GLOB & set(name):
                    link = temporary() / f"{len(readable):06d}{path.suffix}"
                    if _GLOB & set(link.name):
                        link = link.with_name(f"{len(readable):06d}.txt")
                    link.symlink_to(name)
                    name = str(link)
                readable.append(name)
                shown[name] = str(raw)
                continue
            allowed = MAX_RATIO * path.stat().st_size + (1 << 20)
            grown = 0
            try:
                with zipfile.ZipFile(path) as archive:
                    members = [m for m in archive.infolist() if not m.is_dir()]
                    if not members:
                        raise KGError("zip archive holds no file", file=str(raw))
                    for member in members:
                        target = temporary() / f"{len(readable):06d}.txt"
                        with archive.open(member) as source, open(target, "wb") as sink:
                            while chunk := source.read(1 << 20):
                                grown += len(chunk)
                                total += len(chunk)
                                if grown > allowed:
                                    raise KGError(
                                        f"unzips to more than {MAX_RATIO} times its size; "
                                        "not an event export (a zip bomb?)", file=str(raw))
                                if total > MAX_UNZIPPED:
                                    raise KGError(
                                        f"the zip archives unzip to more than "
                                        f"{MAX_UNZIPPED // 1024**3:,} GB together: import "
                                        "them in parts", file=str(raw))
                                sink.write(chunk)
                        readable.append(str(target))
                        shown[str(target)] = (str(raw) if len(members) == 1
                                              else f"{raw}/{member.filename}")
                        _check_plain(target, shown[str(target)], member=True)
            except (zipfile.BadZipFile, OSError, EOFError) as err:
                raise KGError(f"cannot unzip: {err}", file=str(raw)) from None
            if progress:
                progress(f"unzipped {raw}")
        yield readable, shown
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _check_plain(path: Path, shown: str, *, member: bool = False) -> None:
    """Refuse a file (or a zip archive's ``member``) that is not plain text
    DuckDB can read: a damaged zip archive (DuckDB has no zip reader and
    would say so, naming no file), a gzip file, UTF-16 text or binary data."""
    with open(path, "rb") as handle:
        start = handle.read(4096)
    if not member and path.name.lower().endswith(".zip"):
        raise KGError("not a zip archive, or a damaged one", file=shown)
    if start.startswith(b"\x1f\x8b"):
        raise KGError("gzip-compressed: unpack it first (gunzip); an import reads plain "
                      "text and zip archives", file=shown)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KGError("UTF-16 text: save it as UTF-8", file=shown)
    if b"\0" in start:
        raise KGError("holds NUL bytes: not UTF-8 text (UTF-16 without a byte order mark, "
                      "or binary data?)", file=shown)


#: DuckDB's memory limit for an import unless the caller gives one: the
#: aggregation's hash tables spill to the temporary folder past it, and
#: the file buffers DuckDB would otherwise keep cached up to it are let go,
#: so an import's memory stays flat however many events it reads. The
#: articles of the groups (strings that DuckDB cannot spill) grow with
#: the dyads, periods and codes: when they outgrow the limit the
#: aggregation runs again with the next of :data:`MORE_MEMORY`.
MEMORY_LIMIT = "160MB"
MORE_MEMORY = ("320MB", "640MB", "1280MB", "2560MB", "5GB", "10GB")


def connect(*, threads: int | None = None, memory_limit: str | None = None,
            temp_directory: str | None = None):
    """A fresh in-memory DuckDB connection set up for one import: no order kept
    (none is needed), ``memory_limit`` (default :data:`MEMORY_LIMIT`), and
    ``temp_directory`` for what spills (DuckDB's default is ``.tmp`` in the
    working folder)."""
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET memory_limit = ?", [memory_limit or MEMORY_LIMIT])
    if temp_directory:
        con.execute("SET temp_directory = ?", [str(temp_directory)])
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    if threads:
        con.execute("SET threads = ?", [int(threads)])
    return con


def csv_columns(files: Sequence[str], shown: dict[str, str]) -> dict[str, str]:
    """The column types for csv_events.sql: the header's columns in file order.
    Every file must have the same header."""
    header = None
    for file in files:
        with open(file, "rb") as handle:
            line = handle.readline()
        try:
            first = next(csv.reader([line.decode("utf-8-sig")]), None)
        except UnicodeDecodeError:
            raise KGError("the header is not UTF-8 text: save the file as UTF-8",
                          file=shown[file], line=1) from None
        names = [c.strip().lower() for c in first or []]
        missing = [c for c in REQUIRED_CSV if c not in names]
        unknown = [c for c in names if c not in CSV_COLUMNS]
        if missing or unknown or len(set(names)) != len(names):
            problem = ("lacks " + ", ".join(missing) if missing
                       else "has " + ", ".join(unknown or ["a column twice"]))
            raise KGError("the header must name the columns date,source,target,cameo and may "
                          f"add goldstein, url, mentions (each once); it {problem}",
                          file=shown[file], line=1)
        if header is not None and names != header:
            raise KGError(f"header differs from the first file's ({','.join(header)})",
                          file=shown[file], line=1)
        header = names
    return {name: CSV_COLUMNS[name] for name in header or []}


def aggregate(con, files: Sequence[str], shown: dict[str, str], *, format: str,
              params: dict, progress: Callable[[float], None] | None = None,
              more_memory: Sequence[str] = ()) -> list[tuple]:
    """The rows of ties.sql over ``files`` (the tables ``cameo`` and ``actors``
    filled, ``params`` its parameters); stop on the first row DuckDB set
    aside (a wrong number of columns, a bad date or number), naming its
    file and line. When DuckDB runs out of memory, run again with each
    limit of ``more_memory`` in turn."""
    if format not in FORMATS:
        raise KGError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    con.execute("SET VARIABLE event_files = ?", [list(files)])
    names = list(COLUMNS)
    if format == "csv":
        columns = csv_columns(files, shown)
        names = list(columns)
        _check_csv_filters(names, params, shown[files[0]])
        con.execute("SET VARIABLE csv_columns = ?", [columns])
        con.execute(sql("csv_events"))
        con.execute("CREATE OR REPLACE TEMP VIEW events AS "
                    "SELECT * FROM csv_events(getvariable('event_files'))")
    else:
        con.execute(sql("gdelt_events"))
        con.execute("CREATE OR REPLACE TEMP VIEW events AS "
                    "SELECT * FROM gdelt_events(getvariable('event_files'))")
    con.execute(sql("coded"))
    rows = run_query(con, "ties", params, progress=progress, more_memory=more_memory)
    _raise_rejected(con, shown, format, names)
    return rows


def _check_csv_filters(names: list[str], params: dict, first: str) -> None:
    """Refuse a filter on a column the CSV lacks: it would leave out every event."""
    if params["min_mentions"] > 0 and "mentions" not in names:
        raise KGError("--min-mentions needs a mentions column, which the header lacks",
                      file=first, line=1)


def run_query(con, name: str, params: dict, *, progress: Callable[[float], None] | None = None,
              more_memory: Sequence[str] = ()) -> list[tuple]:
    """The rows of ``kg/imports/sql/<name>.sql`` with ``params``. When DuckDB
    runs out of memory, run again with each limit of ``more_memory`` in
    turn; any other error of DuckDB's is one line."""
    query, limits = sql(name), iter(more_memory)
    while True:
        try:
            return _with_progress(con, lambda: con.execute(query, params).fetchall(), progress)
        except Exception as err:  # DuckDB's errors share no base class worth naming
            if type(err).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
                raise
            limit = next(limits, None) if type(err).__name__ == "OutOfMemoryException" else None
            if limit is None:
                raise KGError(f"cannot read the event files: {str(err).splitlines()[0]}") from None
            con.execute("SET memory_limit = ?", [limit])


def _with_progress(con, run: Callable[[], list], progress) -> list:
    if progress is None:
        return run()
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.2):
            value = con.query_progress()
            if value >= 0:
                progress(min(value, 100.0) / 100.0)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    try:
        rows = run()
    finally:
        done.set()
        watcher.join()
    progress(1.0)
    return rows


def _raise_rejected(con, shown: dict[str, str], format: str, names: list[str]) -> None:
    """Stop on the first row DuckDB set aside; ``names`` are the columns."""
    row = con.execute(sql("rejected")).fetchone()
    if row is None:
        return
    path, line, column, kind, text, message = row
    file = shown.get(path, path)
    gdelt = format == "gdelt"
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found = len((text or "").split("\t" if gdelt else ","))
        what = (f"{found} columns, not the 61 of a GDELT 2.0 event export" if gdelt
                else f"{found} columns, not the header's")
        raise KGError(what, file=file, line=int(line))
    if "ENCODING" in kind:
        raise KGError("not UTF-8 text: save the file as UTF-8", file=file, line=int(line))
    name = names[column - 1] if column and column <= len(names) else f"column {column}"
    if kind == "CAST":
        detail = message.split("Could not convert", 1)[-1].strip()
        if name in ("SQLDATE", "date"):
            value = detail.split("string", 1)[-1].split(" to ", 1)[0].strip().strip('"')
            raise KGError(f"{name} {value} is not a date "
                          f"({'YYYYMMDD' if gdelt else 'YYYY-MM-DD'})",
                          file=file, line=int(line))
        raise KGError(f"{name}: could not convert {detail}", file=file, line=int(line))
    raise KGError(f"{kind.lower()}: {message.splitlines()[0]}", file=file, line=int(line))


#: The arguments of coded.sql's macro: the parameters unmapped.sql takes
#: (ties.sql takes these, ``by_code`` and ``top``).
CODED_ARGUMENTS = ("root_only", "min_mentions", "min_sources", "since", "until", "countries",
                   "months", "undirected")


def unmapped_events(con, params: dict, *,
                    more_memory: Sequence[str] = ()) -> list[tuple[str, str, int]]:
    """The unmapped events by their codes (unmapped.sql): ``(source, target,
    events)``. A second pass over the event files, made only should two
    pairs of codes share the hash that ties.sql groups them by."""
    return run_query(con, "unmapped", {k: params[k] for k in CODED_ARGUMENTS},
                     more_memory=more_memory)


def locate_row(files: Sequence[str], shown: dict[str, str], *, format: str,
               columns: Sequence[str], bad: Callable[..., bool]) -> tuple[str, int, list[str]]:
    """The file, line and values of the first event whose values of
    ``columns`` (GDELT columns, or columns of the CSV header: one a file
    lacks reads as empty) are ``bad(*values)``, as the SQL reads them (a
    CSV's values trimmed, a GDELT export's as they are); blank lines, which
    DuckDB skips, are skipped. Read in Python: only the error paths need it."""
    for file in files:
        with open(file, encoding="utf-8-sig", errors="replace", newline="") as handle:
            if format == "gdelt":
                places = [COLUMNS.index(column) for column in columns]
                rows = (line.rstrip("\r\n").split("\t") for line in handle)
                numbered = ((number, row) for number, row in enumerate(rows, start=1)
                            if row != [""])
            else:
                reader = csv.reader(handle)
                header = [c.strip().lower() for c in next(reader, [])]
                places = [header.index(c) if c in header else len(header) for c in columns]
                numbered = ((reader.line_num, [v.strip() for v in row]) for row in reader if row)
            for number, row in numbered:
                values = [row[at] if len(row) > at else "" for at in places]
                if bad(*values):
                    return shown[file], number, values
    return (shown[files[0]] if files else ""), 0, [""] * len(columns)
