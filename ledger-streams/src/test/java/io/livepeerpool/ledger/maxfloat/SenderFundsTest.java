package io.livepeerpool.ledger.maxfloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SenderFundsTest {
    private static final BigInteger E = BigInteger.TEN.pow(18);

    private static BigInteger wei(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void fundingAndClaimsMoveTheFieldsTheContractMoves() {
        SenderFunds s = SenderFunds.empty(5, 2).depositFunded(wei(1000)).reserveFunded(wei(600));
        s = s.reserveClaimed(true, wei(100)).reserveClaimed(false, wei(50));
        assertEquals(wei(450), s.fundsRemaining());
        assertEquals(wei(150), s.claimedInCurrentRound());
        assertEquals(wei(100), s.claimedByRecipient());
        // (450 + 150) / 2 - 100 = 200
        assertEquals(wei(200), s.maxFloat().raw());
    }

    @Test
    void aTransferTakesTheDepositFirstAndNoMore() {
        SenderFunds s = SenderFunds.empty(1, 1).depositFunded(wei(300));
        assertEquals(wei(100), s.ticketTransferred(wei(200)).deposit());
        // a ticket above the deposit empties it; the rest is a ReserveClaimed of its own
        assertEquals(BigInteger.ZERO, s.ticketTransferred(wei(500)).deposit());
    }

    @Test
    void withdrawalEmptiesDepositAndReserveAndKeepsTheUnlockAndTheRoundsClaims() {
        SenderFunds s = SenderFunds.empty(1, 1).depositFunded(E).reserveFunded(E).reserveClaimed(true, wei(7))
                .unlocked(3).withdrawn();
        assertEquals(BigInteger.ZERO, s.deposit());
        assertEquals(BigInteger.ZERO, s.fundsRemaining());
        assertEquals(3, s.withdrawRound());
        assertEquals(wei(7), s.claimedInCurrentRound());
        assertEquals(0, s.unlockCancelled().withdrawRound());
    }

    @Test
    void aNewRoundResetsTheClaimsOnceAndTakesTheNewPoolSize() {
        SenderFunds s = SenderFunds.empty(4, 1).reserveFunded(wei(90)).reserveClaimed(true, wei(30));
        SenderFunds next = s.newRound(5, 3);
        assertEquals(BigInteger.ZERO, next.claimedInCurrentRound());
        assertEquals(BigInteger.ZERO, next.claimedByRecipient());
        assertEquals(3, next.poolSize());
        assertEquals(wei(20), next.maxFloat().raw()); // 60 / 3
        assertSame(next, next.newRound(5, 9), "the same round again changes nothing");
        assertSame(next, next.newRound(4, 9), "an older round changes nothing");
    }

    @Test
    void pendingRisesAndFallsByTheFullFaceValue() {
        SenderFunds s = SenderFunds.empty(1, 1).reserveFunded(wei(1000)).redemptionStarted(wei(400));
        assertEquals(wei(600), s.maxFloat().raw());
        assertEquals(BigInteger.ZERO, s.redemptionEnded(wei(400)).pending());
    }

    @Test
    void negativeAmountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SenderFunds.empty(1, 1).depositFunded(wei(-1)));
        assertThrows(IllegalArgumentException.class, () -> SenderFunds.empty(1, 1).redemptionStarted(wei(-1)));
    }
}
