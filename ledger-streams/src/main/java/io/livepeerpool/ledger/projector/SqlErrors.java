package io.livepeerpool.ledger.projector;

import java.sql.SQLException;

/**
 * Which database errors are the record's fault. SQLSTATE class 22 (data exception: numeric out of range, NUL in
 * text...) and 23 (integrity constraint: a CHECK, NOT NULL) will fail the same way on every retry, so the record is
 * skipped. Everything else (connection lost, serialization failure, server shutting down, even a missing table) is
 * treated as transient: the batch is rolled back and retried, because skipping would silently lose rows.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    static boolean isDataError(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
