-- The first row DuckDB set aside while reading the event files (a wrong
-- number of columns, a day that is no date, a number that is none), with
-- the file it came from, or none: the caller names its file and line.
SELECT s.file_path, e.line, e.column_idx, e.error_type, e.csv_line, e.error_message
FROM reject_errors e
JOIN reject_scans s USING (scan_id, file_id)
ORDER BY s.file_path, e.line
LIMIT 1;
