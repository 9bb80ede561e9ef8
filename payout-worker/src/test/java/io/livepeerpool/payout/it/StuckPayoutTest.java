package io.livepeerpool.payout.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutIntentState;
import io.livepeerpool.schemas.avro.PayoutRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pay transaction that does not get mined (automine off) is replaced at the same nonce with higher fees, recorded
 * as Replaced with the earlier hash kept; once a block is mined the payout is paid once and recorded once.
 */
class StuckPayoutTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aStuckPayoutIsReplacedAtTheSameNonceAndPaidOnce() throws Exception {
        try (PayoutFixture f = new PayoutFixture("stuck")) {
            long nonceBefore = f.walletNonce();
            PayoutRequest request = f.request(PayoutFixture.freshAddress(), null, BigInteger.TEN.pow(15));
            f.chain.hardhat().call("evm_setAutomine", false);
            try {
                f.start(Map.of("payout.replaceAfterMs", "1500", "payout.feeBumpPct", "20"));
                PayoutFixture.await("a replacement", WAIT, () -> f.intents().stream()
                        .anyMatch(i -> i.getState() == PayoutIntentState.Replaced));
            } finally {
                f.chain.hardhat().call("evm_setAutomine", true);
            }
            f.chain.hardhat().mine(1);
            PayoutFixture.await("the outcome", WAIT, () -> f.outcomes().size() == 1);
            Thread.sleep(1_000);

            PaidOnce.check(f, List.of(request), Map.of(f.payeeOf(request), BigInteger.ZERO), nonceBefore);
            List<PayoutIntent> intents = f.intents();
            assertThat(intents.stream().map(PayoutIntent::getNonce).distinct().toList()).as("one nonce")
                    .containsExactly(nonceBefore);
            PayoutIntent replaced = intents.stream().filter(i -> i.getState() == PayoutIntentState.Replaced)
                    .findFirst().orElseThrow();
            assertThat(replaced.getPreviousTxHashes()).isNotEmpty();
            assertThat(intents.getLast().getState()).isEqualTo(PayoutIntentState.Closed);
            assertThat(f.outcomes().getFirst().getTxHash()).isIn(allHashes(intents));
            assertThat(f.balance(Address.parse(request.getTranscoder()))).isEqualTo(BigInteger.TEN.pow(15));
        }
    }

    private static List<String> allHashes(List<PayoutIntent> intents) {
        return intents.stream().flatMap(i -> java.util.stream.Stream.concat(java.util.stream.Stream.of(i.getTxHash()),
                i.getPreviousTxHashes().stream())).distinct().toList();
    }
}
