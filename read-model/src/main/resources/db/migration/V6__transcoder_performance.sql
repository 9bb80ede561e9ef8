-- Transcoder admission and performance (issue 10). Both tables are projections of retained topics: the latest
-- registration per transcoder (pool.transcoder-registrations) and its current status (pool.transcoder-status, written
-- by the performance topology). One row per transcoder; the projector only moves a row forward (a later offset).

CREATE TABLE transcoder_registrations (
    transcoder       TEXT          PRIMARY KEY,
    request_id       TEXT          NOT NULL,
    orchestrator     TEXT          NOT NULL,
    key_id           TEXT          NOT NULL,
    realtime_ratio   NUMERIC       NOT NULL CHECK (realtime_ratio > 0),
    latency_ms       BIGINT        NOT NULL CHECK (latency_ms >= 0),
    download_mbps    NUMERIC       NOT NULL CHECK (download_mbps > 0),
    upload_mbps      NUMERIC       NOT NULL CHECK (upload_mbps > 0),
    gpu              TEXT,
    profiles         TEXT[]        NOT NULL,
    status           TEXT          NOT NULL CHECK (status IN ('admitted', 'excluded')),
    max_sessions     INT           NOT NULL CHECK (max_sessions >= 0),
    reason           TEXT          NOT NULL,
    estimate_ms      NUMERIC       NOT NULL,
    received_at      TIMESTAMPTZ   NOT NULL,
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL
);

CREATE TABLE transcoder_status (
    transcoder       TEXT          PRIMARY KEY,
    status           TEXT          NOT NULL CHECK (status IN ('admitted', 'excluded')),
    max_sessions     INT           NOT NULL CHECK (max_sessions >= 0),
    reason           TEXT          NOT NULL,
    since            TIMESTAMPTZ   NOT NULL,
    cause            TEXT          NOT NULL,
    registration_id  TEXT          NOT NULL,
    p50_ms           BIGINT        NOT NULL CHECK (p50_ms >= 0),
    p95_ms           BIGINT        NOT NULL CHECK (p95_ms >= p50_ms),
    samples          INT           NOT NULL CHECK (samples >= 0),
    at               TIMESTAMPTZ   NOT NULL,
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL
);
