package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /status} against a real dev chain, and without one. */
class StatusTest {

    @Test
    void withoutAChainSaysSo(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = TestGateway.start(dir)) {
            TestGateway.Answer answer = gateway.get("/status");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("round").isNull()).isTrue();
            assertThat(answer.json().get("error").asText()).contains("chain not configured");
        }
    }

    @Test
    void showsTheRoundTheHeadAndTheContractsAndFollowsANewRound(@TempDir Path dir) throws Exception {
        try (DevChain chain = DevChain.start()) {
            DevNetwork network = DevNetwork.deploy(chain, DeployOptions.defaults());
            Map<String, String> chainSettings = Map.of(
                    "chain.rpcUrl", chain.rpcUrl(),
                    "chain.ticketBroker", network.contracts().ticketBroker().hex(),
                    "chain.roundsManager", network.contracts().roundsManager().hex(),
                    "chain.bondingManager", network.contracts().bondingManager().hex(),
                    "chain.confirmations", "1",
                    "chainWatcher.id", "status-test-" + System.nanoTime());
            try (TestGateway gateway = TestGateway.start(dir, chainSettings)) {
                long round = network.roundsManager().currentRound().longValueExact();
                TestGateway.Answer answer = firstRead(gateway);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.json().get("round").asLong()).isEqualTo(round);
                assertThat(answer.json().get("chainHead").asLong()).isGreaterThanOrEqualTo(
                        network.contracts().deployBlock().longValueExact());
                assertThat(answer.json().get("confirmedBlock").isNull()).as("no watcher has emitted anything").isTrue();
                assertThat(answer.json().get("contracts").get("roundsManager").asText())
                        .isEqualTo(network.contracts().roundsManager().hex());

                network.roundAdvancer().advance();
                Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
                long shown = round;
                while (shown == round && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                    shown = gateway.get("/status").json().get("round").asLong();
                }
                assertThat(shown).isEqualTo(round + 1);
            }
        }
    }

    @Test
    void aChainWithoutContractAddressesFailsAtStartNamingThem(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestGateway.start(dir, Map.of("chain.rpcUrl", "http://127.0.0.1:1")))
                .hasMessageContaining("chain.roundsManager");
    }

    @Test
    void theErrorTextNeverShowsTheRpcUrlWhichCarriesTheProvidersKey(@TempDir Path dir) throws Exception {
        Map<String, String> chainSettings = Map.of(
                "chain.rpcUrl", "http://127.0.0.1:1/v2/ApiKey0123456789SeCrEt?apikey=QueryKey42",
                "chain.ticketBroker", "0x00000000000000000000000000000000000000a1",
                "chain.roundsManager", "0x00000000000000000000000000000000000000a2",
                "chain.bondingManager", "0x00000000000000000000000000000000000000a3");
        try (TestGateway gateway = TestGateway.start(dir, chainSettings)) {
            TestGateway.Answer answer = firstRead(gateway);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("round").isNull()).isTrue();
            assertThat(answer.json().get("error").asText()).startsWith("rpc: ");
            assertThat(answer.body()).doesNotContain("SeCrEt").doesNotContain("QueryKey42").doesNotContain("/v2");
        }
    }

    /** /status never waits on the chain: until the first background read ends it says so; wait for that read. */
    private static TestGateway.Answer firstRead(TestGateway gateway) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        TestGateway.Answer answer = gateway.get("/status");
        while (answer.json().get("error").asText("").contains("not read yet") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            answer = gateway.get("/status");
        }
        return answer;
    }
}
