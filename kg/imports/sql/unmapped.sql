-- The unmapped events whose codes coded.sql cannot number (longer than
-- three ASCII characters), by their two codes: ties.sql counts them
-- together, and the caller runs this only when it did. Parameters as
-- ties.sql's.
SELECT source, target, count(*) AS events
FROM coded($root_only, $min_mentions, $min_sources, $since, $until, $countries, $months,
           $undirected)
WHERE why = 5 AND (unmapped_source = 16777215 OR unmapped_target = 16777215)
GROUP BY ALL
ORDER BY source, target;
