package io.livepeerpool.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TicketValidityTest {
    private final TicketValidity twoRounds = new TicketValidity(BigInteger.TWO);

    @Test
    void aTicketIsValidWhileCreationRoundPlusPeriodExceedsTheCurrentRound() {
        BigInteger created = BigInteger.valueOf(100);
        assertThat(twoRounds.isValid(created, BigInteger.valueOf(100))).isTrue();
        assertThat(twoRounds.isValid(created, BigInteger.valueOf(101))).isTrue();
        assertThat(twoRounds.isValid(created, BigInteger.valueOf(102))).isFalse();
        assertThat(twoRounds.lastValidRound(created)).isEqualTo(BigInteger.valueOf(101));
    }

    @Test
    void thePeriodMustBePositive() {
        assertThatThrownBy(() -> new TicketValidity(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
