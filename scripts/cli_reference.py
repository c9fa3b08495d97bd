"""The CLI reference of README.md, from the commands' own --help.

Run by scripts/update_readme.py (`make docs`).
"""

from __future__ import annotations

import click

from kg.cli import main

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"


def reference() -> str:
    parts = []
    for path, ctx in _contexts(main, "kg", None):
        text = ctx.command.get_help(ctx)
        parts.append(f"### `{path}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def _contexts(command: click.Command, name: str, parent: click.Context | None):
    """Contexts as the shell builds them, so inherited settings apply."""
    settings = {"terminal_width": 80, "max_content_width": 80, **command.context_settings}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    yield ctx.command_path, ctx
    if isinstance(command, click.Group):
        for sub in sorted(command.commands):
            yield from _contexts(command.commands[sub], sub, ctx)


def render(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{reference()}{END}{tail}"

