package io.livepeerpool.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedHealthTest {

    @Test
    void askingForHealthNeverCallsTheDependencies() {
        AtomicInteger kafkaCalls = new AtomicInteger();
        AtomicInteger dbCalls = new AtomicInteger();
        GatewayHealth checks = new GatewayHealth(() -> kafkaCalls.incrementAndGet() > 0, () -> dbCalls.incrementAndGet() > 0);
        try (CachedHealth health = new CachedHealth(checks, Duration.ofHours(1))) {
            assertThat(health.up()).as("not checked before start").isFalse();
            health.start();

            for (int i = 0; i < 1_000; i++) {
                assertThat(health.up()).isTrue();
            }

            assertThat(kafkaCalls.get()).isEqualTo(1);
            assertThat(dbCalls.get()).isEqualTo(1);
        }
    }

    @Test
    void theTimerPicksUpAChange() throws Exception {
        AtomicBoolean db = new AtomicBoolean(true);
        try (CachedHealth health = new CachedHealth(new GatewayHealth(() -> true, db::get), Duration.ofMillis(100))) {
            health.start();
            assertThat(health.up()).isTrue();

            db.set(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (health.up() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(health.up()).isFalse();
            assertThat(health.checks()).containsEntry("database", "DOWN").containsEntry("kafka", "UP");
        }
    }
}
