"""The GDELT 2.0 event export: its 61 columns, and a generator of such files.

GDELT 2.0 publishes every event it codes as a tab-separated file without a
header, 61 columns in the order of the GDELT 2.0 Event Codebook
(http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf,
"Event Table Format"; the same columns as the public BigQuery table
``gdelt-bq.gdeltv2.events``): :data:`COLUMNS`. Event codes keep their
leading zeros ("057"), so every code column is read as text.

:func:`generate_events` writes deterministic files of that layout for
tests, benchmarks and demonstrations (no network here): states drawn from
the ISO 3166 table of pycountry with a skewed (Zipf) share of the news,
CAMEO codes drawn with the shares of the root codes in GDELT's own
output, each pair of states leaning to cooperation or conflict (and some
turning from one to the other half-way), Goldstein value and QuadClass
from the CAMEO table of the ontology, days, article URLs under
``example.com``. The same seed gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from kg.atomic import atomic_file
from kg.errors import KGError

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The 61 columns of a GDELT 2.0 event export, in file order.
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

#: Share of each CAMEO root code among GDELT's events (rounded from the
#: root-code counts GDELT reports for its 2.0 stream: statements,
#: consultations and appeals dominate; mass violence is rare).
ROOT_SHARES: dict[str, float] = {
    "01": 9.0, "02": 5.0, "03": 6.0, "04": 22.0, "05": 8.0, "06": 2.0, "07": 2.0, "08": 2.0,
    "09": 1.5, "10": 3.0, "11": 6.0, "12": 3.0, "13": 2.0, "14": 3.0, "15": 1.0, "16": 1.5,
    "17": 7.0, "18": 5.0, "19": 10.0, "20": 0.1,
}
#: CAMEO's regional actor codes: actors that are no ISO 3166 state, and
#: stay unmapped unless an ``--actors`` file names them.
REGIONAL_CODES = ("AFR", "EUR", "MEA")

_COOPERATION_ROOTS = {f"{n:02d}" for n in range(1, 10)}


def generate_events(cameo: Mapping[str, object], *, events: int, seed: int = 0,
                    start: str = "2024-01-01", months: int = 12,
                    countries: int = 30) -> Iterator[str]:
    """Lines (with their line end) of a GDELT 2.0 event export.

    Parameters
    ----------
    cameo : the CAMEO table, code to :class:`kg.rdf.cameo.CameoCode`
        (:func:`kg.rdf.cameo.cameo_table`).
    events : how many lines.
    seed : the seed of every random choice.
    start, months : the events fall on the days of ``months`` months from
        the month of ``start`` (ISO date), in order.
    countries : how many states act (the ISO 3166 alpha-3 codes, a seeded
        choice among pycountry's).

    Examples
    --------
    >>> from kg.rdf.cameo import cameo_table
    >>> from kg.rdf.load import load_ontology
    >>> lines = list(generate_events(cameo_table(load_ontology()), events=3, seed=1))
    >>> [len(line.rstrip("\\n").split("\\t")) for line in lines]
    [61, 61, 61]
    >>> lines == list(generate_events(cameo_table(load_ontology()), events=3, seed=1))
    True
    """
    # numpy only here: an import of events reads COLUMNS and needs none of it
    import numpy as np
    import pycountry

    if events < 0 or months < 1 or countries < 2:
        raise KGError("need events >= 0, months >= 1 and countries >= 2")
    rng = np.random.default_rng(seed)
    states = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    chosen = sorted(rng.choice(len(states), size=min(countries, len(states)), replace=False))
    states = [states[i] for i in chosen]
    codes = [*(s.alpha_3 for s in states), *REGIONAL_CODES]
    names = [*(s.name.upper() for s in states), *("REGION " + c for c in REGIONAL_CODES)]
    alpha2 = [*(s.alpha_2 for s in states), *("" for _ in REGIONAL_CODES)]
    # a Zipf share of the news per actor, in a seeded order
    share = 1.0 / np.arange(1, len(codes) + 1) ** 1.1
    share = share[rng.permutation(len(codes))]
    share /= share.sum()
    n = len(codes)
    # each ordered pair leans to cooperation (+1) or conflict (-1), or is
    # mixed (0); a fifth of the pairs turn half-way through the months
    lean = rng.choice([1, 1, 1, 0, -1], size=(n, n))
    lean = np.maximum(lean, lean.T)
    turn = rng.random((n, n)) < 0.2
    turn = turn | turn.T

    table = [c for c in cameo.values() if len(c.code) >= 3 or not any(
        other.code.startswith(c.code) and other.code != c.code for other in cameo.values())]
    by_root: dict[str, list] = {}
    for c in table:
        by_root.setdefault(c.root, []).append(c)
    roots = sorted(by_root)
    coop_roots = np.array([r in _COOPERATION_ROOTS for r in roots])
    root_share = np.array([ROOT_SHARES.get(r, 1.0) for r in roots])

    first = dt.date.fromisoformat(start).replace(day=1)
    month_starts = [_add_months(first, k) for k in range(months + 1)]
    days = [(month_starts[k] + dt.timedelta(days=d))
            for k in range(months)
            for d in range((month_starts[k + 1] - month_starts[k]).days)]
    month_of_day = np.array([k for k in range(months)
                             for _ in range((month_starts[k + 1] - month_starts[k]).days)])
    day_text = [d.strftime("%Y%m%d") for d in days]
    fraction = [f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" for d in days]

    chunk = 50_000
    event_id = 1_000_000_000 + seed * 10_000_000
    for begin in range(0, events, chunk):
        size = min(chunk, events - begin)
        # days in order across the whole stream, as GDELT's files come
        day = (np.arange(begin, begin + size) * len(days)) // max(events, 1)
        a1 = rng.choice(n, size=size, p=share)
        a2 = rng.choice(n, size=size, p=share)
        a2 = np.where(a2 == a1, (a2 + 1) % n, a2)
        late = month_of_day[day] >= months // 2
        pair_lean = lean[a1, a2] * np.where(turn[a1, a2] & late, -1, 1)
        # the root's share, tilted towards the pair's lean
        tilt = np.where(pair_lean[:, None] == 0, 1.0,
                        np.where(coop_roots[None, :] == (pair_lean[:, None] > 0), 2.5, 0.4))
        weights = root_share[None, :] * tilt
        cumulative = np.cumsum(weights, axis=1)
        pick = (rng.random(size)[:, None] * cumulative[:, -1:] > cumulative).sum(axis=1)
        within = rng.zipf(1.6, size=size) - 1
        blank1 = rng.random(size) < 0.08
        blank2 = rng.random(size) < 0.12
        root_event = rng.random(size) < 0.45
        mentions = np.minimum(rng.geometric(0.25, size=size), 500)
        sources = np.maximum(1, (mentions * rng.random(size)).astype(int))
        tone = rng.normal(-1.5, 3.5, size=size)
        lat = rng.uniform(-60, 70, size=size)
        lon = rng.uniform(-180, 180, size=size)
        minute = rng.integers(0, 96, size=size)
        site = rng.integers(1, 400, size=size)
        for i in range(size):
            options = by_root[roots[pick[i]]]
            code = options[min(int(within[i]), len(options) - 1)]
            d = int(day[i])
            event_id += 1
            yield _line(
                event_id, day_text[d], fraction[d],
                "" if blank1[i] else codes[a1[i]], names[a1[i]], alpha2[a1[i]],
                "" if blank2[i] else codes[a2[i]], names[a2[i]], alpha2[a2[i]],
                code, bool(root_event[i]), int(mentions[i]), int(sources[i]), float(tone[i]),
                float(lat[i]), float(lon[i]), int(minute[i]), int(site[i]))


def _line(event_id, day, fraction, c1, n1, g1, c2, n2, g2, code, root, mentions, sources,
          tone, lat, lon, minute, site) -> str:
    actor1 = [f"{c1}GOV" if c1 else "", n1 if c1 else "", c1, "", "", "", "",
              "GOV" if c1 else "", "", ""]
    actor2 = [f"{c2}GOV" if c2 else "", n2 if c2 else "", c2, "", "", "", "",
              "GOV" if c2 else "", "", ""]
    geo1 = _geo(n1, g1, lat, lon) if c1 else ["0", "", "", "", "", "", "", ""]
    geo2 = _geo(n2, g2, -lat / 2, lon / 2) if c2 else ["0", "", "", "", "", "", "", ""]
    action = _geo(n1, g1, lat, lon)
    added = f"{day}{minute // 4:02d}{minute % 4 * 15:02d}00"
    url = f"https://news{site}.example.com/{day[:4]}/{day[4:6]}/{day[6:]}/story-{event_id}.html"
    fields = [str(event_id), day, day[:6], day[:4], fraction, *actor1, *actor2,
              "1" if root else "0", code.code, code.code[:3], code.root, str(code.quad_class),
              str(code.goldstein), str(mentions), str(sources), str(mentions + sources % 3),
              f"{tone:.6f}", *geo1, *geo2, *action, added, url]
    return "\t".join(fields) + "\n"


def _geo(name: str, alpha2: str, lat: float, lon: float) -> list[str]:
    return ["1", name.title(), alpha2, alpha2, "", f"{lat:.4f}", f"{lon:.4f}", alpha2]


def _add_months(day: dt.date, k: int) -> dt.date:
    year, month = divmod(day.month - 1 + k, 12)
    return dt.date(day.year + year, month + 1, 1)


def write_events(folder: str | os.PathLike, cameo: Mapping[str, object], *, events: int,
                 files: int = 1, seed: int = 0, start: str = "2024-01-01", months: int = 12,
                 countries: int = 30, zipped: bool = False) -> list[Path]:
    """Write ``events`` generated events into ``files`` files in ``folder``.

    The files are named as GDELT names its 15-minute exports
    (``YYYYMMDDHHMMSS.export.CSV``, ``.zip`` when ``zipped``), after the
    first day they hold, each written whole or not at all.

    Examples
    --------
    >>> import tempfile
    >>> from kg.rdf.cameo import cameo_table
    >>> from kg.rdf.load import load_ontology
    >>> made = write_events(tempfile.mkdtemp(), cameo_table(load_ontology()),
    ...                     events=10, files=2, zipped=True)
    >>> [p.name for p in made]
    ['20240101000000.export.CSV.zip', '20240702001500.export.CSV.zip']
    """
    if files < 1:
        raise KGError("need at least one file")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = generate_events(cameo, events=events, seed=seed, start=start, months=months,
                            countries=countries)
    made: list[Path] = []
    for k in range(files):
        count = events // files + (1 if k < events % files else 0)
        first = next(lines, None) if count else None
        day = first.split("\t", 2)[1] if first else start.replace("-", "")[:8]
        name = f"{day}{k % 96 // 4:02d}{k % 4 * 15:02d}00.export.CSV"
        if any(p.name.startswith(name) for p in made):
            name = f"{day}{k:06d}.export.CSV"
        body = itertools.chain([first] if first else [], itertools.islice(lines, count - 1))
        target = folder / (f"{name}.zip" if zipped else name)
        with atomic_file(target) as handle:
            if zipped:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with zipfile.ZipFile(handle, "w") as archive, \
                        archive.open(info, "w", force_zip64=True) as member:
                    _write_lines(member, body)
            else:
                _write_lines(handle, body)
        made.append(target)
    return made


def _write_lines(handle, lines) -> None:
    while batch := list(itertools.islice(lines, 20_000)):
        handle.write("".join(batch).encode("utf-8"))
