"""MkDocs hooks of the docs site (mkdocs.yml: ``hooks``).

The docstrings are numpydoc with Sphinx roles (``:func:`kg.load```);
mkdocstrings renders the role's name as text before the code (and, in a
parameter's type, the whole role as code). This drops the role and keeps
the name.
"""

from __future__ import annotations

import re

ROLES = r":(?:func|meth|mod|class|attr|data|exc|obj):"
BEFORE_CODE = re.compile(ROLES + r"(?=<code>)")
IN_CODE = re.compile(ROLES + r"`([^`<]+)`")


def on_page_content(html: str, **kwargs) -> str:
    return IN_CODE.sub(r"\1", BEFORE_CODE.sub("", html))
