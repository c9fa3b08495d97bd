"""Dates at their own precision, and the views of a graph at a date.

A date is written at one of three precisions, as OWL-Time's properties
hold them (``time:inXSDgYear``, ``time:inXSDgYearMonth``,
``time:inXSDDate``) and as Wikidata's time values carry a precision: a
year (``1904``), a month (``1972-05``) or a day (``1972-02-21``). A date
covers every day of its precision: ``1904`` holds from 1 January to 31
December 1904. A ``time:inXSDDateTimeStamp`` counts as its day.

A :class:`When` is the span of days a statement holds (an interval, open
at either end) or the day(s) a thing happens (an instant). A
:class:`TimeView` chooses the statements of a view: at a date (``as_of``),
or over a span (``between``); a statement whose days meet the view's days
is in the view, a thing that happens once it has happened, counting from
the first day of its date (a change dated ``1972`` has happened as of
``1972-01``); an undated one is in every view unless ``dated_only``
(:meth:`TimeView.shows`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES

#: The precisions, coarsest first, with the XSD datatype of each.
PRECISIONS = {"year": "gYear", "month": "gYearMonth", "day": "date"}

_FORMS = (
    ("day", re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)),
    ("month", re.compile(r"(\d{4})-(\d{2})", re.ASCII)),
    ("year", re.compile(r"(\d{4})", re.ASCII)),
)
# A time zone or a time of day may follow an XSD date (2024-05-01Z, 2024-05-01T10:00:00+02:00).
_TAIL = re.compile(r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?", re.ASCII)


@dataclass(frozen=True, order=True)
class Date:
    """A date at its own precision: the first and last day it covers.

    Examples
    --------
    >>> d = Date.parse("1972-02")
    >>> d.precision, d.first.isoformat(), d.last.isoformat(), str(d)
    ('month', '1972-02-01', '1972-02-29', '1972-02')
    >>> Date.parse("1904").last.isoformat()
    '1904-12-31'
    >>> Date.parse("1972-02-30")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: '1972-02-30' is not a date: write a year (1972), a month (1972-02) or ...
    >>> Date.parse("2023-Q2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: '2023-Q2' is a quarter, not a date: write one of its months (2023-04 to ...
    """

    first: dt.date
    last: dt.date
    precision: str

    @classmethod
    def parse(cls, text: str, *, where: str = "") -> Date:
        """A year, a month or a day written as XSD writes them."""
        raw = str(text).strip()
        for precision, form in _FORMS:
            match = form.match(raw)
            if not match or not _TAIL.fullmatch(raw, match.end()):
                continue
            if precision == "year" and match.end() < len(raw) and raw[match.end()] == "-":
                continue
            try:
                return cls._of(precision, *(int(part) for part in match.groups()))
            except ValueError:
                break
        where = f"{where}: " if where else ""
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", raw, re.ASCII | re.IGNORECASE)
        if quarter:  # as kg import events labels its periods of a quarter
            year, q = quarter.groups()
            raise KGError(f"{where}{raw!r} is a quarter, not a date: write one of its months "
                          f"({year}-{3 * int(q) - 2:02d} to {year}-{3 * int(q):02d}) or days")
        raise KGError(f"{where}{raw!r} is not a date: write a year (1972), a month "
                      "(1972-02) or a day (1972-02-21)")

    @classmethod
    def _of(cls, precision: str, year: int, month: int = 1, day: int = 1) -> Date:
        if year < 1:
            raise ValueError(year)
        if precision == "year":
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), precision)
        if precision == "month":
            end = calendar.monthrange(year, month)[1]
            return cls(dt.date(year, month, 1), dt.date(year, month, end), precision)
        day_ = dt.date(year, month, day)
        return cls(day_, day_, precision)

    def owl_time(self) -> tuple[URIRef, Literal]:
        """The OWL-Time property and the typed literal that write this date
        at its precision (``time:inXSDgYear``, ``time:inXSDgYearMonth`` or
        ``time:inXSDDate``).

        Examples
        --------
        >>> from kg.rdf.namespaces import curie
        >>> for text in ("1972", "1972-02", "1972-02-21"):
        ...     prop, value = Date.parse(text).owl_time()
        ...     print(curie(prop), repr(str(value)), curie(value.datatype))
        time:inXSDgYear '1972' xsd:gYear
        time:inXSDgYearMonth '1972-02' xsd:gYearMonth
        time:inXSDDate '1972-02-21' xsd:date
        """
        name = {"year": "inXSDgYear", "month": "inXSDgYearMonth", "day": "inXSDDate"}
        prop = URIRef(PREFIXES["time"] + name[self.precision])
        datatype = URIRef(PREFIXES["xsd"] + PRECISIONS[self.precision])
        return prop, Literal(str(self), datatype=datatype)

    def next(self) -> Date | None:
        """The year, month or day after this one, at its precision
        (``None`` after the last day Python counts).

        Examples
        --------
        >>> str(Date.parse("1915").next()), str(Date.parse("1972-12").next())
        ('1916', '1973-01')
        >>> str(Date.parse("1972-02-29").next()), Date.parse("9999").next()
        ('1972-03-01', None)
        """
        try:
            day = self.last + dt.timedelta(days=1)
        except OverflowError:
            return None
        return Date._of(self.precision, day.year, day.month, day.day)

    def __str__(self) -> str:
        text = self.first.isoformat()
        return {"year": text[:4], "month": text[:7]}.get(self.precision, text)


@dataclass(frozen=True)
class When:
    """The days a statement holds or a thing happens: from ``start`` to
    ``end`` (either ``None`` when open), as written (``begin``/``finish``).

    Examples
    --------
    >>> w = When.between(Date.parse("1969"), None)
    >>> w.meets(Date.parse("2024-01-01").first, Date.parse("2024-01-01").last), str(w)
    (True, '1969 to now')
    """

    begin: Date | None
    finish: Date | None
    instant: bool = False

    @classmethod
    def between(cls, begin: Date | None, finish: Date | None) -> When:
        return cls(begin, finish)

    @classmethod
    def at(cls, date: Date) -> When:
        return cls(date, date, instant=True)

    @property
    def start(self) -> dt.date | None:
        return self.begin.first if self.begin else None

    @property
    def end(self) -> dt.date | None:
        return self.finish.last if self.finish else None

    def meets(self, first: dt.date, last: dt.date) -> bool:
        """Whether some day from ``first`` to ``last`` is one of these days."""
        return ((self.start is None or self.start <= last)
                and (self.end is None or self.end >= first))

    def __str__(self) -> str:
        if self.instant:
            return str(self.begin)
        begin = str(self.begin) if self.begin else "…"
        return f"{begin} to {self.finish}" if self.finish else f"{begin} to now"


@dataclass(frozen=True)
class TimeView:
    """Which statements a command reads: those at ``as_of``, those over
    ``between`` (two dates), or all (neither); ``dated_only`` leaves out
    the undated ones.

    Examples
    --------
    >>> view = TimeView.of(as_of="1971")
    >>> str(view), view.first.isoformat(), view.last.isoformat()
    ('as of 1971', '1971-01-01', '1971-12-31')
    >>> str(TimeView.of(between=("1969-03", "1972")))
    'between 1969-03 and 1972'
    >>> TimeView.of(between=("1972", "1969"))
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --between 1972 1969: the first date is after the second
    """

    as_of: Date | None = None
    since: Date | None = None
    until: Date | None = None
    dated_only: bool = False

    @classmethod
    def of(cls, *, as_of: str | None = None, between: tuple[str, str] | None = None,
           dated_only: bool = False) -> TimeView:
        """The view of the command-line options ``--as-of``, ``--between``
        and ``--dated-only`` (one date option at most)."""
        if as_of and between:
            raise KGError("give --as-of DATE or --between FROM TO, not both")
        if as_of:
            return cls(as_of=Date.parse(as_of, where="--as-of"), dated_only=dated_only)
        if between:
            since = Date.parse(between[0], where="--between")
            until = Date.parse(between[1], where="--between")
            if since.first > until.last:
                raise KGError(f"--between {between[0]} {between[1]}: the first date is "
                              "after the second")
            return cls(since=since, until=until, dated_only=dated_only)
        return cls(dated_only=dated_only)

    @property
    def dated(self) -> bool:
        """Whether the view is at a date or over a span (not every time)."""
        return self.as_of is not None or self.since is not None

    @property
    def first(self) -> dt.date | None:
        return (self.as_of or self.since).first if self.dated else None

    @property
    def last(self) -> dt.date | None:
        return (self.as_of or self.until).last if self.dated else None

    def shows(self, when: When | None, *, happening: bool) -> bool:
        """Whether the view shows a statement with these days: a thing that
        happens (``happening``) once it has happened (:meth:`happened`),
        anything else while it holds (:meth:`holds`).

        The one rule of a view: the snapshot, the timeline and the page's
        slider all ask it.

        Examples
        --------
        >>> view = TimeView.of(as_of="1972-03")
        >>> summit = When.at(Date.parse("1972-05"))
        >>> view.shows(summit, happening=True), view.shows(summit, happening=False)
        (False, False)
        >>> rivalry = When.between(Date.parse("1969"), Date.parse("1972-02"))
        >>> view.shows(rivalry, happening=False), view.shows(None, happening=True)
        (False, True)
        """
        return self.happened(when) if happening else self.holds(when)

    def holds(self, when: When | None) -> bool:
        """Whether a statement that holds over ``when`` is in the view."""
        if when is None:
            return not self.dated_only
        return not self.dated or when.meets(self.first, self.last)

    def happened(self, when: When | None) -> bool:
        """Whether a thing that happens at ``when`` has happened by the
        view's last day (the history known at the view's date).

        A happening counts from the first day of its date: one dated at a
        year or a month precision counts as happened from the first day of
        that year or month (a change dated ``1972`` has happened as of
        ``1972-01``), as a statement dated ``1972`` holds from 1 January.

        Examples
        --------
        >>> signed = When.at(Date.parse("1972"))
        >>> [TimeView.of(as_of=d).happened(signed) for d in ("1971-12-31", "1972-01")]
        [False, True]
        """
        if when is None:
            return not self.dated_only
        return not self.dated or when.start is None or when.start <= self.last

    def __str__(self) -> str:
        if self.as_of:
            text = f"as of {self.as_of}"
        elif self.since:
            text = f"between {self.since} and {self.until}"
        else:
            text = "at every date"
        return text + (", dated statements only" if self.dated_only else "")
