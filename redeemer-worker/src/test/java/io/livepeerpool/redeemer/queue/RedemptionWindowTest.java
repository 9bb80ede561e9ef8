package io.livepeerpool.redeemer.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RedemptionWindowTest {
    private static final RedemptionWindow WINDOW = new RedemptionWindow(BigInteger.TWO, 40);

    @Test
    void waitsForTheParamsExpirationBlock() {
        QueuedTicket t = Tickets.ticket("0xaa", 10, OptionalLong.of(10_050), 0);
        assertThat(WINDOW.readiness(t, time(10_049, 10))).isEqualTo(Readiness.PARAMS_IN_USE);
        assertThat(WINDOW.readiness(t, time(10_050, 10))).isEqualTo(Readiness.REDEEMABLE);
    }

    @Test
    void withoutAnExpirationBlockWaitsTheDelayAfterTheCreationRoundStarts() {
        QueuedTicket t = Tickets.ticket("0xaa", 10, OptionalLong.empty(), 0);
        assertThat(WINDOW.readiness(t, time(10_039, 10))).isEqualTo(Readiness.PARAMS_IN_USE);
        assertThat(WINDOW.readiness(t, time(10_040, 10))).isEqualTo(Readiness.REDEEMABLE);
        // a round later, the creation round's start is computed back from the current round's
        assertThat(WINDOW.readiness(t, time(11_000, 11))).isEqualTo(Readiness.REDEEMABLE);
    }

    @Test
    void expiresWhenCreationRoundPlusValidityReachesTheCurrentRound() {
        QueuedTicket t = Tickets.ticket("0xaa", 10, OptionalLong.of(0), 0);
        assertThat(WINDOW.readiness(t, time(11_999, 11))).isEqualTo(Readiness.REDEEMABLE);
        assertThat(WINDOW.readiness(t, time(12_000, 12))).isEqualTo(Readiness.EXPIRED);
    }

    private static ChainTime time(long block, long round) {
        return new ChainTime(block, BigInteger.valueOf(round), round * 1000, 1000);
    }

    /** Queue entries for the pure tests (the signature is never checked here). */
    static final class Tickets {
        static QueuedTicket ticket(String senderSuffix, long round, OptionalLong expiration, long offset) {
            return ticket(senderSuffix, round, expiration, 0, offset, BigInteger.valueOf(offset));
        }

        static QueuedTicket ticket(String senderSuffix, long round, OptionalLong expiration, int partition, long offset,
                                   BigInteger nonce) {
            Address sender = new Address("0x" + "0".repeat(40 - senderSuffix.length() + 2) + senderSuffix.substring(2));
            Address recipient = new Address("0x" + "1".repeat(40));
            Ticket ticket = new Ticket(recipient, sender, BigInteger.TEN, BigInteger.ONE, nonce,
                    Bytes32.parse("0x" + "2".repeat(64)), BigInteger.valueOf(round), Bytes32.parse("0x" + "3".repeat(64)));
            SignedTicket signed = new SignedTicket(ticket, new byte[65], BigInteger.ONE);
            return new QueuedTicket(signed.hash().hex(), signed, expiration, new SourcePosition(partition, offset));
        }

        private Tickets() {
        }
    }
}
