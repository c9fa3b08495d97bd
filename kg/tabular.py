"""Rows to text: a table for people, csv, tsv and json for tools.

Text for people never steers the terminal that shows it: a table (and
:func:`terminal_safe`, which the CLI applies to its messages) shows every
control character, bidirectional control and byte that was not UTF-8 as a
visible escape such as ``\\x1b``, ``\\n`` or ``\\u202e``. Formats for tools
keep the data: csv and tsv quote a value holding a separator or a line
break, and json escapes the characters a terminal or an editor would act
on (``\\u001b``, ``\\u202e``), which decode to the same text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from kg.errors import KGError

FORMATS = ("table", "csv", "tsv", "json")

#: What ends a table cell that was cut to fit the width of the terminal.
ELLIPSIS = "\u2026"
#: A cut column keeps at least this many characters (or its header's).
MIN_CUT_WIDTH = 10
_GAP = 2  # spaces between two columns

#: The bidirectional controls, which reorder the text around them: ALM,
#: LRM, RLM, the embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and the
#: isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f" + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
)

# What a terminal may act on: C0 controls, DEL, C1 controls (U+009B is a
# CSI on its own), the bidi controls, the Unicode line and paragraph
# separators, and lone surrogates (bytes of a command-line argument that
# was not UTF-8, which cannot even be encoded for output).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]"
)
# The same without C0, which JSON escapes in strings and uses between them.
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def terminal_safe(text: object, *, keep: str = "") -> str:
    """``text`` with each character that could steer a terminal shown as an escape.

    Control characters become ``\\n``, ``\\r``, ``\\t`` or ``\\xNN``;
    bidirectional controls and line separators ``\\uNNNN``; a byte that was
    not UTF-8 (a lone surrogate from Python's ``surrogateescape``) its
    ``\\xNN``. Characters in ``keep`` stay as they are. The result is safe to
    print, in one line unless ``keep`` holds a newline. Applying it twice
    changes nothing more.

    Examples
    --------
    >>> print(terminal_safe("Beta\\x1b]0;owned\\x07\\r\\nError: forged"))
    Beta\\x1b]0;owned\\x07\\r\\nError: forged
    >>> print(terminal_safe("a\\u202eb", keep="\\n"))
    a\\u202eb
    >>> print(terminal_safe("data/\\udcff.ttl"))
    data/\\xff.ttl
    """
    text = str(text)
    if keep:
        return _UNSAFE.sub(lambda m: m[0] if m[0] in keep else _escape(m[0]), text)
    return _UNSAFE.sub(lambda m: _escape(m[0]), text)


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def json_text(value: object, *, indent: int | None = 2) -> str:
    """``value`` as JSON that is safe to print and decodes to the same data.

    Non-ASCII text stays readable; the characters :func:`terminal_safe`
    escapes are written as ``\\uNNNN`` escapes (JSON's own rules escape only
    C0 controls).

    Examples
    --------
    >>> print(json_text({"label": "Beta\\u202e\\x9b"}, indent=None))
    {"label": "Beta\\u202e\\u009b"}
    >>> json.loads(json_text("Beta\\u202e\\x9b")) == "Beta\\u202e\\x9b"
    True
    """
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    # Outside strings JSON is ASCII, so every match lies inside a string,
    # where a \u escape means the same character.
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def format_rows(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    fmt: str = "table",
    terminal: bool = False,
    width: int | None = None,
    on_cut: Callable[[int], None] | None = None,
) -> str:
    """Render ``rows`` under ``header`` in one of :data:`FORMATS`.

    ``None`` becomes an empty cell (``null`` in json). The json form is a
    list of objects keyed by the header. A table is for people: each cell
    goes through :func:`terminal_safe`, so a value cannot break the
    table's lines or steer the terminal. csv, tsv and json keep the data;
    with ``terminal`` (the caller prints to a terminal) csv and tsv cells
    are escaped as in a table, so no value spans two lines.

    A table wider than ``width`` columns (none: any width) is cut to fit:
    columns of text (with spaces) give way before columns of names, the
    widest first; a cut cell ends with :data:`ELLIPSIS`; columns of
    numbers are never cut.
    ``on_cut(count)`` learns how many cells were cut, when any were.
    csv, tsv and json are never cut.

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
    >>> print(format_rows(["label"], [["two\\nlines\\x1b[2J"]]))
    label
    -----------------
    two\\nlines\\x1b[2J
    >>> print(format_rows(["actor", "quote"], [["kgr:a", "a long quote that goes on"]],
    ...                   width=20))
    actor  quote
    -----  -------------
    kgr:a  a long quote…
    """
    rows = [list(row) for row in rows]
    if fmt == "json":
        return json_text([dict(zip(header, row, strict=True)) for row in rows])
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        shown = terminal_safe if terminal else _same
        writer.writerow([shown(h) for h in header])
        writer.writerows([["" if cell is None else shown(cell) for cell in row] for row in rows])
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    header = [terminal_safe(h) for h in header]
    cells = [[terminal_safe(_cell(c)) for c in row] for row in rows]
    numeric = [
        all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool) for row in rows)
        and bool(rows)
        for i in range(len(header))
    ]
    natural = [max([display_width(h)] + [display_width(row[i]) for row in cells])
               for i, h in enumerate(header)]
    floors = [n if num else min(n, max(display_width(h), MIN_CUT_WIDTH))
              for n, h, num in zip(natural, header, numeric, strict=True)]
    # Text (a quote, a title) gives way before names and identifiers, which
    # are cut only when cutting text is not enough.
    prose = [any(" " in row[i] for row in cells) for i in range(len(header))]
    names_whole = [f if text else n for f, n, text in zip(floors, natural, prose, strict=True)]
    if width is not None and sum(names_whole) + _GAP * (len(header) - 1) <= width:
        floors = names_whole
    widths = fit_widths(natural, width, floors=floors)
    cut = 0

    def line(values: Sequence[str]) -> str:
        nonlocal cut
        parts = []
        for v, w, num in zip(values, widths, numeric, strict=True):
            if display_width(v) > w:
                v = cut_text(v, w)
                cut += 1
            pad = " " * (w - display_width(v))
            parts.append(pad + v if num else v + pad)
        return (" " * _GAP).join(parts).rstrip()

    out_lines = [line(header), line(["-" * w for w in widths])]
    cut = 0  # a cut header is part of the table's shape, not of its data
    out_lines += [line(row) for row in cells]
    if cut and on_cut is not None:
        on_cut(cut)
    return "\n".join(out_lines)


def plural(count, word: str, words: str | None = None) -> str:
    """``1 tie``, ``2 ties``, ``0 ties``: a count with its noun agreeing.

    Examples
    --------
    >>> plural(1, "tie"), plural(2.0, "tie"), plural(1, "total weight", "total weight")
    ('1 tie', '2 ties', '1 total weight')
    >>> plural(12500, "event"), plural(1250000.0, "tie"), plural(2.5, "total weight")
    ('12,500 events', '1,250,000 ties', '2.5 total weights')
    """
    number = f"{int(count):,}" if float(count).is_integer() else f"{count:,g}"
    return f"{number} {word if count == 1 else (words or word + 's')}"


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide East Asian
    character, none for a combining mark or a format character.

    Examples
    --------
    >>> display_width("Zürich"), display_width("東京"), display_width("e\u0301")
    (6, 4, 1)
    """
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cut_text(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending with :data:`ELLIPSIS`
    when cut.

    Examples
    --------
    >>> cut_text("Presidential Administration", 12)
    'Presidentia…'
    >>> cut_text("Avalon", 12)
    'Avalon'
    """
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS


def fit_widths(widths: Sequence[int], total: int | None, *,
               floors: Sequence[int] | None = None) -> list[int]:
    """Column widths that fit a table into ``total`` columns (with two
    spaces between columns), cutting the widest columns first and none
    below its floor (default: its own width, so nothing is cut).

    When even the floors do not fit, the floors are the answer: a table
    wider than the terminal beats columns too narrow to read.

    Examples
    --------
    >>> fit_widths([5, 40, 60], 60, floors=[5, 10, 10])
    [5, 26, 25]
    >>> fit_widths([5, 40], None)
    [5, 40]
    """
    widths = list(widths)
    floors = list(widths if floors is None else floors)
    budget = None if total is None else total - _GAP * (len(widths) - 1)
    if budget is None or sum(widths) <= budget:
        return widths

    def capped(cap: int) -> list[int]:
        return [min(w, max(cap, floor)) for w, floor in zip(widths, floors, strict=True)]

    low, high = 0, max(widths)  # the widest cap whose table still fits
    while low < high:
        middle = (low + high + 1) // 2
        if sum(capped(middle)) <= budget:
            low = middle
        else:
            high = middle - 1
    fitted = capped(low)
    spare = budget - sum(fitted)
    # The columns that were cut share what is left, one column at a time.
    for i, (w, f) in enumerate(zip(widths, fitted, strict=True)):
        if spare <= 0:
            break
        if f < w:
            fitted[i] += 1
            spare -= 1
    return fitted


def _same(value: object) -> object:
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)


def read_csv_text(path: str | Path) -> str:
    """The text of a CSV file a user gives, in UTF-8 (after the byte-order
    mark of Excel's "CSV UTF-8", if any); a missing or unreadable file, or
    one that is not UTF-8, is one :class:`~kg.errors.KGError` naming it.

    Examples
    --------
    >>> read_csv_text("no/such.csv")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: no/such.csv: no such file
    """
    file = str(path)
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise KGError("no such file", file=file) from None
    except UnicodeDecodeError as err:
        raise KGError(f"not UTF-8 text ({err.reason})", file=file) from None
    except OSError as err:
        raise KGError(err.strerror or "cannot read file", file=file) from None
