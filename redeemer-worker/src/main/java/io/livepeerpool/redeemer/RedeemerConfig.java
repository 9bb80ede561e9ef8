package io.livepeerpool.redeemer;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.chain.wallet.WalletKeys;
import io.livepeerpool.protocol.address.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/** Every configuration key of the redeemer worker, declared once; {@link #load} reports every problem at once. */
public final class RedeemerConfig {
    public static final ConfigKey<String> REDEEMER_ID = ConfigKey.string("redeemer.id", "redeemer",
            "this instance's name, recorded in intents and outcomes");
    public static final ConfigKey<String> WALLET_KEY = ConfigKey.optionalSecret("redeemer.walletKey",
            "hex private key of this instance's redemption wallet (use redeemer.walletKey.file); or a keystore below");
    public static final ConfigKey<String> KEYSTORE_FILE = ConfigKey.string("redeemer.keystoreFile", "",
            "web3 keystore (JSON) of the wallet, with redeemer.keystorePasswordFile; used when walletKey is empty");
    public static final ConfigKey<String> KEYSTORE_PASSWORD_FILE = ConfigKey.string("redeemer.keystorePasswordFile", "",
            "file holding the keystore's password");
    public static final ConfigKey<String> RPC_URL = ConfigKey.string("chain.rpcUrl", null, "Ethereum JSON-RPC endpoint (HTTP)");
    public static final ConfigKey<Long> CHAIN_ID = ConfigKey.longValue("chain.id", 31337, 1, Long.MAX_VALUE,
            "chain id signed into every transaction (42161 Arbitrum One, 31337 the dev chain)");
    public static final ConfigKey<String> TICKET_BROKER = ConfigKey.string("chain.ticketBroker", null, "TicketBroker address");
    public static final ConfigKey<String> ROUNDS_MANAGER = ConfigKey.string("chain.roundsManager", null, "RoundsManager address");
    public static final ConfigKey<Integer> CONFIRMATIONS = ConfigKey.integer("chain.confirmations", 12, 0, 100_000,
            "blocks a redemption must be buried under before its outcome is recorded");
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Schema Registry base URL");
    public static final ConfigKey<String> GROUP_ID = ConfigKey.string("redeemer.groupId", "pool-redeemer",
            "consumer group of every redeemer instance on pool.winning-tickets");
    public static final ConfigKey<Long> PARAMS_DELAY_BLOCKS = ConfigKey.longValue("redeemer.paramsDelayBlocks", 40, 0, 1_000_000,
            "for a ticket without paramsExpirationBlock: clock blocks after its creation round's start before it is redeemed");
    public static final ConfigKey<Integer> BATCH_MAX_TICKETS = ConfigKey.integer("redeemer.batch.maxTickets", 10, 1, 100,
            "most tickets per transaction (batchRedeemWinningTickets, one ticket per sender); 1 disables batching");
    public static final ConfigKey<Long> MIN_FACE_VALUE_OVER_GAS_PCT = ConfigKey.longValue("redeemer.minFaceValueOverGasPct",
            100, 0, 1_000_000, "retry (later, cheaper gas) a ticket whose faceValue is below this % of its redemption gas cost; 0 off");
    public static final ConfigKey<Long> RETRY_BACKOFF_MIN_MS = ConfigKey.longValue("redeemer.retryBackoffMinMs", 1_000, 1, 3_600_000,
            "first wait before a sender's head ticket is tried again; doubles per retry");
    public static final ConfigKey<Long> RETRY_BACKOFF_MAX_MS = ConfigKey.longValue("redeemer.retryBackoffMaxMs", 60_000, 1, 86_400_000,
            "longest wait between tries of one ticket");
    public static final ConfigKey<Long> REPLACE_AFTER_MS = ConfigKey.longValue("redeemer.replaceAfterMs", 120_000, 100, 86_400_000,
            "a transaction without receipt this long is replaced at the same nonce with higher fees");
    public static final ConfigKey<Integer> FEE_BUMP_PCT = ConfigKey.integer("redeemer.feeBumpPct", 25, 10, 500,
            "fee increase of a replacement (nodes require at least 10%)");
    public static final ConfigKey<Integer> REPLACEMENTS_MAX = ConfigKey.integer("redeemer.replacementsMax", 5, 0, 100,
            "most replacements of one transaction; then it is only rebroadcast");
    public static final ConfigKey<Long> POLL_INTERVAL_MS = ConfigKey.longValue("redeemer.pollIntervalMs", 500, 10, 60_000,
            "how long one loop waits for new tickets (and so how often the chain is looked at)");
    public static final ConfigKey<Long> RPC_TIMEOUT_MS = ConfigKey.longValue("chain.rpcTimeoutMs", 10_000, 100, 300_000,
            "timeout of each JSON-RPC call");
    public static final ConfigKey<Integer> SESSION_TIMEOUT_MS = ConfigKey.integer("redeemer.sessionTimeoutMs", 45_000, 6_000, 300_000,
            "consumer group session timeout: how long a dead instance's senders wait before another instance takes them");
    public static final ConfigKey<Long> KAFKA_TIMEOUT_MS = ConfigKey.longValue("redeemer.kafkaTimeoutMs", 30_000, 1_000, 600_000,
            "longest wait for Kafka (transactions, reading the journal)");

