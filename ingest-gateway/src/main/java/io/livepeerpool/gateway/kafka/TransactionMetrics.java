package io.livepeerpool.gateway.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Meters of the group commit: {@code gateway_transactions_total{outcome=committed|aborted}},
 * {@code gateway_transaction_group_requests} and {@code gateway_transaction_group_records} (per transaction, so
 * their mean is the grouping achieved), {@code gateway_transaction_seconds} (begin to commit or abort).
 */
public final class TransactionMetrics {
    private final Counter committed;
    private final Counter aborted;
    private final DistributionSummary groupRequests;
    private final DistributionSummary groupRecords;
    private final Timer duration;

    public TransactionMetrics(MeterRegistry registry) {
        this.committed = Counter.builder("gateway.transactions").tag("outcome", "committed")
                .description("Kafka transactions of batch writes, by outcome").register(registry);
        this.aborted = Counter.builder("gateway.transactions").tag("outcome", "aborted")
                .description("Kafka transactions of batch writes, by outcome").register(registry);
        this.groupRequests = DistributionSummary.builder("gateway.transaction.group.requests")
                .description("Batch requests written in one Kafka transaction").register(registry);
        this.groupRecords = DistributionSummary.builder("gateway.transaction.group.records")
                .description("Records written in one Kafka transaction").register(registry);
        this.duration = Timer.builder("gateway.transaction")
                .description("A group's transaction, begin to commit or abort").register(registry);
    }

    void committed(int requests, int records, Duration took) {
        committed.increment();
        groupRequests.record(requests);
        groupRecords.record(records);
        duration.record(took);
    }

    void aborted(int requests, int records, Duration took) {
        aborted.increment();
        groupRequests.record(requests);
        groupRecords.record(records);
        duration.record(took);
    }

    public double committedCount() {
        return committed.count();
    }

    public double abortedCount() {
        return aborted.count();
    }

    public double largestGroup() {
        return groupRequests.max();
    }
}
