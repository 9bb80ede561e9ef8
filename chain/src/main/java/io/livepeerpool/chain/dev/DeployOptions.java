package io.livepeerpool.chain.dev;

import java.math.BigInteger;

/**
 * Parameters of a dev deployment.
 *
 * @param roundLength          blocks per round (at least 2). With automine a block is mined per transaction, so the
 *                             default is long enough that rounds change only when a {@link RoundAdvancer} says so
 * @param ticketValidityPeriod rounds a ticket stays redeemable (2 as on Arbitrum One)
 * @param unlockPeriod         rounds between a sender's unlock and its withdrawal
 * @param rewardCutPpm         the dev orchestrator's rewardCut (parts per million)
 * @param feeSharePpm          the dev orchestrator's feeShare: the delegators' share of fees (parts per million)
 * @param broadcasterDeposit   wei the broadcaster puts in its deposit (0: none)
 * @param broadcasterReserve   wei the broadcaster puts in its reserve (0: none)
 */
public record DeployOptions(long roundLength, long ticketValidityPeriod, long unlockPeriod, long rewardCutPpm,
                            long feeSharePpm, BigInteger broadcasterDeposit, BigInteger broadcasterReserve) {

    public static final BigInteger ETHER = BigInteger.TEN.pow(18);

    public DeployOptions {
        if (roundLength < 2) {
            throw new IllegalArgumentException("roundLength must be at least 2 blocks");
        }
        if (ticketValidityPeriod < 1) {
            throw new IllegalArgumentException("ticketValidityPeriod must be at least 1 round");
        }
        if (rewardCutPpm < 0 || rewardCutPpm > 1_000_000 || feeSharePpm < 0 || feeSharePpm > 1_000_000) {
            throw new IllegalArgumentException("rewardCut and feeShare are parts per million (0..1000000)");
        }
        if (broadcasterDeposit.signum() < 0 || broadcasterReserve.signum() < 0) {
            throw new IllegalArgumentException("deposit and reserve cannot be negative");
        }
    }

    /** 1000-block rounds, tickets valid 2 rounds, unlock 2 rounds, rewardCut 10%, feeShare 25%, 10 ETH + 10 ETH. */
    public static DeployOptions defaults() {
        return new DeployOptions(1000, 2, 2, 100_000, 250_000, ETHER.multiply(BigInteger.TEN), ETHER.multiply(BigInteger.TEN));
    }

    public DeployOptions withRoundLength(long blocks) {
        return new DeployOptions(blocks, ticketValidityPeriod, unlockPeriod, rewardCutPpm, feeSharePpm, broadcasterDeposit, broadcasterReserve);
    }

    public DeployOptions withFeeShare(long ppm) {
        return new DeployOptions(roundLength, ticketValidityPeriod, unlockPeriod, rewardCutPpm, ppm, broadcasterDeposit, broadcasterReserve);
    }

    public DeployOptions withBroadcasterFunds(BigInteger deposit, BigInteger reserve) {
        return new DeployOptions(roundLength, ticketValidityPeriod, unlockPeriod, rewardCutPpm, feeSharePpm, deposit, reserve);
    }
}
