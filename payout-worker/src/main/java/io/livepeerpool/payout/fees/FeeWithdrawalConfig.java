package io.livepeerpool.payout.fees;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.chain.wallet.WalletKeys;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * Every configuration key of the fee withdrawer, declared once; {@link #settings} reports every problem at once. The
 * chain and Kafka keys have the same names as the payout worker's, so one file configures both.
 */
public final class FeeWithdrawalConfig {
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("payout.feeWithdrawal.enabled", true,
            "withdraw the orchestrator's fees to the payout wallet when it holds less than the payouts due; false for"
                    + " operators who withdraw by hand");
    public static final ConfigKey<String> WITHDRAWER_ID = ConfigKey.string("payout.feeWithdrawal.id", "fee-withdrawer",
            "this instance's name, recorded with each withdrawal");
    public static final ConfigKey<String> ORCHESTRATOR_KEY = ConfigKey.optionalSecret("payout.feeWithdrawal.orchestratorKey",
            "hex private key of the orchestrator (dev only; use the keystore below in production)");
    public static final ConfigKey<String> KEYSTORE_FILE = ConfigKey.string("payout.feeWithdrawal.keystoreFile", "",
            "the orchestrator's web3 keystore (JSON), with payout.feeWithdrawal.keystorePasswordFile");
    public static final ConfigKey<String> KEYSTORE_PASSWORD_FILE = ConfigKey.string(
            "payout.feeWithdrawal.keystorePasswordFile", "", "file holding the keystore's password");
    public static final ConfigKey<String> RECIPIENT = ConfigKey.string("payout.feeWithdrawal.recipient", "",
            "the payout wallet the fees go to; empty: the payout worker's own wallet");
    public static final ConfigKey<BigInteger> GAS_RESERVE_WEI = ConfigKey.bigInteger("payout.feeWithdrawal.gasReserveWei",
            BigInteger.TEN.pow(15), BigInteger.ZERO, "wei kept in the payout wallet above the payouts due, for the payouts' gas");
    public static final ConfigKey<BigInteger> MIN_WEI = ConfigKey.bigInteger("payout.feeWithdrawal.minWei",
            BigInteger.ONE, BigInteger.ONE, "smallest withdrawal worth its gas; a smaller shortfall waits");
    public static final ConfigKey<Long> INTERVAL_MS = ConfigKey.longValue("payout.feeWithdrawal.intervalMs", 15_000, 10,
            3_600_000, "how often the wallet is compared with the payouts due (and an open withdrawal looked at)");
    public static final ConfigKey<Long> RETRY_AFTER_MS = ConfigKey.longValue("payout.feeWithdrawal.retryAfterMs", 60_000, 10,
            86_400_000, "wait after a withdrawal that would revert or did revert before trying again");
    public static final ConfigKey<Integer> SETTLED_CHECKS_MAX = ConfigKey.integer("payout.feeWithdrawal.settledChecksMax",
            1_000, 0, 100_000, "most open payout requests checked against PoolPayouts.paid/refused per look");
    public static final ConfigKey<String> BONDING_MANAGER = ConfigKey.string("chain.bondingManager", "",
            "BondingManager address (required when the fee withdrawal is enabled)");
    public static final ConfigKey<String> POOL_PAYOUTS = ConfigKey.string("chain.poolPayouts", "",
            "PoolPayouts address; when set, payout requests the contract already settled count as paid");
    public static final ConfigKey<String> RPC_URL = ConfigKey.secret("chain.rpcUrl",
            "Ethereum JSON-RPC endpoint (HTTP); a secret, since provider URLs embed API keys");
    public static final ConfigKey<Long> CHAIN_ID = ConfigKey.longValue("chain.id", 31337, 1, Long.MAX_VALUE,
            "chain id signed into every transaction (42161 Arbitrum One, 31337 the dev chain)");
    public static final ConfigKey<Integer> CONFIRMATIONS = ConfigKey.integer("chain.confirmations", 12, 0, 100_000,
            "blocks a transaction must be buried under before its outcome is recorded");
    public static final ConfigKey<Long> RPC_TIMEOUT_MS = ConfigKey.longValue("chain.rpcTimeoutMs", 10_000, 100, 300_000,
            "timeout of each JSON-RPC call");
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Schema Registry base URL");

    private FeeWithdrawalConfig() {
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(ENABLED, WITHDRAWER_ID, ORCHESTRATOR_KEY, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE, RECIPIENT,
                GAS_RESERVE_WEI, MIN_WEI, INTERVAL_MS, RETRY_AFTER_MS, SETTLED_CHECKS_MAX, BONDING_MANAGER, POOL_PAYOUTS,
                RPC_URL, CHAIN_ID, CONFIRMATIONS, RPC_TIMEOUT_MS, KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL);
    }

    public static Config load(ConfigSource source) {
        return Config.load(source, keys());
    }

    /**
     * The withdrawer's settings, or empty when it is switched off. {@code payoutWallet} is the payout worker's wallet,
     * used when {@link #RECIPIENT} is empty.
     */
    public static Optional<FeeWithdrawalSettings> settings(Config c, Optional<Address> payoutWallet) {
        if (!c.get(ENABLED)) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        Address bonding = address(c, BONDING_MANAGER, problems).orElse(null);
        if (bonding == null && problems.isEmpty()) {
            problems.add(BONDING_MANAGER.name() + ": required while " + ENABLED.name() + " is true");
        }
        Optional<Address> payouts = address(c, POOL_PAYOUTS, problems);
        Address recipient = address(c, RECIPIENT, problems).or(() -> payoutWallet).orElse(null);
        if (recipient == null && problems.stream().noneMatch(p -> p.startsWith(RECIPIENT.name()))) {
            problems.add(RECIPIENT.name() + ": required (the payout wallet's address)");
        }
        Credentials orchestrator = null;
        try {
            orchestrator = credentials(c);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return Optional.of(new FeeWithdrawalSettings(c.get(WITHDRAWER_ID), orchestrator, recipient, bonding, payouts,
                c.get(GAS_RESERVE_WEI), c.get(MIN_WEI), Duration.ofMillis(c.get(INTERVAL_MS)),
                Duration.ofMillis(c.get(RETRY_AFTER_MS)), c.get(SETTLED_CHECKS_MAX), c.get(RPC_URL), c.get(CHAIN_ID),
                c.get(CONFIRMATIONS), Duration.ofMillis(c.get(RPC_TIMEOUT_MS)), c.get(KAFKA_BOOTSTRAP_SERVERS),
                c.get(SCHEMA_REGISTRY_URL)));
    }

    /** The orchestrator's key: the hex key, else the keystore with its password file. Problems never show the secret. */
    static Credentials credentials(Config c) {
        return WalletKeys.credentials(c, ORCHESTRATOR_KEY, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE);
    }

    private static Optional<Address> address(Config c, ConfigKey<String> key, List<String> problems) {
        String text = c.get(key).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Address.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(key.name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
