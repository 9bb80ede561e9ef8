package io.livepeerpool.ledger.projector;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.weight.JobWeight;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The projector's configuration, every key declared once. Load it with {@code Config.load(source, ProjectorConfig.KEYS)}
 * so that all problems are reported together at start.
 */
public record ProjectorConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String consumerName,
        int batchMax,
        long pollTimeoutMs,
        JobWeight weights) {

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Confluent-compatible Schema Registry base URL");
    public static final ConfigKey<String> JDBC_URL = new ConfigKey<>("db.jdbcUrl", ProjectorConfig::jdbcUrl, null,
            "JDBC URL of the PostgreSQL read model, e.g. jdbc:postgresql://host:5432/pool (without"
                    + " reWriteBatchedInserts=true)", false);
    public static final ConfigKey<String> DB_USER = ConfigKey.string("db.user", null, "PostgreSQL user");
    public static final ConfigKey<String> DB_PASSWORD = ConfigKey.secret("db.password", "PostgreSQL password");
    public static final ConfigKey<String> CONSUMER_NAME = new ConfigKey<>("projector.consumerName",
            ProjectorConfig::consumerName, "projector",
            "Kafka consumer group id and key of this projector's rows in projector_offsets; instances with the same"
                    + " name share the partitions", false);
    public static final ConfigKey<Integer> BATCH_MAX = ConfigKey.integer("projector.batchMax", 500, 1, 10_000,
            "Most records read per poll and written in one database transaction");
    public static final ConfigKey<Long> POLL_TIMEOUT_MS = ConfigKey.longValue("projector.pollTimeoutMs", 500, 10,
            60_000, "Longest wait of one Kafka poll, in milliseconds");

    /**
     * With the ledger's weight keys ({@link LedgerPolicy#WEIGHT_KEYS}): the projector weighs each job as the ledger
     * does, so both must run with the same {@code ledger.weight.*} values.
     */
    public static final List<ConfigKey<?>> KEYS = Stream.concat(Stream.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL,
            JDBC_URL, DB_USER, DB_PASSWORD, CONSUMER_NAME, BATCH_MAX, POLL_TIMEOUT_MS),
            LedgerPolicy.WEIGHT_KEYS.stream()).toList();

    /** With the default job weight (tests, and callers that do not show weights). */
    public ProjectorConfig(String bootstrapServers, String schemaRegistryUrl, String jdbcUrl, String dbUser,
            String dbPassword, String consumerName, int batchMax, long pollTimeoutMs) {
        this(bootstrapServers, schemaRegistryUrl, jdbcUrl, dbUser, dbPassword, consumerName, batchMax, pollTimeoutMs,
                JobWeight.DEFAULT);
    }

    public ProjectorConfig {
        Objects.requireNonNull(weights, "weights");
        consumerName(consumerName);
        jdbcUrl(jdbcUrl);
        if (batchMax < 1 || pollTimeoutMs < 1) {
            throw new IllegalArgumentException("batchMax and pollTimeoutMs must be positive");
        }
    }

    public static ProjectorConfig from(Config config) {
        return new ProjectorConfig(config.get(BOOTSTRAP_SERVERS), config.get(SCHEMA_REGISTRY_URL),
                config.get(JDBC_URL), config.get(DB_USER), config.get(DB_PASSWORD), config.get(CONSUMER_NAME),
                config.get(BATCH_MAX), config.get(POLL_TIMEOUT_MS), LedgerPolicy.weights(config));
    }

    /** The same settings under another consumer name (tests, or a second projection of the same topics). */
    public ProjectorConfig withConsumerName(String name) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, jdbcUrl, dbUser, dbPassword, name, batchMax,
                pollTimeoutMs, weights);
    }

    public ProjectorConfig withBatchMax(int max) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, jdbcUrl, dbUser, dbPassword, consumerName, max,
                pollTimeoutMs, weights);
    }

    public ProjectorConfig withWeights(JobWeight jobWeight) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, jdbcUrl, dbUser, dbPassword, consumerName,
                batchMax, pollTimeoutMs, jobWeight);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ProjectorConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", dbPassword=****, consumerName=" + consumerName
                + ", batchMax=" + batchMax + ", pollTimeoutMs=" + pollTimeoutMs + ", weights=" + weights + "]";
    }

    /**
     * pgjdbc's reWriteBatchedInserts turns a JDBC batch into one multi-row INSERT: the balance upsert of one
     * transcoder twice in a batch then fails ("cannot affect row a second time", not a data error, so retried for
     * ever), and the per-row update counts the metrics use are lost.
     */
    private static String jdbcUrl(String url) {
        if (url != null && url.toLowerCase(Locale.ROOT).replace(" ", "").contains("rewritebatchedinserts=true")) {
            throw new IllegalArgumentException("reWriteBatchedInserts=true is not supported: the projector needs one"
                    + " statement per row");
        }
        return url;
    }

    private static String consumerName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("must be 1-100 of [A-Za-z0-9._-]");
        }
        return name;
    }
}
