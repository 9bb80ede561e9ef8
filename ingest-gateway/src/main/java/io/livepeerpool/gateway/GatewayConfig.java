package io.livepeerpool.gateway;

import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.gateway.jobs.JobValidator;
import io.livepeerpool.gateway.validation.Fields;
import io.livepeerpool.gateway.dashboard.DashboardSettings;
import io.livepeerpool.platform.tls.SelfSignedCertificate;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.lifecycle.ServiceRunner;
import io.livepeerpool.platform.ops.OpsServer;
import io.livepeerpool.schemas.performance.PerformanceKeys;
import io.livepeerpool.schemas.rounds.RoundWindowKeys;
import java.nio.file.Path;
import java.util.List;

/**
 * Every configuration key of the ingest gateway, declared once. Load with {@link #load(ConfigSource)}: all keys
 * are validated together, then the cross-key rules (TLS files come in pairs).
 */
public final class GatewayConfig {
    private static final String HOST_NAME = SelfSignedCertificate.localHostName();

    public static final ConfigKey<String> HOST = ConfigKey.string("gateway.host", "0.0.0.0",
            "interface the HTTPS server binds");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("gateway.port", 8443, 0, 65_535,
            "HTTPS port; 0 picks a free port (see the start log)");
    public static final ConfigKey<String> DNS_NAME = ConfigKey.string("gateway.dnsName", HOST_NAME,
            "name clients use for the gateway: in the self-signed certificate's SAN (with localhost and 127.0.0.1) and the logged URL");
    public static final ConfigKey<String> TLS_CERT_FILE = ConfigKey.string("gateway.tls.certFile", "",
            "PEM certificate chain (leaf first); with gateway.tls.keyFile replaces the self-signed certificate");
    public static final ConfigKey<String> TLS_KEY_FILE = ConfigKey.string("gateway.tls.keyFile", "",
            "PEM private key (PKCS#8, EC or RSA, unencrypted) of gateway.tls.certFile");
    public static final ConfigKey<Path> KEYS_FILE = ConfigKey.path("gateway.keysFile", null,
            "JSON file of orchestrator HMAC keys: {\"keys\":[{\"keyId\",\"orchestrator\",\"secret\"}]}");
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Confluent-compatible Schema Registry base URL");
    public static final ConfigKey<String> DB_JDBC_URL = ConfigKey.string("db.jdbcUrl", null,
            "JDBC URL of the PostgreSQL read model");
    public static final ConfigKey<String> DB_USER = ConfigKey.string("db.user", null, "read-model database user");
    public static final ConfigKey<String> DB_PASSWORD = ConfigKey.secret("db.password",
            "read-model database password (or db.password.file)");
    public static final ConfigKey<Integer> DB_CONNECTIONS_MAX = ConfigKey.integer("gateway.db.connectionsMax", 8, 1, 64,
            "connections in the read pool");
    public static final ConfigKey<Long> KAFKA_ACK_TIMEOUT_MS = ConfigKey.longValue("gateway.kafka.ackTimeoutMs", 10_000, 1_000, 120_000,
            "longest wait for Kafka's acknowledgement (or a transaction commit) before answering 503");
    public static final ConfigKey<Integer> KAFKA_TRANSACTIONAL_PRODUCERS = ConfigKey.integer("gateway.kafka.transactionalProducers", 2, 1, 64,
            "transactional producers for batches: how many Kafka transactions (each carrying a group of batch requests) are in flight at once");
    public static final ConfigKey<Integer> KAFKA_GROUP_MAX_RECORDS = ConfigKey.integer("gateway.kafka.groupMaxRecords", 10_000, 1, 1_000_000,
            "most records in one transaction's group of batch requests (a larger single request goes alone)");
    public static final ConfigKey<Long> KAFKA_GROUP_MAX_BYTES = ConfigKey.longValue("gateway.kafka.groupMaxBytes", 8L << 20, 1, 1L << 30,
            "most key and value bytes in one transaction's group of batch requests (a larger single request goes alone)");
    public static final ConfigKey<Integer> KAFKA_GROUP_MAX_WAIT_MS = ConfigKey.integer("gateway.kafka.groupMaxWaitMs", 0, 0, 1_000,
            "how long a transaction waits after its first batch request for others to join; 0: only those already waiting"
                    + " (while transactions are in flight, arrivals wait anyway and join the next)");
    public static final ConfigKey<Integer> KAFKA_LINGER_MS = ConfigKey.integer("gateway.kafka.lingerMs", 0, 0, 100,
            "linger.ms of the producer of single writes: how long a record may wait for others to share its request"
                    + " to the broker; every single write waits for its acknowledgement, so this is added to its latency");
    public static final ConfigKey<Integer> KAFKA_MAX_IN_FLIGHT = ConfigKey.integer("gateway.kafka.maxInFlight", 1, 1, 5,
            "produce requests the producer of single writes keeps in flight per broker; with 1, records arriving while"
                    + " one is on its way share the next request, so batches grow with load instead of with lingerMs");
    public static final ConfigKey<String> KAFKA_TRANSACTIONAL_ID_PREFIX = ConfigKey.string("gateway.kafka.transactionalIdPrefix",
            "ingest-gateway-" + HOST_NAME,
            "prefix of the batch producers' transactional ids; stable per instance, different between instances running at once");
    public static final ConfigKey<Integer> AUTH_CLOCK_SKEW_SECONDS = ConfigKey.integer("gateway.auth.clockSkewSeconds", 300, 1, 3_600,
            "largest accepted difference between X-Pool-Timestamp and the gateway's clock, either direction");
    public static final ConfigKey<Long> AUTH_NONCE_MEMORY_MAX_BYTES = ConfigKey.longValue("gateway.auth.nonceMemoryMaxBytes",
            256L << 20, 1L << 16, 8L << 30,
            "memory cap of the replay window's nonce store (this instance); each nonce costs 16-32 bytes for about"
                    + " clockSkewSeconds x 16/15; 256 MiB holds >= 8,388,608 nonces (>= 26,000 signed requests/s at 300 s);"
                    + " at the cap signed writes get 503 and gateway_rejected_total{reason=\"nonce_store_full\"} counts");
    public static final ConfigKey<Integer> HTTP_THREADS_MAX = ConfigKey.integer("gateway.http.threadsMax", 64, 8, 1_024,
            "most Jetty threads serving requests (TLS, HMAC, waiting for Kafka or the database)");
    public static final ConfigKey<Integer> LOG_REFUSAL_LINES_PER_SECOND = ConfigKey.integer(
            "gateway.log.refusalLinesPerSecond", 50, 1, 1_000_000,
            "refused or failed requests logged one line each per second; past it they are counted by reason and"
                    + " summed up in one WARN line every 10 s (gateway_rejected_total counts every one)");
    public static final ConfigKey<Integer> HTTP_QUEUE_MAX = ConfigKey.integer("gateway.http.queueMax", 1_024, 8, 100_000,
            "most requests waiting for a Jetty thread; beyond it new work is refused (connections closed) instead of"
                    + " queueing without bound");
    public static final ConfigKey<Long> DB_STATEMENT_TIMEOUT_MS = ConfigKey.longValue("gateway.db.statementTimeoutMs", 5_000, 100, 600_000,
            "PostgreSQL statement_timeout of the public reads: a slower read is cancelled and answered 503 JSON");
    public static final ConfigKey<Long> HEALTH_REFRESH_MS = ConfigKey.longValue("gateway.health.refreshMs", 2_000, 100, 600_000,
            "how often Kafka and the database are checked for the cached public /health (no check per call)");

