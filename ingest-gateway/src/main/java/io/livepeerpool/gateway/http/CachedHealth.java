package io.livepeerpool.gateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's dependency checks, run on a timer of its own rather than per request: the public {@code /health}
 * reads the last result, so no client can make the gateway call Kafka or the database. A change of state is logged.
 */
public final class CachedHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CachedHealth.class);

    private final GatewayHealth health;
    private final Duration refresh;
    private volatile Map<String, String> last = Map.of();
    private ScheduledExecutorService timer;
    private volatile boolean closed;

    public CachedHealth(GatewayHealth health, Duration refresh) {
        this.health = health;
        this.refresh = refresh;
    }

    /** Checks once now, then every {@code refresh}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        refreshNow();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refreshNow, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refreshNow() {
        Map<String, String> now = Map.copyOf(health.check());
        if (closed) {
            return; // the pools are closing under a last check: its DOWN means nothing
        }
        if (!now.equals(last)) {
            log.info("dependencies: {}", now);
        }
        last = now;
    }

    /** The last checked state of each dependency; empty before {@link #start()}. */
    public Map<String, String> checks() {
        return last;
    }

    public boolean up() {
        Map<String, String> checks = last;
        return !checks.isEmpty() && !checks.containsValue("DOWN");
    }

    /** Each check as a boolean, for the ops listener's detailed answer. */
    public Map<String, Boolean> asBooleans() {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        last.forEach((k, v) -> out.put(k, v.equals("UP")));
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