    private RedeemerConfig() {
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(REDEEMER_ID, WALLET_KEY, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE, RPC_URL, CHAIN_ID, TICKET_BROKER,
                ROUNDS_MANAGER, CONFIRMATIONS, KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, GROUP_ID, PARAMS_DELAY_BLOCKS,
                BATCH_MAX_TICKETS, MIN_FACE_VALUE_OVER_GAS_PCT, RETRY_BACKOFF_MIN_MS, RETRY_BACKOFF_MAX_MS,
                REPLACE_AFTER_MS, FEE_BUMP_PCT, REPLACEMENTS_MAX, POLL_INTERVAL_MS, RPC_TIMEOUT_MS, SESSION_TIMEOUT_MS,
                KAFKA_TIMEOUT_MS);
    }

    public static Config load(ConfigSource source) {
        Config config = Config.load(source, keys());
        settings(config);
        credentials(config);
        return config;
    }

    public static RedeemerSettings settings(Config c) {
        List<String> problems = new ArrayList<>();
        Address broker = address(c, TICKET_BROKER, problems);
        Address rounds = address(c, ROUNDS_MANAGER, problems);
        if (c.get(RETRY_BACKOFF_MAX_MS) < c.get(RETRY_BACKOFF_MIN_MS)) {
            problems.add(RETRY_BACKOFF_MAX_MS.name() + ": must be >= " + RETRY_BACKOFF_MIN_MS.name());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RedeemerSettings(c.get(REDEEMER_ID), c.get(RPC_URL), c.get(CHAIN_ID), broker, rounds,
                c.get(CONFIRMATIONS), c.get(KAFKA_BOOTSTRAP_SERVERS), c.get(SCHEMA_REGISTRY_URL), c.get(GROUP_ID),
                c.get(PARAMS_DELAY_BLOCKS), c.get(BATCH_MAX_TICKETS), c.get(MIN_FACE_VALUE_OVER_GAS_PCT),
                Duration.ofMillis(c.get(RETRY_BACKOFF_MIN_MS)), Duration.ofMillis(c.get(RETRY_BACKOFF_MAX_MS)),
                Duration.ofMillis(c.get(REPLACE_AFTER_MS)), c.get(FEE_BUMP_PCT), c.get(REPLACEMENTS_MAX),
                Duration.ofMillis(c.get(POLL_INTERVAL_MS)), Duration.ofMillis(c.get(RPC_TIMEOUT_MS)),
                Duration.ofMillis(c.get(SESSION_TIMEOUT_MS)), Duration.ofMillis(c.get(KAFKA_TIMEOUT_MS)));
    }

    /** The wallet: the hex key, else the keystore with its password file. Problems name the keys, never the secret. */
    public static Credentials credentials(Config c) {
        return WalletKeys.credentials(c, WALLET_KEY, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE);
    }

    private static Address address(Config c, ConfigKey<String> key, List<String> problems) {
        try {
            return Address.parse(c.get(key).trim());
        } catch (IllegalArgumentException e) {
            problems.add(key.name() + ": " + e.getMessage());
            return null;
        }
    }
}
