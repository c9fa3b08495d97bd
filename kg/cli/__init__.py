"""The ``kg`` command line: a thin layer over the library.

Only click is imported at start-up; each command imports the library
modules it needs when it runs, so ``kg --help`` stays fast.
"""

from __future__ import annotations

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
from kg.cli.query import export_command, load_command, query_command
from kg.cli.render import render_command
from kg.errors import KGError


class KGGroup(click.Group):
    """Turns a library error or a usage error into one line on stderr and
    exit code 2 (click's own usage errors take three lines)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as err:
            raise BadInput(str(err)) from None
        except OSError as err:  # a safety net: the library should have said more
            where = f"{err.filename}: " if err.filename else ""
            raise BadInput(f"{where}{err.strerror or err}") from None

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as err:
            hint = f" Try '{err.ctx.command_path} --help'." if err.ctx else ""
            click.echo(f"Error: {err.format_message()}{hint}", err=True)
            sys.exit(err.exit_code)
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(0)


class BadInput(click.ClickException):
    exit_code = 2


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kg")
def main() -> None:
    """A knowledge graph of international actors, agreements and relations.

    Commands read the shipped summit scenario unless given files or folders
    of RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD).
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
