package io.livepeerpool.ledger.maxfloat;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What go-livepeer's LocalSenderMonitor keeps for one sender, as seen by the pool's recipient: the sender's deposit
 * and withdrawRound, its reserve (funds remaining, claimed in the current round), what the pool's recipient claimed
 * from it this round, the transcoder pool size of the round and the face values of its tickets whose redemption is
 * in flight. Every amount is wei and never negative. Each method returns the state after one chain event or
 * redemption step; the state itself is immutable.
 */
public record SenderFunds(BigInteger deposit, long withdrawRound, BigInteger fundsRemaining,
                          BigInteger claimedInCurrentRound, BigInteger claimedByRecipient, long poolSize,
                          BigInteger pending, long round) {

    public SenderFunds {
        requireWei(deposit, "deposit");
        requireWei(fundsRemaining, "fundsRemaining");
        requireWei(claimedInCurrentRound, "claimedInCurrentRound");
        requireWei(claimedByRecipient, "claimedByRecipient");
        requireWei(pending, "pending");
        if (withdrawRound < 0 || poolSize < 0 || round < 0) {
            throw new IllegalArgumentException("withdrawRound, poolSize and round must be >= 0, got " + withdrawRound
                    + ", " + poolSize + ", " + round);
        }
    }

    /** A sender the chain has never heard of, in {@code round} with {@code poolSize} orchestrators. */
    public static SenderFunds empty(long round, long poolSize) {
        return new SenderFunds(BigInteger.ZERO, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, poolSize,
                BigInteger.ZERO, round);
    }

    public SenderFunds depositFunded(BigInteger amount) {
        return withDeposit(deposit.add(requireWei(amount, "amount")));
    }

    public SenderFunds reserveFunded(BigInteger amount) {
        return new SenderFunds(deposit, withdrawRound, fundsRemaining.add(requireWei(amount, "amount")),
                claimedInCurrentRound, claimedByRecipient, poolSize, pending, round);
    }

    /**
     * A claim on the reserve by any recipient lowers the funds and raises the round's claims, which changes every
     * recipient's allocation; only the pool's own claims count against its share.
     */
    public SenderFunds reserveClaimed(boolean byPoolRecipient, BigInteger amount) {
        requireWei(amount, "amount");
        return new SenderFunds(deposit, withdrawRound, floorZero(fundsRemaining.subtract(amount)),
                claimedInCurrentRound.add(amount), byPoolRecipient ? claimedByRecipient.add(amount) : claimedByRecipient,
                poolSize, pending, round);
    }

    /**
     * A ticket paid {@code amount}: from the deposit first (the contract takes min(faceValue, deposit) from it); any
     * rest came from the reserve and arrives as its own ReserveClaimed event, so only the deposit changes here.
     */
    public SenderFunds ticketTransferred(BigInteger amount) {
        requireWei(amount, "amount");
        return withDeposit(deposit.subtract(amount.min(deposit)));
    }

    public SenderFunds unlocked(long endRound) {
        return new SenderFunds(deposit, endRound, fundsRemaining, claimedInCurrentRound, claimedByRecipient, poolSize,
                pending, round);
    }

    public SenderFunds unlockCancelled() {
        return unlocked(0);
    }

    /**
     * Deposit and reserve go to the sender. As on the deployed contract, withdrawRound stays (the sender remains
     * unlocked until it funds again) and the round's claims stay on record (they still count in the allocation).
     */
    public SenderFunds withdrawn() {
        return new SenderFunds(BigInteger.ZERO, withdrawRound, BigInteger.ZERO, claimedInCurrentRound,
                claimedByRecipient, poolSize, pending, round);
    }

    /** A new round: claims start again from zero and the pool size is the new round's. Older or same: no change. */
    public SenderFunds newRound(long newRound, long newPoolSize) {
        if (newRound <= round) {
            return this;
        }
        return new SenderFunds(deposit, withdrawRound, fundsRemaining, BigInteger.ZERO, BigInteger.ZERO, newPoolSize,
                pending, newRound);
    }

    public SenderFunds redemptionStarted(BigInteger faceValue) {
        return withPending(pending.add(requireWei(faceValue, "faceValue")));
    }

    /** The full face value leaves pending, whatever the transfer paid (as go-livepeer does). */
    public SenderFunds redemptionEnded(BigInteger faceValue) {
        return withPending(floorZero(pending.subtract(requireWei(faceValue, "faceValue"))));
    }

    public MaxFloatValue maxFloat() {
        return MaxFloatValue.of(this);
    }

    private SenderFunds withDeposit(BigInteger newDeposit) {
        return new SenderFunds(newDeposit, withdrawRound, fundsRemaining, claimedInCurrentRound, claimedByRecipient,
                poolSize, pending, round);
    }

    private SenderFunds withPending(BigInteger newPending) {
        return new SenderFunds(deposit, withdrawRound, fundsRemaining, claimedInCurrentRound, claimedByRecipient,
                poolSize, newPending, round);
    }

    /*
     * Floors: the stream can only undercount a sender it started watching mid-history (initialised from views read
     * at a slightly later block); a negative balance would be that error, not money, so it stops at zero.
     */
    private static BigInteger floorZero(BigInteger value) {
        return value.signum() < 0 ? BigInteger.ZERO : value;
    }

    private static BigInteger requireWei(BigInteger value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 wei, got " + value);
        }
        return value;
    }
}
