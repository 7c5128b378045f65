-- flashpoint store, version 1: documents and every fact extracted from them.
-- Offsets are character positions in documents.text. doc_key is the content hash.

CREATE TABLE IF NOT EXISTS documents (
    doc_key      VARCHAR PRIMARY KEY,
    doc          VARCHAR NOT NULL,
    title        VARCHAR,
    text         VARCHAR NOT NULL,
    url          VARCHAR,
    outlet       VARCHAR,
    published    VARCHAR,
    dateline     VARCHAR,
    origin       VARCHAR,
    removed      JSON,
    n_chars      INTEGER,
    ingested_at  TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS skipped (
    item        VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,
    detail      VARCHAR,
    skipped_at  TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_key  VARCHAR NOT NULL,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    doc_key     VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR,
    name        VARCHAR,
    country     VARCHAR,
    sector      VARCHAR,
    entity      VARCHAR,
    kind        VARCHAR,
    role        VARCHAR,
    igo         VARCHAR,
    confidence  DOUBLE,
    reason      VARCHAR,
    ref         INTEGER
);

CREATE TABLE IF NOT EXISTS places (
    doc_key        VARCHAR NOT NULL,
    idx            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           VARCHAR,
    name           VARCHAR,
    country        VARCHAR,
    countries      VARCHAR[],
    lat            DOUBLE,
    lon            DOUBLE,
    geonameid      BIGINT,
    admin1         VARCHAR,
    feature_class  VARCHAR,
    kind           VARCHAR,
    confidence     DOUBLE,
    reason         VARCHAR
);

CREATE TABLE IF NOT EXISTS dates (
    doc_key      VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR,
    value        VARCHAR,
    granularity  VARCHAR,
    reason       VARCHAR
);

CREATE TABLE IF NOT EXISTS quantities (
    doc_key  VARCHAR NOT NULL,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR,
    value    DOUBLE,
    unit     VARCHAR,
    "of"     VARCHAR,
    country  VARCHAR,
    usd      DOUBLE,
    approx   BOOLEAN,
    reason   VARCHAR
);

CREATE TABLE IF NOT EXISTS equipment (
    doc_key  VARCHAR NOT NULL,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR,
    name     VARCHAR,
    type     VARCHAR,
    origin   VARCHAR,
    "user"   VARCHAR,
    entity   VARCHAR,
    reason   VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    event_id          VARCHAR PRIMARY KEY,   -- doc_key + ':' + index
    doc_key           VARCHAR NOT NULL,
    idx               INTEGER NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    evidence          VARCHAR,
    source_country    VARCHAR,
    source_sector     VARCHAR,
    source_name       VARCHAR,
    source_entity     VARCHAR,
    source_text       VARCHAR,
    target_country    VARCHAR,
    target_sector     VARCHAR,
    target_name       VARCHAR,
    target_entity     VARCHAR,
    target_text       VARCHAR,
    plover            VARCHAR NOT NULL,
    cameo             VARCHAR,
    mode              VARCHAR,
    context           VARCHAR[],
    goldstein         DOUBLE,
    quad_class        INTEGER,
    modality          VARCHAR,
    attribution       VARCHAR,
    confidence        DOUBLE,
    reason            VARCHAR,
    trigger           VARCHAR,
    date              VARCHAR,
    date_granularity  VARCHAR,
    date_reason       VARCHAR,
    location          JSON,
    quantities        JSON,
    equipment         JSON,
    record            JSON        -- the whole Event as exported, for lossless round trips
);

CREATE TABLE IF NOT EXISTS incidents (
    incident_id  VARCHAR PRIMARY KEY,
    source       VARCHAR,
    target       VARCHAR,
    plover       VARCHAR,
    date         VARCHAR,
    location     JSON,
    docs         VARCHAR[],
    outlets      VARCHAR[],
    events       VARCHAR[],
    n_mentions   INTEGER,
    contested    BOOLEAN,
    summary      VARCHAR,
    record       JSON,
    updated_at   TIMESTAMP DEFAULT current_timestamp
);

CREATE INDEX IF NOT EXISTS events_doc ON events (doc_key);
CREATE INDEX IF NOT EXISTS actors_doc ON actors (doc_key);
CREATE INDEX IF NOT EXISTS places_doc ON places (doc_key);
