package io.livepeerpool.ledger.projector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes one {@link Batch} in ONE transaction: the rows, the {@code logs} rows of skipped records and the new
 * {@code projector_offsets}. Either all of it is committed or none, so a crash at any point neither loses nor doubles
 * a row. Rows go as JDBC batches per table; if a batch hits a data error (a row the table refuses), the transaction is
 * redone row by row under savepoints so that only the refused rows are skipped.
 */
final class BatchWriter {
    private final DataSource dataSource;
    private final OffsetStore offsets;
    private final SkippedRecords skippedRecords;
    private final BatchHook hook;

    BatchWriter(DataSource dataSource, OffsetStore offsets, SkippedRecords skippedRecords, BatchHook hook) {
        this.dataSource = dataSource;
        this.offsets = offsets;
        this.skippedRecords = skippedRecords;
        this.hook = hook;
    }

    /** What a committed batch did: rows inserted and rows already there, per topic, and every record moved past. */
    record Written(Map<String, RowCounts> counts, List<Skip> skipped) {
    }

    static final class RowCounts {
        long inserted;
        long duplicates;

        private void add(int updateCount) {
            if (updateCount == 0) {
                duplicates++;
            } else {
                inserted++;
            }
        }
    }

    /**
     * @param expected where each partition's stored offset must still be (see {@link OffsetStore#save})
     * @return the outcome if committed; null if another instance moved the offsets (nothing was committed)
     * @throws SQLException a transient failure; nothing was committed
     */
    Written write(Batch batch, Map<TopicPartition, Long> expected) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Written written = writeRows(connection, batch);
                skippedRecords.write(connection, written.skipped());
                if (!offsets.save(connection, batch.nextOffsets(), expected)) {
                    connection.rollback();
                    return null;
                }
                hook.beforeCommit(connection, batch);
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static Written writeRows(Connection connection, Batch batch) throws SQLException {
        try {
            return insert(connection, batch, false);
        } catch (SQLException e) {
            if (!SqlErrors.isDataError(e)) {
                throw e;
            }
            connection.rollback();
            return insert(connection, batch, true);
        }
    }

    /** Inserts every row, as one JDBC batch per table, or one by one under savepoints when {@code oneByOne}. */
    private static Written insert(Connection connection, Batch batch, boolean oneByOne) throws SQLException {
        List<Skip> skipped = new ArrayList<>(batch.skipped());
        Map<String, RowCounts> counts = new LinkedHashMap<>();
        for (List<Batch.Row<?>> group : byTopic(batch).values()) {
            ProjectedTopic<?> topic = group.get(0).topic();
            try (PreparedStatement insert = connection.prepareStatement(topic.rows().insertSql())) {
                RowCounts topicCounts = counts.computeIfAbsent(topic.name(), t -> new RowCounts());
                if (oneByOne) {
                    insertEach(connection, insert, group, topicCounts, skipped);
                } else {
                    insertBatch(insert, group, topicCounts, skipped);
                }
            }
        }
        return new Written(counts, skipped);
    }

    private static void insertBatch(PreparedStatement insert, List<Batch.Row<?>> rows, RowCounts counts,
            List<Skip> skipped) throws SQLException {
        int added = 0;
        for (Batch.Row<?> row : rows) {
            if (bind(insert, row, skipped)) {
                insert.addBatch();
                added++;
            }
        }
        if (added > 0) {
            for (int updateCount : insert.executeBatch()) {
                counts.add(updateCount);
            }
        }
    }

    private static void insertEach(Connection connection, PreparedStatement insert, List<Batch.Row<?>> rows,
            RowCounts counts, List<Skip> skipped) throws SQLException {
        for (Batch.Row<?> row : rows) {
            if (!bind(insert, row, skipped)) {
                continue;
            }
            Savepoint savepoint = connection.setSavepoint();
            try {
                counts.add(insert.executeUpdate());
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (!SqlErrors.isDataError(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                skipped.add(new Skip(row.topic().name(), row.partition(), row.offset(),
                        "refused by the database: " + e.getMessage()));
            }
        }
    }

    /** Binds the row's parameters; a value the mapper refuses becomes a skip and false. */
    private static boolean bind(PreparedStatement insert, Batch.Row<?> row, List<Skip> skipped) throws SQLException {
        insert.clearParameters();
        try {
            bindTyped(insert, row);
            return true;
        } catch (IllegalArgumentException e) {
            skipped.add(new Skip(row.topic().name(), row.partition(), row.offset(), "cannot map: " + e.getMessage()));
            return false;
        }
    }

    private static <V> void bindTyped(PreparedStatement insert, Batch.Row<V> row) throws SQLException {
        row.topic().rows().bind(insert, row.value(), row.partition(), row.offset());
    }

    /** Rows grouped by topic, offset order kept within each: the first of two rows with one key is the one kept. */
    private static Map<String, List<Batch.Row<?>>> byTopic(Batch batch) {
        Map<String, List<Batch.Row<?>>> groups = new LinkedHashMap<>();
        for (Batch.Row<?> row : batch.rows()) {
            groups.computeIfAbsent(row.topic().name(), t -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
