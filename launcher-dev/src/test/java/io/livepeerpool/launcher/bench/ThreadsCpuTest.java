package io.livepeerpool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The CPU of this JVM's threads chosen by name, as the ingest bench splits the gateway's from the broker's. */
class ThreadsCpuTest {
    @Test
    void countsOnlyTheNamedThreadsWork() throws Exception {
        ThreadsCpu busyOnes = ThreadsCpu.named(name -> name.startsWith("threads-cpu-test-busy"));
        ThreadsCpu others = ThreadsCpu.named(name -> name.startsWith("threads-cpu-test-idle"));
        ThreadsCpu.Snapshot busyBefore = busyOnes.snapshot();
        ThreadsCpu.Snapshot othersBefore = others.snapshot();
        CountDownLatch release = new CountDownLatch(1);
        Thread idle = Thread.ofPlatform().name("threads-cpu-test-idle").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CountDownLatch spun = new CountDownLatch(1);
        Thread busy = Thread.ofPlatform().name("threads-cpu-test-busy").start(() -> {
            long until = System.nanoTime() + 300_000_000L;
            long x = 0;
            while (System.nanoTime() < until) {
                x += Long.numberOfTrailingZeros(x + System.nanoTime());
            }
            spun.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.println(x);
            }
        });
        spun.await();

        double busySeconds = busyOnes.snapshot().secondsSince(busyBefore);
        double otherSeconds = others.snapshot().secondsSince(othersBefore);
        release.countDown();
        busy.join();
        idle.join();

        // 0.3 s of wall time spinning; on a loaded machine the thread may get less of a core, never more
        assertThat(busySeconds).isBetween(0.02, 0.5);
        assertThat(otherSeconds).as("a parked thread of another name").isLessThan(0.02);
    }

    @Test
    void aThreadSeenOnlyLaterCountsFromZeroAndUnmeasuredIsUnknown() {
        ThreadsCpu.Snapshot before = new ThreadsCpu.Snapshot(Map.of(1L, 1_000_000_000L));
        ThreadsCpu.Snapshot after = new ThreadsCpu.Snapshot(Map.of(1L, 1_500_000_000L, 2L, 250_000_000L));

        assertThat(after.secondsSince(before)).isEqualTo(0.75);
        assertThat(ThreadsCpu.unmeasured().snapshot().secondsSince(before)).isNaN();
    }
}
