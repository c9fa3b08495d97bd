"""Run the `kg` commands shown in README.md and put their real output there.

    python scripts/readme_examples.py --write   # update README.md
    python scripts/readme_examples.py --check   # exit 1 when an output is stale

A ``console`` block is run when each of its commands is a plain `kg`
command: no pipe or redirection, no other program, and nothing that writes
files or needs a server (`kg render`, `kg load`, `-o`, `--store`,
`--endpoint`).
Those blocks are shown as typed; the tests cover what they do. Commands run
from the project folder, as the README's reader runs them.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
SHELL = {"|", "||", "&", "&&", ";", ">", ">>", "<"}
WRITES = {"render", "load", "-o", "--output", "--store", "--endpoint"}


def runnable(command: str) -> bool:
    """A plain `kg` command: no shell operator, nothing written, no server."""
    if command.endswith("\\"):  # continued on the next line
        return False
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    return words[:1] == ["kg"] and not (set(words) & (SHELL | WRITES))


def commands(block: str) -> list[str] | None:
    """The commands of a block, or None when the block is not run."""
    found = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    if not found or not all(runnable(c) for c in found):
        return None
    return found


def run(command: str) -> str:
    """What the command prints, stdout and stderr as a terminal shows them."""
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, shlex.split(command)[1:], prog_name="kg",
                                terminal_width=200)
    return result.output.rstrip("\n")


def refresh(readme: str) -> str:
    """README.md with the output of every block that is run brought up to date."""
    def block(match: re.Match) -> str:
        found = commands(match.group(2))
        if found is None:
            return match.group(0)
        return match.group(1) + "".join(f"$ {c}\n{run(c)}\n" for c in found) + match.group(3)

    return BLOCK.sub(block, readme)


if __name__ == "__main__":
    os.chdir(ROOT)
    current = README.read_text(encoding="utf-8")
    fresh = refresh(current)
    if "--check" in sys.argv:
        sys.exit(0 if fresh == current else 1)
    README.write_text(fresh, encoding="utf-8")
