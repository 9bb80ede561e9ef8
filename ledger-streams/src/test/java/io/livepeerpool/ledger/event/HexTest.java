package io.livepeerpool.ledger.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void hashesAreHeldLowercase() {
        assertThat(Hex.hash("0x" + "AB".repeat(32))).isEqualTo("0x" + "ab".repeat(32));
        assertThatThrownBy(() -> Hex.hash("0x" + "ab".repeat(31))).hasMessageContaining("64 hex digits");
    }
}
