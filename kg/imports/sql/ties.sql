-- The whole aggregation, in one pass over the events: per dyad and
-- period, the ties' counts and top codes; beside them, what became of the
-- events that make no tie.
--
-- Reads the view `events` (gdelt_events.sql or csv_events.sql), the CAMEO
-- table `cameo` (code, value: its Goldstein value in thousandths, quad,
-- rank: the code's place in code order) and the actor map `actors` (code,
-- actor: the actor's place in IRI order), the last two filled by the
-- caller. Parameters: the filters ($root_only, $min_mentions,
-- $min_sources, $since, $until, $countries: a list of codes, or NULL for
-- all), $period ('month', 'quarter' or 'year'; a period is keyed by its
-- first month, YYYYMM), $undirected (each pair in actor order) and $top.
--
-- Each event is a dyad's, or set aside by why it is not: 'filtered' (the
-- root-event, mention, source and date filters), 'one-sided' (an actor
-- without a code), 'within' (both codes, or both actors, the same),
-- 'outside' (a code not in $countries), 'unmapped' (a code the actor map
-- lacks). Its Goldstein value is the one its file gives, else its code's,
-- in exact thousandths (integers: the same sums in any order, every run).
--
-- One hash aggregation reads the events once. Its groups are of two
-- kinds: a dyad's events per period and code (the codes of a tie, and the
-- article of each code's most-mentioned event), and the other events per
-- reason, with the codes of unmapped actors (each kind's key is NULL in
-- the other's columns; GROUPING SETS would say it more plainly, but DuckDB
-- copies its input for them, every event). A dyad's group is keyed by one
-- integer packing its actors (16 bits each: the caller checks there are
-- fewer than 65,536), its period (17 bits: months from year 0), its
-- code's rank (10 bits: fewer than 1,024 codes) and the sign of the value
-- (2 bits); a reason by a small number: narrow keys make the hash table
-- of the per-event aggregation small and fast (mapping the codes of every
-- event to actors costs little: three joins with tables of a few hundred
-- rows). A second aggregation sums the codes of each dyad-period; the
-- rows of reasons pass through it. Memory grows with the dyads, periods
-- and codes, not with the events, and DuckDB spills the hash tables to
-- its temporary folder past its memory limit (all but the articles: the
-- caller retries with more memory if they outgrow it). A code the CAMEO
-- table lacks (or none) is kept as unknown_code.
--
-- The top codes come from max_by/min_by with a count (a bounded heap per
-- group), not an ordered list of every code; a code's key packs its
-- contribution and its rank, so no two codes of a part tie, and the
-- lists of a part (codes as 'rank events sum', articles) align. Plain
-- strings, not structs: Python reads them ten times faster.
WITH coded AS (
    SELECT
        e.source, e.target, e.code, e.url,
        c.rank,
        coalesce((e.goldstein::DECIMAL(12, 3) * 1000)::BIGINT, c.value) AS value,
        coalesce(e.mentions, 0)::BIGINT * 549755813888
            + (549755813887 - coalesce(e.event_id, 0) % 549755813888) AS url_key,
        -- the period's first month, counted from year 0
        CASE $period
            WHEN 'month' THEN year(e.day) * 12 + month(e.day) - 1
            WHEN 'quarter' THEN year(e.day) * 12 + (month(e.day) - 1) // 3 * 3
            ELSE year(e.day) * 12
        END AS period,
        -- the reason, as a number: 0 a dyad, then in the order of the list
        -- that names them at the end
        CASE
            WHEN NOT ((NOT $root_only OR e.root)
                      AND coalesce(e.mentions, 0) >= $min_mentions
                      AND coalesce(e.sources, 0) >= $min_sources
                      AND e.day >= $since AND e.day <= $until) THEN 1
            WHEN e.source IS NULL OR e.target IS NULL THEN 2
            WHEN e.source = e.target THEN 3
            WHEN $countries IS NOT NULL AND NOT (list_contains($countries, e.source)
                                                 AND list_contains($countries, e.target))
                THEN 4
            WHEN a.actor IS NULL OR b.actor IS NULL THEN 5
            WHEN a.actor = b.actor THEN 3
            ELSE 0
        END AS why,
        CASE WHEN $undirected AND b.actor < a.actor THEN b.actor ELSE a.actor END AS one,
        CASE WHEN $undirected AND b.actor < a.actor THEN a.actor ELSE b.actor END AS other
    FROM events e
    LEFT JOIN cameo c ON c.code = e.code
    LEFT JOIN actors a ON a.code = e.source
    LEFT JOIN actors b ON b.code = e.target
), per_code AS (
    SELECT
        -- a dyad's events per period and code: one key packs the two actors
        -- (16 bits each), the period (17), the code's rank (10) and the sign
        -- of the value (2)
        CASE WHEN why = 0 THEN
            (((((one::BIGINT << 16) | other) << 17) | period) << 12)
                | (rank << 2) | (sign(value) + 1)
        END AS key,
        why,
        CASE WHEN why = 5 THEN source END AS unmapped_source,
        CASE WHEN why = 5 THEN target END AS unmapped_target,
        rank IS NULL AS unknown,
        CASE WHEN rank IS NULL THEN code END AS unknown_code,
        count(*) AS events,
        sum(value) AS value_sum,
        arg_max(url, url_key) AS url
    FROM coded
    GROUP BY ALL
), parts AS (
    SELECT
        p.key >> 12 AS dyad_period, c.rank, c.quad, (p.key & 3) - 1 AS value_sign,
        p.why, p.unmapped_source, p.unmapped_target, p.unknown, p.unknown_code,
        p.events, p.value_sum, p.url
    FROM per_code p
    LEFT JOIN cameo c ON c.rank = (p.key >> 2) & 1023
)
SELECT
    why = 0 AS kind,
    dyad_period >> 33 AS source,
    (dyad_period >> 17) & 65535 AS target,
    ((dyad_period & 131071) // 12) * 100 + (dyad_period & 131071) % 12 + 1 AS period,
    sum(events)::BIGINT AS events,
    sum(value_sum)::BIGINT AS value_sum,
    coalesce(sum(events) FILTER (WHERE value_sign > 0), 0)::BIGINT AS positive_events,
    coalesce(sum(value_sum) FILTER (WHERE value_sign > 0), 0)::BIGINT AS positive_sum,
    coalesce(sum(events) FILTER (WHERE value_sign < 0), 0)::BIGINT AS negative_events,
    coalesce(sum(value_sum) FILTER (WHERE value_sign < 0), 0)::BIGINT AS negative_sum,
    [coalesce(sum(events) FILTER (WHERE quad = 1), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 2), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 3), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 4), 0)::BIGINT] AS quads,
    [coalesce(sum(events) FILTER (WHERE quad = 1 AND value_sign > 0), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 2 AND value_sign > 0), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 3 AND value_sign > 0), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 4 AND value_sign > 0), 0)::BIGINT] AS positive_quads,
    [coalesce(sum(events) FILTER (WHERE quad = 1 AND value_sign < 0), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 2 AND value_sign < 0), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 3 AND value_sign < 0), 0)::BIGINT,
     coalesce(sum(events) FILTER (WHERE quad = 4 AND value_sign < 0), 0)::BIGINT] AS negative_quads,
    max_by(concat_ws(' ', rank, events, value_sum), value_sum * 1024 + 1023 - rank, $top)
        FILTER (WHERE value_sign > 0) AS positive_codes,
    max_by(coalesce(url, ''), value_sum * 1024 + 1023 - rank, $top)
        FILTER (WHERE value_sign > 0) AS positive_urls,
    min_by(concat_ws(' ', rank, events, value_sum), value_sum * 1024 + rank, $top)
        FILTER (WHERE value_sign < 0) AS negative_codes,
    min_by(coalesce(url, ''), value_sum * 1024 + rank, $top)
        FILTER (WHERE value_sign < 0) AS negative_urls,
    ['dyad', 'filtered', 'one-sided', 'within', 'outside', 'unmapped'][why + 1] AS why,
    unmapped_source, unmapped_target, unknown, unknown_code
FROM parts
GROUP BY dyad_period, parts.why, unmapped_source, unmapped_target, unknown, unknown_code
ORDER BY kind, source, target, period, why, unmapped_source, unmapped_target,
         unknown_code NULLS FIRST;
