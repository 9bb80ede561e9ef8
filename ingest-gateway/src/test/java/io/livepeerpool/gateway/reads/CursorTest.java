package io.livepeerpool.gateway.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aTokenRoundTripsTimeAndTieBreakExactly() {
        Cursor cursor = new Cursor(Instant.parse("2025-06-01T12:00:00.123456Z"), "0xabc job:1");

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.parse(token)).isEqualTo(cursor);
    }

    @Test
    void anIsoInstantIsACursorWithoutTieBreak() {
        assertThat(Cursor.parse("2025-06-01T12:00:00Z")).isEqualTo(new Cursor(Instant.parse("2025-06-01T12:00:00Z"), null));
        assertThat(Cursor.parse("2025-06-01T14:00:00+02:00").at()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
    }

    @Test
    void garbageIsRefusedWithTheAcceptedForms() {
        for (String bad : new String[] {"yesterday", "2025-13-01T00:00:00Z", "!!!", "e30", "x".repeat(600)}) {
            assertThatThrownBy(() -> Cursor.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Cursor.parse("nope")).hasMessageContaining("ISO-8601 instant");
    }
}
