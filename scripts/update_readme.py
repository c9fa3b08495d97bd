"""Bring README.md up to date: the CLI reference and the examples' output.

    python scripts/update_readme.py           # rewrite README.md (make docs)
    python scripts/update_readme.py --check   # exit 1 when README.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cli_reference  # noqa: E402
import readme_examples  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"


def update(readme: str) -> str:
    return readme_examples.refresh(cli_reference.render(readme))


if __name__ == "__main__":
    current = README.read_text(encoding="utf-8")
    fresh = update(current)
    if "--check" in sys.argv:
        sys.exit(0 if fresh == current else 1)
    README.write_text(fresh, encoding="utf-8")
