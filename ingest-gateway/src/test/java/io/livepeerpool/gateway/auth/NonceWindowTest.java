package io.livepeerpool.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.gateway.auth.NonceWindow.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class NonceWindowTest {
    private static final long MIB = 1 << 20;
    private static final long SKEW = 300;

    @Test
    void aNonceIsAcceptedOnceInsideItsWindow() {
        NonceWindow window = new NonceWindow(MIB, SKEW);

        assertThat(window.record("k1", "nonce-aaaa", 1300, 1000)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.record("k1", "nonce-aaaa", 1300, 1200)).isEqualTo(Outcome.REPLAYED);
        assertThat(window.record("k1", "nonce-aaaa", 1300, 1300)).isEqualTo(Outcome.REPLAYED);
        assertThat(window.record("k1", "nonce-aaaa", 1500, 1300)).as("another timestamp, same nonce").isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void theSameNonceUnderAnotherKeyIsAnotherEntry() {
        NonceWindow window = new NonceWindow(MIB, SKEW);

        window.record("k1", "nonce-aaaa", 1300, 1000);

        assertThat(window.record("k2", "nonce-aaaa", 1300, 1000)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.record("k1 ", "nonce-aaaa", 1300, 1000)).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void anExpiredNonceIsForgottenWithItsBucket() {
        NonceWindow window = new NonceWindow(MIB, SKEW);
        long span = window.bucketSeconds();
        long expiry = 1300;
        long bucketEnd = (Math.floorDiv(expiry, span) + 1) * span - 1;
        window.record("k1", "nonce-aaaa", expiry, 1000);

        // after expiry the timestamp check refuses a replay, so the store need not remember it
        assertThat(window.record("k1", "nonce-bbbb", 1700, bucketEnd)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.size()).isEqualTo(2);
        assertThat(window.record("k1", "nonce-cccc", 1700, bucketEnd + 1)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.size()).isEqualTo(2);
        assertThat(window.bucketSeconds()).isEqualTo(20);
    }

    @Test
    void farMoreNoncesThanTheOldCountLimitFitInTheDefaultMemory() {
        // the old store refused above 200,000 nonces: 667 requests/s over a 300 s window
        NonceWindow window = new NonceWindow(64 * MIB, SKEW);
        long now = 1_000_000;
        for (int i = 0; i < 1_000_000; i++) {
            long second = now + i / 3_000; // 3,000 signed requests/s for 333 s
            assertThat(window.record("k1", "n" + i, second + SKEW, second)).isEqualTo(Outcome.FIRST_USE);
        }
        assertThat(window.size()).as("only about one window's worth is kept").isLessThan(1_000_000);
        assertThat(window.memoryBytes()).isLessThanOrEqualTo(64 * MIB);
    }

    @Test
    void aFullWindowRefusesNewNoncesRatherThanForgettingLiveOnes() {
        NonceWindow window = new NonceWindow(NonceWindow.INITIAL_SLOTS * NonceWindow.BYTES_PER_SLOT, SKEW);
        int fit = NonceWindow.INITIAL_SLOTS / 2;
        for (int i = 0; i < fit; i++) {
            assertThat(window.record("k1", "nonce-" + i, 1300, 1000)).isEqualTo(Outcome.FIRST_USE);
        }

        assertThat(window.record("k1", "nonce-more", 1300, 1000)).as("the table would have to double").isEqualTo(Outcome.FULL);
        assertThat(window.record("k1", "nonce-other-bucket", 1500, 1000)).as("a new bucket does not fit").isEqualTo(Outcome.FULL);
        assertThat(window.record("k1", "nonce-0", 1300, 1000)).isEqualTo(Outcome.REPLAYED);
        assertThat(window.size()).isEqualTo(fit);
        assertThat(window.memoryBytes()).isEqualTo(window.memoryMaxBytes());
    }

    @Test
    void expiryMakesRoomAgain() {
        NonceWindow window = new NonceWindow(NonceWindow.INITIAL_SLOTS * NonceWindow.BYTES_PER_SLOT, SKEW);
        for (int i = 0; i < NonceWindow.INITIAL_SLOTS / 2; i++) {
            window.record("k1", "nonce-" + i, 1300, 1000);
        }
        assertThat(window.record("k1", "nonce-late", 1700, 1200)).isEqualTo(Outcome.FULL);

        assertThat(window.record("k1", "nonce-late", 1700, 1400)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.size()).isEqualTo(1);
    }

    @RepeatedTest(5)
    void ofThirtyTwoConcurrentReplaysExactlyOneIsAccepted() throws Exception {
        NonceWindow window = new NonceWindow(MIB, SKEW);
        int threads = 32;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return window.record("k1", "the-one-nonce", 1300, 1000);
                }));
            }
            ready.await();
            go.countDown();
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(o -> o == Outcome.FIRST_USE).hasSize(1);
            assertThat(results).filteredOn(o -> o == Outcome.REPLAYED).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCapHoldsAcrossStripes() {
        NonceWindow window = new NonceWindow(MIB, SKEW);
        assertThat(window.stripes()).as("one lock per stripe, not one for every signed write").isEqualTo(16);
        long accepted = 0;
        long full = 0;
        for (int i = 0; i < 200_000; i++) {
            switch (window.record("k1", "n" + i, 1300, 1000)) {
                case FIRST_USE -> accepted++;
                case FULL -> full++;
                case REPLAYED -> throw new AssertionError("a fresh nonce refused as a replay");
            }
        }
        assertThat(full).as("1 MiB cannot hold 200,000 nonces").isPositive();
        assertThat(window.memoryBytes()).isLessThanOrEqualTo(MIB);
        assertThat(window.size()).isEqualTo(accepted);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(window.record("k1", "n" + i, 1300, 1000)).isIn(Outcome.REPLAYED, Outcome.FULL);
        }
        assertThat(new NonceWindow(NonceWindow.INITIAL_SLOTS * NonceWindow.BYTES_PER_SLOT, SKEW).stripes())
                .as("a cap of one table has one stripe").isEqualTo(1);
    }

    @Test
    void theCapMustHoldOneTable() {
        assertThatThrownBy(() -> new NonceWindow(1000, SKEW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonceWindow(MIB, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
