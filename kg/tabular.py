"""Rows to text: a table for people, csv, tsv and json for tools."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

FORMATS = ("table", "csv", "tsv", "json")


def format_rows(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, fmt: str = "table"
) -> str:
    """Render ``rows`` under ``header`` in one of :data:`FORMATS`.

    ``None`` becomes an empty cell (``null`` in json). The json form is a
    list of objects keyed by the header.

    Examples
    --------
    >>> print(format_rows(["actor", "degree"], [["kgr:a", 2], ["kgr:bb", 10]]))
    actor   degree
    ------  ------
    kgr:a        2
    kgr:bb      10
    >>> print(format_rows(["a", "b"], [[1, None]], fmt="csv"), end="")
    a,b
    1,
    """
    rows = [list(row) for row in rows]
    if fmt == "json":
        return json.dumps(
            [dict(zip(header, row, strict=True)) for row in rows], indent=2, ensure_ascii=False
        )
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    cells = [[_cell(c) for c in row] for row in rows]
    numeric = [
        all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool) for row in rows)
        and bool(rows)
        for i in range(len(header))
    ]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(header)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out_lines = [line(list(header)), line(["-" * w for w in widths])]
    out_lines += [line(row) for row in cells]
    return "\n".join(out_lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)
