/** Pure batching decisions: the queue of payout requests, the batch taken from it, each payout's gas share. */
package io.livepeerpool.payout.batch;
