/**
 * The payout worker: moves the pool's fees to the payout wallet and pays members' payout requests through the
 * PoolPayouts contract, exactly once.
 */
package io.livepeerpool.payout;
