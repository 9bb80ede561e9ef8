package io.livepeerpool.gateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many refusals get a log line of their own. A refused or failed write is logged one line each (with its request
 * id) up to {@code linesPerSecond} lines a second; past that the rest are counted by reason and summed up in one WARN
 * line per interval. A flood of refusals (a full nonce store, Kafka down, a client hammering with a bad key) is
 * exactly when a line per request hurts: at the nonce cap the gateway refused over 30,000 posts a second and wrote
 * 418 MB of log in about 35 s (root README, ingest seventh pass). {@code gateway_rejected_total} still counts every refusal.
 *
 * <p>The budget is a fixed one-second window shared by all reasons, so a flood of one reason can take the lines of
 * another for that second; the summary names both. Races at a window's edge can let a few lines more through: it
 * bounds the volume, it is not an exact quota.
 */
public final class RefusalLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int linesPerSecond;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final AtomicLong windowStart;
    private final AtomicInteger linesInWindow = new AtomicInteger();
    private final Map<String, LongAdder> unlogged = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /** Summarises on a timer of its own every {@code interval}. */
    public static RefusalLog started(int linesPerSecond, Duration interval) {
        return new RefusalLog(linesPerSecond, interval, System::nanoTime, true);
    }

    /** Without a timer: the caller (a test) calls {@link #summarise()}. */
    static RefusalLog manual(int linesPerSecond, Duration interval, LongSupplier nanoClock) {
        return new RefusalLog(linesPerSecond, interval, nanoClock, false);
    }

    private RefusalLog(int linesPerSecond, Duration interval, LongSupplier nanoClock, boolean timed) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond must be >= 1");
        }
        this.linesPerSecond = linesPerSecond;
        this.interval = interval;
        this.nanoClock = nanoClock;
        this.windowStart = new AtomicLong(nanoClock.getAsLong());
        if (timed) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("refusal-log").factory());
            timer.scheduleAtFixedRate(this::summarise, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** True: the caller writes this refusal's line. False: it is counted under {@code reason} for the summary. */
    public boolean lineFor(String reason) {
        long now = nanoClock.getAsLong();
        long start = windowStart.get();
        if (now - start >= SECOND_NANOS && windowStart.compareAndSet(start, now)) {
            linesInWindow.set(0);
        }
        if (linesInWindow.incrementAndGet() <= linesPerSecond) {
            return true;
        }
        unlogged.computeIfAbsent(reason, r -> new LongAdder()).increment();
        return false;
    }

    /** The WARN line for refusals without a line of their own since the last summary; none when there were none. */
    void summarise() {
        Map<String, Long> counts = new TreeMap<>();
        unlogged.forEach((reason, count) -> {
            long n = count.sumThenReset();
            if (n > 0) {
                counts.put(reason, n);
            }
        });
        if (counts.isEmpty()) {
            return;
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        log.warn("refusals without a line of their own in the last {} s (over {} lines a second): {} ({})",
                interval.toSeconds(), linesPerSecond, total, counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        summarise();
    }
}
