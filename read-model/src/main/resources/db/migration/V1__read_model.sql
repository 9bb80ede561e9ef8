-- The read model the public API serves. Kafka is the source of truth; every row here can be rebuilt by replaying
-- the topics. Wei amounts are NUMERIC(78,0) (uint256 fits), never floating point. Addresses are lowercase hex.

CREATE TABLE transcoder_jobs (
    orchestrator     TEXT          NOT NULL,
    job_id           TEXT          NOT NULL,
    transcoder       TEXT          NOT NULL,
    pixels           BIGINT        NOT NULL CHECK (pixels >= 0),
    duration_ms      BIGINT        NOT NULL CHECK (duration_ms > 0),
    profiles         INT           NOT NULL CHECK (profiles BETWEEN 1 AND 64),
    round_job        BIGINT        NOT NULL CHECK (round_job >= 0),
    face_value       NUMERIC(78,0) NOT NULL CHECK (face_value >= 0),
    weight           NUMERIC(78,0),             -- set by the ledger when the job's epoch is settled
    settled_round    BIGINT,
    key_id           TEXT          NOT NULL,
    request_id       TEXT          NOT NULL,
    received_at      TIMESTAMPTZ   NOT NULL,
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL,
    PRIMARY KEY (orchestrator, job_id)           -- a job id counts once per orchestrator
);
CREATE INDEX transcoder_jobs_by_time ON transcoder_jobs (received_at DESC, orchestrator, job_id);
CREATE INDEX transcoder_jobs_by_transcoder ON transcoder_jobs (transcoder, received_at DESC);

-- recipientRand and the signature stay in Kafka for the redeemer: the rand must not be revealed before
-- redemption, so the public read model never holds it.
CREATE TABLE winning_tickets (
    ticket_hash               TEXT          PRIMARY KEY,
    orchestrator              TEXT          NOT NULL,
    recipient                 TEXT          NOT NULL,
    sender                    TEXT          NOT NULL,
    face_value                NUMERIC(78,0) NOT NULL,
    win_prob                  NUMERIC(78,0) NOT NULL,
    sender_nonce              NUMERIC(78,0) NOT NULL,
    creation_round            BIGINT        NOT NULL,
    creation_round_block_hash TEXT          NOT NULL,
    params_expiration_block   BIGINT,
    won_at                    TIMESTAMPTZ,
    tx_hash                   TEXT,
    gas_fees                  NUMERIC(78,0),
    key_id                    TEXT          NOT NULL,
    request_id                TEXT          NOT NULL,
    received_at               TIMESTAMPTZ   NOT NULL,
    kafka_partition           INT           NOT NULL,
    kafka_offset              BIGINT        NOT NULL
);
CREATE INDEX winning_tickets_by_sender ON winning_tickets (sender, received_at DESC);

-- Payout requests and their outcome; written by the ledger (On hold) and the payout worker (Paid / Failed).
CREATE TABLE rewards_payments (
    payout_id    TEXT          PRIMARY KEY,
    transcoder   TEXT          NOT NULL,
    round        BIGINT        NOT NULL,
    amount       NUMERIC(78,0) NOT NULL CHECK (amount > 0),
    status       TEXT          NOT NULL CHECK (status IN ('On hold', 'Paid', 'Failed')),
    tx_hash      TEXT,
    gas_fees     NUMERIC(78,0),
    created_at   TIMESTAMPTZ   NOT NULL,
    paid_at      TIMESTAMPTZ
);
CREATE INDEX rewards_payments_by_time ON rewards_payments (created_at DESC, payout_id);
CREATE INDEX rewards_payments_by_transcoder ON rewards_payments (transcoder, created_at DESC);

-- Records the projector could not apply (with where they are in Kafka) and other events worth an audit trail.
CREATE TABLE logs (
    id               BIGSERIAL   PRIMARY KEY,
    at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    source           TEXT        NOT NULL,
    level            TEXT        NOT NULL,
    message          TEXT        NOT NULL,
    topic            TEXT,
    kafka_partition  INT,
    kafka_offset     BIGINT
);

-- The projector's consumer positions, committed in the same transaction as the rows they produced.
CREATE TABLE projector_offsets (
    consumer         TEXT   NOT NULL,
    topic            TEXT   NOT NULL,
    kafka_partition  INT    NOT NULL,
    next_offset      BIGINT NOT NULL,
    PRIMARY KEY (consumer, topic, kafka_partition)
);
