"""Options shared by several commands, defined once."""

from __future__ import annotations

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


def load_paths(paths: tuple[str, ...]):
    """The dataset of PATHS, or of the shipped scenario when none are given."""
    from kg.load import load

    return load(paths or None)
