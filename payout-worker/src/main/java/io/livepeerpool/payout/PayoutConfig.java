package io.livepeerpool.payout;

import io.livepeerpool.chain.wallet.WalletKeys;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.GasPayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Credentials;

/** Every configuration key of the payout worker, declared once; {@link #load} reports every problem at once. */
public final class PayoutConfig {
    public static final ConfigKey<String> WORKER_ID = ConfigKey.string("payout.id", "payouts",
            "this instance's name, recorded in intents and outcomes");
    public static final ConfigKey<String> WALLET_KEY = ConfigKey.optionalSecret("payout.walletKey",
            "hex private key of the payout wallet, PoolPayouts' payer (use payout.walletKey.file); or a keystore below");
    public static final ConfigKey<String> KEYSTORE_FILE = ConfigKey.string("payout.keystoreFile", "",
            "web3 keystore (JSON) of the payout wallet, with payout.keystorePasswordFile; used when walletKey is empty");
    public static final ConfigKey<String> KEYSTORE_PASSWORD_FILE = ConfigKey.string("payout.keystorePasswordFile", "",
            "file holding the keystore's password");
    public static final ConfigKey<String> RPC_URL = ConfigKey.secret("chain.rpcUrl",
            "Ethereum JSON-RPC endpoint (HTTP); secret, as provider URLs embed API keys (or chain.rpcUrl.file)");
    public static final ConfigKey<Long> CHAIN_ID = ConfigKey.longValue("chain.id", 31337, 1, Long.MAX_VALUE,
            "chain id signed into every transaction (42161 Arbitrum One, 31337 the dev chain)");
    public static final ConfigKey<String> POOL_PAYOUTS = ConfigKey.string("chain.poolPayouts", null,
            "PoolPayouts contract address (its payer must be the payout wallet)");
    public static final ConfigKey<Integer> CONFIRMATIONS = ConfigKey.integer("chain.confirmations", 12, 0, 100_000,
            "blocks a payout transaction must be buried under before its outcomes are recorded");
    public static final ConfigKey<Long> RPC_TIMEOUT_MS = ConfigKey.longValue("chain.rpcTimeoutMs", 10_000, 100, 300_000,
            "timeout of each JSON-RPC call");
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Schema Registry base URL");
    public static final ConfigKey<String> GROUP_ID = ConfigKey.string("payout.groupId", "pool-payouts",
            "consumer group of the payout worker on pool.payout-requests");
    public static final ConfigKey<Integer> BATCH_MAX_PAYEES = ConfigKey.integer("payout.batch.maxPayees", 100, 1, 500,
            "most payouts per PoolPayouts.pay transaction; 1 pays one per transaction");
    public static final ConfigKey<String> GAS_PAID_BY = ConfigKey.string("payout.gasPaidBy", "pool",
            "who bears a payout transaction's gas: pool, or member (each payout carries its exact share, recorded on the outcome)");
    public static final ConfigKey<Long> REPLACE_AFTER_MS = ConfigKey.longValue("payout.replaceAfterMs", 120_000, 100, 86_400_000,
            "a transaction without receipt this long is replaced at the same nonce with higher fees");
    public static final ConfigKey<Integer> FEE_BUMP_PCT = ConfigKey.integer("payout.feeBumpPct", 25, 10, 500,
            "fee increase of a replacement (nodes require at least 10%)");
    public static final ConfigKey<Integer> REPLACEMENTS_MAX = ConfigKey.integer("payout.replacementsMax", 5, 0, 100,
            "most replacements of one transaction; then it is only rebroadcast");
    public static final ConfigKey<Long> POLL_INTERVAL_MS = ConfigKey.longValue("payout.pollIntervalMs", 1_000, 10, 60_000,
            "how long one loop waits for new payout requests (and so how often the chain is looked at)");
    public static final ConfigKey<Integer> SESSION_TIMEOUT_MS = ConfigKey.integer("payout.sessionTimeoutMs", 45_000, 6_000, 300_000,
            "consumer group session timeout");
    public static final ConfigKey<Long> KAFKA_TIMEOUT_MS = ConfigKey.longValue("payout.kafkaTimeoutMs", 30_000, 1_000, 600_000,
            "longest wait for Kafka (transactions, reading the journal)");

    private PayoutConfig() {
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(WORKER_ID, WALLET_KEY, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE, RPC_URL, CHAIN_ID, POOL_PAYOUTS,
                CONFIRMATIONS, RPC_TIMEOUT_MS, KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, GROUP_ID, BATCH_MAX_PAYEES,
                GAS_PAID_BY, REPLACE_AFTER_MS, FEE_BUMP_PCT, REPLACEMENTS_MAX, POLL_INTERVAL_MS, SESSION_TIMEOUT_MS,
                KAFKA_TIMEOUT_MS);
    }

    /** Loads and checks everything, the wallet included, so a bad configuration stops the service at start. */
    public static Config load(ConfigSource source) {
        Config config = Config.load(source, keys());
        settings(config);
        credentials(config);
        return config;
    }

    public static PayoutSettings settings(Config c) {
        List<String> problems = new ArrayList<>();
        Address contract = null;
        try {
            contract = Address.parse(c.get(POOL_PAYOUTS).trim());
        } catch (IllegalArgumentException e) {
            problems.add(POOL_PAYOUTS.name() + ": " + e.getMessage());
        }
        GasPayer gasPayer = null;
        try {
            gasPayer = GasPayer.valueOf(c.get(GAS_PAID_BY).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(GAS_PAID_BY.name() + ": must be pool or member");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PayoutSettings(c.get(WORKER_ID), c.get(RPC_URL), c.get(CHAIN_ID), contract, c.get(CONFIRMATIONS),
                c.get(KAFKA_BOOTSTRAP_SERVERS), c.get(SCHEMA_REGISTRY_URL), c.get(GROUP_ID), c.get(BATCH_MAX_PAYEES),
                gasPayer, Duration.ofMillis(c.get(REPLACE_AFTER_MS)), c.get(FEE_BUMP_PCT), c.get(REPLACEMENTS_MAX),
                Duration.ofMillis(c.get(POLL_INTERVAL_MS)), Duration.ofMillis(c.get(RPC_TIMEOUT_MS)),
                Duration.ofMillis(c.get(SESSION_TIMEOUT_MS)), Duration.ofMillis(c.get(KAFKA_TIMEOUT_MS)));
    }

    /** The payout wallet: the hex key, else the keystore with its password file. */
    public static Credentials credentials(Config c) {
        return WalletKeys.credentials(c, WALLET_KEY, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE);
    }
}
