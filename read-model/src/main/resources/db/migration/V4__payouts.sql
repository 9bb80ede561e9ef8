-- Payout outcomes (pool.payouts), members' payout settings (pool.payout-settings) and the ledger's account changes
-- (pool.ledger-account-changes). Times come from the records (the worker's `at`, the gateway's `at`, Kafka record
-- timestamps), never now(), so projecting the topics again into an empty database gives the same rows.

-- One row per payout id, the first outcome projected wins (the topic's contract). rewards_payments is filled from it
-- by whichever of the request and the outcome is projected second (they come from different topics).
CREATE TABLE payout_outcomes (
    payout_id        TEXT          PRIMARY KEY,
    transcoder       TEXT          NOT NULL,
    payee            TEXT          NOT NULL,
    status           TEXT          NOT NULL CHECK (status IN ('Paid', 'Refused', 'Reverted')),
    amount           NUMERIC(78,0) NOT NULL CHECK (amount > 0),
    amount_sent      NUMERIC(78,0) NOT NULL CHECK (amount_sent >= 0),
    gas_share        NUMERIC(78,0) NOT NULL CHECK (gas_share >= 0),
    gas_paid_by      TEXT          NOT NULL CHECK (gas_paid_by IN ('pool', 'member')),
    tx_hash          TEXT          NOT NULL,
    block_number     BIGINT        NOT NULL CHECK (block_number >= 0),
    reason           TEXT,
    recorded_at      TIMESTAMPTZ   NOT NULL,
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL
);

-- The payout columns the seed lacked: why a payout failed, what reached the payee, where, and who paid the gas.
ALTER TABLE rewards_payments
    ADD COLUMN failure_reason TEXT,
    ADD COLUMN payee          TEXT,
    ADD COLUMN amount_sent    NUMERIC(78,0) CHECK (amount_sent >= 0),
    ADD COLUMN block_number   BIGINT,
    ADD COLUMN gas_paid_by    TEXT,
    ADD COLUMN resolved_at    TIMESTAMPTZ;

-- A member's gas debt (gas shares its balance could not cover yet) and the position of the change that set the row:
-- an allocation of round r is (r, 0), an account change applied after round r settled is (r, seq). A row moves
-- only forward in that order.
ALTER TABLE transcoder_balances
    ADD COLUMN debt       NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (debt >= 0),
    ADD COLUMN as_of_seq  BIGINT        NOT NULL DEFAULT 0 CHECK (as_of_seq >= 0);

-- The payout settings in force per member: the record with the highest nonce (the ledger's rule).
CREATE TABLE payout_settings (
    transcoder       TEXT          PRIMARY KEY,
    payout_address   TEXT          NOT NULL,
    threshold        NUMERIC(78,0) NOT NULL CHECK (threshold >= 0),
    nonce            BIGINT        NOT NULL CHECK (nonce >= 0),
    expiry           BIGINT        NOT NULL,
    chain_id         BIGINT        NOT NULL,
    signature        TEXT          NOT NULL,
    accepted_at      TIMESTAMPTZ   NOT NULL,
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL
);
