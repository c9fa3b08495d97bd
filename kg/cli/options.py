"""Options shared by several commands, defined once."""

from __future__ import annotations

import contextlib
import functools
import io
import sys

import click

paths_argument = click.argument("paths", nargs=-1, metavar="[PATHS]...")


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


def load_paths(paths: tuple[str, ...]):
    """The dataset of PATHS, or of the shipped scenario when none are given."""
    from kg.rdf.load import load

    return load(paths or None)


def source_options(command):
    """``--data``, ``--store`` and ``--endpoint``: where a command reads the graph."""
    command = click.option(
        "--endpoint", metavar="URL",
        help="A SPARQL 1.1 endpoint, e.g. http://localhost:7878/query.",
    )(command)
    command = click.option(
        "--store", metavar="DIR", type=click.Path(file_okay=False),
        help="An on-disk Oxigraph store written by `kg load`.",
    )(command)
    command = click.option(
        "--data", "data", multiple=True, metavar="PATH", type=click.Path(),
        help="RDF file or folder to load into memory (repeatable); "
             "default: the shipped data.",
    )(command)
    return command


class OutputFile(click.ParamType):
    """A file to write: checked before the command works (regular files
    only, see :func:`kg.atomic.check_target`), so every command refuses a
    bad target with the same one line and before spending time."""

    name = "file"

    def convert(self, value, param, ctx):
        from kg.atomic import check_target

        check_target(value)
        return value


class AnswerExit(SystemExit):
    """The end of a command whose exit code is part of its answer (ASK: 0 or 1)."""


def output_option(command):
    """``-o FILE``: write what the command prints to FILE, whole or not at all.

    The output streams into a temporary file, renamed onto FILE once the
    command has finished, or has ended with an :class:`AnswerExit`; a
    command that fails leaves FILE as it was. The file holds the data as the format gives it: a table is escaped for people
    (see :func:`kg.tabular.format_rows`), csv, tsv and json keep the data.
    """
    @click.option("-o", "--output", type=OutputFile(), metavar="FILE",
                  help="Write the output to FILE (atomically) instead of standard output.")
    @functools.wraps(command)
    def wrapper(*args, output=None, **kwargs):
        if output is None:
            return command(*args, **kwargs)
        from kg.atomic import atomic_file

        answer = None
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
