package io.livepeerpool.ledger.projector;

import io.livepeerpool.platform.retry.Backoff;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: poll a bounded batch, write it with its offsets in one transaction, repeat. A failure that is
 * not one record's fault (database or registry down, a Kafka error) rewinds the batch's partitions to the last
 * committed offsets and backs off; the same records are polled and written again. Owns the consumer.
 */
final class ProjectorLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ProjectorLoop.class);

    static final long BACKOFF_INITIAL_MS = 100;
    static final long BACKOFF_MAX_MS = 10_000;
    static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The records of the batch that failed last, for the retry's log line; empty after a success. */
    private String failedRecords = "";

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final PartitionPositions positions;
    private final BatchDecoder decoder;
    private final BatchWriter writer;
    private final SkippedRecords skippedRecords;
    private final ProjectorMetrics metrics;
    private final CountDownLatch stop;
    private final Backoff backoff = new Backoff(Duration.ofMillis(BACKOFF_INITIAL_MS),
            Duration.ofMillis(BACKOFF_MAX_MS));
    private volatile long lastProgressNanos = System.nanoTime();

    ProjectorLoop(Consumer<byte[], byte[]> consumer, List<String> topics, Duration pollTimeout,
            PartitionPositions positions, BatchDecoder decoder, BatchWriter writer, SkippedRecords skippedRecords,
            ProjectorMetrics metrics, CountDownLatch stop) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.pollTimeout = pollTimeout;
        this.positions = positions;
        this.decoder = decoder;
        this.writer = writer;
        this.skippedRecords = skippedRecords;
        this.metrics = metrics;
        this.stop = stop;
    }

    /** When the loop last completed a poll and, if it returned records, their commit. */
    long lastProgressNanos() {
        return lastProgressNanos;
    }

    @Override
    public void run() {
        lastProgressNanos = System.nanoTime();
        try {
            consumer.subscribe(topics, positions);
            while (stop.getCount() > 0) {
                try {
                    step();
                    backoff.reset();
                    lastProgressNanos = System.nanoTime();
                } catch (WakeupException e) {
                    // close() woke the poll up; the loop condition ends the loop
                } catch (SQLException | RuntimeException e) {
                    failed(e);
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
        }
    }

    private void step() throws SQLException {
        positions.restorePending();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (NoOffsetForPartitionException e) {
            positions.markPending(e.partitions());
            return;
        }
        metrics.lag(lag());
        if (positions.hasPending()) {
            // a rebalance inside this poll could not read the stored offsets: trust nothing polled this time
            positions.rewind(records.partitions());
            return;
        }
        if (!records.isEmpty()) {
            project(records);
        }
    }

    private void project(ConsumerRecords<byte[], byte[]> records) throws SQLException {
        long started = System.nanoTime();
        Batch batch;
        BatchWriter.Written written;
        try {
            batch = decoder.decode(records);
            written = writer.write(batch, positions.expected(batch.nextOffsets().keySet()));
        } catch (SQLException | RuntimeException e) {
            failedRecords = range(records);
            positions.rewind(records.partitions());
            throw e;
        }
        failedRecords = "";
        if (written == null) {
            log.warn("stored offsets of {} moved under this projector (another instance with the same consumer name?);"
                    + " batch rolled back, resuming from the stored offsets", batch.nextOffsets().keySet());
            positions.reloadAll();
            return;
        }
        positions.committed(batch.nextOffsets());
        metrics.batchWritten(Duration.ofNanos(System.nanoTime() - started));
        written.counts().forEach((topic, counts) -> metrics.projected(topic, counts.inserted, counts.duplicates));
        skippedRecords.report(written.skipped());
    }

    /** {@code " at topic-partition@first..last, ..."}: which records a failed batch held, for the log line. */
    private static String range(ConsumerRecords<byte[], byte[]> records) {
        StringBuilder out = new StringBuilder(" at ");
        for (org.apache.kafka.common.TopicPartition tp : records.partitions()) {
            var list = records.records(tp);
            if (out.length() > 4) {
                out.append(", ");
            }
            out.append(tp.topic()).append('-').append(tp.partition()).append('@').append(list.get(0).offset())
                    .append("..").append(list.get(list.size() - 1).offset());
        }
        return out.toString();
    }

    private void failed(Exception e) {
        metrics.batchFailed();
        long delayMs = backoff.next().toMillis();
        if (backoff.failures() == 1) {
            log.warn("projection failed{}, retrying the same records in {} ms", failedRecords, delayMs, e);
        } else {
            log.warn("projection failed again{} ({} in a row), retrying in {} ms: {}", failedRecords, backoff.failures(),
                    delayMs, BatchDecoder.describe(e));
        }
        try {
            stop.await(delayMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    private long lag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            total += lag.orElse(0);
        }
        return total;
    }
}
