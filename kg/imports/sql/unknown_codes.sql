-- Codes of the events that the CAMEO table lacks (an empty code is NULL).
SELECT DISTINCT code FROM dyad_codes
WHERE code IS NULL OR code NOT IN (SELECT code FROM cameo)
ORDER BY code NULLS FIRST;
