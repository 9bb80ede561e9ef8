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
 * a row. A record may write several tables ({@link RowMapper#statements()}); rows go as one JDBC batch per statement.
 * If a batch hits a data error (a row a table refuses), the transaction is redone record by record under savepoints,
 * so that only the refused records are skipped, each with none of its statements applied.
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

    /**
     * Runs every row's statements: as one JDBC batch per statement, or, when {@code oneByOne}, record by record under
     * a savepoint each, so that a refused record leaves none of its statements applied.
     */
    private static Written insert(Connection connection, Batch batch, boolean oneByOne) throws SQLException {
        List<Skip> skipped = new ArrayList<>(batch.skipped());
        Map<String, RowCounts> counts = new LinkedHashMap<>();
        for (List<Batch.Row<?>> group : byTopic(batch).values()) {
            ProjectedTopic<?> topic = group.get(0).topic();
            try (Prepared prepared = new Prepared(connection, topic)) {
                RowCounts topicCounts = counts.computeIfAbsent(topic.name(), t -> new RowCounts());
                if (oneByOne) {
                    insertEach(connection, prepared, group, topicCounts, skipped);
                } else {
                    insertBatch(prepared, group, topicCounts, skipped);
                }
            }
        }
        return new Written(counts, skipped);
    }

    private static void insertBatch(Prepared prepared, List<Batch.Row<?>> rows, RowCounts counts,
            List<Skip> skipped) throws SQLException {
        int added = 0;
        for (Batch.Row<?> row : rows) {
            if (bind(prepared, row, skipped)) {
                for (PreparedStatement statement : prepared.statements) {
                    statement.addBatch();
                }
                added++;
            }
        }
        if (added == 0) {
            return;
        }
        for (int i = 0; i < prepared.statements.size(); i++) {
            int[] updateCounts = prepared.statements.get(i).executeBatch();
            if (i == 0) {
                for (int updateCount : updateCounts) {
                    counts.add(updateCount);
                }
            }
        }
    }

    private static void insertEach(Connection connection, Prepared prepared, List<Batch.Row<?>> rows,
            RowCounts counts, List<Skip> skipped) throws SQLException {
        for (Batch.Row<?> row : rows) {
            if (!bind(prepared, row, skipped)) {
                continue;
            }
            Savepoint savepoint = connection.setSavepoint();
            try {
                int first = prepared.statements.get(0).executeUpdate();
                for (int i = 1; i < prepared.statements.size(); i++) {
                    prepared.statements.get(i).executeUpdate();
                }
                connection.releaseSavepoint(savepoint);
                counts.add(first);
            } catch (SQLException e) {
                if (!SqlErrors.isDataError(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                skipped.add(row.skip("refused by the database: " + e.getMessage()));
            }
        }
    }

    /** Binds the parameters of all the row's statements; a value the mapper refuses becomes a skip and false. */
    private static boolean bind(Prepared prepared, Batch.Row<?> row, List<Skip> skipped) throws SQLException {
        try {
            bindTyped(prepared, row);
            return true;
        } catch (IllegalArgumentException e) {
            skipped.add(row.skip("cannot map: " + e.getMessage()));
            return false;
        }
    }

    private static <V> void bindTyped(Prepared prepared, Batch.Row<V> row) throws SQLException {
        List<RowMapper.RowStatement<V>> statements = row.topic().rows().statements();
        for (int i = 0; i < statements.size(); i++) {
            PreparedStatement statement = prepared.statements.get(i);
            statement.clearParameters();
            statements.get(i).binder().bind(statement, row.value(), row.origin());
        }
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

    /** The prepared statements of one topic's mapper, in the mapper's order; closed together. */
    private static final class Prepared implements AutoCloseable {
        final List<PreparedStatement> statements = new ArrayList<>();

        Prepared(Connection connection, ProjectedTopic<?> topic) throws SQLException {
            try {
                for (RowMapper.RowStatement<?> statement : topic.rows().statements()) {
                    statements.add(connection.prepareStatement(statement.sql()));
                }
            } catch (SQLException e) {
                try {
                    close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            SQLException failed = null;
            for (PreparedStatement statement : statements) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }
}
