"""Write the CLI reference into README.md from the commands' own --help.

    python scripts/cli_reference.py --write   # update README.md
    python scripts/cli_reference.py --check   # exit 1 when README.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
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


if __name__ == "__main__":
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        sys.exit(0 if fresh == current else 1)
    README.write_text(fresh, encoding="utf-8")
