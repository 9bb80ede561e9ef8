package io.livepeerpool.gateway.reads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A newest-first keyset page over one table in a {@link Keyset}'s order: optional window and equality filters, the
 * cursor condition, {@code ORDER BY lead DESC, key...} and {@code LIMIT n+1} (the extra row only says whether there
 * is a next page). The table, columns and filters are the caller's constants; only values are bound.
 */
final class KeysetQuery {
    /** One row of the result as the read's view. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final StringBuilder sql;
    private final List<Object> values = new ArrayList<>();
    private final Keyset keyset;

    KeysetQuery(String select, Keyset keyset) {
        this.sql = new StringBuilder(select).append(" WHERE TRUE");
        this.keyset = keyset;
    }

    /** Rows whose {@code column} is at or after {@code since} (a window; the column need not be the page order's). */
    KeysetQuery since(String column, Instant since) {
        sql.append(" AND ").append(column).append(" >= ?");
        values.add(since);
        return this;
    }

    KeysetQuery whereEquals(String column, String value) {
        sql.append(" AND ").append(column).append(" = ?");
        values.add(value);
        return this;
    }

    /**
     * Rows strictly after {@code cursor} in the page order; null for the first page. With keys: {@code lead <= ? AND
     * (lead < ? OR (keys) > (?...))}, the first term being what an index on the lead column can start from.
     */
    KeysetQuery after(Cursor cursor) {
        if (cursor == null) {
            return this;
        }
        requireLeadOfThisOrder(cursor.lead());
        String lead = keyset.leadColumn();
        if (!cursor.hasKeys()) {
            sql.append(" AND ").append(lead).append(" < ?");
            values.add(cursor.lead());
            return this;
        }
        if (cursor.keys().size() != keyset.keyColumns().size()) {
            throw new IllegalArgumentException("cursor has " + cursor.keys().size() + " keys, the order " + keyset.keyColumns());
        }
        String marks = String.join(", ", keyset.keyColumns().stream().map(c -> "?").toList());
        sql.append(" AND ").append(lead).append(" <= ? AND (").append(lead).append(" < ? OR (")
                .append(String.join(", ", keyset.keyColumns())).append(") > (").append(marks).append("))");
        values.add(cursor.lead());
        values.add(cursor.lead());
        values.addAll(cursor.keys());
        return this;
    }

    PreparedStatement prepare(Connection connection, int limit) throws SQLException {
        sql.append(" ORDER BY ").append(keyset.leadColumn()).append(" DESC");
        for (String key : keyset.keyColumns()) {
            sql.append(", ").append(key);
        }
        sql.append(" LIMIT ?");
        PreparedStatement ps = connection.prepareStatement(sql.toString());
        int i = 1;
        for (Object value : values) {
            switch (value) {
                case Instant instant -> Rows.setInstant(ps, i++, instant);
                case Long round -> ps.setLong(i++, round);
                case String text -> ps.setString(i++, text);
                default -> throw new IllegalStateException("unexpected value " + value);
            }
        }
        ps.setInt(i, limit + 1);
        return ps;
    }

    /**
     * Runs the page {@code request} asks for: after its cursor, at most its limit of rows, and the next page's
     * cursor ({@code positionOf} the last row shown) when more rows follow.
     */
    <T> Page<T> read(DataSource dataSource, PageRequest request, RowReader<T> reader, Function<T, Cursor> positionOf)
            throws SQLException {
        after(request.before());
        List<T> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, request.limit());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
        }
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> shown = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(shown, positionOf.apply(shown.get(shown.size() - 1)).encode());
    }

    private void requireLeadOfThisOrder(Object lead) {
        boolean matches = switch (keyset.lead()) {
            case TIME -> lead instanceof Instant;
            case ROUND -> lead instanceof Long;
        };
        if (!matches) {
            throw new IllegalArgumentException("cursor " + lead + " is not of the order " + keyset);
        }
    }
}
