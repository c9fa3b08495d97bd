-- Stage 2: the dyad-periods, from the stage-1 table dyad_codes, the CAMEO
-- table (cameo: code, goldstein, quad) and the actor map (actors: code,
-- actor), both filled by the caller.
--
-- An event's Goldstein value is the one its file gives, else the CAMEO
-- table's value of its code. Per (source, target, period): the events,
-- the sum of their values, the cooperative part (values above 0) and the
-- conflictual part (below 0) with their events and sums, counts by
-- QuadClass (all, cooperative part, conflictual part), and each part's
-- codes with the article of its most-mentioned event, the largest
-- contribution first (the first $top of them). $undirected puts each pair in IRI order; $period
-- is 'month', 'quarter' or 'year' (a period is keyed by its first month,
-- YYYYMM).
WITH mapped AS (
    SELECT
        CASE WHEN $undirected AND b.actor < a.actor THEN b.actor ELSE a.actor END AS source,
        CASE WHEN $undirected AND b.actor < a.actor THEN a.actor ELSE b.actor END AS target,
        CASE $period
            WHEN 'month' THEN d.month
            WHEN 'quarter' THEN d.month // 100 * 100 + (d.month % 100 - 1) // 3 * 3 + 1
            ELSE d.month // 100 * 100 + 1
        END AS period,
        d.code, c.quad, d.events, d.url, d.url_key,
        coalesce(d.given_sign, sign(c.goldstein)) AS value_sign,
        coalesce(d.given_sum, d.events * c.goldstein) AS value_sum
    FROM dyad_codes d
    JOIN cameo c ON c.code = d.code
    JOIN actors a ON a.code = d.source
    JOIN actors b ON b.code = d.target
    WHERE d.why = 'dyad' AND a.actor <> b.actor
), per_code AS (
    SELECT source, target, period, code, quad, value_sign,
           sum(events) AS events, sum(value_sum) AS value_sum, arg_max(url, url_key) AS url
    FROM mapped
    GROUP BY ALL
)
SELECT
    source, target, period,
    sum(events)::BIGINT AS events,
    sum(value_sum) AS value_sum,
    coalesce(sum(events) FILTER (WHERE value_sign > 0), 0)::BIGINT AS positive_events,
    coalesce(sum(value_sum) FILTER (WHERE value_sign > 0), 0) AS positive_sum,
    coalesce(sum(events) FILTER (WHERE value_sign < 0), 0)::BIGINT AS negative_events,
    coalesce(sum(value_sum) FILTER (WHERE value_sign < 0), 0) AS negative_sum,
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
    list_slice(coalesce(list({'code': code, 'events': events, 'sum': value_sum, 'url': url}
        ORDER BY value_sum DESC, code) FILTER (WHERE value_sign > 0), []), 1, $top) AS positive_codes,
    list_slice(coalesce(list({'code': code, 'events': events, 'sum': value_sum, 'url': url}
        ORDER BY value_sum ASC, code) FILTER (WHERE value_sign < 0), []), 1, $top) AS negative_codes
FROM per_code
GROUP BY source, target, period
ORDER BY source, target, period;
