"""The chart of a timeline: balance and frustration over time (matplotlib).

One figure, two lines over the steps of :func:`kg.signed.timeline.timeline`:
the share of balanced triangles (left axis, 0 to 1; a gap where a step has
no triangle) and the frustration index (right axis: the ties whose change
of sign would balance the network; a hollow marker where it is only the
best bound found in the time limit). A dotted vertical line marks each
step where a tie appeared, ended or changed sign.

The same steps give the same bytes: the SVG's ids come from a fixed salt
and neither format records a date or the software's version.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

#: The formats :func:`timeline_chart` writes.
FORMATS = ("svg", "png")


def timeline_chart(steps: Sequence, *, fmt: str = "svg", title: str = "") -> bytes:
    """The chart of ``steps`` (:class:`kg.signed.timeline.Step`) as SVG or PNG bytes.

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.signed.timeline import rdf_history, step_dates, timeline
    >>> h = rdf_history(load(["tests/fixtures/dated.trig"]))
    >>> steps = timeline(h, step_dates(h, every="year", start="1912", end="1916"))
    >>> svg = timeline_chart(steps)
    >>> svg.startswith(b"<?xml") and svg == timeline_chart(steps)
    True
    >>> timeline_chart(steps, fmt="png")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    if fmt not in FORMATS:
        from kg.errors import KGError

        raise KGError(f"a chart is written as {' or '.join(FORMATS)}, not {fmt!r}")
    # a Figure of its own, never pyplot: no global figure, no interactive backend (PNG is
    # drawn by Agg, SVG by matplotlib's SVG writer)
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [str(step.date) for step in steps]
    x = list(range(len(steps)))
    share = [float("nan") if step.share is None else step.share for step in steps]
    index = [step.frustration for step in steps]
    with rc_context({"svg.hashsalt": "kg-timeline", "svg.fonttype": "path",
                     "font.family": "DejaVu Sans", "path.simplify": False}):
        fig = Figure(figsize=(max(6.0, min(16.0, 0.35 * len(steps) + 3)), 4.0), dpi=100)
        ax = fig.add_subplot()
        for at, step in zip(x, steps, strict=True):
            if step.changes:
                ax.axvline(at, color="#999999", linestyle=":", linewidth=0.8, zorder=0)
        ax.plot(x, share, color="#1f77b4", marker="o", markersize=4, label="balanced triangles")
        ax.set_ylim(-0.05, 1.05)
        ax.set_ylabel("share of balanced triangles", color="#1f77b4")
        right = ax.twinx()
        right.plot(x, index, color="#d62728", marker="s", markersize=4, linestyle="--",
                   label="frustration index")
        bound = [i for i, step in enumerate(steps) if not step.exact]
        if bound:
            right.plot(bound, [index[i] for i in bound], linestyle="none", marker="s",
                       markersize=8, markerfacecolor="none", markeredgecolor="#d62728",
                       label="frustration: best found (not proven)")
        right.set_ylim(bottom=0, top=max([1.0, *index]) * 1.15)
        right.set_ylabel("frustration index (ties)", color="#d62728")
        ticks = _ticks(len(steps))
        ax.set_xticks(ticks, [labels[i] for i in ticks], rotation=45, ha="right", fontsize=8)
        ax.set_xlim(-0.5, max(0.5, len(steps) - 0.5))
        ax.plot([], [], color="#999999", linestyle=":", label="a tie changed")
        handles = ax.get_legend_handles_labels()
        more = right.get_legend_handles_labels()
        # above the plot: the lines run along its top and bottom edges
        ax.legend(handles[0] + more[0], handles[1] + more[1], loc="lower left",
                  bbox_to_anchor=(0.0, 1.01), ncol=4, fontsize=8, frameon=False)
        if title:
            ax.set_title(title, fontsize=10, pad=24)
        fig.tight_layout()
        out = io.BytesIO()
        metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, metadata=metadata)
    return out.getvalue()


def _ticks(count: int, most: int = 24) -> list[int]:
    """At most ``most`` evenly spaced tick positions, the first and last included."""
    if count <= most:
        return list(range(count))
    step = -(-count // most)
    ticks = list(range(0, count, step))
    return ticks if ticks[-1] == count - 1 else ticks + [count - 1]
