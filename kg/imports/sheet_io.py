"""Workbooks and folders of CSV files: read into rows, written from rows.

An ``.xlsx`` workbook is read and written with openpyxl; a folder holds
one CSV file per sheet (``relations.csv``, ...), read and written with the
csv module. A written workbook has a README sheet (what each column
holds, and the rules), a header row per sheet, drop-down lists for every
column whose values come from the ontology (kept on a hidden ``lists``
sheet), and text-formatted date and id columns, so that a spreadsheet
program keeps ``1972-05`` a month. The same rows always give the same
bytes: the document's dates and the zip entries' dates are fixed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from kg.errors import KGError
from kg.imports.sheet_build import Problem, Table, Vocab
from kg.imports.sheet_layout import SHEET_NAMES, SHEETS, Column, sheet
from kg.rdf.sources import read_text

FIXED_TIME = dt.datetime(2000, 1, 1)
#: The most bytes a workbook may unpack to (all its parts), or a folder's
#: CSV files may hold: a scenario is far smaller, a zip bomb far larger.
MAX_UNPACKED = 200 * 2**20
#: The most a part of a workbook bigger than :data:`RATIO_FROM` may unpack
#: to per byte it takes in the zip (sheets unpack to 5 to 20 times; a zip
#: bomb to a thousand).
MAX_RATIO = 100
RATIO_FROM = 2**20
#: The most rows a sheet or CSV file may have, and the most columns.
MAX_ROWS = 1_000_000
MAX_COLUMNS = 256
#: Rows that get drop-downs and text formats below the data.
SPARE_ROWS = 200
RULES = (
    "How to fill this workbook: one row per thing; ids are short names (letters, digits, "
    "- and _) that other rows use to refer to it; every row needs the source's exact words "
    "(quote) and the id of its source (sources sheet).",
    "Dates: a year (1972), a month (1972-02) or a day (1972-02-21). A row that holds for a "
    "while has a start and an end (either may be empty: open); a thing that happens has a "
    "date.",
    "One row, two triples: a row of relations (or pressures, or memberships) gives the "
    "reified statement with its provenance and the direct triple (from, the kind's "
    "kg:truthyProperty, to), unless it has a claimant or direct triple says no.",
    "The defense rule: an agreement whose 'tie between parties' names a relation kind (yes "
    "means atop-defense, a defense obligation) gives every two of its parties (parties "
    "sheet) a mutual relation of that kind, weighted by the kind's CAMEO class, with the "
    "agreement's quote and source, and the direct triples both ways.",
    "Anything the sheets do not hold goes on the other sheet as raw triples (subject, "
    "predicate, object, object type).",
)


def cell_text(value) -> str:
    """A cell's value as the text a row holds.

    Examples
    --------
    >>> cell_text(None), cell_text(4.0), cell_text(7.4), cell_text(dt.datetime(1972, 2, 21))
    ('', '4', '7.4', '1972-02-21')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


# -- reading ---------------------------------------------------------------------------


def read_tables(path: str | Path) -> tuple[dict[str, Table], list[Problem]]:
    """The rows of a workbook or of a folder of CSV files, and any problem
    with its sheets or headers."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if not path.is_file():
        raise KGError("no such file or folder", file=str(path))
    if path.suffix.lower() != ".xlsx":
        raise KGError("expected an .xlsx workbook or a folder of CSV files", file=str(path))
    return _read_workbook(path)


#: A sheet's header (its first row) and its other rows that hold
#: anything, each with its number.
Rows = tuple[list[str], list[tuple[int, list[str]]]]


def open_workbook(path: Path):
    """The workbook at ``path``, read-only, once its zip is checked: no
    more than :data:`MAX_UNPACKED` bytes in all, no part that unpacks past
    :data:`MAX_RATIO` times its size."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise KGError(f"not a workbook (an .xlsx file is a zip archive): {_one_line(err)}",
                      file=str(path)) from None
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED:
        raise KGError(f"unpacks to {total:,} bytes, more than kg reads ({MAX_UNPACKED:,}); "
                      "split the workbook", file=str(path))
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise KGError(f"part {part.filename} unpacks to {ratio} times its size (at most "
                          f"{MAX_RATIO}): refused as a zip bomb", file=str(path))
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except MemoryError:
        raise KGError("too big to read as a workbook", file=str(path)) from None
    except Exception as err:  # openpyxl raises many types for a file that is no workbook
        raise KGError(f"cannot read as a workbook: {_one_line(err)}", file=str(path)) from None


