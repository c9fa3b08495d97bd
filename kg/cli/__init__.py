"""The ``kg`` command line: a thin layer over the library.

Only click is imported at start-up; each command imports the library
modules it needs when it runs, so ``kg --help`` stays fast.

What reaches the terminal cannot steer it: every error is one line with
its control characters, bidi controls and non-UTF-8 bytes shown as
escapes (:func:`kg.tabular.terminal_safe`), and on a terminal standard
output gets the same treatment (tabs and line ends kept), as ``ls`` does
with file names. Redirected output and ``-o`` files keep the data.
"""

from __future__ import annotations

import io
import sys

import click

from kg import __version__
from kg.cli.analysis import (
    balance_command,
    centrality_command,
    frustration_command,
    triangles_command,
    wedges_command,
    whatif_command,
)
from kg.cli.core import stats_command, validate_command
from kg.cli.import_sheet import template_command
from kg.cli.imports import import_group
from kg.cli.query import export_command, load_command, query_command
from kg.cli.render import render_command
from kg.cli.serve import serve_command
from kg.cli.timeline import diff_command, timeline_command
from kg.cli.vocab import vocab_command
from kg.errors import KGError

_RAW_ARGS = "kg.raw_args"


class KGGroup(click.Group):
    """Turns a library error or a usage error into one line on stderr and
    exit code 2 (click's own usage errors take three lines)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_RAW_ARGS] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as err:
            raise BadInput(str(err)) from None
        except OSError as err:  # a safety net: the library should have said more
            where = f"{err.filename}: " if err.filename else ""
            raise BadInput(f"{where}{err.strerror or err}") from None
        except UnicodeEncodeError as err:
            arg = _undecodable_argument(ctx.meta.get(_RAW_ARGS, ()), err)
            if arg is None:
                raise
            raise BadInput(f"{arg}: not UTF-8; kg takes text in UTF-8 (only the name of a "
                           f"file or folder may hold other bytes)") from None

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        stdout = sys.stdout
        sys.stdout = _safe_stdout(stdout)
        try:
            super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as err:
            message = err.format_message()
            if err.ctx:  # one sentence after another, however the message ends
                end = "" if message.endswith((".", "?", "!")) else "."
                message = f"{message}{end} Try '{err.ctx.command_path} --help'."
            _fail(message, err.exit_code)
        except click.ClickException as err:
            _fail(err.format_message(), err.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        finally:
            sys.stdout = stdout
        sys.exit(0)


class BadInput(click.ClickException):
    exit_code = 2


def _fail(message: str, exit_code: int):
    from kg.tabular import terminal_safe

    click.echo(f"Error: {terminal_safe(message)}", err=True)
    sys.exit(exit_code)


def _undecodable_argument(args, err: UnicodeEncodeError) -> str | None:
    """The command-line argument (shown safely) whose bytes were not UTF-8 and
    led to ``err``, or ``None`` when ``err`` has another cause."""
    from kg.tabular import terminal_safe

    def foreign(text: str) -> bool:  # Python keeps such bytes as lone surrogates
        return any("\udc80" <= ch <= "\udcff" for ch in text)

    if not foreign(err.object[err.start:err.end]):
        return None
    candidates = [arg for arg in args if foreign(arg)]
    if not candidates:
        return None
    inside = [arg for arg in candidates if arg in err.object]
    return terminal_safe((inside or candidates)[0])


class _TerminalStdout(io.TextIOBase):
    """Standard output on a terminal: what could steer the terminal is
    shown as an escape; line ends and tabs are kept."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        from kg.tabular import terminal_safe

        if not isinstance(text, str):  # click probes a stream by writing b""
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._stream.write(terminal_safe(text, keep="\n\t"))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):
        return self._stream.encoding

    @property
    def errors(self):
        return self._stream.errors


def _safe_stdout(stream):
    """``stream`` made safe to print to: no character ever stops the output
    (Python's stdout is strict under a UTF-8 locale, so a file name with a
    byte that is not UTF-8 would end a command with a traceback), and on a
    terminal nothing in the data can steer it."""
    if stream is None:
        return stream
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="backslashreplace")
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return _TerminalStdout(stream) if tty else stream


# color=True: click.echo would otherwise delete what looks like a colour code
# (an ESC [ sequence) from output that is not a terminal, changing the data of
# csv, tsv and -o files; what reaches a terminal is escaped instead.
@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"],
                                            "color": True})
@click.version_option(__version__, "--version", prog_name="kg")
def main() -> None:
    """A knowledge graph of international actors, agreements and relations.

    Commands read the files and folders of RDF (Turtle, TriG, N-Triples,
    N-Quads, JSON-LD) given as PATHS; given none, they read the shipped
    summit scenario and say so on stderr.
    """


main.add_command(validate_command)
main.add_command(stats_command)
main.add_command(query_command)
main.add_command(load_command)
main.add_command(export_command)
main.add_command(render_command)
main.add_command(centrality_command)
main.add_command(balance_command)
main.add_command(frustration_command)
main.add_command(triangles_command)
main.add_command(wedges_command)
main.add_command(whatif_command)
main.add_command(vocab_command)
main.add_command(timeline_command)
main.add_command(diff_command)
main.add_command(serve_command)
main.add_command(import_group)
main.add_command(template_command)
