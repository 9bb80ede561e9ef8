package io.livepeerpool.ledger.projector;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * How one topic's values become rows: the statements each value runs, in order, inside the batch's transaction.
 * Each is idempotent by primary key ({@code INSERT ... ON CONFLICT DO NOTHING}, or an upsert that only moves
 * forward), so projecting a record again changes nothing. The first statement's update count says whether the record
 * was new ("inserted") or already there ("duplicate"). A record's statements are applied or skipped together. A value
 * the mapper cannot represent throws {@link IllegalArgumentException} from a binder; the projector then skips the
 * record and runs none of its statements.
 */
public interface RowMapper<V> {

    /** At least one; the first is the record's own row. */
    List<RowStatement<V>> statements();

    /** One SQL statement (a named constant of the mapper) and the binding of its parameters from a value. */
    record RowStatement<V>(String sql, Binder<V> binder) {
        public RowStatement {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(binder, "binder");
        }
    }

    @FunctionalInterface
    interface Binder<V> {
        void bind(PreparedStatement statement, V value, RecordOrigin origin) throws SQLException;
    }
}
