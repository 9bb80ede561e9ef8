package io.livepeerpool.payout.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.GasPayer;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A batch with a payee contract that rejects ETH: its payout is Refused (the proof: the PayoutRefused log), the rest
 * of the batch is Paid, the refused amount stays with the pool; with payout.gasPaidBy=member every payout carries its
 * share of the gas and the shares sum to the transaction's cost. A request read twice is paid once.
 */
class RefusedPayoutTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aRefusingPayeeIsRefusedAndTheRestOfTheBatchIsPaid() throws Exception {
        try (PayoutFixture f = new PayoutFixture("refused")) {
            Address refusing = f.deployRefusingPayee();
            Address a = PayoutFixture.freshAddress();
            Address b = PayoutFixture.freshAddress();
            Address memberOfRefusing = PayoutFixture.freshAddress();
            BigInteger walletBefore = f.balance(Address.parse(f.wallet.getAddress()));
            PayoutRequest toA = f.request(a, null, BigInteger.valueOf(1_000_000));
            PayoutRequest toRefusing = f.request(memberOfRefusing, refusing, BigInteger.valueOf(2_000_000));
            PayoutRequest toB = f.request(PayoutFixture.freshAddress(), b, BigInteger.valueOf(3_000_000));

            PayoutService worker = f.start(Map.of("payout.gasPaidBy", "member", "payout.batch.maxPayees", "10"));
            PayoutFixture.await("three outcomes", WAIT, () -> f.outcomes().size() >= 3);

            Map<String, Payout> byId = f.outcomes().stream().collect(Collectors.toMap(Payout::getPayoutId, Function.identity()));
            assertThat(byId.get(toA.getPayoutId()).getStatus()).isEqualTo(PayoutStatus.Paid);
            assertThat(byId.get(toB.getPayoutId()).getStatus()).isEqualTo(PayoutStatus.Paid);
            Payout refused = byId.get(toRefusing.getPayoutId());
            assertThat(refused.getStatus()).isEqualTo(PayoutStatus.Refused);
            assertThat(refused.getAmountSent().signum()).isZero();
            assertThat(refused.getLogIndex()).isNotNull();
            assertThat(refused.getPayee()).isEqualTo(refusing.hex());
            assertThat(refused.getTranscoder()).isEqualTo(memberOfRefusing.hex());
            assertThat(f.client().refused(PoolPayoutsClient.onChainId(toRefusing.getPayoutId()))).isTrue();
            assertThat(f.balance(a)).isEqualTo(BigInteger.valueOf(1_000_000));
            assertThat(f.balance(b)).isEqualTo(BigInteger.valueOf(3_000_000));
            assertThat(f.balance(refusing)).isZero();
            assertThat(byId.values().stream().map(Payout::getTxHash).distinct()).as("one batch").hasSize(1);
            assertThat(byId.values()).allSatisfy(o -> {
                assertThat(o.getGasPaidBy()).isEqualTo(GasPayer.member);
                assertThat(o.getTxPayouts()).isEqualTo(3);
                assertThat(o.getGasShare().signum()).isPositive();
            });
            PaidOnce.gasSharesSum(List.copyOf(byId.values()));
            BigInteger gas = refused.getTxGasCost().toBigIntegerExact();
            assertThat(walletBefore.subtract(f.balance(Address.parse(f.wallet.getAddress()))))
                    .as("the wallet spent the two payments and the gas; the refused amount came back")
                    .isEqualTo(BigInteger.valueOf(4_000_000).add(gas));

            // the ledger's record read again (a replay, a retry): nothing is paid twice
            f.post(toA);
            Thread.sleep(3_000);
            worker.close();
            assertThat(f.outcomes()).hasSize(3);
            assertThat(f.balance(a)).isEqualTo(BigInteger.valueOf(1_000_000));
        }
    }
}
