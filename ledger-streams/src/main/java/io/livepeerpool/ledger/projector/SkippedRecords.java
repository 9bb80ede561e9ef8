package io.livepeerpool.ledger.projector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of records the projector moved past: a {@code logs} row written in the batch's transaction (so a
 * retried batch never logs twice), then, once committed, one log line and a metric per record.
 */
final class SkippedRecords {
    private static final Logger log = LoggerFactory.getLogger(SkippedRecords.class);

    static final String INSERT_LOG = """
            INSERT INTO logs (source, level, message, topic, kafka_partition, kafka_offset)
            VALUES (?, 'WARN', ?, ?, ?, ?)""";

    private final String source;
    private final ProjectorMetrics metrics;

    SkippedRecords(String consumerName, ProjectorMetrics metrics) {
        this.source = "projector:" + consumerName;
        this.metrics = metrics;
    }

    void write(Connection connection, List<Skip> skipped) throws SQLException {
        if (skipped.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LOG)) {
            for (Skip skip : skipped) {
                insert.setString(1, source);
                insert.setString(2, "record skipped: " + skip.reason());
                insert.setString(3, skip.topic());
                insert.setInt(4, skip.partition());
                insert.setLong(5, skip.offset());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** After commit only: a retried batch must not report its skips twice. */
    void report(List<Skip> skipped) {
        for (Skip skip : skipped) {
            log.warn("skipped record {}-{}@{}: {}", skip.topic(), skip.partition(), skip.offset(), skip.reason());
            metrics.skipped(skip.topic());
        }
    }
}
