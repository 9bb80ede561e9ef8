package io.livepeerpool.gateway.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {
    private static final Keyset JOBS = Keyset.byTime("received_at", "orchestrator", "job_id");
    private static final Keyset PAYOUTS = Keyset.byTime("created_at", "payout_id");
    private static final Keyset POOL_REWARDS = Keyset.byRound("round", "transcoder");
    private static final Keyset ROUNDS = Keyset.byRound("round");

    @Test
    void aTokenRoundTripsTimeAndKeysExactly() {
        Cursor cursor = Cursor.after(Instant.parse("2025-06-01T12:00:00.123456Z"), "0xabc", "job:1 with space");

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.parse(token, JOBS)).isEqualTo(cursor);
    }

    @Test
    void aTokenRoundTripsRoundAndKeysExactly() {
        Cursor withKey = Cursor.after(Long.MAX_VALUE, "0x00000000000000000000000000000000000000f1");
        Cursor roundOnly = Cursor.after(4100);

        assertThat(Cursor.parse(withKey.encode(), POOL_REWARDS)).isEqualTo(withKey);
        assertThat(Cursor.parse(roundOnly.encode(), ROUNDS)).isEqualTo(roundOnly);
        assertThat(withKey.encode()).matches("[A-Za-z0-9_-]+").doesNotContain(":").doesNotMatch("[0-9]+");
    }

    @Test
    void anIsoInstantIsAPlainBoundOfATimeOrder() {
        assertThat(Cursor.parse("2025-06-01T12:00:00Z", JOBS)).isEqualTo(new Cursor(Instant.parse("2025-06-01T12:00:00Z"), List.of()));
        assertThat(Cursor.parse("2025-06-01T14:00:00+02:00", PAYOUTS).lead()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
    }

    @Test
    void aRoundNumberIsAPlainBoundOfARoundOrder() {
        assertThat(Cursor.parse("4100", POOL_REWARDS)).isEqualTo(new Cursor(4100L, List.of()));
        assertThat(Cursor.parse("0", ROUNDS).hasKeys()).isFalse();
    }

    @Test
    void aCursorOfAnotherOrderIsRefused() {
        String jobToken = Cursor.after(Instant.now(), "0xabc", "job-1").encode();
        String payoutToken = Cursor.after(Instant.now(), "0xabc-p-1").encode();
        String poolRewardToken = Cursor.after(4100, "0xabc").encode();
        String roundToken = Cursor.after(4100).encode();

        assertThatThrownBy(() -> Cursor.parse(jobToken, PAYOUTS)).hasMessageContaining("nextBefore token");
        assertThatThrownBy(() -> Cursor.parse(payoutToken, POOL_REWARDS)).hasMessageContaining("round number");
        assertThatThrownBy(() -> Cursor.parse(poolRewardToken, ROUNDS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(roundToken, POOL_REWARDS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(roundToken, PAYOUTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse("2025-06-01T12:00:00Z", ROUNDS)).hasMessageContaining("round number");
        assertThatThrownBy(() -> Cursor.parse("4100", JOBS)).hasMessageContaining("ISO-8601 instant");
    }

    @Test
    void garbageIsRefusedWithTheAcceptedForms() {
        for (String bad : new String[] {"yesterday", "2025-13-01T00:00:00Z", "!!!", "e30", "W10", "x".repeat(600)}) {
            assertThatThrownBy(() -> Cursor.parse(bad, JOBS)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : new String[] {"-1", "1.5", "1e3", "9".repeat(19), "W10", "WyJ4Il0"}) {
            assertThatThrownBy(() -> Cursor.parse(bad, ROUNDS)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Cursor.parse("nope", JOBS)).hasMessageContaining("ISO-8601 instant");
    }

    @Test
    void aPlainInstantOutsideYears1To9999IsRefusedWithTheRangeAndAFinerOneRoundsUp() {
        for (String text : List.of("+294277-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-290000-01-01T00:00:00Z",
                "0000-12-31T23:59:59Z")) {
            assertThatThrownBy(() -> Cursor.parse(text, JOBS)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
        // the database keeps microseconds: "strictly before" a finer instant is strictly before the next microsecond
        assertThat(Cursor.parse("2025-06-01T12:00:00.123456001Z", PAYOUTS).lead()).isEqualTo(Instant.parse("2025-06-01T12:00:00.123457Z"));
        assertThat(Cursor.parse("2025-06-01T12:00:00.123456Z", PAYOUTS).lead()).isEqualTo(Instant.parse("2025-06-01T12:00:00.123456Z"));
        assertThatThrownBy(() -> Cursor.parse("9999-12-31T23:59:59.9999999Z", JOBS)).hasMessageContaining("0001-01-01");
        assertThat(Cursor.parse("9999-12-31T23:59:59.999999Z", JOBS).lead()).isEqualTo(Cursor.LATEST);
        assertThat(Cursor.parse("0001-01-01T00:00:00Z", JOBS).lead()).isEqualTo(Cursor.EARLIEST);
    }

    private static final Instant AT = Instant.parse("2025-06-01T12:00:00.123456Z");

    @Test
    void aTokenWithAnUnrepresentableLeadOrKeyIsRefused() {
        assertThat(Cursor.parse(Cursor.after(AT, "0xa1", "job").encode(), JOBS).lead()).isEqualTo(AT);
        assertThatThrownBy(() -> Cursor.parse(Cursor.after(Instant.parse("+294277-01-01T00:00:00Z"), "0xa1", "job").encode(), JOBS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(Cursor.after(AT, "0xa1", "job\u0000").encode(), JOBS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nextBefore token");
        String loneSurrogate = java.util.Base64.getUrlEncoder().encodeToString(
                "[\"2025-06-01T12:00:00Z\",\"0xa1\",\"\\ud800\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursor.parse(loneSurrogate, JOBS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(Cursor.after(Instant.parse("2025-06-01T12:00:00.123456789Z"), "0xa1", "job").encode(), JOBS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(Cursor.after(AT, "x".repeat(257)).encode(), PAYOUTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(Cursor.after(-1L, "0xa1").encode(), POOL_REWARDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.parse(Cursor.after(-1L).encode(), ROUNDS)).isInstanceOf(IllegalArgumentException.class);
    }
}
