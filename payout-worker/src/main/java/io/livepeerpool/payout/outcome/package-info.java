/** Pure reading of a mined payout transaction: which payout was paid, refused or reverted. */
package io.livepeerpool.payout.outcome;
