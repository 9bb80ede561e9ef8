package io.livepeerpool.ledger.streams.performance;

import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.schemas.performance.PerformanceKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The performance service's configuration. Kafka and registry keys are the ledger's (one file configures both);
 * the latency keys are the shared {@code performance.*} ones ({@link PerformanceKeys}), which the gateway's
 * admission policy reads too.
 */
public record PerformanceConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                                int windowJobs, LatencyLimit limit) {

    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.string("performance.applicationId",
            "pool-performance",
            "Kafka Streams application id of the performance topology (consumer group, changelog topic prefix)");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.path("performance.stateDir", "data/performance",
            "directory of this instance's state stores (RocksDB); rebuilt from the changelog topics when lost");

    public static final List<ConfigKey<?>> KEYS = keys();

    public PerformanceConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(limit, "limit");
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("applicationId must be 1-100 of [A-Za-z0-9._-], got " + applicationId);
        }
        if (windowJobs < 1) {
            throw new IllegalArgumentException("windowJobs must be >= 1, got " + windowJobs);
        }
    }

    public static PerformanceConfig from(Config config) {
        return new PerformanceConfig(config.get(LedgerConfig.BOOTSTRAP_SERVERS), config.get(LedgerConfig.SCHEMA_REGISTRY_URL),
                config.get(APPLICATION_ID), config.get(STATE_DIR), config.get(PerformanceKeys.WINDOW_JOBS),
                PerformanceKeys.limit(config));
    }

    private static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(LedgerConfig.BOOTSTRAP_SERVERS,
                LedgerConfig.SCHEMA_REGISTRY_URL, APPLICATION_ID, STATE_DIR));
        keys.addAll(PerformanceKeys.LATENCY_KEYS);
        return List.copyOf(keys);
    }
}
