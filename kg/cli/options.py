"""Options shared by several commands, defined once."""

from __future__ import annotations

import contextlib
import functools
import io
import json

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
    """Print ``value`` as indented JSON, non-ASCII characters kept."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


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


class AnswerExit(SystemExit):
    """The end of a command whose exit code is part of its answer (ASK: 0 or 1)."""


def output_option(command):
    """``-o FILE``: write what the command prints to FILE, whole or not at all.

    The output is collected and written through a temporary file and a
    rename once the command has finished, or has ended with an
    :class:`AnswerExit`; a command that fails writes nothing.
    """
    @click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
                  help="Write the output to FILE (atomically) instead of standard output.")
    @functools.wraps(command)
    def wrapper(*args, output=None, **kwargs):
        if output is None:
            return command(*args, **kwargs)
        from kg.atomic import atomic_write

        buffer = io.StringIO()
        answer = None
        with contextlib.redirect_stdout(buffer):
            try:
                command(*args, **kwargs)
            except AnswerExit as end:
                answer = end
        atomic_write(output, buffer.getvalue())
        if answer is not None:
            raise answer

    return wrapper
