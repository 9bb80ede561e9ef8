package io.livepeerpool.payout.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The exactly-once checks shared by the payout tests: Kafka's record against the chain's. */
final class PaidOnce {
    private PaidOnce() {
    }

    /**
     * Every request has exactly one outcome, Paid, with the amount requested; each payee's balance rose by exactly
     * its amount (paid once); the contract says paid; no payout was carried at two nonces; the wallet sent exactly
     * the transactions its intents record; each transaction's gas shares sum to its cost.
     */
    static void check(PayoutFixture f, List<PayoutRequest> requests, Map<Address, BigInteger> balancesBefore,
                      long nonceBefore) throws Exception {
        List<Payout> outcomes = f.outcomes();
        assertThat(outcomes).hasSize(requests.size());
        assertThat(outcomes.stream().map(Payout::getPayoutId).collect(Collectors.toSet()))
                .isEqualTo(requests.stream().map(PayoutRequest::getPayoutId).collect(Collectors.toSet()));
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.getStatus()).isEqualTo(PayoutStatus.Paid);
            assertThat(o.getAmountSent()).isEqualTo(o.getAmount());
        });
        for (PayoutRequest r : requests) {
            Address payee = f.payeeOf(r);
            assertThat(f.balance(payee).subtract(balancesBefore.getOrDefault(payee, BigInteger.ZERO)))
                    .as("paid once: " + payee).isEqualTo(r.getAmount().toBigIntegerExact());
            assertThat(f.client().paid(PoolPayoutsClient.onChainId(r.getPayoutId()))).isTrue();
        }
        List<PayoutIntent> intents = f.intents();
        Map<String, Set<Long>> nonces = intents.stream().flatMap(i -> i.getPayouts().stream()
                        .map(p -> Map.entry(p.getPayoutId(), i.getNonce())))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        nonces.forEach((id, n) -> assertThat(n).as("one nonce for " + id).hasSize(1));
        long distinct = intents.stream().map(PayoutIntent::getNonce).distinct().count();
        assertThat(f.walletNonce() - nonceBefore).as("every transaction of the wallet has its intent").isEqualTo(distinct);
        gasSharesSum(outcomes);
    }

    static void gasSharesSum(List<Payout> outcomes) {
        outcomes.stream().collect(Collectors.groupingBy(Payout::getTxHash)).forEach((tx, inTx) -> {
            assertThat(inTx).hasSize(inTx.getFirst().getTxPayouts());
            BigInteger shares = inTx.stream().map(Payout::getGasShare).map(BigDecimal::toBigIntegerExact)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger cost = inTx.getFirst().getTxGasCost().toBigIntegerExact();
            if (inTx.getFirst().getGasPaidBy() == io.livepeerpool.schemas.avro.GasPayer.member) {
                assertThat(shares).as("gas shares of " + tx).isEqualTo(cost);
            } else {
                assertThat(shares).as("pool pays the gas of " + tx).isZero();
            }
        });
    }
}
