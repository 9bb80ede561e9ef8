/**
 * Members' accounts on the payout side, pure: {@link io.livepeerpool.ledger.payout.MemberAccount} (balance and gas
 * debt), {@link io.livepeerpool.ledger.payout.PayoutPreferences} (a member's signed settings),
 * {@link io.livepeerpool.ledger.payout.MemberCredit} (an allocation credited, a payout requested at the member's
 * threshold to its payout address) and {@link io.livepeerpool.ledger.payout.PayoutResolution} (an outcome of the
 * payout worker applied, money returned only on the chain's proof). The replay and the streams topology call the
 * same functions.
 */
package io.livepeerpool.ledger.payout;
