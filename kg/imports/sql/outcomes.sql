-- What became of the events: per reason (why) and, for the kept rows, per
-- ordered pair of actor codes, how many events (the caller reports the
-- pairs whose codes the actor map lacks).
SELECT why, source, target, sum(events)::BIGINT AS events
FROM dyad_codes
GROUP BY ALL
ORDER BY why, source, target;
