package io.livepeerpool.ledger.projector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projector's meters, all tagged with the consumer name. In Prometheus: {@code projector_records_total{topic,
 * outcome="inserted"|"duplicate"}}, {@code projector_records_skipped_total{topic}}, {@code projector_batch_seconds}
 * (one transaction, rows + offsets), {@code projector_batch_failures_total} (rolled back and retried) and
 * {@code projector_lag_records} (records behind the end of the assigned partitions, as of the last poll).
 */
final class ProjectorMetrics {
    private final MeterRegistry registry;
    private final String consumer;
    private final Timer batch;
    private final Counter failures;
    private final AtomicLong lag = new AtomicLong();

    ProjectorMetrics(MeterRegistry registry, String consumer) {
        this.registry = registry;
        this.consumer = consumer;
        this.batch = Timer.builder("projector.batch").description("Time to write one batch and its offsets")
                .tag("consumer", consumer).register(registry);
        this.failures = Counter.builder("projector.batch.failures")
                .description("Batches rolled back and retried after a transient failure")
                .tag("consumer", consumer).register(registry);
        Gauge.builder("projector.lag.records", lag, AtomicLong::get)
                .description("Records not yet projected on the assigned partitions")
                .tag("consumer", consumer).register(registry);
    }

    void projected(String topic, long inserted, long duplicates) {
        records(topic, "inserted").increment(inserted);
        records(topic, "duplicate").increment(duplicates);
    }

    void skipped(String topic) {
        Counter.builder("projector.records.skipped").description("Records moved past without projecting them")
                .tag("consumer", consumer).tag("topic", topic).register(registry).increment();
    }

    void batchWritten(Duration elapsed) {
        batch.record(elapsed);
    }

    void batchFailed() {
        failures.increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    double count(String topic, String outcome) {
        return records(topic, outcome).count();
    }

    double skippedCount(String topic) {
        Counter counter = registry.find("projector.records.skipped").tag("consumer", consumer).tag("topic", topic)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    double failureCount() {
        return failures.count();
    }

    private Counter records(String topic, String outcome) {
        return Counter.builder("projector.records").description("Records projected into PostgreSQL")
                .tag("consumer", consumer).tag("topic", topic).tag("outcome", outcome).register(registry);
    }
}
