"""CAMEO-coded event streams (GDELT 2.0, ICEWS-style CSV) into signed ties over time.

:func:`import_events` reads event files with DuckDB in two SQL stages
(``kg/imports/sql/``): one pass over the events counts them per ordered
pair of actor codes, month and CAMEO code (``dyad_codes.sql``); the
second maps the codes to actors (:mod:`kg.imports.countries`) and sums
per dyad and period (``ties.sql``). Each event weighs its Goldstein value:
the one its file gives (the ``goldstein`` column of the CSV format), else
the value of its code in the CAMEO table of the ontology (GDELT's
``GoldsteinScale`` column holds that same value).

The rules, per dyad (directed: Actor1 to Actor2; ``undirected``: the
pair) and period, over its ``n`` events with values ``g``:

- the *mean* is ``sum(g) / n``; the *cooperation strength* is the sum
  of the positive values over ``n``, the *conflict strength* the size of
  the sum of the negative values over ``n`` (the two differ by the mean);
- a side is *strong* when its strength reaches ``strong`` (default 2.0:
  the side alone moves the dyad's mean by two points of the Goldstein
  scale, about one act of material cooperation or conflict in four);
- both sides strong: the dyad is **mixed**, kept as two ties, as curated
  mixed dyads are, a positive one weighing the cooperation strength and a
  negative one weighing the conflict strength (so their sum is the mean);
  each counts the events of its side;
- otherwise a **signed tie** when the size of the mean reaches
  ``threshold`` (default 1.0, one point on a scale of -10 to 10: a
  tenth of its range), its sign the mean's, its weight the mean; it
  counts all the dyad's events;
- otherwise no tie (counted as below the threshold); likewise a dyad
  with fewer than ``min_events`` events.

Events between two codes of one actor, with one side blank, or left out
by a filter are counted, as are events whose actor code nothing maps;
an unknown CAMEO code, a bad date or a row of the wrong width stops the
import with its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kg.errors import KGError
from kg.imports.countries import Actor, map_actors
from kg.imports.events_read import connect as _connect
from kg.imports.events_read import locate_code, sql, stage_one, unpacked

#: Defaults of the rules (see the module text).
THRESHOLD = 1.0
STRONG = 2.0
PERIODS = ("month", "quarter", "year")
#: Why events make no tie, in the order the summary gives them.
REASONS = ("filtered", "one-sided", "within", "outside", "unmapped")


@dataclass(frozen=True, order=True)
class Period:
    """A month, quarter or year, by its first and last month (``YYYYMM``).

    Examples
    --------
    >>> p = Period.of(202402, "quarter")
    >>> str(p), p.begin, p.end
    ('2024-Q1', '2024-01', '2024-03')
    >>> str(Period.of(202402, "year")), Period.of(202402, "year").end
    ('2024', '2024')
    """

    first: int
    last: int
    precision: str

    @classmethod
    def of(cls, month: int, precision: str) -> Period:
        year, m = divmod(int(month), 100)
        if precision == "month":
            return cls(month, month, precision)
        if precision == "quarter":
            start = (m - 1) // 3 * 3 + 1
            return cls(year * 100 + start, year * 100 + start + 2, precision)
        return cls(year * 100 + 1, year * 100 + 12, precision)

    @property
    def begin(self) -> str:
        """The first month (a year: the year) as XSD writes it."""
        return self._text(self.first)

    @property
    def end(self) -> str:
        return self._text(self.last)

    def _text(self, month: int) -> str:
        year, m = divmod(month, 100)
        return f"{year:04d}" if self.precision == "year" else f"{year:04d}-{m:02d}"

    def __str__(self) -> str:
        year, m = divmod(self.first, 100)
        if self.precision == "quarter":
            return f"{year:04d}-Q{(m - 1) // 3 + 1}"
        return self.begin


@dataclass(frozen=True)
class CodeShare:
    """One CAMEO code's part in a tie: its events, the sum of their values,
    and the article of its most-mentioned event (``url``, may be empty)."""

    code: str
    label: str
    events: int
    goldstein_sum: float
    url: str


@dataclass(frozen=True)
class Tie:
    """A signed tie between two actors in one period (see the module text)."""

    source: Actor
    target: Actor
    period: Period
    sign: int
    weight: float
    events: int
    goldstein_sum: float
    quads: tuple[int, int, int, int]
    codes: tuple[CodeShare, ...]
    mixed: bool
    directed: bool

    @property
    def urls(self) -> tuple[str, ...]:
        """The articles behind the tie, one per contributing code, without repeats."""
        return tuple(dict.fromkeys(c.url for c in self.codes if c.url))


@dataclass
class EventImport:
    """What :func:`import_events` made of the event files."""

    ties: list[Tie]
    files: list[str]
    format: str
    precision: str
    events: int = 0
    dyad_periods: int = 0
    below: int = 0
    #: events that make no tie, by reason (:data:`REASONS`)
    aside: dict[str, int] = field(default_factory=dict)
    #: events per actor code that nothing maps
    unmapped: dict[str, int] = field(default_factory=dict)

    @property
    def actors(self) -> list[Actor]:
        """The actors of the ties, sorted by IRI."""
        return sorted({a.iri: a for t in self.ties for a in (t.source, t.target)}.values())


def import_events(
    files: Sequence[str],
    *,
    ontology=None,
    format: str = "gdelt",
    period: str = "month",
    threshold: float = THRESHOLD,
    strong: float = STRONG,
    undirected: bool = False,
    root_only: bool = False,
    min_mentions: int = 0,
    min_sources: int = 0,
    min_events: int = 1,
    since: dt.date | None = None,
    until: dt.date | None = None,
    countries: Sequence[str] | None = None,
    scenario=None,
    actors_file: str | None = None,
    top_codes: int = 3,
    progress: Callable[[str, float], None] | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> EventImport:
    """Aggregate event files into signed ties per dyad and period.

    Parameters
    ----------
    files : GDELT 2.0 event exports (``format="gdelt"``, plain or ``.zip``)
        or CSV files ``date,source,target,cameo[,goldstein][,url][,mentions]``
        (``format="csv"``).
    ontology : the ontology graph (its CAMEO table); loaded when ``None``.
    period : ``"month"``, ``"quarter"`` or ``"year"``.
    threshold, strong : the rules of the module text.
    undirected : one tie per pair instead of one per direction.
    root_only, min_mentions, min_sources, since, until : filters of the
        events (GDELT's IsRootEvent, NumMentions, NumSources; the day).
    min_events : dyad-periods with fewer events make no tie.
    countries : keep only ties between these actor codes.
    scenario : an rdflib dataset whose states the codes map to.
    actors_file : a CSV ``code,actor`` mapping other codes.
    top_codes : how many contributing codes (and their articles) a tie keeps.
    progress : called with a stage name and the fraction done.

    Examples
    --------
    >>> result = import_events(["tests/imports/fixtures/events.tsv"])
    >>> result.events, len(result.ties) > 0
    (300, True)
    >>> tie = result.ties[0]
    >>> str(tie.period), tie.sign in (1, -1), tie.directed
    ('2024-01', True, True)
    """
    if period not in PERIODS:
        raise KGError(f"unknown period {period!r}; one of {', '.join(PERIODS)}")
    for name, value in (("threshold", threshold), ("strong", strong)):
        if not 0 < value <= 10:
            raise KGError(f"--{name} {value}: give a value above 0 and at most 10 "
                          "(a point of the Goldstein scale)")
    if min(min_mentions, min_sources, min_events) < 0 or top_codes < 0:
        raise KGError("minimum counts and --top-codes cannot be negative")
    if since and until and since > until:
        raise KGError(f"--from {since} is after --to {until}")
    if not files:
        raise KGError("no event files given")
    if ontology is None:
        from kg.rdf.load import load_ontology

        ontology = load_ontology()
    from kg.rdf.cameo import cameo_table

    table = cameo_table(ontology)

    def report(stage: str):
        return (lambda fraction: progress(stage, fraction)) if progress else None

    con = _connect(threads=threads, memory_limit=memory_limit)
    try:
        with unpacked(files, progress=(lambda _: None)) as (readable, shown):
            stage_one(con, readable, shown, format=format, root_only=root_only,
                      min_mentions=min_mentions, min_sources=min_sources, since=since,
                      until=until, progress=report("aggregating"))
            # decimals, not floats: sums in any order are exact, so a mean at the
            # threshold falls on the same side in every run
            con.execute("CREATE TEMP TABLE cameo "
                        "(code VARCHAR, goldstein DECIMAL(5, 1), quad INTEGER)")
            con.executemany("INSERT INTO cameo VALUES (?, ?, ?)",
                            [(c.code, c.goldstein, c.quad_class) for c in table.values()])
            unknown = con.execute(sql("unknown_codes")).fetchall()
            if unknown:
                code = unknown[0][0]
                file, line = locate_code(readable, shown, code, format=format)
                what = "no CAMEO event code" if code is None else (
                    f"unknown CAMEO code {code!r}: the CAMEO 1.1b3 table has no such code")
                raise KGError(what, file=file, line=line or None)
        return _ties(con, table, files=[str(f) for f in files], format=format,
                     precision=period, threshold=threshold, strong=strong,
                     undirected=undirected, min_events=min_events, countries=countries,
                     scenario=scenario, actors_file=actors_file, top_codes=top_codes)
    finally:
        con.close()


def _ties(con, table, *, files, format, precision, threshold, strong, undirected, min_events,
          countries, scenario, actors_file, top_codes) -> EventImport:
    result = EventImport([], files, format, precision)
    outcomes = con.execute(sql("outcomes")).fetchall()
    codes = sorted({c for _, s, t, _ in outcomes for c in (s, t) if c})
    allowed = None if countries is None else {c.strip().upper() for c in countries}
    mapped = map_actors([c for c in codes if allowed is None or c in allowed],
                        dataset=scenario, actors_file=actors_file)
    aside: Counter = Counter()
    unmapped: Counter = Counter()
    for why, source, target, events in outcomes:
        result.events += events
        if why != "dyad":
            aside[why] += events
        elif allowed is not None and not (source in allowed and target in allowed):
            aside["outside"] += events
        elif source not in mapped or target not in mapped:
            aside["unmapped"] += events
            for code in {source, target} - set(mapped):
                unmapped[code] += events
        elif mapped[source].iri == mapped[target].iri:
            aside["within"] += events
    result.aside = {why: aside[why] for why in REASONS if aside[why]}
    result.unmapped = dict(sorted(unmapped.items()))

    con.execute("CREATE TEMP TABLE actors (code VARCHAR, actor VARCHAR)")
    if mapped:
        con.executemany("INSERT INTO actors VALUES (?, ?)",
                        [(code, actor.iri) for code, actor in mapped.items()])
    by_iri = {actor.iri: actor for actor in mapped.values()}
    threshold, strong = Decimal(str(threshold)), Decimal(str(strong))
    rows = con.execute(sql("ties"), {"undirected": undirected, "period": precision,
                                      "top": top_codes}).fetchall()
    for (source, target, first, n, total, pos_n, pos_sum, neg_n, neg_sum, quads, pos_quads,
         neg_quads, pos_codes, neg_codes) in rows:
        result.dyad_periods += 1
        period = Period.of(first, precision)
        common = dict(source=by_iri[source], target=by_iri[target], period=period,
                      directed=not undirected)
        total, pos_sum, neg_sum = Decimal(total), Decimal(pos_sum), Decimal(neg_sum)
        cooperation, conflict = pos_sum / n, -neg_sum / n
        if n < min_events:
            result.below += 1
        elif cooperation >= strong and conflict >= strong:
            result.ties.append(Tie(sign=1, weight=_round(cooperation), events=pos_n,
                                   goldstein_sum=float(pos_sum), quads=tuple(pos_quads),
                                   codes=_shares(pos_codes, table, top_codes), mixed=True,
                                   **common))
            result.ties.append(Tie(sign=-1, weight=-_round(conflict), events=neg_n,
                                   goldstein_sum=float(neg_sum), quads=tuple(neg_quads),
                                   codes=_shares(neg_codes, table, top_codes), mixed=True,
                                   **common))
        elif abs(total / n) >= threshold:
            sign = 1 if total > 0 else -1
            result.ties.append(Tie(sign=sign, weight=_round(total / n), events=n,
                                   goldstein_sum=float(total), quads=tuple(quads),
                                   codes=_shares(pos_codes if sign > 0 else neg_codes, table,
                                                 top_codes),
                                   mixed=False, **common))
        else:
            result.below += 1
    return result


def _round(value: Decimal) -> float:
    return float(round(value, 3))


def _shares(rows, table, top: int) -> tuple[CodeShare, ...]:
    return tuple(CodeShare(r["code"], table[r["code"]].label, int(r["events"]),
                           round(float(r["sum"]), 3), r["url"] or "") for r in rows[:top])
