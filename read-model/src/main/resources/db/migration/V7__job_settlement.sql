-- Which round each counted job settled in, and its weight (transcoder_jobs.settled_round / weight, seed columns of V1).
-- The ledger counts a job in the jobs partition it sits in and records, at each NewRound, where the next epoch begins
-- in that partition (pool.ledger-epoch-boundaries, source "jobs"): a job at offset o of partition p settles as the
-- round of the first boundary of p whose offset is above o. The projector keeps those boundaries here, so that a job
-- projected after its boundary takes its round at insert, and a boundary projected after its jobs updates them:
-- either order ends in the same rows.
CREATE TABLE job_boundaries (
    job_partition   INT         NOT NULL CHECK (job_partition >= 0),
    epoch           BIGINT      NOT NULL CHECK (epoch >= 1),
    round           BIGINT      NOT NULL CHECK (round >= 0),
    job_offset      BIGINT      NOT NULL CHECK (job_offset >= 0),   -- the first offset of the next epoch
    partitions      INT         NOT NULL CHECK (partitions >= 1),
    closed_at       TIMESTAMPTZ NOT NULL,                            -- the boundary record's Kafka timestamp
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    PRIMARY KEY (job_partition, epoch)
);
CREATE INDEX job_boundaries_by_offset ON job_boundaries (job_partition, job_offset);

-- A job row is the post at (kafka_partition, kafka_offset) of pool.transcoder-jobs: the range update of a boundary.
CREATE INDEX transcoder_jobs_by_position ON transcoder_jobs (kafka_partition, kafka_offset);

-- Which post a refusal refused (JobRefusal v2; null for older records): a refused post never counts, so its row, if
-- it is the job's row, keeps weight and settled_round NULL.
ALTER TABLE job_refusals ADD COLUMN job_partition INT, ADD COLUMN job_offset BIGINT;
CREATE INDEX job_refusals_by_post ON job_refusals (job_partition, job_offset);

-- The later posts of a job id (the row is the first post): kept so that when the row's post turns out refused, the
-- first later post that is not refused, the one the ledger counted, becomes the job's row.
CREATE TABLE job_reposts (
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL,
    orchestrator     TEXT          NOT NULL,
    job_id           TEXT          NOT NULL,
    transcoder       TEXT          NOT NULL,
    pixels           BIGINT        NOT NULL CHECK (pixels >= 0),
    duration_ms      BIGINT        NOT NULL CHECK (duration_ms > 0),
    profiles         INT           NOT NULL CHECK (profiles BETWEEN 1 AND 64),
    round_job        BIGINT        NOT NULL CHECK (round_job >= 0),
    face_value       NUMERIC(78,0) NOT NULL CHECK (face_value >= 0),
    weight           NUMERIC(78,0) NOT NULL,
    key_id           TEXT          NOT NULL,
    request_id       TEXT          NOT NULL,
    received_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (kafka_partition, kafka_offset)
);
CREATE INDEX job_reposts_by_job ON job_reposts (orchestrator, job_id, kafka_offset);
