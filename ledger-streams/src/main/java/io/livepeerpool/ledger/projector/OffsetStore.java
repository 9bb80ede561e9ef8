package io.livepeerpool.ledger.projector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/**
 * The projector's consumer positions in {@code projector_offsets}: the source of truth for where to resume, written
 * in the same transaction as the rows. Kafka's own committed offsets are never used.
 */
final class OffsetStore {
    /** Marks a partition with no stored row: start from the beginning. */
    static final long NOT_STORED = -1L;

    static final String SELECT_OFFSETS = """
            SELECT topic, kafka_partition, next_offset FROM projector_offsets WHERE consumer = ?""";

    /**
     * Compare-and-set: the row moves only from the position this projector started its batch at. If another instance
     * of the same consumer name moved it meanwhile (this one was fenced out of the group but still wrote), no row is
     * changed and the whole batch is rolled back.
     */
    static final String SAVE_OFFSET = """
            INSERT INTO projector_offsets (consumer, topic, kafka_partition, next_offset) VALUES (?, ?, ?, ?)
            ON CONFLICT (consumer, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset
            WHERE projector_offsets.next_offset = ?""";

    private final DataSource dataSource;
    private final String consumer;

    OffsetStore(DataSource dataSource, String consumer) {
        this.dataSource = dataSource;
        this.consumer = consumer;
    }

    /** The stored next offset of each partition, {@link #NOT_STORED} where there is none. */
    Map<TopicPartition, Long> load(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_OFFSETS)) {
            select.setString(1, consumer);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        Map<TopicPartition, Long> result = new HashMap<>();
        partitions.forEach(p -> result.put(p, stored.getOrDefault(p, NOT_STORED)));
        return result;
    }

    /**
     * Moves each partition from {@code expected} to {@code next} inside the caller's transaction.
     *
     * @return false if some partition was not at its expected position (the caller must roll back)
     */
    boolean save(Connection connection, Map<TopicPartition, Long> next, Map<TopicPartition, Long> expected)
            throws SQLException {
        try (PreparedStatement save = connection.prepareStatement(SAVE_OFFSET)) {
            for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
                long from = expected.getOrDefault(entry.getKey(), NOT_STORED);
                save.setString(1, consumer);
                save.setString(2, entry.getKey().topic());
                save.setInt(3, entry.getKey().partition());
                save.setLong(4, entry.getValue());
                save.setObject(5, from == NOT_STORED ? null : from, Types.BIGINT);
                save.addBatch();
            }
            for (int count : save.executeBatch()) {
                if (count != 1) {
                    return false;
                }
            }
        }
        return true;
    }
}