    public static final ConfigKey<Long> MAX_PIXELS_PER_SECOND_PER_PROFILE = ConfigKey.longValue(
            "gateway.maxPixelsPerSecondPerProfile", JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT, 1, Fields.INTEGER_MAX,
            "most output pixels one rendition (profile) can produce per second of video; a job claiming more than"
                    + " duration x profiles x this is refused (default 3840 x 2160 x 60)");

    public static final ConfigKey<Boolean> BENCH_BASELINE = ConfigKey.bool("gateway.benchBaseline", false,
            "serve POST /bench/baseline, the bare endpoint `pool bench ingest` compares against (writes nothing), and"
                    + " POST /bench/acked, the bare endpoint plus one acknowledged write of the body to pool.bench-acked");

    /**
     * Optional: without it /status reports that no chain is configured and jobs are not checked against the round
     * window. The other chain keys are the watcher's.
     */
    public static final ConfigKey<String> CHAIN_RPC_URL = ConfigKey.optionalSecret("chain.rpcUrl",
            "JSON-RPC endpoint /status reads the round and chain head from, and the job endpoints the current round"
                    + " (ledger.dedupe.retainRounds); empty: /status reports no chain and no job is refused for its"
                    + " roundJob; secret (provider URLs carry the API key), shown as scheme://host:port");

