"""Run the `kg` commands shown in README.md and the docs, and put their real output there.

    python scripts/doc_examples.py           # rewrite the stale files (make docs)
    python scripts/doc_examples.py --check   # exit 1 when one is stale

The files are README.md and every Markdown page under docs/.

A ``console`` block is run when each of its commands is a plain `kg`
command: no pipe or redirection, no other program and no server
(`--endpoint`, `kg serve`, `kg import wikidata`). Other blocks are shown
as typed; the tests cover what they do. The commands of a block run one
after the other in a scratch folder that sees the project's `data/`,
`tests/` and `docs/` (where the tutorials keep their input files) through
links: what they write (pages, stores) lands in the scratch folder, as
long as a shown command writes nothing into those three.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
SHELL = {"|", "||", "&", "&&", ";", ">", ">>", "<"}
SERVERS = {"--endpoint", "serve", "wikidata"}
SHARED = ("data", "tests", "docs")


def words(command: str) -> list[str]:
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    return list(lexer)


def commands(block: str) -> list[tuple[str, str]] | None:
    """(as typed, as run) for each command of a block; None when it is not run."""
    found: list[tuple[str, str]] = []
    lines = block.splitlines()
    for number, line in enumerate(lines):
        if not line.startswith("$ "):
            continue
        typed = [line]
        while typed[-1].endswith("\\") and number + len(typed) < len(lines):
            typed.append(lines[number + len(typed)])
        command = " ".join(part.removesuffix("\\").strip() for part in typed)[2:]
        tokens = words(command)
        if tokens[:1] != ["kg"] or {t.split("=")[0] for t in tokens} & (SHELL | SERVERS):
            return None
        found.append(("\n".join(typed), command))
    return found or None


def run(command: str) -> str:
    """What the command prints, stdout and stderr as a terminal shows them."""
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, words(command)[1:], prog_name="kg", terminal_width=200)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"`{command}` crashed: {result.exception!r}") from result.exception
    return result.output.rstrip("\n")


@contextlib.contextmanager
def scratch_folder():
    """A temporary working folder that sees the project's data and tests."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="kg-readme-") as folder:
        for name in SHARED:
            (Path(folder) / name).symlink_to(ROOT / name, target_is_directory=True)
        os.chdir(folder)
        try:
            yield Path(folder)
        finally:
            os.chdir(before)


def files() -> list[Path]:
    """README.md and the docs' Markdown pages (not vendored files), in a fixed order."""
    docs = ROOT / "docs"
    return [ROOT / "README.md",
            *sorted(p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] != "assets")]


def refresh(text: str) -> str:
    """A Markdown text with the output of every block that is run brought up to date."""
    def block(match: re.Match) -> str:
        found = commands(match.group(2))
        if found is None:
            return match.group(0)
        with scratch_folder():
            shown = "".join(f"{typed}\n{run(command)}\n" for typed, command in found)
        return match.group(1) + shown + match.group(3)

    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    from kg.atomic import atomic_write

    stale = []
    for path in files():
        current = path.read_text(encoding="utf-8")
        fresh = refresh(current)
        if fresh == current:
            continue
        stale.append(path)
        if "--check" not in argv:
            atomic_write(path, fresh)
            print(f"refreshed {path.relative_to(ROOT)}")
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: run `make docs`", file=sys.stderr)
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

