"""A scenario's network page as the server sends it, with a policy for its inline scripts.

The page ``kg render`` writes (:func:`kg.pages.network_page.build_page`),
with or without the time slider of ``kg render --timeline``, is one
self-contained file: its scripts and styles are inline, as a file
opened from disk needs. The server sends it unchanged, with a
Content-Security-Policy of its own that allows exactly those scripts by
their sha256 hashes (CSP level 2), and nothing else: no other script, no
request to anywhere (``default-src 'none'``). Styles stay
``'unsafe-inline'``: vis-network sets styles as it draws, and a style runs
no code.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def script_hashes(html: str) -> list[str]:
    """The CSP sources (``'sha256-...'``) of the executable inline scripts of a page.

    Examples
    --------
    >>> script_hashes('<script type="application/json">{}</script><script>go()</script>')
    ["'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"]
    """
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1) or "", match.group(2)
        kind = _TYPE.search(attrs)
        if "src=" in attrs.lower() or (kind and kind.group(1).lower() not in _EXECUTABLE):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return found


def network_policy(html: str) -> str:
    """The Content-Security-Policy header for a network page.

    Examples
    --------
    >>> network_policy("<script>go()</script>").split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"]
    """
    scripts = " ".join(script_hashes(html)) or "'none'"
    return "; ".join([
        "default-src 'none'", f"script-src {scripts}", "style-src 'unsafe-inline'",
        "img-src data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'",
    ])


def network_html(dataset, *, lens: str = "all", title: str | None = None,
                 timeline: bool = False) -> str:
    """The network page of a scenario's dataset through one lens (as ``kg render``);
    with ``timeline``, with its time slider (as ``kg render --timeline``)."""
    from kg.pages.network_page import build_page

    return build_page(dataset, lens=lens, title=title, timeline=timeline).html
