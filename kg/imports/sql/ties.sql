-- The whole aggregation, in one pass over the events: per dyad and
-- period, the ties' counts and top codes; beside them, what became of the
-- events that make no tie.
--
-- Reads the events as coded.sql gives them (its table macro `coded`,
-- which says what each column is), with the parameters of its arguments
-- ($root_only, $min_mentions, $min_sources, $since, $until, $countries,
-- $months, $undirected), $by_code and $top: the number of top codes a
-- tie keeps, with their articles; without codes ($by_code false), the
-- events are grouped by QuadClass instead (the last four ranks stand for
-- the four QuadClasses) and $top articles are kept, one per QuadClass.
--
-- One hash aggregation reads the events once. Its groups are of two
-- kinds: a dyad's events per period and code (the codes of a tie, and the
-- article of each code's most-mentioned event), and the other events per
-- reason, with the codes of unmapped actors, and the events whose code
-- the CAMEO table lacks (or that have none: 'unknown', which the caller
-- turns into an error, as it does events without a day or with a
-- Goldstein value off the scale: 'unusable'). Every group is keyed by one
-- integer, and nothing else (a key of several columns, or of text, makes
-- the hash table of the per-event aggregation larger and slower): a
-- dyad's packs its actors (16
-- bits each: the caller checks there are fewer than 65,536), its period
-- (17 bits: months from year 0), its code's rank (10 bits: fewer than
-- 1,020 codes) and the sign of the value (2 bits); the others are
-- negative: the reason (3 bits) and, when unmapped, 59 bits of the hash of
-- the two codes, which the group keeps with the least and greatest of a
-- second hash of them (they differ only should two pairs share the first,
-- and then the caller counts the unmapped events again with
-- unmapped.sql). A second aggregation sums the
-- codes of each dyad-period; the other rows pass through it. Memory grows
-- with the dyads, periods and codes, not with the events, and DuckDB
-- spills the hash tables to its temporary folder past its memory limit
-- (all but the articles: the caller retries with more memory if they
-- outgrow it).
--
-- The top codes come from max_by/min_by with a count (a bounded heap per
-- group), not an ordered list of every code; a code's key packs its
-- contribution and its rank, so no two codes of a part tie, and the
-- lists of a part (codes as 'rank events sum', articles) align. Plain
-- strings, not structs: Python reads them ten times faster.
WITH per_code AS (
    SELECT
        CASE
            WHEN rank IS NULL THEN -6
            WHEN why = 0 THEN
                (((((one::BIGINT << 16) | other) << 17) | period) << 12)
                    | ((CASE WHEN $by_code THEN rank ELSE 1023 - quad END) << 2)
                    | (sign(value) + 1)
            WHEN why = 5 THEN -((((hash(source, target) >> 5)::BIGINT) << 3) | 5)
            ELSE -why
        END AS key,
        count(*) AS events,
        sum(value) AS value_sum,
        arg_max(url, url_key) AS url,
        -- the codes of an unmapped pair, and a second hash of them: should
        -- two pairs share the first, its least and greatest values differ
        any_value(CASE WHEN why = 5 THEN source END) AS source_code,
        any_value(CASE WHEN why = 5 THEN target END) AS target_code,
        min(CASE WHEN why = 5 THEN hash(target, 0, source) END) AS check_low,
        max(CASE WHEN why = 5 THEN hash(target, 0, source) END) AS check_high
    FROM coded($root_only, $min_mentions, $min_sources, $since, $until, $countries, $months,
               $undirected)
    GROUP BY ALL
), parts AS (
    SELECT
        CASE WHEN p.key >= 0 THEN p.key >> 12 END AS dyad_period,
        CASE WHEN p.key >= 0 THEN 0 ELSE (-p.key) & 7 END AS why,
        p.source_code, p.target_code,
        p.check_low <> p.check_high AS shared,
        CASE WHEN p.key >= 0 THEN (p.key >> 2) & 1023 END AS slot,
        c.rank, coalesce(c.quad, 1023 - slot) AS quad,
        CASE WHEN p.key >= 0 THEN (p.key & 3) - 1 END AS value_sign,
        p.events, p.value_sum, p.url
    FROM per_code p
    LEFT JOIN cameo c ON p.key >= 0 AND c.rank = (p.key >> 2) & 1023
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
    max_by(concat_ws(' ', rank, events, value_sum), value_sum * 1024 + 1023 - slot, $top)
        FILTER (WHERE value_sign > 0 AND rank IS NOT NULL) AS positive_codes,
    max_by(coalesce(url, ''), value_sum * 1024 + 1023 - slot, $top)
        FILTER (WHERE value_sign > 0) AS positive_urls,
    min_by(concat_ws(' ', rank, events, value_sum), value_sum * 1024 + slot, $top)
        FILTER (WHERE value_sign < 0 AND rank IS NOT NULL) AS negative_codes,
    min_by(coalesce(url, ''), value_sum * 1024 + slot, $top)
        FILTER (WHERE value_sign < 0) AS negative_urls,
    ['dyad', 'filtered', 'one-sided', 'within', 'outside', 'unmapped', 'unknown',
     'unusable'][why + 1]
        AS why,
    source_code AS unmapped_source,
    target_code AS unmapped_target,
    shared AS hash_shared
FROM parts
GROUP BY dyad_period, parts.why, source_code, target_code, shared
ORDER BY kind, source, target, period, why, unmapped_source, unmapped_target;