def sheet_rows(book, name: str, *, file: Path) -> Rows:
    """The header and the rows that hold anything of sheet ``name``.

    Only the cells under the header are read, whatever size the sheet
    claims; a sheet past :data:`MAX_ROWS` rows, or one that cannot be
    parsed, is a :class:`KGError` naming the file and the sheet.
    """
    sheet = book[name]
    try:
        if hasattr(sheet, "reset_dimensions"):  # read-only: the claimed size is not trusted
            sheet.reset_dimensions()
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        header = [cell_text(v) for v in first]
        while header and not header[-1].strip():
            header.pop()
        if len(header) > MAX_COLUMNS:
            raise KGError(f"sheet {name}: more than {MAX_COLUMNS} columns", file=str(file))
        rows = []
        if header:
            for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=len(header),
                                                         values_only=True), start=2):
                if number > MAX_ROWS:
                    raise KGError(f"sheet {name}: more than {MAX_ROWS:,} rows", file=str(file))
                if any(v is not None for v in row):
                    rows.append((number, [cell_text(v) for v in row]))
    except KGError:
        raise
    except MemoryError:
        raise KGError(f"sheet {name}: too big to read", file=str(file)) from None
    except Exception as err:  # openpyxl and its XML parser raise many types on a broken sheet
        raise KGError(f"sheet {name}: cannot read it: {_one_line(err)}", file=str(file)) \
            from None
    return header, rows


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _read_workbook(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    book = open_workbook(path)
    tables, problems = {}, []
    try:
        for name in book.sheetnames:
            where = f"{path.name}, sheet {name},"
            if name in ("README", "lists"):
                continue
            _table(name, where, sheet_rows(book, name, file=path), tables, problems)
    finally:
        book.close()
    return tables, problems


def _read_folder(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    tables, problems = {}, []
    files = sorted(path.glob("*.csv"))
    if not files:
        raise KGError("folder holds no CSV file", file=str(path))
    files = [f for f in files if f.stem not in ("README", "lists")]
    total = sum(f.stat().st_size for f in files)
    if total > MAX_UNPACKED:
        raise KGError(f"its CSV files hold {total:,} bytes, more than kg reads "
                      f"({MAX_UNPACKED:,})", file=str(path))
    for file in files:
        _table(file.stem, file.name, csv_rows(file), tables, problems)
    return tables, problems


def csv_rows(file: Path) -> Rows:
    """The header and the rows that hold anything of a CSV file; a cell
    past the csv module's field limit, or a file past :data:`MAX_ROWS`
    rows, is a :class:`KGError` naming the file and the line."""
    reader = csv.reader(io.StringIO(read_text(file), newline=""))
    header: list[str] = []
    rows = []
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise KGError(f"more than {MAX_ROWS:,} rows", file=str(file))
            if number == 1:
                header = row
                if len(header) > MAX_COLUMNS:
                    raise KGError(f"more than {MAX_COLUMNS} columns", file=str(file), line=1)
            elif any(row):
                rows.append((number, row[:len(header)]))  # what lies past the header is unread
    except csv.Error as err:
        if "field limit" in str(err):
            raise KGError(f"a cell longer than {csv.field_size_limit():,} characters (the CSV "
                          "field limit)", file=str(file), line=reader.line_num) from None
        raise KGError(f"CSV error: {_one_line(err)}", file=str(file),
                      line=reader.line_num) from None
    except MemoryError:
        raise KGError("too big to read", file=str(file)) from None
    return header, rows


def _table(name: str, where: str, rows: Rows, tables: dict, problems: list) -> None:
    if name not in SHEET_NAMES:
        problems.append(Problem(where, 1, "-", f"{name!r} is not a sheet of a scenario "
                                "workbook; use: " + ", ".join(SHEET_NAMES)))
        return
    known = sheet(name).headers
    first, rows = rows
    header = [" ".join(h.split()).lower() for h in first]
    for text in header:
        if text and text not in known:
            problems.append(Problem(where, 1, text, f"is not a column of the {name} sheet; "
                                    "use: " + ", ".join(known)))
    table = Table(name, where)
    for number, row in rows:
        cells = {header[i]: text for i, text in enumerate(row)
                 if i < len(header) and header[i] in known and text.strip()}
        if cells:
            table.rows.append((number, cells))
    tables[name] = table


# -- writing ---------------------------------------------------------------------------


def _help_rows(vocab: Vocab) -> list[list[str]]:
    rows = [["sheet", "column", "what it holds", "allowed values"]]
    for s in SHEETS:
        rows.append([s.name, "", s.help, ""])
        for column in s.columns:
            rows.append([s.name, column.name, column.help + (" Required." if column.required
                                                             else ""), _allowed(vocab, column)])
    return rows


def _allowed(vocab: Vocab, column: Column) -> str:
    if column.values.startswith("ids:"):
        return f"an id of the {column.values[4:]} sheet"
    texts = [c.text for c in vocab.allowed(column.values)]
    if column.values.endswith("+yes"):
        texts = ["yes", *texts]
    if len(texts) > 40:
        return f"{len(texts)} values: see the lists sheet (list {column.values})"
    return ", ".join(texts)


def _lists(vocab: Vocab) -> dict[str, list[str]]:
    specs = sorted({c.values for s in SHEETS for c in s.columns
                    if c.values and not c.values.startswith("ids:")})
    out = {}
    for spec in specs:
        texts = [c.text for c in vocab.allowed(spec)]
        out[spec] = ["yes", *texts] if spec.endswith("+yes") else texts
    return out


def workbook_bytes(tables: dict[str, Table], *, vocab: Vocab) -> bytes:
    """An ``.xlsx`` workbook of the rows, with README, drop-downs and lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    readme = book.active
    readme.title = "README"
    for text in RULES:
        readme.append([text])
    readme.append([])
    for row in _help_rows(vocab):
        readme.append(row)
    readme.column_dimensions["A"].width = 16
    readme.column_dimensions["C"].width = 90
    lists = _lists(vocab)
    ranges = {}
    list_sheet = book.create_sheet("lists")
    for index, (spec, texts) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        list_sheet.cell(row=1, column=index, value=spec)
        for n, text in enumerate(texts, start=2):
            list_sheet.cell(row=n, column=index, value=text)
        ranges[spec] = f"{quote_sheetname('lists')}!${letter}$2:${letter}${len(texts) + 1}"
    list_sheet.sheet_state = "hidden"
    bold = Font(bold=True)
    for s in SHEETS:
        ws = book.create_sheet(s.name, index=len(book.sheetnames) - 1)
        ws.append(s.headers)
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        rows = tables.get(s.name, Table(s.name, s.name)).rows
        for _, cells in rows:
            ws.append(text_cells(ws, [cells.get(h, "") for h in s.headers]))
        last = len(rows) + 1 + SPARE_ROWS
        for index, column in enumerate(s.columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = 40 if column.name in ("quote", "help") else 18
            area = f"{letter}2:{letter}{last}"
            if column.values.startswith("ids:"):
                target = column.values[4:]
                formula = f"{quote_sheetname(target)}!$A$2:$A${last}"
                strict = False
            elif column.values in ranges:
                formula, strict = ranges[column.values], not column.many
            else:
                formula = None
            if formula:
                check = DataValidation(type="list", formula1=f"={formula}", allow_blank=True,
                                       showErrorMessage=strict)
                check.add(area)
                ws.add_data_validation(check)
            if column.kind in ("when", "date", "id") or column.name in ("wikidata", "cameo"):
                for n in range(2, last + 1):
                    ws.cell(row=n, column=index).number_format = "@"
    book.properties.creator = "kg"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


def text_cells(sheet, values: list) -> list:
    """Cells of ``sheet`` holding ``values``, to append as a row, each text
    written as text: openpyxl would write a text that starts with ``=`` as
    a formula, and a text that starts with ``=``, ``+``, ``-`` or ``@``
    is marked quote-prefixed, so that a spreadsheet program keeps it text
    when the cell is edited (a label is data, never a formula to run).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> sheet = Workbook().active
    >>> [(c.data_type, c.quotePrefix) for c in text_cells(sheet, ["=1+1", "-7", "Avalon"])]
    [('s', True), ('s', False), ('s', False)]
    """
    from openpyxl.cell.cell import Cell

    out = []
    for value in values:
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(("=", "+", "-", "@")) and not _is_number(value):
                cell.quotePrefix = True
        out.append(cell)
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 and the document's own
    dates fixed (openpyxl stamps the time of saving), so that it is the same
    bytes whenever it is written."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                                 rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()


def csv_files(tables: dict[str, Table], *, vocab: Vocab) -> dict[str, str]:
    """One CSV text per sheet (``relations.csv``, ...), and ``README.csv``
    and ``lists.csv`` for the help and the allowed values."""
    files = {"README.csv": _csv([[t] for t in RULES] + [[]] + _help_rows(vocab))}
    lists = _lists(vocab)
    longest = max(len(v) for v in lists.values())
    files["lists.csv"] = _csv([list(lists)] + [[v[i] if i < len(v) else "" for v in
                                                  lists.values()] for i in range(longest)])
    for s in SHEETS:
        rows = tables.get(s.name, Table(s.name, s.name)).rows
        files[f"{s.name}.csv"] = _csv([s.headers] + [[cells.get(h, "") for h in s.headers]
                                                      for _, cells in rows])
    return files


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()
