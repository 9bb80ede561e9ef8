package io.livepeerpool.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.gateway.auth.NonceWindow.Outcome;
import org.junit.jupiter.api.Test;

class NonceWindowTest {

    @Test
    void aNonceIsAcceptedOnceInsideItsWindow() {
        NonceWindow window = new NonceWindow(10);

        assertThat(window.record("k1", "nonce-aaaa", 1300, 1000)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.record("k1", "nonce-aaaa", 1300, 1200)).isEqualTo(Outcome.REPLAYED);
        assertThat(window.record("k1", "nonce-aaaa", 1300, 1300)).isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void theSameNonceUnderAnotherKeyIsAnotherEntry() {
        NonceWindow window = new NonceWindow(10);

        window.record("k1", "nonce-aaaa", 1300, 1000);

        assertThat(window.record("k2", "nonce-aaaa", 1300, 1000)).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void anExpiredNonceIsForgotten() {
        NonceWindow window = new NonceWindow(10);
        window.record("k1", "nonce-aaaa", 1300, 1000);

        // after expiry the timestamp check refuses a replay, so the store need not remember it
        assertThat(window.record("k1", "nonce-bbbb", 1700, 1301)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void aFullWindowRefusesNewNoncesRatherThanForgettingLiveOnes() {
        NonceWindow window = new NonceWindow(2);
        window.record("k1", "nonce-0001", 1300, 1000);
        window.record("k1", "nonce-0002", 1310, 1000);

        assertThat(window.record("k1", "nonce-0003", 1300, 1000)).isEqualTo(Outcome.FULL);
        assertThat(window.record("k1", "nonce-0001", 1300, 1000)).isEqualTo(Outcome.REPLAYED);
        assertThat(window.size()).isEqualTo(2);
    }

    @Test
    void expiryMakesRoomAgain() {
        NonceWindow window = new NonceWindow(2);
        window.record("k1", "nonce-0001", 1300, 1000);
        window.record("k1", "nonce-0002", 1310, 1000);

        assertThat(window.record("k1", "nonce-0003", 1400, 1305)).isEqualTo(Outcome.FIRST_USE);
        assertThat(window.record("k1", "nonce-0004", 1400, 1305)).isEqualTo(Outcome.FULL);
        assertThat(window.record("k1", "nonce-0004", 1400, 1311)).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new NonceWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
