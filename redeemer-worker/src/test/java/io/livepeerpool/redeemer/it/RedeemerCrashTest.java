package io.livepeerpool.redeemer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.redeemer.worker.CrashPoint;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The redeemer (a child JVM) is killed with SIGKILL after its intent is committed, after the broadcast, or with the
 * transaction mined but before its outcome is recorded; a new redeemer with the same wallet takes over. Each ticket
 * is redeemed once on chain, never carried at a second nonce, and has exactly one outcome (read_committed).
 */
class RedeemerCrashTest {
    private static final BigInteger FACE = BigInteger.TEN.pow(15);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @ValueSource(strings = {CrashPoint.AFTER_INTENT, CrashPoint.AFTER_BROADCAST, CrashPoint.BEFORE_OUTCOME})
    void aKilledRedeemerNeitherLosesNorDoublesARedemption(String point) throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (RedeemerFixture f = new RedeemerFixture(net, "crash")) {
            Address orch = net.accounts().orchestrator().address();
            List<SignedTicket> tickets = List.of(
                    net.ticketMaker().make(orch, FACE, TicketMaker.ALWAYS_WINS),
                    net.ticketMaker().make(orch, FACE, TicketMaker.ALWAYS_WINS),
                    net.ticketMaker().make(orch, FACE, TicketMaker.ALWAYS_WINS));
            tickets.forEach(f::post);
            long nonceBefore = walletNonce(net); // the dev redeemer account is shared by the tests of this JVM

            Map<String, String> settings = new HashMap<>(f.baseSettings());
            settings.put("park", point);
            String walletKey = net.accounts().redeemer().privateKey();
            try (ChildRedeemer child = ChildRedeemer.start(f.suffix, walletKey, settings)) {
                assertThat(child.awaitParked(WAIT)).isEqualTo(point);
                child.kill();
            }
            boolean firstUsedAtKill = net.ticketBroker().isUsed(tickets.getFirst().hash());
            assertThat(firstUsedAtKill).as("mined before the kill").isEqualTo(!point.equals(CrashPoint.AFTER_INTENT));
            assertThat(f.outcomes()).as("no outcome before the kill").isEmpty();
            assertThat(f.intents()).as("the intent was recorded before the kill").isNotEmpty();

            RedeemerService successor = f.start(Map.of());
            RedeemerFixture.await("every ticket's outcome", WAIT, () -> f.outcomes().size() >= tickets.size());
            Thread.sleep(2_000); // anything doubled would show up now
            successor.close();

            List<Redemption> outcomes = f.outcomes();
            assertThat(outcomes).hasSize(tickets.size());
            Set<String> hashes = tickets.stream().map(t -> t.hash().hex()).collect(Collectors.toSet());
            assertThat(outcomes).allSatisfy(o -> assertThat(o.getStatus()).isEqualTo(RedemptionStatus.Redeemed));
            assertThat(outcomes.stream().map(Redemption::getTicketHash).collect(Collectors.toSet())).isEqualTo(hashes);
            assertThat(outcomes).allSatisfy(o -> assertThat(o.getAmountTransferred().toBigIntegerExact()).isEqualTo(FACE));

            Map<String, Integer> onChain = ChainRecord.redemptionsPerTicket(net);
            hashes.forEach(h -> assertThat(onChain.get(h)).as("redeemed once on chain: " + h).isEqualTo(1));
            List<RedemptionIntent> intents = f.intents();
            ChainRecord.noncesPerTicket(intents).forEach((h, nonces) ->
                    assertThat(nonces).as("one nonce for " + h).hasSize(1));
            long distinctNonces = intents.stream().map(RedemptionIntent::getNonce).distinct().count();
            assertThat(walletNonce(net) - nonceBefore).as("every transaction of the wallet has its intent").isEqualTo(distinctNonces);
            assertThat(distinctNonces).isEqualTo(tickets.size());
        }
    }

    static long walletNonce(DevNetwork net) throws java.io.IOException {
        return net.chain().web3j().ethGetTransactionCount(net.accounts().redeemer().address().hex(),
                DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
    }
}
