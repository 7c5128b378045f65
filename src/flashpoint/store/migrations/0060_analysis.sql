-- flashpoint store: analysis tables (incident membership, alerts, watch state).
-- The incidents table itself is in 0001_initial.sql; an incident's events are also
-- listed here, one row each, so new events can be matched without reading every incident.

CREATE TABLE IF NOT EXISTS incident_events (
    event_id     VARCHAR PRIMARY KEY,
    incident_id  VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,       -- 'report' (affirms the incident) or 'denial'
    reason       VARCHAR,
    assigned_at  TIMESTAMP DEFAULT current_timestamp
);

CREATE INDEX IF NOT EXISTS incident_events_incident ON incident_events (incident_id);

-- Alerts already raised (and emitted): an alert id is emitted once, across restarts.
CREATE TABLE IF NOT EXISTS alerts (
    alert_id    VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    subject     VARCHAR NOT NULL,        -- 'ARM-AZE' for a dyad, the region name for a region
    period      VARCHAR,
    score       DOUBLE,
    threshold   DOUBLE,
    message     VARCHAR,
    events      VARCHAR[],
    docs        VARCHAR[],
    record      JSON,
    raised_at   TIMESTAMP DEFAULT current_timestamp
);

-- What `flashpoint watch` has already read: files by path + size + mtime (and content
-- hash), feed entries by feed + entry key.
CREATE TABLE IF NOT EXISTS watch_state (
    source      VARCHAR NOT NULL,        -- the folder or feed being watched
    item        VARCHAR NOT NULL,        -- file path, or feed entry id/link
    size        BIGINT,
    mtime       DOUBLE,
    sha256      VARCHAR,
    seen_at     TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (source, item)
);
