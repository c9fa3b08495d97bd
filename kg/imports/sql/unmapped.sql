-- The unmapped events by their two codes, should two pairs of codes share
-- the hash ties.sql groups them by (it says so). Parameters as ties.sql's.
SELECT source, target, count(*) AS events
FROM coded($root_only, $min_mentions, $min_sources, $since, $until, $countries, $months,
           $undirected)
WHERE why = 5
GROUP BY ALL
ORDER BY source, target;
