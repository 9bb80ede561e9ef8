package io.livepeerpool.ledger.maxfloat;

import java.math.BigInteger;
import java.util.Objects;

/**
 * go-livepeer's max float (pm/sendermonitor.go) and what the pool serves:
 * <pre>
 * reserveAlloc = poolSize == 0 ? 0 : (fundsRemaining + claimedInCurrentRound) / poolSize - claimedByRecipient
 * raw          = pending > 0 and deposit / pending >= 3 ? reserveAlloc : reserveAlloc - pending
 * served       = max(0, raw)
 * </pre>
 * Integer division throughout, as go-livepeer's big.Int. The deposit is not added (a ticket's face value beyond
 * the deposit is paid from the reserve share only). go-livepeer does not clamp: raw can be negative.
 */
public record MaxFloatValue(BigInteger raw, BigInteger served) {
    private static final BigInteger DEPOSIT_COVERS_PENDING = BigInteger.valueOf(3);

    public MaxFloatValue {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(served, "served");
        if (!served.equals(raw.max(BigInteger.ZERO))) {
            throw new IllegalArgumentException("served must be max(0, raw): raw " + raw + ", served " + served);
        }
    }

    public static MaxFloatValue of(SenderFunds s) {
        BigInteger alloc = reserveAlloc(s);
        BigInteger raw = s.pending().signum() > 0 && s.deposit().divide(s.pending()).compareTo(DEPOSIT_COVERS_PENDING) >= 0
                ? alloc
                : alloc.subtract(s.pending());
        return new MaxFloatValue(raw, raw.max(BigInteger.ZERO));
    }

    /** The recipient's share of the reserve still open this round (may be negative if the pool grew). */
    public static BigInteger reserveAlloc(SenderFunds s) {
        if (s.poolSize() == 0) {
            return BigInteger.ZERO;
        }
        return s.fundsRemaining().add(s.claimedInCurrentRound()).divide(BigInteger.valueOf(s.poolSize()))
                .subtract(s.claimedByRecipient());
    }
}
