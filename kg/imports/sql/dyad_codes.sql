-- Stage 1, the one pass over the events: per ordered pair of actor codes,
-- month and CAMEO code, how many events, their Goldstein values where the
-- file gives them, and the article of the most-mentioned event.
--
-- Reads the view `events` (gdelt_events.sql or csv_events.sql). Each row is
-- kept ('dyad'), or counted aside by why it is not a tie: 'filtered' (the
-- root-event, mention, source and date filters), 'one-sided' (an actor
-- without a country code) or 'within' (both actors the same). Every row
-- keeps its code, so an unknown code is found wherever it stands.
--
-- The same query runs on GDELT's public BigQuery table
-- (`gdelt-bq.gdeltv2.events`): see the README, "Event data at scale".
CREATE OR REPLACE TEMP TABLE dyad_codes AS
SELECT
    CASE WHEN why = 'dyad' THEN source END AS source,
    CASE WHEN why = 'dyad' THEN target END AS target,
    month,
    code,
    why,
    sign(goldstein) AS given_sign,
    count(*) AS events,
    sum(goldstein::DECIMAL(12, 3)) AS given_sum,  -- exact sums: the same bytes every run
    count(goldstein) AS given_events,
    max(url_key) AS url_key,
    arg_max(url, url_key) AS url
FROM (
    SELECT
        source, target, code, goldstein, url,
        year(day) * 100 + month(day) AS month,
        coalesce(mentions, 0)::BIGINT * 549755813888 + (549755813887 - coalesce(event_id, 0) % 549755813888) AS url_key,
        CASE
            WHEN NOT ((NOT $root_only OR root)
                      AND coalesce(mentions, 0) >= $min_mentions
                      AND coalesce(sources, 0) >= $min_sources
                      AND day >= $since AND day <= $until) THEN 'filtered'
            WHEN source IS NULL OR target IS NULL THEN 'one-sided'
            WHEN source = target THEN 'within'
            ELSE 'dyad'
        END AS why
    FROM events
)
GROUP BY ALL;