    /** The chain id in the EIP-712 domain members sign their payout settings for (the redeemer's key name). */
    public static final ConfigKey<Long> CHAIN_ID = ConfigKey.longValue("chain.id", 31337, 1, Long.MAX_VALUE,
            "chain id of the pool's chain: the EIP-712 domain of /setPayoutSettings (42161 Arbitrum One, 31337 dev)");
    /** The ledger's key: a member's personal threshold may not be below it. */
    public static final ConfigKey<java.math.BigInteger> POOL_PAYOUT_THRESHOLD_WEI = ConfigKey.bigInteger(
            "ledger.payoutThresholdWei", java.math.BigInteger.TEN.pow(16), java.math.BigInteger.ZERO,
            "the pool's payout threshold, wei (the ledger's key): /setPayoutSettings refuses a personal one below it");

    private GatewayConfig() {
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(HOST, PORT, DNS_NAME, TLS_CERT_FILE, TLS_KEY_FILE, KEYS_FILE, KAFKA_BOOTSTRAP_SERVERS,
                SCHEMA_REGISTRY_URL, DB_JDBC_URL, DB_USER, DB_PASSWORD, DB_CONNECTIONS_MAX, KAFKA_ACK_TIMEOUT_MS,
                KAFKA_TRANSACTIONAL_PRODUCERS, KAFKA_GROUP_MAX_RECORDS, KAFKA_GROUP_MAX_BYTES, KAFKA_GROUP_MAX_WAIT_MS,
                KAFKA_LINGER_MS, KAFKA_MAX_IN_FLIGHT, KAFKA_TRANSACTIONAL_ID_PREFIX, AUTH_CLOCK_SKEW_SECONDS,
                AUTH_NONCE_MEMORY_MAX_BYTES, LOG_REFUSAL_LINES_PER_SECOND, HTTP_THREADS_MAX, HTTP_QUEUE_MAX, DB_STATEMENT_TIMEOUT_MS, HEALTH_REFRESH_MS,
                OpsServer.HOST, OpsServer.PORT, ServiceRunner.STOP_TIMEOUT_MS, MAX_PIXELS_PER_SECOND_PER_PROFILE, BENCH_BASELINE, CHAIN_RPC_URL, ChainWatcherConfig.PRESET, ChainWatcherConfig.TICKET_BROKER,
                ChainWatcherConfig.ROUNDS_MANAGER, ChainWatcherConfig.BONDING_MANAGER, ChainWatcherConfig.CONFIRMATIONS,
                ChainWatcherConfig.WATCHER_ID, DashboardSettings.ENABLED, DashboardSettings.EXPLORER_TX_URL,
                DashboardSettings.SERVICES,
                PerformanceKeys.SEGMENT_MS, PerformanceKeys.SEGMENT_BITS,
                PerformanceKeys.RENDITION_BITS, PerformanceKeys.MAX_SEGMENT_MS, PerformanceKeys.MAX_SESSIONS_CAP, CHAIN_ID, POOL_PAYOUT_THRESHOLD_WEI,
                RoundWindowKeys.RETAIN_ROUNDS);
    }

    /** Loads and validates every key; {@link ConfigException} lists all problems at once. */
    public static Config load(ConfigSource source) {
        Config config = Config.load(source, keys());
        validate(config);
        return config;
    }

    /** The rules that span keys. */
    public static void validate(Config config) {
        if (!config.get(CHAIN_RPC_URL).isBlank()) {
            ChainWatcherConfig.contracts(config); // names every missing contract address at start
        }
        boolean cert = !config.get(TLS_CERT_FILE).isBlank();
        boolean key = !config.get(TLS_KEY_FILE).isBlank();
        if (cert != key) {
            throw new ConfigException(List.of("gateway.tls.certFile and gateway.tls.keyFile: set both (production"
                    + " certificate) or neither (self-signed certificate at each start)"));
        }
    }
}
