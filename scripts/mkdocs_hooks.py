"""MkDocs hooks of the docs site (mkdocs.yml: ``hooks``).

The docstrings are numpydoc with Sphinx roles (``:func:`kg.load```,
``:class:`~kg.errors.KGError```); mkdocstrings renders the role's name as
text before the code (and, in a parameter's type, the whole role as code).
On the API page this drops the role and keeps the name, the last part of
it after a ``~`` as Sphinx shows it.
"""

from __future__ import annotations

import re

ROLES = r":(?:func|meth|mod|class|attr|data|exc|obj):"
BEFORE_CODE = re.compile(ROLES + r"<code>~?([\w.]*?)([\w]+)</code>")
IN_CODE = re.compile(ROLES + r"`~?([\w.]*?)([\w]+)`")


def _name(match: re.Match) -> str:
    full = match.group(0)
    shown = match.group(2) if "~" in full else match.group(1) + match.group(2)
    return f"<code>{shown}</code>" if "<code>" in full else shown


def on_page_content(html: str, *, page, **kwargs) -> str:
    if page.file.src_uri != "reference/api.md":
        return html
    return IN_CODE.sub(_name, BEFORE_CODE.sub(_name, html))
