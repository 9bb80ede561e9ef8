-- The ledger's output, projected from pool.ledger-settlements and pool.ledger-allocations (payout requests go to
-- rewards_payments, V1). Times are Kafka record timestamps, never now(), so projecting the topics again into an
-- empty database gives the same rows. Wei are NUMERIC(78,0); addresses lowercase hex.

-- One row per settled round (the ledger settles each round once). revenue = pool_fee + distributed + carried_revenue.
-- allocation_count = number of allocation lines: the round's allocations are all projected once
-- (SELECT count(*) FROM allocations WHERE round = r) reaches it (they come from another topic, on other partitions).
-- The primary key's index also serves ORDER BY round DESC (scanned backwards); a second index would only cost writes.
CREATE TABLE settlements (
    round             BIGINT        PRIMARY KEY CHECK (round >= 0),
    revenue           NUMERIC(78,0) NOT NULL CHECK (revenue >= 0),
    total_weight      NUMERIC(78,0) NOT NULL CHECK (total_weight >= 0),
    pool_fee          NUMERIC(78,0) NOT NULL CHECK (pool_fee >= 0),
    distributed       NUMERIC(78,0) NOT NULL CHECK (distributed >= 0),
    carried_revenue   NUMERIC(78,0) NOT NULL CHECK (carried_revenue >= 0),
    allocation_count  INT           NOT NULL CHECK (allocation_count >= 0),
    settled_at        TIMESTAMPTZ   NOT NULL,
    kafka_partition   INT           NOT NULL,
    kafka_offset      BIGINT        NOT NULL
);

-- One transcoder's share of one settlement. balance_after = the balance after this allocation and any payout
-- request it triggered. The primary key serves the reads of one round; the index those of one transcoder.
CREATE TABLE allocations (
    round             BIGINT        NOT NULL CHECK (round >= 0),
    transcoder        TEXT          NOT NULL,
    weight            NUMERIC(78,0) NOT NULL CHECK (weight >= 0),
    amount            NUMERIC(78,0) NOT NULL CHECK (amount >= 0),
    balance_after     NUMERIC(78,0) NOT NULL CHECK (balance_after >= 0),
    settled_at        TIMESTAMPTZ   NOT NULL,
    kafka_partition   INT           NOT NULL,
    kafka_offset      BIGINT        NOT NULL,
    PRIMARY KEY (round, transcoder)
);
CREATE INDEX allocations_by_transcoder ON allocations (transcoder, round DESC);

-- The latest balance of each transcoder: balance_after of its allocation of the highest round. Only moves to a
-- higher round, so a replay or a late older allocation never moves it backwards. updated_at = that allocation's
-- record timestamp.
CREATE TABLE transcoder_balances (
    transcoder        TEXT          PRIMARY KEY,
    balance           NUMERIC(78,0) NOT NULL CHECK (balance >= 0),
    as_of_round       BIGINT        NOT NULL CHECK (as_of_round >= 0),
    updated_at        TIMESTAMPTZ   NOT NULL
);
