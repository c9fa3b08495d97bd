"""Read a signed edge list from CSV: ``source,target,sign[,weight]``.

The first row names the columns (in any order; other columns are
ignored, and :attr:`EdgeRows.ignored` names them). ``sign`` is ``+1``,
``1``, ``+``, ``-1`` or ``-``; ``weight`` is a non-zero finite number of
at most ``MAX_WEIGHT`` (1e6) in size whose sign, when negative, must agree
with ``sign`` (only its size is used). Blank lines are skipped. Every bad
row is reported with its file and line.

Two optional columns date each row: ``start`` and ``end``, each a year
(``1969``), a month (``1969-03``) or a day (``1969-03-02``), empty when
open (or both empty: an undated row). A row holds over its days by the
rules of :mod:`kg.rdf.dates`, like a statement of the graph: under a
:class:`~kg.rdf.dates.TimeView` the rows outside the view are left out
before the rows on a pair are collapsed.
"""

from __future__ import annotations

import csv
import io
import itertools
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.errors import KGError
from kg.rdf.dates import Date, TimeView, When
from kg.signed.arrays import MAX_WEIGHT, SignedEdges
from kg.tabular import read_csv_text

REQUIRED = ("source", "target", "sign")
#: Every column an edge list may have.
COLUMNS = (*REQUIRED, "weight", "start", "end")
_SIGNS = {"+1": 1, "1": 1, "+": 1, "-1": -1, "-": -1}


@dataclass(frozen=True)
class EdgeRows:
    """The checked rows of an edge list, before pairs are collapsed.

    ``source``, ``target``, ``sign``, ``weight`` and ``lines`` hold one
    value per row; ``when`` the days each row holds (``None`` when
    undated), one :class:`~kg.rdf.dates.When` per distinct pair of dates,
    indexed per row by ``when_index``.
    """

    file: str
    source: np.ndarray
    target: np.ndarray
    sign: np.ndarray
    weight: np.ndarray
    lines: np.ndarray
    whens: tuple[When | None, ...] = (None,)
    when_index: np.ndarray | None = None
    #: the header's columns that are not read (not one of :data:`COLUMNS`)
    ignored: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.source)

    def when(self, i: int) -> When | None:
        """The days row ``i`` holds, ``None`` when it is undated."""
        return None if self.when_index is None else self.whens[int(self.when_index[i])]

    def dated_rows(self) -> np.ndarray:
        """Which rows have a date (a boolean per row)."""
        if self.when_index is None:
            return np.zeros(len(self), dtype=bool)
        return np.array([w is not None for w in self.whens], dtype=bool)[self.when_index]

    def in_view(self, view: TimeView) -> np.ndarray:
        """Which rows are in ``view`` (a boolean per row), by
        :meth:`~kg.rdf.dates.TimeView.holds`."""
        if self.when_index is None:
            return np.full(len(self), view.holds(None))
        keep = np.array([view.holds(w) for w in self.whens], dtype=bool)
        return keep[self.when_index]

    def edges(self, mask: np.ndarray | None = None) -> SignedEdges:
        """The collapsed :class:`SignedEdges` of the rows (of ``mask``)."""
        if mask is None:
            return SignedEdges.from_rows(self.source, self.target, self.sign, self.weight,
                                         lines=self.lines, file=self.file)
        return SignedEdges.from_rows(self.source[mask], self.target[mask], self.sign[mask],
                                     self.weight[mask], lines=self.lines[mask], file=self.file)

    def describe(self, view: TimeView) -> str:
        """One line for people: the view and how many dated rows it holds."""
        dated = self.dated_rows()
        shown = int((self.in_view(view) & dated).sum())
        undated = "undated rows left out" if view.dated_only else "undated rows always in"
        return f"{view}: {shown} of {int(dated.sum())} dated rows in the view; {undated}"


