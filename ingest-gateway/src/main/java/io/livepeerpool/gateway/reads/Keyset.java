package io.livepeerpool.gateway.reads;

import java.util.List;

/**
 * The order a paged read follows, newest first: a leading column descending, a time ({@link Lead#TIME}) or a round
 * ({@link Lead#ROUND}), then key columns ascending that make each row's position unique (none when the leading
 * column already is, e.g. one transcoder's allocations by round). The columns are the reads' constants, never input.
 */
record Keyset(String leadColumn, Lead lead, List<String> keyColumns) {

    /** What the leading column holds, and the plain form {@code before} accepts for it besides a token. */
    enum Lead {
        /** A TIMESTAMPTZ; plain form an ISO-8601 instant. */
        TIME("an ISO-8601 instant (e.g. 2025-06-01T12:00:00Z)"),
        /** A BIGINT round number; plain form a decimal round number. */
        ROUND("a round number (e.g. 4100)");

        final String plainForm;

        Lead(String plainForm) {
            this.plainForm = plainForm;
        }
    }

    Keyset {
        keyColumns = List.copyOf(keyColumns);
    }

    static Keyset byTime(String column, String... keyColumns) {
        return new Keyset(column, Lead.TIME, List.of(keyColumns));
    }

    static Keyset byRound(String column, String... keyColumns) {
        return new Keyset(column, Lead.ROUND, List.of(keyColumns));
    }
}
