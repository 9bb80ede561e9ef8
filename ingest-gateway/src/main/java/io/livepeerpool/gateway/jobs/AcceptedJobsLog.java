package io.livepeerpool.gateway.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's line about accepted jobs: one INFO line per interval with the jobs and requests accepted in it
 * (none when there were none), instead of a line per request. At thousands of signed posts per second a line per
 * post was 4-5% of a request's CPU in a JFR profile and megabytes of log a minute that say what
 * {@code gateway_jobs_accepted_total} says; each accepted post is still logged at DEBUG (job id, transcoder,
 * orchestrator, with the request id in the MDC), and every refusal and failure stays at INFO or WARN.
 */
public final class AcceptedJobsLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AcceptedJobsLog.class);

    private final Duration interval;
    private final LongAdder jobs = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final ScheduledExecutorService timer;

    public AcceptedJobsLog(Duration interval) {
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("accepted-jobs-log").factory());
        timer.scheduleAtFixedRate(this::summarise, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void accepted(int count) {
        jobs.add(count);
        requests.increment();
    }

    void summarise() {
        long n = jobs.sumThenReset();
        long r = requests.sumThenReset();
        if (r > 0) {
            log.info("accepted {} jobs in {} requests in the last {} s", n, r, interval.toSeconds());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        summarise();
    }
}
