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
    for path, command in _commands(main, ["kg"]):
        with click.Context(command, info_name=" ".join(path), terminal_width=80) as ctx:
            text = command.get_help(ctx)
        parts.append(f"### `{' '.join(path)}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def _commands(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _commands(command.commands[name], [*path, name])


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
