package io.livepeerpool.ledger.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectorConfigTest {

    @Test
    void everyMissingKeyIsReportedAtOnce() {
        assertThatThrownBy(() -> Config.load(ConfigSource.of(Map.of()), ProjectorConfig.KEYS))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(5)
                        .anyMatch(p -> p.startsWith("kafka.bootstrapServers: required"))
                        .anyMatch(p -> p.startsWith("schemaRegistry.url: required"))
                        .anyMatch(p -> p.startsWith("db.jdbcUrl: required"))
                        .anyMatch(p -> p.startsWith("db.user: required"))
                        .anyMatch(p -> p.startsWith("db.password: required")));
    }

    @Test
    void defaultsAndMaskedPassword() {
        Config config = Config.load(ConfigSource.of(Map.of("kafka.bootstrapServers", "k:9092",
                "schemaRegistry.url", "http://r:8081", "db.jdbcUrl", "jdbc:postgresql://p/pool", "db.user", "pool",
                "db.password", "hunter2")), ProjectorConfig.KEYS);

        ProjectorConfig projector = ProjectorConfig.from(config);

        assertThat(projector.consumerName()).isEqualTo("projector");
        assertThat(projector.batchMax()).isEqualTo(500);
        assertThat(projector.pollTimeoutMs()).isEqualTo(500);
        assertThat(projector.weights()).isEqualTo(io.livepeerpool.ledger.weight.JobWeight.DEFAULT);
        assertThat(projector.dbPassword()).isEqualTo("hunter2");
        assertThat(projector.toString()).doesNotContain("hunter2");
        assertThat(config.describe()).doesNotContain("hunter2");
    }

    @Test
    void invalidValuesAreRefusedWithTheirKey() {
        assertThatThrownBy(() -> Config.load(ConfigSource.of(Map.of("kafka.bootstrapServers", "k:9092",
                "schemaRegistry.url", "http://r:8081", "db.jdbcUrl", "jdbc:postgresql://p/pool", "db.user", "pool",
                "db.password", "x", "projector.consumerName", "no spaces", "projector.batchMax", "0")),
                ProjectorConfig.KEYS))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .anyMatch(p -> p.startsWith("projector.consumerName: invalid value"))
                        .anyMatch(p -> p.startsWith("projector.batchMax: invalid value")));
    }

    /** transcoder_jobs.weight uses the ledger's coefficients: the projector reads the same keys, and refuses all 0. */
    @Test
    void theLedgersWeightKeysAreReadAndAllZeroIsRefused() {
        Map<String, String> base = Map.of("kafka.bootstrapServers", "k:9092", "schemaRegistry.url", "http://r:8081",
                "db.jdbcUrl", "jdbc:postgresql://p/pool", "db.user", "pool", "db.password", "x");
        Map<String, String> weighted = new java.util.HashMap<>(base);
        weighted.putAll(Map.of("ledger.weight.pixels", "2", "ledger.weight.durationMs", "0",
                "ledger.weight.profiles", "340282366920938463463374607431768211456"));
        assertThat(ProjectorConfig.from(Config.load(ConfigSource.of(weighted), ProjectorConfig.KEYS)).weights())
                .isEqualTo(new io.livepeerpool.ledger.weight.JobWeight(java.math.BigInteger.TWO,
                        java.math.BigInteger.ZERO, java.math.BigInteger.TWO.pow(128)));

        Map<String, String> zero = new java.util.HashMap<>(base);
        zero.putAll(Map.of("ledger.weight.pixels", "0", "ledger.weight.durationMs", "0",
                "ledger.weight.profiles", "0"));
        assertThatThrownBy(() -> ProjectorConfig.from(Config.load(ConfigSource.of(zero), ProjectorConfig.KEYS)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("ledger.weight.pixels").contains("at least one must be > 0"));
    }

    @Test
    void batchRewritingJdbcUrlsAreRefused() {
        assertThatThrownBy(() -> Config.load(ConfigSource.of(Map.of("kafka.bootstrapServers", "k:9092",
                "schemaRegistry.url", "http://r:8081", "db.jdbcUrl",
                "jdbc:postgresql://p/pool?ssl=true&reWriteBatchedInserts=true", "db.user", "pool", "db.password", "x")),
                ProjectorConfig.KEYS))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("db.jdbcUrl: invalid value")
                        .contains("reWriteBatchedInserts"));
    }
}
