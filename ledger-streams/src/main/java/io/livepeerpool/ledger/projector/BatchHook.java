package io.livepeerpool.ledger.projector;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called inside a batch's transaction after every statement and before the commit. Production uses {@link #NONE};
 * tests use it to inject faults exactly where a crash hurts most, and to look at the database from outside.
 */
interface BatchHook {
    BatchHook NONE = (connection, batch) -> {
    };

    void beforeCommit(Connection connection, Batch batch) throws SQLException;
}
