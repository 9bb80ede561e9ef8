package io.livepeerpool.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load: {@code workers} threads each send one request, wait for its answer, and send the next, for a
 * fixed time. Bounded by construction (time and worker count); latency goes into an HdrHistogram in microseconds.
 */
public final class ClosedLoopLoad {

    /** One request; returns how many items it carried (1 for a single post, N for a batch). Throws on failure. */
    @FunctionalInterface
    public interface Request {
        int send(int worker, long sequence) throws Exception;
    }

    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final int workers;
    private final Duration warmup;
    private final Duration measure;

    public ClosedLoopLoad(int workers, Duration warmup, Duration measure) {
        if (workers < 1 || workers > 4096) {
            throw new IllegalArgumentException("workers must be between 1 and 4096");
        }
        this.workers = workers;
        this.warmup = warmup;
        this.measure = measure;
    }

    public PhaseResult run(String name, Request request) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong requests = new AtomicLong();
        AtomicLong items = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Thread> threads = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().name(name + "-" + w).start(() -> {
                long seq = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        return;
                    }
                    try {
                        int carried = request.send(worker, seq++);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end) {
                            recorder.recordValue(Math.max(1, (t1 - t0) / 1_000));
                            requests.incrementAndGet();
                            items.addAndGet(carried);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        if (failures.get() == 1) {
                            System.err.println(name + ": first failure: " + e);
                        }
                    }
                }
            }));
        }
        // one progress line per 30 s of a long phase: a sustained rate shows in every interval, not only on average
        long interval = REPORT_EVERY.toNanos();
        long reportAt = measureFrom + interval;
        long lastRequests = 0;
        long lastFailures = 0;
        while (measure.compareTo(REPORT_EVERY.multipliedBy(2)) >= 0 && reportAt <= end) {
            Thread.sleep(Math.max(0, (reportAt - System.nanoTime()) / 1_000_000));
            long r = requests.get();
            long f = failures.get();
            System.err.printf("%s: %d-%d s: %.0f req/s, %d failed%n", name, (reportAt - interval - measureFrom) / 1_000_000_000,
                    (reportAt - measureFrom) / 1_000_000_000, (r - lastRequests) / (interval / 1e9), f - lastFailures);
            lastRequests = r;
            lastFailures = f;
            reportAt += interval;
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = measure.toNanos() / 1e9;
        return new PhaseResult(name, requests.get(), items.get(), failures.get(), seconds, recorder.getIntervalHistogram());
    }
}
