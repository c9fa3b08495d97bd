-- The events of generic event files (ICEWS-style exports reduced to a few
-- columns), one row per event, in the columns the aggregation reads
-- (ties.sql).
--
-- A file is CSV with a header naming its columns: date (YYYY-MM-DD),
-- source, target (actor codes), cameo (the event code, leading zeros
-- kept), and optionally goldstein (the event's value; the CAMEO table's
-- value of its code where empty), url and mentions. The caller reads each
-- header and sets the variable csv_columns to its columns in file order;
-- the optional ones a file lacks are NULL (the empty row of every column
-- the union by name starts from: DuckDB's null_padding would do it too,
-- but its parallel reader refuses it with a quoted line break in a value).
-- Buffers of 4 MB, as gdelt_events.sql reads.
CREATE OR REPLACE TEMP MACRO csv_events(files) AS TABLE
SELECT
    date AS day,
    nullif(trim(source), '') AS source,
    nullif(trim(target), '') AS target,
    nullif(trim(cameo), '') AS code,
    goldstein,
    mentions,
    NULL::INTEGER AS sources,
    true AS root,
    nullif(trim(url), '') AS url,
    hash(url) % 549755813888 AS event_id
FROM (
    SELECT NULL::DATE AS date, NULL::VARCHAR AS source, NULL::VARCHAR AS target,
           NULL::VARCHAR AS cameo, NULL::DOUBLE AS goldstein, NULL::VARCHAR AS url,
           NULL::INTEGER AS mentions
    WHERE false
    UNION ALL BY NAME
    SELECT * FROM read_csv(
        files,
        delim = ',', header = true, auto_detect = false,
        dateformat = '%Y-%m-%d', store_rejects = true, buffer_size = 4194304,
        columns = getvariable('csv_columns')));
