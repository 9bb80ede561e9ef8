package io.livepeerpool.redeemer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The exactly-once checks shared by the fault tests: Kafka's record against the chain's. */
final class Checks {
    private Checks() {
    }

    /**
     * Every ticket has exactly one outcome, Redeemed; the chain redeemed each once; no ticket was carried at two nonces;
     * each transaction's gas shares sum to its cost.
     */
    static void eachRedeemedExactlyOnce(DevNetwork net, List<SignedTicket> tickets, List<Redemption> outcomes,
                                        List<RedemptionIntent> intents) throws Exception {
        Set<String> hashes = tickets.stream().map(t -> t.hash().hex()).collect(Collectors.toSet());
        assertThat(outcomes).hasSize(tickets.size());
        assertThat(outcomes.stream().map(Redemption::getTicketHash).collect(Collectors.toSet())).isEqualTo(hashes);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.getStatus()).isEqualTo(RedemptionStatus.Redeemed));
        Map<String, Integer> onChain = ChainRecord.redemptionsPerTicket(net);
        hashes.forEach(h -> assertThat(onChain.get(h)).as("redeemed once on chain: " + h).isEqualTo(1));
        ChainRecord.noncesPerTicket(intents).forEach((h, nonces) -> assertThat(nonces).as("one nonce for " + h).hasSize(1));
        Map<String, List<Redemption>> byTx = outcomes.stream().collect(Collectors.groupingBy(Redemption::getTxHash));
        byTx.forEach((tx, inTx) -> {
            BigInteger shares = inTx.stream().map(Redemption::getGasShare).map(BigDecimal::toBigIntegerExact)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            if (inTx.size() == inTx.getFirst().getTxTickets()) {
                assertThat(shares).as("gas shares of " + tx).isEqualTo(inTx.getFirst().getTxGasCost().toBigIntegerExact());
            }
        });
    }

    /** For each wallet: its transactions on chain since {@code before} are exactly its intents' distinct nonces. */
    static void noNonceOutsideTheJournal(DevNetwork net, Map<String, Long> nonceBefore, List<RedemptionIntent> intents)
            throws Exception {
        Map<String, Set<Long>> nonces = intents.stream().collect(Collectors.groupingBy(RedemptionIntent::getWallet,
                Collectors.mapping(RedemptionIntent::getNonce, Collectors.toSet())));
        for (Map.Entry<String, Set<Long>> e : nonces.entrySet()) {
            long now = net.chain().web3j().ethGetTransactionCount(e.getKey(),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
            assertThat(now - nonceBefore.getOrDefault(e.getKey(), 0L)).as("transactions of " + e.getKey())
                    .isEqualTo(e.getValue().size());
        }
    }
}
