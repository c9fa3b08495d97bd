"""Text of the data as a page shows it: bidirectional controls made visible.

A bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE and its kin, see
:data:`kg.tabular.BIDI_CONTROLS`) reorders the text after it, so a label
or a "verbatim" quote could read differently on the page from what the
data says, and could drag the page's own words along. A page therefore
shows each such control as a marker like ``[U+202E]`` and isolates each
value of the data (``<bdi>``), while the page's data keeps the real text.
``network.js`` does the same for what it puts on the page.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from kg.tabular import BIDI_CONTROLS

_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
#: The tooltip of a marker.
MARKER_TITLE = "a bidirectional control character, shown here instead of applied"


def marker(char: str) -> str:
    """The visible stand-in of one control: ``[U+202E]``.

    Examples
    --------
    >>> marker("\\u202e")
    '[U+202E]'
    """
    return f"[U+{ord(char):04X}]"


def shown(text: object) -> str:
    """``text`` with each bidirectional control replaced by its marker, for
    places that hold plain text only (the page title, an attribute).

    Examples
    --------
    >>> shown("Gamma \\u202esehctaw\\u202c.")
    'Gamma [U+202E]sehctaw[U+202C].'
    """
    return _BIDI.sub(lambda m: marker(m[0]), str(text))


def visible(text: object) -> Markup:
    """``text`` as escaped HTML, each control shown as a marker, for a value
    that stands alone in its element (a heading, a caption).

    Examples
    --------
    >>> print(visible("<b>A</b>\u202e"))
    &lt;b&gt;A&lt;/b&gt;<span class="control" title="a bidirectional control character, shown here instead of applied">[U+202E]</span>
    """  # noqa: E501
    parts = []
    last = 0
    text = str(text)
    for match in _BIDI.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<span class="control" title="{}">{}</span>').format(
            MARKER_TITLE, marker(match[0])))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def isolated(text: object) -> Markup:
    """:func:`visible` in a ``<bdi>``, for a value beside other text: even a
    right-to-left label cannot reorder its neighbours.

    Examples
    --------
    >>> print(isolated("A & B"))
    <bdi>A &amp; B</bdi>
    """
    return Markup("<bdi>{}</bdi>").format(visible(text))
