package io.livepeerpool.ledger.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void addressesAreHeldLowercase() {
        assertThat(Hex.address("0xabcdef0000000000000000000000000000000001"))
                .isEqualTo("0xabcdef0000000000000000000000000000000001");
        assertThat(Hex.address("0xABCDEF0000000000000000000000000000000001"))
                .isEqualTo("0xabcdef0000000000000000000000000000000001");
    }

    @Test
    void refusesMalformedAndUncheckedMixedCaseAddresses() {
        assertThatThrownBy(() -> Hex.address("0xabc")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> Hex.address("abcdef00000000000000000000000000000000000001"))
                .hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> Hex.address("0xAbcdef0000000000000000000000000000000001"))
                .hasMessageContaining("mixed-case");
    }

    @Test
    void hashesAreHeldLowercase() {
        assertThat(Hex.hash("0x" + "AB".repeat(32))).isEqualTo("0x" + "ab".repeat(32));
        assertThatThrownBy(() -> Hex.hash("0x" + "ab".repeat(31))).hasMessageContaining("64 hex digits");
    }

    @Test
    void weiIsDigitsOnlyUpToUint256() {
        assertThat(Wei.parse("0")).isZero();
        assertThat(Wei.parse(Wei.MAX.toString())).isEqualTo(Wei.MAX);
        assertThatThrownBy(() -> Wei.parse(Wei.MAX.add(BigInteger.ONE).toString())).hasMessageContaining("2^256-1");
        assertThatThrownBy(() -> Wei.parse("1e18")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> Wei.parse("+1")).hasMessageContaining("digits only");
    }
}
