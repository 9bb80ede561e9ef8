package io.livepeerpool.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {
    @Test
    void eachRouteMethodAndStatusCountsInATimerOfItsOwn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpMetrics metrics = new HttpMetrics(registry);

        metrics.request("/recordTranscoderJob", "POST", 202, Duration.ofMillis(2));
        metrics.request("/recordTranscoderJob", "POST", 202, Duration.ofMillis(4));
        metrics.request("/recordTranscoderJob", "POST", 400, Duration.ofMillis(1));
        metrics.request("/health", "GET", 202, Duration.ofMillis(1));

        Timer accepted = registry.get("gateway.requests")
                .tags("route", "/recordTranscoderJob", "method", "POST", "status", "202").timer();
        assertThat(accepted.count()).isEqualTo(2);
        assertThat(accepted.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.get("gateway.requests").tags("route", "/recordTranscoderJob", "status", "400").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("gateway.requests").tags("route", "/health", "method", "GET").timer().count()).isEqualTo(1);
        assertThat(registry.get("gateway.requests").timers()).hasSize(3);
    }
}
