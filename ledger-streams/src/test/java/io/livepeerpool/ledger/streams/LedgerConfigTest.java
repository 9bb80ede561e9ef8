package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PoolOrchestrators;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerConfigTest {
    private static final String POOL = "0x1111111111111111111111111111111111111111";

    @Test
    void defaultsNeedOnlyKafkaAndTheRegistry() {
        LedgerConfig config = LedgerConfig.from(Config.load(ConfigSource.of(Map.of(
                "kafka.bootstrapServers", "kafka:9092", "schemaRegistry.url", "http://registry:8081",
                "ledger.orchestrators", POOL)),
                LedgerConfig.KEYS));

        assertThat(config.applicationId()).isEqualTo("pool-ledger");
        assertThat(config.stateDir()).isEqualTo(Path.of("data/ledger-streams"));
        assertThat(config.numStreamThreads()).isEqualTo(1);
        assertThat(config.policy()).isEqualTo(LedgerPolicy.defaults(PoolOrchestrators.of(POOL)));
        assertThat(LedgerConfig.KEYS).containsAll(LedgerPolicy.KEYS);
    }

    @Test
    void readsThePolicyFromTheSameKeysAsTheReplay() {
        LedgerConfig config = LedgerConfig.from(Config.load(ConfigSource.of(Map.of(
                "kafka.bootstrapServers", "kafka:9092", "schemaRegistry.url", "http://registry:8081",
                "ledger.orchestrators", POOL,
                "ledger.poolFeePpm", "20000", "ledger.dedupe.retainRounds", "5")), LedgerConfig.KEYS));

        assertThat(config.policy()).isEqualTo(LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", POOL, "ledger.poolFeePpm", "20000",
                "ledger.dedupe.retainRounds", "5")));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Config.load(ConfigSource.of(Map.of("ledger.applicationId", "no spaces please",
                "ledger.numStreamThreads", "0", "ledger.poolFeePpm", "2000000")), LedgerConfig.KEYS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrapServers")
                .hasMessageContaining("schemaRegistry.url")
                .hasMessageContaining("ledger.applicationId")
                .hasMessageContaining("ledger.numStreamThreads")
                .hasMessageContaining("ledger.poolFeePpm");
    }
}
