package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerConfigTest {

    @Test
    void defaultsNeedOnlyKafkaAndTheRegistry() {
        LedgerConfig config = LedgerConfig.from(Config.load(ConfigSource.of(Map.of(
                "kafka.bootstrapServers", "kafka:9092", "schemaRegistry.url", "http://registry:8081")),
                LedgerConfig.KEYS));

        assertThat(config.applicationId()).isEqualTo("pool-ledger");
        assertThat(config.stateDir()).isEqualTo(Path.of("data/ledger-streams"));
        assertThat(config.numStreamThreads()).isEqualTo(1);
        assertThat(config.policy()).isEqualTo(LedgerPolicy.DEFAULT);
        assertThat(LedgerConfig.KEYS).containsAll(LedgerPolicy.KEYS);
    }

    @Test
    void readsThePolicyFromTheSameKeysAsTheReplay() {
        LedgerConfig config = LedgerConfig.from(Config.load(ConfigSource.of(Map.of(
                "kafka.bootstrapServers", "kafka:9092", "schemaRegistry.url", "http://registry:8081",
                "ledger.poolFeePpm", "20000", "ledger.dedupe.retainRounds", "5")), LedgerConfig.KEYS));

        assertThat(config.policy()).isEqualTo(LedgerPolicy.fromSettings(Map.of("ledger.poolFeePpm", "20000",
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
