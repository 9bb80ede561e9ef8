-- What became of each winning ticket on chain, projected from pool.redemptions (the redeemer's outcomes, keyed by
-- ticket hash). Wei are NUMERIC(78,0); times are those the redeemer recorded, never now(), so projecting the topics
-- again into an empty database gives the same rows.

-- Every outcome as the redeemer recorded it, first per ticket wins. It is kept even when its ticket has not been
-- projected yet (another topic, other partitions): the ticket's row takes its outcome from here whichever comes first.
CREATE TABLE redemptions (
    ticket_hash         TEXT          PRIMARY KEY,
    sender              TEXT          NOT NULL,
    recipient           TEXT          NOT NULL,
    face_value          NUMERIC(78,0) NOT NULL CHECK (face_value >= 0),
    status              TEXT          NOT NULL CHECK (status IN ('Redeemed', 'Failed', 'Expired')),
    reason              TEXT,
    tx_hash             TEXT,
    block_number        BIGINT        CHECK (block_number >= 0),
    tx_gas_cost         NUMERIC(78,0) CHECK (tx_gas_cost >= 0),
    tx_tickets          INT           NOT NULL CHECK (tx_tickets >= 1),
    gas_share           NUMERIC(78,0) CHECK (gas_share >= 0),
    amount_transferred  NUMERIC(78,0) NOT NULL CHECK (amount_transferred >= 0),
    redeemer_id         TEXT          NOT NULL,
    recorded_at         TIMESTAMPTZ   NOT NULL,
    kafka_partition     INT           NOT NULL,
    kafka_offset        BIGINT        NOT NULL,
    -- a redemption is the chain marking the ticket used in our transaction: it has one, mined in a block
    CHECK (status <> 'Redeemed' OR (tx_hash IS NOT NULL AND block_number IS NOT NULL))
);

-- The seed's winningTickets payment columns. tx_hash and gas_fees exist since V1 (an orchestrator that redeemed the
-- ticket itself reports them); an outcome of the pool's redeemer replaces them when it has its own transaction.
-- payment_status: 'Not claimed' until the outcome is projected, then Claimed (Redeemed), Failed or Expired.
-- gas_fees: this ticket's share of its transaction's gas. redeemed_at: when the redeemer recorded the outcome.
ALTER TABLE winning_tickets
    ADD COLUMN payment_status      TEXT          NOT NULL DEFAULT 'Not claimed'
        CHECK (payment_status IN ('Not claimed', 'Claimed', 'Failed', 'Expired')),
    ADD COLUMN failure_reason      TEXT,
    ADD COLUMN amount_transferred  NUMERIC(78,0) CHECK (amount_transferred >= 0),
    ADD COLUMN redeemed_block      BIGINT,
    ADD COLUMN redeemed_at         TIMESTAMPTZ;

-- /getWinningTickets: newest first, keyset (received_at DESC, ticket_hash); /getWinningTicket uses the primary key.
CREATE INDEX winning_tickets_by_time ON winning_tickets (received_at DESC, ticket_hash);
