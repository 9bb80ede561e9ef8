package io.livepeerpool.gateway.reads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A newest-first keyset page over one table: {@code time >= since}, optional equality filters, the cursor
 * condition, {@code ORDER BY time DESC, key...} and {@code LIMIT n+1} (the extra row only says whether there is a
 * next page). The table, columns and filters are the caller's constants; only values are bound.
 */
final class KeysetQuery {
    private final StringBuilder sql;
    private final List<Object> values = new ArrayList<>();
    private final String timeColumn;
    private final List<String> keyColumns;

    KeysetQuery(String select, String timeColumn, List<String> keyColumns) {
        this.sql = new StringBuilder(select).append(" WHERE TRUE");
        this.timeColumn = timeColumn;
        this.keyColumns = keyColumns;
    }

    KeysetQuery since(Instant since) {
        if (since != null) {
            sql.append(" AND ").append(timeColumn).append(" >= ?");
            values.add(since);
        }
        return this;
    }

    KeysetQuery whereEquals(String column, String value) {
        sql.append(" AND ").append(column).append(" = ?");
        values.add(value);
        return this;
    }

    /** Rows strictly after the cursor in the page order. {@code keys} has one value per key column. */
    KeysetQuery after(Instant at, List<String> keys) {
        if (at == null) {
            return this;
        }
        if (keys == null) {
            sql.append(" AND ").append(timeColumn).append(" < ?");
            values.add(at);
            return this;
        }
        String columns = String.join(", ", keyColumns);
        String marks = String.join(", ", keyColumns.stream().map(c -> "?").toList());
        sql.append(" AND (").append(timeColumn).append(" < ? OR (").append(timeColumn).append(" = ? AND (")
                .append(columns).append(") > (").append(marks).append(")))");
        values.add(at);
        values.add(at);
        values.addAll(keys);
        return this;
    }

    PreparedStatement prepare(Connection connection, int limit) throws SQLException {
        sql.append(" ORDER BY ").append(timeColumn).append(" DESC, ").append(String.join(", ", keyColumns)).append(" LIMIT ?");
        PreparedStatement ps = connection.prepareStatement(sql.toString());
        int i = 1;
        for (Object value : values) {
            if (value instanceof Instant instant) {
                Rows.setInstant(ps, i++, instant);
            } else {
                ps.setString(i++, (String) value);
            }
        }
        ps.setInt(i, limit + 1);
        return ps;
    }
}
