"""Options shared by several commands, defined once.

Every command reads the RDF files and folders given as PATHS, or the
shipped scenario when none are given, and then says so on stderr
(:func:`note_source`), so that nobody mistakes the shipped data for their
own. Tables fit the terminal (:func:`table_width`); ``--wide`` shows them
whole.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys

import click

paths_argument = click.argument("paths", nargs=-1, metavar="[PATHS]...")

#: Set in ``ctx.meta`` while ``-o FILE`` collects what a command prints.
_WRITING_FILE = "kg.writing_file"

wide_option = click.option(
    "--wide", is_flag=True,
    help="Show long table cells whole (a table is cut to fit the terminal; csv, tsv, json "
         "and -o files never are).",
)


def format_option(*choices: str, default: str = "table"):
    """``--format`` with the given choices."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def echo_json(value) -> None:
    """Print ``value`` as indented JSON, non-ASCII characters kept and the
    characters a terminal acts on escaped (see :func:`kg.tabular.json_text`)."""
    from kg.tabular import json_text

    click.echo(json_text(value))


def echo_line(text: str, **kwargs) -> None:
    """Print one line for people: each control character, bidi control or
    byte that was not UTF-8 in ``text`` is shown as an escape
    (see :func:`kg.tabular.terminal_safe`), so the line stays one line."""
    from kg.tabular import terminal_safe

    click.echo(terminal_safe(text), **kwargs)


