"""The steps and changes of a timeline as rows and records for people and tools.

:class:`TimelineText` names the actors of a :class:`~kg.signed.history.History`
by their labels and the statements by their CURIEs (an edge list's by
``file:line``), and turns what :mod:`kg.signed.timeline` computes into
text: one row per statement behind each :class:`~kg.signed.timeline.TieChange`
(with its quotes), a step as a row or as a JSON-ready record, a Dittmer
change and a wedge as one line. ``kg timeline`` and ``kg diff`` print them;
a page or the server can show the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.rdf.dates import Date
from kg.rdf.namespaces import curie
from kg.signed.history import History, rdf_history
from kg.signed.network import SIGNED_LAYERS

#: How a change row writes a sign.
SIGNS = {1: "+", -1: "-", None: ""}
#: The columns of a change row (``date`` first).
CHANGE_COLUMNS = ("date", "change", "tie", "before", "after", "statement", "statement was",
                  "quote")
#: The columns of a step row, for people (``table``) and for tools.
STEP_COLUMNS = ("date", "+", "-", "mixed", "triangles", "balanced", "frustration", "exact",
                "dittmer changes", "top wedge")
STEP_FIELDS = ("date", "positive", "negative", "mixed", "triangles", "share_balanced",
               "frustration", "frustration_exact", "dittmer_changes", "top_wedge")


@dataclass
class TimelineText:
    """A history with the labels of its actors and the quotes of its statements.

    ``quotes`` maps a statement IRI to its quotes (empty for an edge list).

    Examples
    --------
    >>> from kg.rdf.load import load
    >>> from kg.signed.timeline import networks
    >>> text = TimelineText.of_dataset(load(["tests/fixtures/dated.trig"]))
    >>> _, after = networks(text.history, [Date.parse("1913-09"), Date.parse("1913-10-05")])
    >>> text.change_rows(after.date, after.changes)[0][:7]
    ['1913-10-05', 'changed sign', 'Brigadoon – Cockaigne', '+', '- mixed', 'kgr:crisis-1913', \
'began']
    """

    history: History
    quotes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of_dataset(cls, dataset, *, layers=SIGNED_LAYERS, claims: bool = True) -> TimelineText:
        """The history of a dataset (:func:`~kg.signed.history.rdf_history`) and its quotes."""
        from kg.signed.explain import quote_index

        return cls(rdf_history(dataset, layers=layers, claims=claims), quote_index(dataset))

    def label(self, node) -> str:
        """An actor's label (its name when it has none)."""
        return str(self.history.nodes.get(node, {}).get("label") or node)

    def statement(self, key: str) -> str:
        """A statement's CURIE, or an edge-list row's ``file:line``."""
        return key if self.history.source else curie(key)

    def change_rows(self, date: Date, changes, *, first: bool = False) -> list[list[str]]:
        """One row (:data:`CHANGE_COLUMNS`) per statement behind each change;
        at the ``first`` step every tie is new to the timeline: it is there
        "at start", and its statements are "in view", or "undated" (in
        every step: they did not begin then)."""
        undated = {k for t in self.history.ties if t.when is None
                   for k in (t.data.get("statements") or (t.key,))} if first else set()
        rows = []
        for c in changes:
            tie = f"{self.label(c.a)} – {self.label(c.b)}"
            before = SIGNS[c.before] + (" mixed" if c.before_mixed else "")
            after = SIGNS[c.after] + (" mixed" if c.after_mixed else "")
            began = ("undated" if k in undated else "in view" if first else "began"
                     for k in c.began)
            keys = [*zip(c.began, began, strict=True), *((k, "ended") for k in c.ended)]
            for key, how in keys or [("", "")]:
                quote = " | ".join(self.quotes.get(key, ()))
                rows.append([str(date), "at start" if first else c.change, tie, before, after,
                             self.statement(key) if key else "", how, quote])
        return rows

    def step_row(self, step, *, table: bool = True) -> list:
        """A step as one row (:data:`STEP_COLUMNS`): for people (``table``),
        or for tools (:data:`STEP_FIELDS`: plain numbers, true/false)."""
        if table:
            exact = "yes" if step.exact else f"no (bound {step.bound:g})"
            share = "n/a" if step.share is None else f"{step.share:.0%}"
        else:
            exact = "true" if step.exact else "false"
            share = "" if step.share is None else round(step.share, 6)
        return [str(step.date), step.ties["+"], step.ties["-"], step.ties["mixed"],
                step.triangles, share, f"{step.frustration:g}", exact,
                "; ".join(self.dittmer_text(d) for d in step.dittmer), self.wedge_text(step)]

    def step_record(self, step, *, first: bool = False) -> dict:
        """A step as a JSON-ready record, with its change rows."""
        return {
            "date": str(step.date),
            "ties": step.ties,
            "census": step.census,
            "triangles": step.triangles,
            "share_balanced": None if step.share is None else round(step.share, 6),
            "frustration": step.frustration,
            "frustration_exact": step.exact,
            "frustration_bound": step.bound,
            "dittmer_changes": [{
                "triangle": [self.label(n) for n in d.nodes],
                "before": d.before, "after": d.after,
                "before_role": self.label(d.before_role) if d.before_role else None,
                "after_role": self.label(d.after_role) if d.after_role else None,
            } for d in step.dittmer],
            "top_wedge": self.wedge_text(step) or None,
            "changes": [dict(zip(CHANGE_COLUMNS[1:], row[1:], strict=True))
                        for row in self.change_rows(step.date, step.changes, first=first)],
        }

    def dittmer_text(self, d) -> str:
        """A triangle whose Dittmer type changed, in one line."""
        def kind(name, role):
            if name is None:
                return "no triangle"
            if role is None:
                return name
            word = "pivot" if name == "romantic triangle" else "outcast"
            return f"{name} ({word} {self.label(role)})"

        names = ", ".join(self.label(n) for n in d.nodes)
        return f"{names}: {kind(d.before, d.before_role)} → {kind(d.after, d.after_role)}"

    def wedge_text(self, step) -> str:
        """The top wedge of a step in one line; its note when the search
        was skipped; empty without a wedge."""
        wedge = step.wedge
        if wedge is None:
            return step.wedge_note or ""
        lab = self.label
        if wedge.kind == "coercive":
            return f"{lab(wedge.sponsors[0].node)} presses {lab(wedge.a)} (pair " \
                   f"{lab(wedge.a)} – {lab(wedge.b)}), predicted to tighten the pair"
        # a wedge nobody gains from scores 0: its strain still ranks it
        measure = f"score {wedge.score:.2f}" if wedge.score else f"strain {wedge.strain:.2f}"
        return f"{lab(wedge.pivot)} pulls {lab(wedge.a)} from {lab(wedge.b)} ({measure})"
