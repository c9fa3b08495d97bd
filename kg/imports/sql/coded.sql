-- Each event as the aggregation reads it (ties.sql, unmapped.sql): its
-- actor codes and article, its CAMEO code's rank, its Goldstein value,
-- its period and why it makes no tie, if it makes none.
--
-- Reads the view `events` (gdelt_events.sql or csv_events.sql), the CAMEO
-- table `cameo` (code, value: its Goldstein value in thousandths, quad,
-- rank: the code's place in code order) and the actor map `actors` (code,
-- actor: the actor's place in IRI order), the last two filled by the
-- caller. Arguments: the filters (root_only, min_mentions, min_sources,
-- since, until, countries: a list of codes, or NULL for all), months (a
-- period's months: 1, 3 or 12) and undirected (each pair in actor order).
--
-- An event is a dyad's (why 0), or set aside by why it is not: 1
-- 'filtered' (the root-event, mention, source and date filters), 2
-- 'one-sided' (an actor without a code), 3 'within' (both codes, or both
-- actors, the same), 4 'outside' (a code not in countries), 5 'unmapped'
-- (a code the actor map lacks); 7 'unusable' (no day, or a Goldstein
-- value off the scale of -10 to 10: an error the caller names). Its
-- Goldstein value is the one its file gives, else its code's, in exact
-- thousandths (integers: the same sums in any order, every run). Its
-- period is its first month, counted from year 0. Of two events of one
-- code, the article kept is the most-mentioned one's, then (url_key) the
-- first coded one's in GDELT, the one whose URL hashes lower in a CSV.
--
-- Mapping every code to actors costs little: joins with tables of a few
-- hundred rows.
CREATE OR REPLACE TEMP MACRO coded(root_only, min_mentions, min_sources, since, until,
                                   countries, months, undirected) AS TABLE
SELECT
    e.source, e.target, e.code, e.url,
    c.rank, c.quad,
    coalesce(CASE WHEN e.goldstein BETWEEN -10 AND 10
                  THEN (e.goldstein::DECIMAL(12, 3) * 1000)::BIGINT END, c.value) AS value,
    coalesce(e.mentions, 0)::BIGINT * 549755813888
        + (549755813887 - coalesce(e.event_id, 0) % 549755813888) AS url_key,
    (year(e.day) * 12 + month(e.day) - 1) // months * months AS period,
    CASE
        WHEN e.day IS NULL OR NOT coalesce(e.goldstein BETWEEN -10 AND 10, true) THEN 7
        WHEN NOT ((NOT root_only OR e.root)
                  AND coalesce(e.mentions, 0) >= min_mentions
                  AND coalesce(e.sources, 0) >= min_sources
                  AND e.day >= since AND e.day <= until) THEN 1
        WHEN e.source IS NULL OR e.target IS NULL THEN 2
        WHEN e.source = e.target THEN 3
        WHEN countries IS NOT NULL AND NOT (list_contains(countries, e.source)
                                            AND list_contains(countries, e.target)) THEN 4
        WHEN a.actor IS NULL OR b.actor IS NULL THEN 5
        WHEN a.actor = b.actor THEN 3
        ELSE 0
    END AS why,
    CASE WHEN undirected AND b.actor < a.actor THEN b.actor ELSE a.actor END AS one,
    CASE WHEN undirected AND b.actor < a.actor THEN a.actor ELSE b.actor END AS other
FROM events e
LEFT JOIN cameo c ON c.code = e.code
LEFT JOIN actors a ON a.code = e.source
LEFT JOIN actors b ON b.code = e.target;