def stdout_is_terminal() -> bool:
    """Whether what the command prints goes to a terminal (not a pipe, a file
    or ``-o``): then csv and tsv show each value on its line, escaped
    (``format_rows(..., terminal=stdout_is_terminal())``)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def note_source(paths) -> None:
    """Say on stderr that the command reads the shipped scenario, when no
    PATHS were given: one line, never in the output, and not said when the
    command reads PATHS, a store or an endpoint."""
    if paths:
        return
    from kg.rdf.shipped import DEFAULT_SCENARIO

    # The words of kg.sparql.engines.describe_source, without importing the engines.
    click.echo(f"reading the shipped scenario {DEFAULT_SCENARIO} "
               "(give PATHS to read your own)", err=True)


def load_paths(paths: tuple[str, ...]):
    """The dataset of PATHS, or of the shipped scenario when none are given
    (which :func:`note_source` then says), as of the command's
    :func:`time_options`."""
    from kg.rdf.load import load

    note_source(paths)
    return dated(load(paths or None))


_TIME = "kg.time"


def time_options(command):
    """``--as-of DATE``, ``--between FROM TO`` and ``--dated-only``: the view
    of the graph a command reads (see :mod:`kg.sparql.snapshot`). The
    command reads them through :func:`load_paths`, :func:`dated` or
    :func:`time_view`; it says on stderr which view its results are for."""
    def remember(ctx, param, value):
        ctx.meta.setdefault(_TIME, {})[param.name] = value

    command = click.option(
        "--dated-only", is_flag=True, expose_value=False, callback=remember,
        help="Leave out undated statements (they are timeless: in every view by default).",
    )(command)
    command = click.option(
        "--between", nargs=2, metavar="FROM TO", expose_value=False, callback=remember,
        help="Read the statements that hold at some time from FROM to TO (each a year, "
             "a month or a day).",
    )(command)
    return click.option(
        "--as-of", metavar="DATE", expose_value=False, callback=remember,
        help="Read the graph as of DATE: a year (1971), a month (1971-07) or a day "
             "(1971-07-15); a statement dated 1971 holds on every day of 1971.",
    )(command)


def time_view():
    """The :class:`~kg.rdf.dates.TimeView` the command's time options ask
    for, or ``None`` when they ask for none."""
    chosen = click.get_current_context().meta.get(_TIME, {})
    if not (chosen.get("as_of") or chosen.get("between") or chosen.get("dated_only")):
        return None
    from kg.rdf.dates import TimeView

    return TimeView.of(as_of=chosen.get("as_of"), between=chosen.get("between") or None,
                       dated_only=bool(chosen.get("dated_only")))


def dated(dataset):
    """``dataset`` as of the command's time options (itself when none), and
    one line on stderr saying which view the results are for."""
    view = time_view()
    if view is None:
        return dataset
    from kg.sparql.snapshot import snapshot

    snap = snapshot(dataset, view)
    echo_line(snap.describe(), err=True)
    return snap.dataset


def dated_engine(engine):
    """A query engine over the snapshot of ``engine``'s graph as of the
    command's time options (``engine`` itself when none).

    A view needs the whole graph in memory: a ``--store`` is read into
    memory for it, and an ``--endpoint`` is refused (its data could be
    anything in size; export it to a file first)."""
    if time_view() is None:
        return engine
    if getattr(engine, "name", None) == "endpoint":
        from kg.errors import KGError

        raise KGError("--as-of, --between and --dated-only need the whole graph in memory, "
                      "not an --endpoint: export its data first (kg export --endpoint URL "
                      "--format nq -o FILE.nq) and read the file")
    from kg.sparql.engine_rdflib import MemoryEngine
    from kg.sparql.engines import dataset_of

    return MemoryEngine(dated(dataset_of(engine)))


def source_options(command):
    """``--store`` and ``--endpoint``, the sources other than PATHS, and
    ``--data PATH``, the old way to give PATHS, kept (hidden) for scripts
    that use it."""
    command = click.option(
        "--endpoint", metavar="URL",
        help="A SPARQL 1.1 endpoint, e.g. http://localhost:7878/query (not with --as-of, "
             "--between or --dated-only).",
    )(command)
    command = click.option(
        "--store", metavar="DIR", type=click.Path(file_okay=False),
        help="An on-disk Oxigraph store written by `kg load` (read whole into memory for "
             "--as-of, --between or --dated-only).",
    )(command)
    command = click.option(
        "--data", "data", multiple=True, metavar="PATH", type=click.Path(), hidden=True,
        help="The same as giving PATH as one of PATHS (repeatable).",
    )(command)
    return command


#: The width of a table when the terminal does not say.
FALLBACK_WIDTH = 80


def table_width(*, wide: bool = False) -> int | None:
    """How many columns a table may take, or ``None`` for its whole width.

    A table printed to a terminal fits it (``COLUMNS`` when set, as
    :func:`shutil.get_terminal_size` reads it, else the terminal's own
    width). A table that goes to a pipe, a redirected file or ``-o`` is
    whole, so that ``grep`` and files see every character; so is one with
    ``--wide``. A program that runs the CLI with click's ``terminal_width``
    (e.g. ``CliRunner().invoke(..., terminal_width=100)``) gets that width.
    """
    ctx = click.get_current_context(silent=True)
    if wide or (ctx is not None and ctx.meta.get(_WRITING_FILE)):
        return None
    if ctx is not None and ctx.terminal_width:
        return ctx.terminal_width
    if not stdout_is_terminal():
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or FALLBACK_WIDTH
    except (AttributeError, ValueError, OSError):
        return FALLBACK_WIDTH


class CutNote:
    """Counts the table cells cut to fit (``format_rows(..., on_cut=note)``)
    and says so on stderr, with how to see them whole."""

    def __init__(self, width: int | None):
        self.width, self.cells = width, 0

    def __call__(self, count: int) -> None:
        self.cells += count

    def say(self) -> None:
        if self.cells:
            cells = "1 long cell" if self.cells == 1 else f"{self.cells} long cells"
            click.echo(f"cut {cells} to fit {self.width} columns; --wide shows them whole",
                       err=True)


class OutputFile(click.ParamType):
    """A file to write: checked before the command works (regular files
    only, see :func:`kg.atomic.check_target`), so every command refuses a
    bad target with the same one line and before spending time."""

    name = "file"

    def convert(self, value, param, ctx):
        from kg.atomic import check_target
        from kg.errors import KGError

        check_target(value)
        # The write would fail there too, but only after the command's work.
        folder = os.path.dirname(os.fspath(value)) or "."
        if not os.path.isdir(folder):
            reason = "Not a directory" if os.path.exists(folder) else "No such file or directory"
            raise KGError(f"cannot write here: {reason}", file=value)
        return value


class AnswerExit(SystemExit):
    """The end of a command whose exit code is part of its answer (ASK: 0 or 1)."""


def output_option(command):
    """``-o FILE``: write what the command prints to FILE, whole or not at all.

    The output streams into a temporary file, renamed onto FILE once the
    command has finished, or has ended with an :class:`AnswerExit`; a
    command that fails leaves FILE as it was. The file holds the data as
    the format gives it: a table is escaped for people (see
    :func:`kg.tabular.format_rows`) and whole (:func:`table_width`), csv,
    tsv and json keep the data.
    """
    @click.option("-o", "--output", type=OutputFile(), metavar="FILE",
                  help="Write the output to FILE (atomically) instead of standard output.")
    @functools.wraps(command)
    def wrapper(*args, output=None, **kwargs):
        if output is None:
            return command(*args, **kwargs)
        from kg.atomic import atomic_file

        answer = None
        click.get_current_context().meta[_WRITING_FILE] = output
        with atomic_file(output) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", errors="backslashreplace",
                                    newline="", write_through=True)
            try:
                with contextlib.redirect_stdout(text):
                    command(*args, **kwargs)
            except AnswerExit as end:
                answer = end
            finally:
                text.detach()  # the file is atomic_file's to close
        if answer is not None:
            raise answer

    return wrapper
