package io.livepeerpool.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The one wei / uint256 validator (formerly Wei, Amounts, WholeWei and the gateway's Fields each had their own). */
class Uint256Test {

    @Test
    void rangeCheckNamesTheField() {
        assertThat(Uint256.check(Uint256.MAX, "faceValue")).isEqualTo(Uint256.MAX);
        assertThatThrownBy(() -> Uint256.check(BigInteger.ONE.negate(), "faceValue"))
                .hasMessage("faceValue must be between 0 and 2^256-1");
        assertThatThrownBy(() -> Uint256.check(Uint256.MAX.add(BigInteger.ONE), "amount"))
                .hasMessage("amount must be between 0 and 2^256-1");
        assertThatThrownBy(() -> Uint256.check(null, "amount")).hasMessage("amount is required");
    }

    @Test
    void weiIsDigitsOnlyUpToUint256() {
        assertThat(Uint256.parseDecimal("0")).isZero();
        assertThat(Uint256.parseDecimal(Uint256.MAX.toString())).isEqualTo(Uint256.MAX);
        assertThatThrownBy(() -> Uint256.parseDecimal(Uint256.MAX.add(BigInteger.ONE).toString())).hasMessageContaining("2^256-1");
        assertThatThrownBy(() -> Uint256.parseDecimal("1e18")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> Uint256.parseDecimal("+1")).hasMessageContaining("digits only");
    }

    @Test
    void textIsDecimalOrHex() {
        assertThat(Uint256.parse("0x" + "f".repeat(64))).isEqualTo(Uint256.MAX);
        assertThat(Uint256.parse("0xFF")).isEqualTo(BigInteger.valueOf(255));
        assertThat(Uint256.parse("255")).isEqualTo(BigInteger.valueOf(255));
        assertThatThrownBy(() -> Uint256.parse("0x" + "f".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uint256.parse("0x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uint256.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsMustBeWholeAndNonNegative() {
        assertThat(Uint256.wholeNumber(new BigDecimal("12.000"), "amount")).isEqualTo(BigInteger.valueOf(12));
        assertThatThrownBy(() -> Uint256.wholeNumber(new BigDecimal("1.5"), "amount"))
                .hasMessage("amount must be a whole number, got 1.5");
        assertThatThrownBy(() -> Uint256.wholeNumber(new BigDecimal("-1"), "amount"))
                .hasMessage("amount must be >= 0, got -1");
    }

    @Test
    void amountsMustBeWholeWei() {
        assertThat(Uint256.wholeWei(new BigDecimal("115792089237316195423570985008687907853269984665640564039457584007913129639935"), "f"))
                .isEqualTo(new BigDecimal("115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        assertThat(Uint256.wholeWei(new BigDecimal("12.000"), "f")).isEqualTo(new BigDecimal("12"));
        assertThat(Uint256.wholeWei(null, "f")).isNull();
        assertThatThrownBy(() -> Uint256.wholeWei(new BigDecimal("1.5"), "faceValue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("faceValue");
    }
}
