"""The small network of a resource's neighbours, drawn as an SVG on the server.

No script draws it: the resource sits in the middle, its neighbours on a
circle around it, each a link to its own page; a tie's colour is its sign
(a class the stylesheet colours). The template writes the SVG, escaping
every label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kg.server.terms import Term

WIDTH, HEIGHT = 760, 420
_RADIUS = 160
_LABEL = 28
SIGN_CLASS = {1: "positive", -1: "negative", 0: "neutral", 2: "mixed"}


@dataclass(frozen=True)
class Spot:
    """A neighbour placed on the drawing."""

    node: Term
    x: float
    y: float
    text: str
    anchor: str
    line: str


def place(neighbours: Sequence) -> list[Spot]:
    """Neighbours (with ``.node`` and ``.sign``) on a circle around the centre.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> spots = place([SimpleNamespace(node=Term("iri", "Avalon", "urn:a"), sign=1)])
    >>> (spots[0].x, spots[0].y, spots[0].line)
    (380.0, 50.0, 'positive')
    """
    spots = []
    count = len(neighbours)
    for index, item in enumerate(neighbours):
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        x = round(WIDTH / 2 + _RADIUS * 1.1 * math.cos(angle), 1)
        y = round(HEIGHT / 2 + _RADIUS * math.sin(angle), 1)
        text = item.node.text if len(item.node.text) <= _LABEL \
            else item.node.text[:_LABEL - 1] + "…"
        anchor = "middle" if abs(x - WIDTH / 2) < 40 else ("start" if x > WIDTH / 2 else "end")
        spots.append(Spot(item.node, x, y, text, anchor, SIGN_CLASS.get(item.sign, "neutral")))
    return spots
