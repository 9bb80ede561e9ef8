/** Winning-ticket redemption: queue per sender, intents, reconciliation, outcomes, and the TicketRedeemer gRPC service. */
package io.livepeerpool.redeemer;
