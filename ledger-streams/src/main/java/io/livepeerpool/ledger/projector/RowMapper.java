package io.livepeerpool.ledger.projector;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How one topic's values become rows of one table: a single idempotent insert (keyed by the table's primary key)
 * and the binding of its parameters. A value the mapper cannot represent throws {@link IllegalArgumentException};
 * the projector then skips that record.
 */
public interface RowMapper<V> {

    /** The one statement for this table; an {@code INSERT ... ON CONFLICT DO NOTHING}. */
    String insertSql();

    void bind(PreparedStatement statement, V value, int partition, long offset) throws SQLException;
}