def read_signed_edges(path: str | Path, *, view: TimeView | None = None) -> SignedEdges:
    """Read and check a signed edge list into :class:`SignedEdges`.

    Parsing, checking and collapsing run on numpy arrays, with no Python
    loop per row. With ``view``, only the rows in the view are read (see
    the module documentation).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = f.write_text("source,target,sign,weight\\nA,B,-,2\\n")
    >>> E = read_signed_edges(f)
    >>> E.sign.tolist(), E.weight.tolist(), E.edge_lines(0)
    ([-1], [2.0], (2,))
    >>> _ = f.write_text("source,target,sign\\nA,B,0\\n")
    >>> read_signed_edges(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: ...ties.csv:2: unsigned edge A-B: sign '0' is not +1 or -1
    >>> _ = f.write_text("source,target,sign,start,end\\nA,B,+,1969,1970-06\\nB,C,-,,\\n")
    >>> read_signed_edges(f, view=TimeView.of(as_of="1971")).u.tolist()
    [0]
    """
    rows = read_edge_rows(path)
    return rows.edges(None if view is None else rows.in_view(view))


def read_edge_rows(path: str | Path) -> EdgeRows:
    """Read and check the rows of a signed edge list, dates included.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = f.write_text("source,target,sign,start,end\\nA,B,+,1969-03,\\n")
    >>> str(read_edge_rows(f).when(0))
    '1969-03 to now'
    >>> _ = f.write_text("source,target,sign,start\\nA,B,+,1969-13\\n")
    >>> read_edge_rows(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: ...ties.csv:2: start '1969-13' is not a date: write a year (1972), ...
    """
    file = str(path)
    text = read_csv_text(path)
    header, table, lines = _fast_table(path, text) or _checked_table(text, file)
    ignored = tuple(dict.fromkeys(name for name in header if name and name not in COLUMNS))
    if not len(table):
        empty = np.zeros(0, dtype=str)
        return EdgeRows(file, empty, empty, np.zeros(0, dtype=np.int8), np.zeros(0),
                        np.asarray(lines, dtype=np.int64), ignored=ignored)
    table = np.char.strip(table)
    column = {name: table[:, header.index(name)] for name in header if name}
    source, target, sign_text = column["source"], column["target"], column["sign"]

    for name, values in (("source", source), ("target", target)):
        empty = np.flatnonzero(values == "")
        if len(empty):
            raise KGError(f"empty {name}", file=file, line=int(lines[empty[0]]))

    loops = np.flatnonzero(source == target)
    if len(loops):
        raise KGError(f"self-loop: {source[loops[0]]} is tied to itself", file=file,
                      line=int(lines[loops[0]]))

    tokens, inverse = np.unique(sign_text, return_inverse=True)
    token_sign = np.array([_SIGNS.get(t, 0) for t in tokens.tolist()], dtype=np.int8)
    sign = token_sign[inverse]
    bad = np.flatnonzero(sign == 0)
    if len(bad):
        at = int(bad[0])
        raise KGError(
            f"unsigned edge {source[at]}-{target[at]}: sign {str(sign_text[at])!r} is not +1 or -1",
            file=file, line=int(lines[at]),
        )

    if "weight" in column:
        weight = _numbers(column["weight"], lines, file)
        zero = np.flatnonzero(weight == 0)
        if len(zero):
            raise KGError("weight must not be 0 (leave the column empty for 1)", file=file,
                          line=int(lines[zero[0]]))
        clash = np.flatnonzero((weight < 0) & (sign > 0))
        if len(clash):
            raise KGError("negative weight on a positive sign", file=file,
                          line=int(lines[clash[0]]))
    else:
        weight = np.ones(len(sign))
    whens, when_index = _dates(column, lines, file)
    return EdgeRows(file, source, target, sign, np.abs(weight), np.asarray(lines, dtype=np.int64),
                    whens, when_index, ignored)


