-- flashpoint store, version 70: narrow event columns that filters and sorts read, so queries
-- need neither the documents join nor JSON parsing on every row. Filled at write time; this
-- migration backfills events stored before it.
--   day               the event's own date, else its article's publication date (ISO, may be partial)
--   location_name     the event location's name, location_country its ISO3, lat/lon its point

ALTER TABLE events ADD COLUMN IF NOT EXISTS day VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_name VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS lat DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS lon DOUBLE;

UPDATE events SET day = coalesce(events.date, d.published) FROM documents d WHERE d.doc_key = events.doc_key;
UPDATE events SET
    location_name = json_extract_string(location, '$.name'),
    location_country = json_extract_string(location, '$.country'),
    lat = TRY_CAST(json_extract_string(location, '$.lat') AS DOUBLE),
    lon = TRY_CAST(json_extract_string(location, '$.lon') AS DOUBLE)
WHERE location IS NOT NULL;
