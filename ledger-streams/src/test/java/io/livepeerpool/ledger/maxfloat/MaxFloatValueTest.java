package io.livepeerpool.ledger.maxfloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MaxFloatValueTest {

    private static SenderFunds funds(long deposit, long reserve, long claimedRound, long claimedByUs, long poolSize,
                                     long pending) {
        return new SenderFunds(BigInteger.valueOf(deposit), 0, BigInteger.valueOf(reserve),
                BigInteger.valueOf(claimedRound), BigInteger.valueOf(claimedByUs), poolSize, BigInteger.valueOf(pending), 7);
    }

    @Test
    void reserveShareMinusWhatTheRecipientClaimed() {
        // (900 + 300) / 4 - 100 = 200; nothing pending
        assertEquals(new MaxFloatValue(BigInteger.valueOf(200), BigInteger.valueOf(200)),
                MaxFloatValue.of(funds(0, 900, 300, 100, 4, 0)));
    }

    @Test
    void pendingIsSubtractedUnlessTheDepositCoversItThreeTimes() {
        // alloc 250; deposit 299 / pending 100 = 2 -> 250 - 100
        assertEquals(BigInteger.valueOf(150), MaxFloatValue.of(funds(299, 1000, 0, 0, 4, 100)).raw());
        // deposit 300 / pending 100 = 3 -> the whole allocation
        assertEquals(BigInteger.valueOf(250), MaxFloatValue.of(funds(300, 1000, 0, 0, 4, 100)).raw());
    }

    @Test
    void integerDivisionAsGoLivepeer() {
        // (10 + 0) / 3 = 3, not 3.33
        assertEquals(BigInteger.valueOf(3), MaxFloatValue.of(funds(0, 10, 0, 0, 3, 0)).raw());
    }

    @Test
    void negativeRawIsServedAsZero() {
        // alloc 100 / 1 - 0 = 100; pending 250 with no deposit -> -150
        MaxFloatValue v = MaxFloatValue.of(funds(0, 100, 0, 0, 1, 250));
        assertEquals(BigInteger.valueOf(-150), v.raw());
        assertEquals(BigInteger.ZERO, v.served());
    }

    @Test
    void emptyPoolAllocatesNothing() {
        assertEquals(BigInteger.ZERO, MaxFloatValue.of(funds(0, 1_000_000, 0, 0, 0, 0)).raw());
    }

    @Test
    void servedMustBeTheClampedRaw() {
        assertThrows(IllegalArgumentException.class, () -> new MaxFloatValue(BigInteger.valueOf(-1), BigInteger.ONE));
    }

    @Property
    void servedIsNeverNegativeAndIsRawWhenRawIsNot(@ForAll("anyFunds") SenderFunds s) {
        MaxFloatValue v = MaxFloatValue.of(s);
        assertEquals(v.raw().max(BigInteger.ZERO), v.served());
    }

    @Property
    void formulaAsWrittenInLivepeerMd(@ForAll("anyFunds") SenderFunds s) {
        BigInteger alloc = s.poolSize() == 0 ? BigInteger.ZERO
                : s.fundsRemaining().add(s.claimedInCurrentRound()).divide(BigInteger.valueOf(s.poolSize()))
                .subtract(s.claimedByRecipient());
        boolean depositCovers = s.pending().signum() > 0
                && s.deposit().compareTo(s.pending().multiply(BigInteger.valueOf(3))) >= 0;
        assertEquals(depositCovers ? alloc : alloc.subtract(s.pending()), MaxFloatValue.of(s).raw());
    }

    @Property
    void moreReserveNeverLowersIt(@ForAll("anyFunds") SenderFunds s, @ForAll("wei") BigInteger more) {
        assertTrue(MaxFloatValue.of(s.reserveFunded(more)).raw().compareTo(MaxFloatValue.of(s).raw()) >= 0,
                "reserve " + more + " lowered max float of " + s);
    }

    @Provide
    Arbitrary<SenderFunds> anyFunds() {
        Arbitrary<BigInteger> wei = wei();
        return Combinators.combine(wei, wei, wei, wei, Arbitraries.longs().between(0, 200), wei)
                .as((deposit, reserve, claimed, byUs, poolSize, pending) -> new SenderFunds(deposit, 0, reserve,
                        claimed, byUs, poolSize, pending, 1));
    }

    @Provide
    Arbitrary<BigInteger> wei() {
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(200)));
    }
}
