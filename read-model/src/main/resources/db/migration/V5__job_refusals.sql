-- Jobs the ledger refused (pool.ledger-job-refusals): roundJob outside its round window when the ledger read the job,
-- late (below R - ledger.dedupe.retainRounds) or future (above R + 1), R the round of the last NewRound. A refused job
-- never counts. One row per refused post, keyed by its place in the topic, so re-projecting changes nothing; the same
-- (orchestrator, job_id) may be refused several times. GET /getTranscoderJobs lists them with status "refused".
CREATE TABLE job_refusals (
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    orchestrator    TEXT        NOT NULL,
    job_id          TEXT        NOT NULL,
    transcoder      TEXT        NOT NULL,
    round_job       BIGINT      NOT NULL CHECK (round_job >= 0),
    reason          TEXT        NOT NULL CHECK (reason IN ('late', 'future')),
    current_round   BIGINT      NOT NULL CHECK (current_round >= 0),
    refused_at      TIMESTAMPTZ NOT NULL,  -- the refusal record's Kafka timestamp
    PRIMARY KEY (kafka_partition, kafka_offset)
);
CREATE INDEX job_refusals_by_transcoder ON job_refusals (transcoder, refused_at DESC);
