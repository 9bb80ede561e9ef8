package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ledger service's configuration, every key declared once ({@link #KEYS}, which includes the ledger policy's
 * {@link LedgerPolicy#KEYS}: the service and the replay read the same settings). Load it with
 * {@code Config.load(source, LedgerConfig.KEYS)} so that every problem is reported at once.
 *
 * <p>Scaling: start more instances with the same {@code ledger.applicationId} (and each its own state directory);
 * Kafka Streams spreads the partitions over them.
 */
public record LedgerConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                           int numStreamThreads, LedgerPolicy policy) {

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Confluent-compatible Schema Registry base URL");
    public static final ConfigKey<String> APPLICATION_ID = new ConfigKey<>("ledger.applicationId",
            LedgerConfig::applicationId, "pool-ledger", "Kafka Streams application id: consumer group, prefix of the "
            + "ledger's changelog topics and transactional ids; every instance of one ledger uses the same", false);
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.path("ledger.stateDir", "data/ledger-streams",
            "Directory of this instance's state stores (RocksDB); one per instance, kept across restarts so that "
                    + "a restart does not replay the changelogs");
    public static final ConfigKey<Integer> NUM_STREAM_THREADS = ConfigKey.integer("ledger.numStreamThreads", 1, 1,
            64, "Stream threads of this instance; tasks are spread over the threads of all instances");

    public static final List<ConfigKey<?>> KEYS = keys();

    public LedgerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        applicationId(applicationId);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(policy, "policy");
        if (numStreamThreads < 1) {
            throw new IllegalArgumentException("numStreamThreads must be >= 1, got " + numStreamThreads);
        }
    }

    public static LedgerConfig from(Config config) {
        return new LedgerConfig(config.get(BOOTSTRAP_SERVERS), config.get(SCHEMA_REGISTRY_URL),
                config.get(APPLICATION_ID), config.get(STATE_DIR), config.get(NUM_STREAM_THREADS),
                LedgerPolicy.from(config));
    }

    public LedgerConfig withApplicationId(String id) {
        return new LedgerConfig(bootstrapServers, schemaRegistryUrl, id, stateDir, numStreamThreads, policy);
    }

    public LedgerConfig withStateDir(Path dir) {
        return new LedgerConfig(bootstrapServers, schemaRegistryUrl, applicationId, dir, numStreamThreads, policy);
    }

    private static String applicationId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("must be 1-100 of [A-Za-z0-9._-]");
        }
        return id;
    }

    private static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, APPLICATION_ID,
                STATE_DIR, NUM_STREAM_THREADS));
        keys.addAll(LedgerPolicy.KEYS);
        return List.copyOf(keys);
    }
}
