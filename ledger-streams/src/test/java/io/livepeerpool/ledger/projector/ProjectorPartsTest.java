package io.livepeerpool.ledger.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The projector's small pure parts, without infrastructure. */
class ProjectorPartsTest {

    @Test
    void onlyDataAndConstraintErrorsAreTheRecordsFault() {
        assertThat(SqlErrors.isDataError(new SQLException("check", "23514"))).isTrue();
        assertThat(SqlErrors.isDataError(new SQLException("nul", "22021"))).isTrue();
        assertThat(SqlErrors.isDataError(new SQLException("overflow", "22003"))).isTrue();
        assertThat(SqlErrors.isDataError(new SQLException("admin shutdown", "57P01"))).isFalse();
        assertThat(SqlErrors.isDataError(new SQLException("connection", "08006"))).isFalse();
        assertThat(SqlErrors.isDataError(new SQLException("serialization", "40001"))).isFalse();
        assertThat(SqlErrors.isDataError(new SQLException("no table", "42P01"))).isFalse();
        assertThat(SqlErrors.isDataError(new SQLException("no state"))).isFalse();
        BatchUpdateException batch = new BatchUpdateException("batch entry 3 aborted", null, new int[0]);
        batch.setNextException(new SQLException("check", "23514"));
        assertThat(SqlErrors.isDataError(batch)).isTrue();
    }

    @Test
    void aSkipReasonIsOnePrintableBoundedLine() {
        Skip skip = new Skip("t", 0, 1, "bad\u0000byte\nsecond line " + "x".repeat(2_000));
        assertThat(skip.reason()).doesNotContain("\u0000").doesNotContain("\n").startsWith("bad byte second line")
                .hasSize(Skip.REASON_LENGTH_MAX + 3);
        assertThat(new Skip("t", 0, 1, null).reason()).isEqualTo("unknown");
    }
}
