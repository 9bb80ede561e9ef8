package io.livepeerpool.payout.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayoutsDueTest {

    @Test
    void requestsWithoutOutcomeAreDue() {
        PayoutsDue due = new PayoutsDue();
        due.onRequest("a", BigInteger.valueOf(5));
        due.onRequest("b", BigInteger.valueOf(7));
        due.onOutcome("a");
        assertThat(due.total(Set.of())).isEqualTo(BigInteger.valueOf(7));
        assertThat(due.open()).containsOnlyKeys("b");
    }

    @Test
    void aRequestReadTwiceCountsOnce() {
        PayoutsDue due = new PayoutsDue();
        due.onRequest("a", BigInteger.valueOf(5));
        due.onRequest("a", BigInteger.valueOf(5));
        assertThat(due.total(Set.of())).isEqualTo(BigInteger.valueOf(5));
    }

    @Test
    void anOutcomeReadBeforeItsRequestSettlesIt() {
        PayoutsDue due = new PayoutsDue();
        due.onOutcome("a");
        due.onRequest("a", BigInteger.valueOf(5));
        assertThat(due.total(Set.of())).isZero();
    }

    @Test
    void idsTheContractSettledAreNotDue() {
        PayoutsDue due = new PayoutsDue();
        due.onRequest("a", BigInteger.valueOf(5));
        due.onRequest("b", BigInteger.valueOf(7));
        assertThat(due.total(Set.of("b"))).isEqualTo(BigInteger.valueOf(5));
    }
}
