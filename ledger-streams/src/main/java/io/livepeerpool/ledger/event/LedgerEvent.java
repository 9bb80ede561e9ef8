package io.livepeerpool.ledger.event;

/**
 * What the ledger consumes, already validated and normalised (lowercase addresses, exact integers). The streams
 * topology maps its Avro records to these; the replay parses them from JSON lines.
 */
public sealed interface LedgerEvent permits TranscoderJob, TicketTransfer, TranscoderUpdate, NewRound,
        PayoutOutcome, PayoutSettingsChange {
}