def _dates(column: dict, lines: np.ndarray, file: str):
    """The distinct :class:`When` of the rows and the index of each row's,
    parsing each distinct date once."""
    if "start" not in column and "end" not in column:
        return (None,), None
    count = len(lines)
    parsed = {}
    for name in ("start", "end"):
        values = column.get(name, np.full(count, "", dtype=str))
        texts, inverse = np.unique(values, return_inverse=True)
        dates = []
        for k, text in enumerate(texts.tolist()):
            try:
                dates.append(Date.parse(text) if text else None)
            except KGError as err:
                at = int(np.flatnonzero(inverse == k)[0])
                raise KGError(f"{name} {err.message.split(' is not a date', 1)[0]} is not a "
                              "date: write a year (1972), a month (1972-02) or a day "
                              "(1972-02-21)", file=file, line=int(lines[at])) from None
        parsed[name] = (dates, inverse.reshape(-1))
    (starts, si), (ends, ei) = parsed["start"], parsed["end"]
    pairs, index = np.unique(si.astype(np.int64) * len(ends) + ei, return_inverse=True)
    whens = []
    for k, key in enumerate(pairs.tolist()):
        begin, finish = starts[key // len(ends)], ends[key % len(ends)]
        when = None if begin is None and finish is None else When.between(begin, finish)
        if when is not None and when.start and when.end and when.start > when.end:
            at = int(np.flatnonzero(index == k)[0])
            raise KGError(f"begins {begin} after it ends {finish}", file=file,
                          line=int(lines[at]))
        whens.append(when)
    return tuple(whens), index.reshape(-1)


def _header(first_line: str, file: str) -> list[str]:
    (names,) = list(csv.reader([first_line])) or [[]]
    header = [name.strip().lower() for name in names]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise KGError(
            f"the first row must name the columns source,target,sign[,weight][,start,end]; "
            f"missing {', '.join(missing)}",
            file=file, line=1,
        )
    return header


def _fast_table(path, text: str):
    """Parse with numpy's C reader when the file is plain: a header on the
    first line, no blank line, the same number of columns everywhere.
    ``None`` sends any other file to the checking reader."""
    if not text.strip() or "\n\n" in text or text.startswith(("\n", "\r")) or "\r" in text:
        return None
    first_line = text.split("\n", 1)[0]
    try:
        header = _header(first_line, str(path))
    except KGError:
        return None
    expected = text.count("\n") + (0 if text.endswith("\n") else 1) - 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = np.loadtxt(path, dtype=str, delimiter=",", quotechar='"', comments=None,
                               skiprows=1, ndmin=2, encoding="utf-8-sig")
    except ValueError:
        return None
    if expected == 0:
        table = np.zeros((0, len(header)), dtype=str)
    if table.shape != (expected, len(header)):
        return None
    return header, table, np.arange(2, expected + 2)


def _checked_table(text: str, file: str):
    """Parse with the csv module, locating every problem by its line."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise KGError(f"CSV error: {err}", file=file) from None
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    filled = np.flatnonzero(lengths > 0)
    if not len(filled):
        raise KGError("empty file; expected a header source,target,sign[,weight]", file=file)
    header_at = int(filled[0])
    try:
        header = _header(",".join(rows[header_at]), file)
    except KGError as err:
        raise KGError(err.message, file=file, line=header_at + 1) from None
    width = len(header)
    body = filled[filled > header_at]
    wrong = body[lengths[body] != width]
    if len(wrong):
        at = int(wrong[0])
        raise KGError(f"expected {width} columns, found {lengths[at]}", file=file, line=at + 1)
    if not len(body):
        return header, np.zeros((0, width), dtype=str), body + 1
    table = np.array(list(itertools.compress(rows, lengths > 0))[1:], dtype=str)
    return header, table, body + 1


def _numbers(text: np.ndarray, lines: np.ndarray, file: str) -> np.ndarray:
    filled = np.where(text == "", "1", text)
    try:
        values = filled.astype(np.float64)
    except ValueError:
        for i, item in enumerate(filled.tolist()):  # only on the error path
            try:
                float(item)
            except ValueError:
                raise KGError(f"weight {item!r} is not a number", file=file,
                              line=int(lines[i])) from None
        raise
    bad = np.flatnonzero(~np.isfinite(values))
    if len(bad):
        raise KGError(f"weight {str(text[bad[0]])!r} is not a finite number", file=file,
                      line=int(lines[bad[0]]))
    # larger weights overflow when summed (1e308 + 1e308 is inf) or drown
    # the solvers' tolerance
    big = np.flatnonzero(np.abs(values) > MAX_WEIGHT)
    if len(big):
        raise KGError(f"weight {str(text[big[0]])!r} is too large: at most {MAX_WEIGHT:g} "
                      "in size", file=file, line=int(lines[big[0]]))
    return values
