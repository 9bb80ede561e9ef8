package io.livepeerpool.redeemer.queue;

import io.livepeerpool.platform.offsets.PendingOffsets;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TicketQueueTest {

    private static QueuedTicket t(String sender, long offset) {
        return RedemptionWindowTest.Tickets.ticket(sender, 1, OptionalLong.empty(), 0, offset, BigInteger.valueOf(offset));
    }

    @Test
    void oneHeadPerSenderOldestFirst() {
        TicketQueue q = new TicketQueue();
        q.add(t("0xaa", 5));
        q.add(t("0xaa", 2));
        q.add(t("0xbb", 3));
        assertThat(q.heads(0)).extracting(x -> x.position().offset()).containsExactly(2L, 3L);
    }

    @Test
    void aSenderInFlightOrWaitingForItsRetryHasNoHead() {
        TicketQueue q = new TicketQueue();
        QueuedTicket a = t("0xaa", 1);
        q.add(a);
        q.add(t("0xbb", 2));
        q.markInFlight(a.sender());
        assertThat(q.heads(0)).extracting(x -> x.position().offset()).containsExactly(2L);
        q.clearInFlight(a.sender());
        assertThat(q.retryAt(a.sender(), 1_000)).isEqualTo(1);
        assertThat(q.heads(999)).extracting(x -> x.position().offset()).containsExactly(2L);
        assertThat(q.heads(1_000)).extracting(x -> x.position().offset()).containsExactly(1L, 2L);
    }

    @Test
    void aTicketPostedTwiceIsQueuedOnce() {
        TicketQueue q = new TicketQueue();
        QueuedTicket a = t("0xaa", 1);
        assertThat(q.add(a)).isTrue();
        assertThat(q.add(new QueuedTicket(a.ticketHash(), a.ticket(), a.paramsExpirationBlock(),
                new SourcePosition(0, 9)))).isFalse();
        assertThat(q.size()).isEqualTo(1);
        q.remove(a.ticketHash());
        assertThat(q.size()).isZero();
        assertThat(q.heads(0)).isEmpty();
    }

    @Test
    void revokedPartitionsAreHandedBack() {
        TicketQueue q = new TicketQueue();
        q.add(RedemptionWindowTest.Tickets.ticket("0xaa", 1, OptionalLong.empty(), 0, 1, BigInteger.ONE));
        q.add(RedemptionWindowTest.Tickets.ticket("0xbb", 1, OptionalLong.empty(), 1, 1, BigInteger.TWO));
        assertThat(q.dropPartitions(List.of(1))).hasSize(1);
        assertThat(q.heads(0)).extracting(x -> x.position().partition()).containsExactly(0);
    }

    @Test
    void pendingOffsetsCommitUpToTheOldestTicketWithoutOutcome() {
        PendingOffsets o = new PendingOffsets();
        o.read(0, 10);
        o.read(0, 11);
        o.read(0, 12);
        o.done(0, 11);
        assertThat(o.committable()).containsEntry(0, 10L);
        o.done(0, 10);
        assertThat(o.committable()).containsEntry(0, 12L);
        o.done(0, 12);
        assertThat(o.committable()).containsEntry(0, 13L);
    }

    @Test
    void backoffDoublesUpToItsBound() {
        RetryBackoff b = new RetryBackoff(100, 1_000);
        assertThat(List.of(b.delayMs(1), b.delayMs(2), b.delayMs(4), b.delayMs(5), b.delayMs(60)))
                .containsExactly(100L, 200L, 800L, 1_000L, 1_000L);
    }
}
