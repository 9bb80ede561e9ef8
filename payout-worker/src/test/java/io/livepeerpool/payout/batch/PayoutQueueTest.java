package io.livepeerpool.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutQueueTest {
    private static final Address T = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    static QueuedPayout payout(String id, int partition, long offset) {
        return new QueuedPayout(id, PoolPayoutsClient.onChainId(id), T, T, 1, BigInteger.TEN, partition, offset);
    }

    @Test
    void aBatchTakesTheOldestUpToItsSize() {
        PayoutQueue q = new PayoutQueue();
        for (int i = 0; i < 5; i++) {
            q.add(payout("p" + i, i % 2, i));
        }
        assertThat(q.nextBatch(3, p -> true)).extracting(QueuedPayout::payoutId).containsExactly("p0", "p1", "p2");
        assertThat(q.nextBatch(10, p -> true)).hasSize(5);
        assertThat(q.size()).as("taking a batch does not dequeue it").isEqualTo(5);
    }

    @Test
    void heldPayoutsKeepTheirPlaceAndTheBatchFillsFromBehind() {
        PayoutQueue q = new PayoutQueue();
        for (int i = 0; i < 4; i++) {
            q.add(payout("p" + i, 0, i));
        }
        assertThat(q.nextBatch(2, p -> !p.payoutId().equals("p0"))).extracting(QueuedPayout::payoutId)
                .containsExactly("p1", "p2");
    }

    @Test
    void aSecondRecordOfOnePayoutIsNotQueuedTwice() {
        PayoutQueue q = new PayoutQueue();
        assertThat(q.add(payout("p", 0, 1))).isTrue();
        assertThat(q.add(payout("p", 0, 7))).isFalse();
        assertThat(q.nextBatch(10, p -> true)).hasSize(1).first().extracting(QueuedPayout::offset).isEqualTo(1L);
    }

    @Test
    void revokedPartitionsAreHandedBack() {
        PayoutQueue q = new PayoutQueue();
        q.add(payout("a", 0, 1));
        q.add(payout("b", 1, 1));
        q.add(payout("c", 2, 1));
        assertThat(q.dropPartitions(List.of(0, 2))).extracting(QueuedPayout::payoutId).containsExactly("a", "c");
        assertThat(q.nextBatch(10, p -> true)).extracting(QueuedPayout::payoutId).containsExactly("b");
    }

    @Test
    void aPayoutOfNothingIsRefused() {
        assertThatThrownBy(() -> new QueuedPayout("z", PoolPayoutsClient.onChainId("z"), T, T, 1, BigInteger.ZERO, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayoutQueue().nextBatch(0, p -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
