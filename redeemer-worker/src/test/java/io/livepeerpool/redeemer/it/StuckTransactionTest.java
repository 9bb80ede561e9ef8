package io.livepeerpool.redeemer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionIntentState;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A transaction that does not get mined (automine off) is replaced at the same nonce with higher fees, recorded as
 * Replaced with the earlier hash kept; once blocks are mined the ticket is redeemed once and recorded once.
 */
class StuckTransactionTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aStuckTransactionIsReplacedAtTheSameNonce() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (RedeemerFixture f = new RedeemerFixture(net, "stuck")) {
            SignedTicket ticket = net.ticketMaker().make(net.accounts().orchestrator().address(), BigInteger.TEN.pow(15),
                    TicketMaker.ALWAYS_WINS);
            long nonceBefore = RedeemerCrashTest.walletNonce(net);
            net.chain().anvil().call("evm_setAutomine", false);
            try {
                f.post(ticket);
                f.start(Map.of("redeemer.replaceAfterMs", "1500", "redeemer.feeBumpPct", "20"));
                RedeemerFixture.await("a replacement", WAIT, () -> f.intents().stream()
                        .anyMatch(i -> i.getState() == RedemptionIntentState.Replaced));
            } finally {
                net.chain().anvil().call("evm_setAutomine", true);
            }
            net.chain().anvil().mine(1);
            RedeemerFixture.await("the outcome", WAIT, () -> f.outcomes().size() == 1);
            Thread.sleep(1_000);

            assertThat(f.outcomes()).hasSize(1);
            assertThat(f.outcomes().getFirst().getStatus()).isEqualTo(RedemptionStatus.Redeemed);
            List<RedemptionIntent> intents = f.intents();
            assertThat(intents.stream().map(RedemptionIntent::getNonce).distinct().toList()).as("one nonce")
                    .containsExactly(nonceBefore);
            RedemptionIntent replaced = intents.stream().filter(i -> i.getState() == RedemptionIntentState.Replaced)
                    .findFirst().orElseThrow();
            assertThat(replaced.getPreviousTxHashes()).isNotEmpty();
            assertThat(ChainRecord.redemptionsPerTicket(net).get(ticket.hash().hex())).isEqualTo(1);
            assertThat(RedeemerCrashTest.walletNonce(net)).isEqualTo(nonceBefore + 1);
            assertThat(intents.getLast().getState()).isEqualTo(RedemptionIntentState.Closed);
        }
    }
}
