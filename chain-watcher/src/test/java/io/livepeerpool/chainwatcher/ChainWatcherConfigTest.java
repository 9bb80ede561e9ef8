package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainWatcherConfigTest {
    private static final Map<String, String> BASE = Map.of("chain.rpcUrl", "https://arb1.example/rpc",
            "kafka.bootstrapServers", "kafka:9092", "schemaRegistry.url", "http://registry:8081");

    @Test
    void theOrchestratorsAreRequiredOnArbitrum() {
        assertThatThrownBy(() -> settings(with("chain.preset", "arbitrum-one")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p).startsWith("ledger.orchestrators: required on arbitrum-one")));
        Map<String, String> dev = new HashMap<>(BASE);
        dev.putAll(Map.of("chain.ticketBroker", "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0",
                "chain.roundsManager", "0xdd6f56dcc28d3f5f27084381fe8df634985cc39f",
                "chain.bondingManager", "0x35bcf3c30594191d53231e4ff333e8a770453e40"));
        assertThat(settings(dev).orchestrators().acceptsAll())
                .as("no preset: allowed at load; the watcher checks the chain id (31337) at start").isTrue();
    }

    @Test
    void theArbitrumPresetFillsTheAddressesAndTheChainId() {
        Map<String, String> c = with("chain.preset", "arbitrum-one");
        c.put("ledger.orchestrators", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        WatcherSettings s = settings(c);
        assertThat(s.contracts().ticketBroker()).isEqualTo(Address.parse("0xa8bB618B1520E284046F3dFc448851A1Ff26e41B"));
        assertThat(s.contracts().roundsManager()).isEqualTo(Address.parse("0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f"));
        assertThat(s.contracts().bondingManager()).isEqualTo(Address.parse("0x35Bcf3c30594191d53231E4FF333E8A770453e40"));
        assertThat(s.expectedChainId()).hasValue(42161);
        assertThat(s.confirmations()).isEqualTo(12);
        assertThat(s.startBlock().latest()).isTrue();
        assertThat(s.watcherId()).isEqualTo("chain-watcher");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.orchestrators().acceptsAll()).isFalse();
    }

    @Test
    void explicitAddressesOverrideThePreset() {
        Map<String, String> c = with("chain.preset", "arbitrum-one");
        c.put("ledger.orchestrators", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        c.put("chain.ticketBroker", "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");
        WatcherSettings s = settings(c);
        assertThat(s.contracts().ticketBroker().hex()).isEqualTo("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
        assertThat(s.contracts().roundsManager().hex()).isEqualTo("0xdd6f56dcc28d3f5f27084381fe8df634985cc39f");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> c = new HashMap<>(Map.of("chain.confirmations", "-1", "ledger.orchestrators", "0x12,nope",
                "chain.ticketBroker", "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e1", "chain.preset", "mainnet"));
        assertThatThrownBy(() -> ChainWatcherConfig.load(ConfigSource.of(c)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(7)
                        .anyMatch(p -> p.startsWith("chain.rpcUrl: required"))
                        .anyMatch(p -> p.startsWith("kafka.bootstrapServers: required"))
                        .anyMatch(p -> p.startsWith("schemaRegistry.url: required"))
                        .anyMatch(p -> p.startsWith("chain.confirmations: invalid"))
                        .anyMatch(p -> p.startsWith("ledger.orchestrators: invalid"))
                        .anyMatch(p -> p.startsWith("chain.ticketBroker: invalid") && p.contains("EIP-55"))
                        .anyMatch(p -> p.startsWith("chain.preset: invalid") && p.contains("arbitrum-one")));
        assertThatThrownBy(() -> ChainWatcherConfig.load(ConfigSource.of(BASE)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3)
                        .allMatch(p -> p.contains("required (set it, or chain.preset=arbitrum-one)")));
    }

    @Test
    void orchestratorsAndStartBlockParse() {
        Map<String, String> c = with("chain.preset", "arbitrum-one");
        c.put("ledger.orchestrators", " 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 , 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
        c.put("chain.startBlock", "250000000");
        c.put("chainWatcher.id", "arb-1");
        WatcherSettings s = settings(c);
        assertThat(s.orchestrators().accepts("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).isTrue();
        assertThat(s.orchestrators().accepts("0x90f79bf6eb2c4f870365e785982e1f101e93b906")).isFalse();
        assertThat(s.startBlock().block()).isEqualTo(250_000_000L);
        assertThat(s.watcherId()).isEqualTo("arb-1");
        c.put("chainWatcher.id", "bad id!");
        assertThatThrownBy(() -> settings(c)).isInstanceOf(ConfigException.class).hasMessageContaining("chainWatcher.id");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> c = new HashMap<>(BASE);
        c.put(key, value);
        return c;
    }

    private static WatcherSettings settings(Map<String, String> c) {
        return ChainWatcherConfig.settings(ChainWatcherConfig.load(ConfigSource.of(c)));
    }
}
