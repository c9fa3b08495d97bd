"""CAMEO-coded event streams (GDELT 2.0, ICEWS-style CSV) into signed ties over time.

:func:`import_events` maps every actor code it can map first (the
actors file, the scenario's states, ISO 3166: :mod:`kg.imports.countries`),
then reads the event files once with DuckDB (``kg/imports/sql/ties.sql``):
one hash aggregation per dyad, period and CAMEO code, a second per
dyad-period, both within DuckDB's memory limit (they spill to a temporary
folder past it; the articles they keep cannot spill, and an import that
outgrows the limit runs again with more), so memory grows with the dyads,
not the events.
Each event weighs its Goldstein value: the one its file gives (the
``goldstein`` column of the CSV format), else the value of its code in
the CAMEO table of the ontology (GDELT's ``GoldsteinScale`` column holds
that same value).

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
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kg.errors import KGError
from kg.imports.countries import Actor, mappable_actors
from kg.imports.events_read import (
    MORE_MEMORY,
    aggregate,
    event_files,
    locate_row,
    unmapped_events,
    unpacked,
)
from kg.imports.events_read import connect as _connect

#: Defaults of the rules (see the module text).
THRESHOLD = 1.0
STRONG = 2.0
PERIODS = ("month", "quarter", "year")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}
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
    #: the articles behind the tie, without repeats: one per top code (or,
    #: when no codes are kept, per QuadClass), the greatest part first
    urls: tuple[str, ...] = ()


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
        (``format="csv"``); a folder stands for its event files
        (:func:`kg.imports.events_read.event_files`).
    ontology : the ontology graph (its CAMEO table); the shipped one when ``None``.
    period : ``"month"``, ``"quarter"`` or ``"year"``.
    threshold, strong : the rules of the module text.
    undirected : one tie per pair instead of one per direction.
    root_only, min_mentions, min_sources, since, until : filters of the
        events (GDELT's IsRootEvent, NumMentions, NumSources; the day).
    min_events : dyad-periods with fewer events make no tie.
    countries : keep only ties between these actor codes.
    scenario : an rdflib dataset whose states the codes map to.
    actors_file : a CSV ``code,actor`` mapping other codes.
    top_codes : how many contributing codes (and their articles) a tie keeps;
        with none, the pass groups the events by QuadClass rather than by
        code (faster, and memory grows with dyads, periods and QuadClasses)
        and a tie keeps the article of each QuadClass.
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
    if format == "csv" and (root_only or min_sources):
        raise KGError(f"{'--root-only' if root_only else '--min-sources'} reads GDELT's "
                      f"{'IsRootEvent' if root_only else 'NumSources'}, a column a CSV of "
                      "events has not")
    files = event_files(files)
    if not files:
        raise KGError("no event files given")
    from kg.rdf.cameo import QUAD_CLASS_NAMES, cameo_table, shipped_cameo_table

    # the shipped table is read as text: parsing the whole ontology for it
    # would cost more than aggregating a million events
    table = shipped_cameo_table() if ontology is None else cameo_table(ontology)
    # every code that can be mapped, mapped before the pass that reads them
    ambiguous: dict[str, str] = {}
    mapped = mappable_actors(dataset=scenario, actors_file=actors_file, ambiguous=ambiguous)
    actors = sorted({actor.iri: actor for actor in mapped.values()}.values())
    # the SQL packs an actor's place in 16 bits and a code's rank in 10 (the
    # last four stand for the QuadClasses when no codes are kept)
    if len(actors) >= 1 << 16 or len(table) >= (1 << 10) - len(QUAD_CLASS_NAMES):
        raise KGError(f"{len(actors):,} actors and {len(table):,} CAMEO codes: an import maps "
                      "at most 65,535 actors and 1,019 codes")
    place = {actor.iri: k for k, actor in enumerate(actors)}
    allowed = None if countries is None else sorted({c.strip().upper() for c in countries})
    unknown = [c for c in allowed or () if c not in mapped]
    if unknown:
        raise KGError(f"--countries {', '.join(unknown)}: no actor has "
                      f"{'this code' if len(unknown) == 1 else 'these codes'} (an ISO 3166 "
                      "alpha-3 code, one of the scenario's or one --actors maps)")
    params = {"root_only": root_only, "min_mentions": int(min_mentions),
              "min_sources": int(min_sources),
              "since": since or dt.date(1, 1, 1), "until": until or dt.date(9999, 12, 31),
              "countries": allowed, "months": _MONTHS[period], "undirected": undirected,
              "by_code": top_codes > 0, "top": top_codes or len(QUAD_CLASS_NAMES)}

    with tempfile.TemporaryDirectory(prefix="kg-events-") as spill:
        con = _connect(threads=threads, memory_limit=memory_limit, temp_directory=spill)
        try:
            # one statement of lists each: executemany costs a statement per row
            con.execute("CREATE TEMP TABLE cameo AS SELECT unnest($code) AS code, "
                        "unnest($value)::INTEGER AS value, unnest($quad)::INTEGER AS quad, "
                        "unnest($rank)::INTEGER AS rank",
                        {"code": list(table),
                         "value": [int(c.goldstein * 1000) for c in table.values()],
                         "quad": [c.quad_class for c in table.values()],
                         "rank": list(range(len(table)))})
            con.execute("CREATE TEMP TABLE actors AS SELECT unnest($code)::VARCHAR AS code, "
                        "unnest($actor)::INTEGER AS actor",
                        {"code": list(mapped),
                         "actor": [place[actor.iri] for actor in mapped.values()]})
            more = MORE_MEMORY if memory_limit is None else ()
            with unpacked(files, progress=(lambda _: None)) as (readable, shown):
                rows = aggregate(con, readable, shown, format=format, params=params,
                                 progress=(lambda f: progress("aggregating", f))
                                 if progress else None, more_memory=more)
                _raise_bad_events(rows, readable, shown, table, format)
                # two pairs of unmapped codes shared a hash (ties.sql): count
                # the unmapped events again, by their codes
                recounted = (unmapped_events(con, params, more_memory=more)
                             if any(r[-1] for r in rows) else None)
        finally:
            con.close()
    result = EventImport([], [str(f) for f in files], format, period)
    _outcomes(result, rows, recounted, mapped, ambiguous)
    _ties(result, [r for r in rows if r[0]], actors, list(table.values()),
          threshold=threshold, strong=strong, undirected=undirected, min_events=min_events,
          top_codes=top_codes)
    return result


def _raise_bad_events(rows, files, shown, table, format: str) -> None:
    """Stop on an event without a date, with a Goldstein value off the scale
    or with a code the CAMEO table lacks (ties.sql counts them), naming the
    file and line of the first one."""
    gdelt = format == "gdelt"
    whys = {row[-4] for row in rows}
    if "unusable" in whys:
        day = "SQLDATE" if gdelt else "date"
        # a GDELT export's Goldstein values are its codes' (gdelt_events.sql)
        columns = (day,) if gdelt else (day, "goldstein")
        file, line, (when, *value) = locate_row(
            files, shown, format=format, columns=columns,
            bad=lambda when, value="": not when.strip() or _off_scale(value))
        if not when.strip():
            raise KGError(f"{day} is empty: every event needs a day", file=file,
                          line=line or None)
        raise KGError(f"goldstein {value[0]} is off the Goldstein scale (-10 to 10)", file=file,
                      line=line or None)
    if "unknown" in whys:
        file, line, (code,) = locate_row(files, shown, format=format,
                                         columns=("EventCode" if gdelt else "cameo",),
                                         bad=lambda value: value not in table)
        what = "no CAMEO event code" if not code else (
            f"unknown CAMEO code {code!r}: the CAMEO 1.1b3 table has no such code")
        raise KGError(what, file=file, line=line or None)


def _off_scale(value: str) -> bool:
    try:
        return bool(value) and not -10 <= float(value) <= 10
    except ValueError:
        return False


def _outcomes(result: EventImport, rows, recounted, mapped: dict[str, Actor],
              ambiguous: dict[str, str]) -> None:
    """Count the events of ``rows`` (ties.sql), by reason when they make no
    tie, and the events of each unmapped code: by the pairs of codes of
    ``rows``, or of ``recounted`` (unmapped.sql) when it is given."""
    aside: Counter = Counter()
    pairs: Counter = Counter()
    for row in rows:
        events, (why, source, target) = row[4], row[-4:-1]
        result.events += events
        if why == "dyad":
            continue
        aside[why] += events
        if why == "unmapped" and recounted is None:
            pairs[source, target] += events
    for source, target, events in recounted or ():
        pairs[source, target] += events
    unmapped: Counter = Counter()
    known = set(mapped)
    for (source, target), events in pairs.items():
        for code in {source, target} - known:
            if code in ambiguous:
                raise KGError(ambiguous[code])
            unmapped[code] += events
    result.aside = {why: aside[why] for why in REASONS if aside[why]}
    result.unmapped = dict(sorted(unmapped.items()))


def _ties(result: EventImport, rows, actors: list[Actor], codes: list, *, threshold, strong,
          undirected, min_events, top_codes) -> None:
    # the SQL sums in exact thousandths; so are the rules' limits
    threshold, strong = Decimal(str(threshold)) * 1000, Decimal(str(strong)) * 1000
    precision = result.precision
    periods: dict[int, Period] = {}
    for (_, source, target, first, n, total, pos_n, pos_sum, neg_n, neg_sum, quads, pos_quads,
         neg_quads, pos_codes, pos_urls, neg_codes, neg_urls, *_) in rows:
        result.dyad_periods += 1
        period = periods.get(first) or periods.setdefault(first, Period.of(first, precision))
        common = dict(source=actors[source], target=actors[target], period=period,
                      directed=not undirected)
        total, pos_sum, neg_sum = Decimal(total), Decimal(pos_sum), Decimal(neg_sum)
        cooperation, conflict = pos_sum / n, -neg_sum / n
        if n < min_events:
            result.below += 1
        elif cooperation >= strong and conflict >= strong:
            result.ties.append(Tie(sign=1, weight=_round(cooperation), events=pos_n,
                                   goldstein_sum=_units(pos_sum), quads=tuple(pos_quads),
                                   mixed=True, **_evidence(pos_codes, pos_urls, codes, top_codes),
                                   **common))
            result.ties.append(Tie(sign=-1, weight=-_round(conflict), events=neg_n,
                                   goldstein_sum=_units(neg_sum), quads=tuple(neg_quads),
                                   mixed=True, **_evidence(neg_codes, neg_urls, codes, top_codes),
                                   **common))
        elif abs(total / n) >= threshold:
            sign = 1 if total > 0 else -1
            side = (pos_codes, pos_urls) if sign > 0 else (neg_codes, neg_urls)
            result.ties.append(Tie(sign=sign, weight=_round(total / n), events=n,
                                   goldstein_sum=_units(total), quads=tuple(quads),
                                   mixed=False, **_evidence(*side, codes, top_codes), **common))
        else:
            result.below += 1


def _round(thousandths: Decimal) -> float:
    """A value given in thousandths, in units, to three decimals."""
    return float(round(thousandths / 1000, 3))


def _units(thousandths: Decimal) -> float:
    return float(thousandths / 1000)


def _evidence(parts, urls, codes: list, top: int) -> dict:
    """The top codes and articles of a side of a tie: ``parts`` 'rank events
    sum' (thousandths) and ``urls`` as ties.sql lists them, greatest first
    (aligned when codes are kept; when not, ``urls`` are one per QuadClass)."""
    shares = []
    for part, url in zip((parts or ())[:top], urls or (), strict=False):
        rank, events, total = map(int, part.split())
        shares.append(CodeShare(codes[rank].code, codes[rank].label, events,
                                round(total / 1000, 3), url))
    return {"codes": tuple(shares), "urls": tuple(dict.fromkeys(u for u in urls or () if u))}
