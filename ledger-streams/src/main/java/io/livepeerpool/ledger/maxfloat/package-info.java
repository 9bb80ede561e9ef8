/**
 * Per-sender max float, as go-livepeer's LocalSenderMonitor computes it: the sender's funds ({@link
 * io.livepeerpool.ledger.maxfloat.SenderFunds}) moved by chain events and redemption steps, the formula ({@link
 * io.livepeerpool.ledger.maxfloat.MaxFloatValue}), and the redemption state of each ticket ({@link
 * io.livepeerpool.ledger.maxfloat.TicketFlight}). Pure: no Kafka, no RPC; the chain is reached through {@link
 * io.livepeerpool.ledger.maxfloat.SenderViews}.
 */
package io.livepeerpool.ledger.maxfloat;
