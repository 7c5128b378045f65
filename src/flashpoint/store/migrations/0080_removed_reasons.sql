-- flashpoint store, version 80: what cleaning removed is kept with its reason, and the byline is metadata.
--   documents.removed  a JSON list of {"text", "reason", "line"} objects (was a list of strings): the piece
--                      removed, why (the rule or the furniture model and what gave it away), and the line of
--                      the input it came from. Entries stored before this version become objects with the
--                      reason "removed before reasons were recorded" and no line.
--   documents.byline   the author(s) or agency named in the page's furniture (a byline, a reporting credit)

ALTER TABLE documents ADD COLUMN IF NOT EXISTS byline VARCHAR;

UPDATE documents SET removed = to_json(list_transform(
    CAST(removed AS JSON[]),
    lambda r: CASE WHEN json_type(r) = 'VARCHAR'
        THEN json_object('text', json_extract_string(r, '$'), 'reason', 'removed before reasons were recorded', 'line', NULL)
        ELSE r END))
WHERE removed IS NOT NULL AND json_array_length(removed) > 0;
