package io.livepeerpool.ledger.event;

import io.livepeerpool.ledger.settlement.FeeShares;
import io.livepeerpool.protocol.address.Address;

/**
 * A {@code BondingManager.TranscoderUpdate}: the orchestrator's new reward cut and fee share, both parts per million.
 * From this event on (in chain order), transfers to that orchestrator leave {@code feeShare} to its delegators.
 */
public record TranscoderUpdate(String transcoder, long rewardCut, int feeShare) implements LedgerEvent {

    public TranscoderUpdate {
        Address.requireLowercase(transcoder, "transcoder");
        if (rewardCut < 0 || rewardCut > 1_000_000) {
            throw new IllegalArgumentException("rewardCut must be between 0 and 1000000 ppm, got " + rewardCut);
        }
        FeeShares.requirePpm(feeShare);
    }
}
