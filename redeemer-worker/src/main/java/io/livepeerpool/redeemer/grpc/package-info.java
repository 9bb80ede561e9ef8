/**
 * go-livepeer's remote ticket redeemer ({@code net.TicketRedeemer}, from its {@code net/redeemer.proto}), so an
 * unmodified orchestrator started with {@code -redeemerAddr} queues its winning tickets in the pool's
 * {@code pool.winning-tickets} and reads each sender's max float from {@code pool.max-float}.
 */
package io.livepeerpool.redeemer.grpc;
