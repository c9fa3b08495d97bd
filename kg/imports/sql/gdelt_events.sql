-- The events of GDELT 2.0 event exports, one row per event, in the columns
-- the aggregation reads (ties.sql).
--
-- A GDELT 2.0 export is tab-separated text without a header, 61 columns in
-- the order of the GDELT 2.0 Event Codebook (kg/imports/gdelt.py, COLUMNS).
-- Only the columns named below are converted; the others stay text and are
-- skipped. Event codes stay text: they keep their leading zeros ("057").
-- GDELT quotes nothing, so quote and escape characters are switched off.
-- A row that does not fit (a wrong number of columns, a day that is no
-- date) is set aside in DuckDB's reject_errors table, with its file and
-- line, and the import stops on it. DuckDB reads the files in buffers of
-- 4 MB (its default is 32 MB: buffers it keeps pinned and cached, most of
-- an import's memory for no gain in speed).
CREATE OR REPLACE TEMP MACRO gdelt_events(files) AS TABLE
SELECT
    SQLDATE AS day,
    nullif(Actor1CountryCode, '') AS source,
    nullif(Actor2CountryCode, '') AS target,
    nullif(EventCode, '') AS code,
    NULL::DOUBLE AS goldstein,
    NumMentions AS mentions,
    NumSources AS sources,
    IsRootEvent = 1 AS root,
    nullif(SOURCEURL, '') AS url,
    GLOBALEVENTID AS event_id
FROM read_csv(
    files,
    delim = '\t', header = false, quote = '', escape = '', auto_detect = false,
    dateformat = '%Y%m%d', store_rejects = true, max_line_size = 1048576,
    buffer_size = 4194304,
    columns = {
        'GLOBALEVENTID': 'BIGINT',
        'SQLDATE': 'DATE',
        'MonthYear': 'VARCHAR',
        'Year': 'VARCHAR',
        'FractionDate': 'VARCHAR',
        'Actor1Code': 'VARCHAR',
        'Actor1Name': 'VARCHAR',
        'Actor1CountryCode': 'VARCHAR',
        'Actor1KnownGroupCode': 'VARCHAR',
        'Actor1EthnicCode': 'VARCHAR',
        'Actor1Religion1Code': 'VARCHAR',
        'Actor1Religion2Code': 'VARCHAR',
        'Actor1Type1Code': 'VARCHAR',
        'Actor1Type2Code': 'VARCHAR',
        'Actor1Type3Code': 'VARCHAR',
        'Actor2Code': 'VARCHAR',
        'Actor2Name': 'VARCHAR',
        'Actor2CountryCode': 'VARCHAR',
        'Actor2KnownGroupCode': 'VARCHAR',
        'Actor2EthnicCode': 'VARCHAR',
        'Actor2Religion1Code': 'VARCHAR',
        'Actor2Religion2Code': 'VARCHAR',
        'Actor2Type1Code': 'VARCHAR',
        'Actor2Type2Code': 'VARCHAR',
        'Actor2Type3Code': 'VARCHAR',
        'IsRootEvent': 'INTEGER',
        'EventCode': 'VARCHAR',
        'EventBaseCode': 'VARCHAR',
        'EventRootCode': 'VARCHAR',
        'QuadClass': 'VARCHAR',
        'GoldsteinScale': 'VARCHAR',
        'NumMentions': 'INTEGER',
        'NumSources': 'INTEGER',
        'NumArticles': 'VARCHAR',
        'AvgTone': 'VARCHAR',
        'Actor1Geo_Type': 'VARCHAR',
        'Actor1Geo_FullName': 'VARCHAR',
        'Actor1Geo_CountryCode': 'VARCHAR',
        'Actor1Geo_ADM1Code': 'VARCHAR',
        'Actor1Geo_ADM2Code': 'VARCHAR',
        'Actor1Geo_Lat': 'VARCHAR',
        'Actor1Geo_Long': 'VARCHAR',
        'Actor1Geo_FeatureID': 'VARCHAR',
        'Actor2Geo_Type': 'VARCHAR',
        'Actor2Geo_FullName': 'VARCHAR',
        'Actor2Geo_CountryCode': 'VARCHAR',
        'Actor2Geo_ADM1Code': 'VARCHAR',
        'Actor2Geo_ADM2Code': 'VARCHAR',
        'Actor2Geo_Lat': 'VARCHAR',
        'Actor2Geo_Long': 'VARCHAR',
        'Actor2Geo_FeatureID': 'VARCHAR',
        'ActionGeo_Type': 'VARCHAR',
        'ActionGeo_FullName': 'VARCHAR',
        'ActionGeo_CountryCode': 'VARCHAR',
        'ActionGeo_ADM1Code': 'VARCHAR',
        'ActionGeo_ADM2Code': 'VARCHAR',
        'ActionGeo_Lat': 'VARCHAR',
        'ActionGeo_Long': 'VARCHAR',
        'ActionGeo_FeatureID': 'VARCHAR',
        'DATEADDED': 'VARCHAR',
        'SOURCEURL': 'VARCHAR'
    });
