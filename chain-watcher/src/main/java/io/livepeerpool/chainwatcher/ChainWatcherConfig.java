package io.livepeerpool.chainwatcher;

import io.livepeerpool.chainwatcher.chain.ChainPreset;
import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import io.livepeerpool.chainwatcher.chain.ContractRole;
import io.livepeerpool.chainwatcher.decode.OrchestratorFilter;
import io.livepeerpool.chainwatcher.poll.StartBlock;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of the chain watcher, declared once. {@link #load} validates all keys together, then the
 * rules that span keys (the preset and explicit addresses must give three distinct contracts), reporting every
 * problem at once. {@link #statusKeys()} is the subset {@link io.livepeerpool.chainwatcher.status.ChainStatus} needs.
 */
public final class ChainWatcherConfig {

    public static final ConfigKey<ChainPreset> PRESET = new ConfigKey<>("chain.preset", ChainPreset::parse, "none",
            "known network whose contract addresses to use: none | arbitrum-one (explicit chain.<contract> keys win)", false);
    /** Secret: provider URLs carry the API key (in the path, the query or the user info); shown as scheme://host:port. */
    public static final ConfigKey<String> RPC_URL = ConfigKey.secret("chain.rpcUrl",
            "Ethereum JSON-RPC endpoint (HTTP), e.g. an Arbitrum One provider URL; secret (or chain.rpcUrl.file)");
    public static final ConfigKey<String> TICKET_BROKER = address(ContractRole.TICKET_BROKER, "TicketBroker");
    public static final ConfigKey<String> ROUNDS_MANAGER = address(ContractRole.ROUNDS_MANAGER, "RoundsManager");
    public static final ConfigKey<String> BONDING_MANAGER = address(ContractRole.BONDING_MANAGER, "BondingManager");
    public static final ConfigKey<StartBlock> START_BLOCK = new ConfigKey<>("chain.startBlock", StartBlock::parse,
            "latest", "first block to read when the watcher has no cursor yet: a number, or latest (the confirmed head)", false);
    public static final ConfigKey<Integer> CONFIRMATIONS = ConfigKey.integer("chain.confirmations", 12, 0, 100_000,
            "blocks a log must be buried under before it is emitted (confirmed = head - confirmations); dev: 1 or 2");
    public static final ConfigKey<Long> POLL_INTERVAL_MS = ConfigKey.longValue("chain.pollIntervalMs", 2_000, 10, 600_000,
            "wait between polls once caught up with the confirmed head");
    public static final ConfigKey<Integer> BLOCK_RANGE_MAX = ConfigKey.integer("chain.blockRangeMax", 2_000, 1, 1_000_000,
            "most blocks per eth_getLogs (and per Kafka transaction); halved while the node refuses a range");
    public static final ConfigKey<Long> RPC_TIMEOUT_MS = ConfigKey.longValue("chain.rpcTimeoutMs", 10_000, 100, 300_000,
            "timeout of each JSON-RPC call (connect, read, whole call)");
    /**
     * The ledger's key (the same name and meaning as the ledger's {@code ledger.orchestrators}): one setting says
     * whose tickets are the pool's revenue. Optional only on the dev chain (chain id {@value #DEV_CHAIN_ID}), where
     * empty means every orchestrator; on any other chain the watcher stops naming this key.
     */
    public static final ConfigKey<OrchestratorFilter> POOL_ORCHESTRATORS = new ConfigKey<>("ledger.orchestrators",
            OrchestratorFilter::parse, "",
            "the pool's orchestrator addresses, comma-separated: whose WinningTicketTransfer / TranscoderUpdate to emit. "
                    + "Required except on the dev chain (chain id 31337), where empty means all", false);
    /** Hardhat's and anvil's chain id, which the dev chain uses: the one chain where the orchestrators may be left out. */
    public static final long DEV_CHAIN_ID = 31337;
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Confluent-compatible Schema Registry base URL");
    public static final ConfigKey<String> WATCHER_ID = new ConfigKey<>("chainWatcher.id", ChainWatcherConfig::watcherId,
            "chain-watcher", "this watcher's identity: cursor key and transactional.id suffix; one running process per id", false);
    public static final ConfigKey<Long> RETRY_BACKOFF_MIN_MS = ConfigKey.longValue("chainWatcher.retryBackoffMinMs", 250, 1, 60_000,
            "first wait after a failed poll (RPC or Kafka); doubles per failure");
    public static final ConfigKey<Long> RETRY_BACKOFF_MAX_MS = ConfigKey.longValue("chainWatcher.retryBackoffMaxMs", 30_000, 1, 3_600_000,
            "longest wait between retries");
    public static final ConfigKey<Long> HEALTH_STALE_MS = ConfigKey.longValue("chainWatcher.healthStaleMs", 120_000, 1_000, 86_400_000,
            "unhealthy when the last successful poll is older than this");
    public static final ConfigKey<Long> KAFKA_TIMEOUT_MS = ConfigKey.longValue("chainWatcher.kafkaTimeoutMs", 30_000, 1_000, 600_000,
            "longest wait for Kafka (transaction init, send, commit, cursor read) before the poll is retried");

    private ChainWatcherConfig() {
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(PRESET, RPC_URL, TICKET_BROKER, ROUNDS_MANAGER, BONDING_MANAGER, START_BLOCK, CONFIRMATIONS,
                POLL_INTERVAL_MS, BLOCK_RANGE_MAX, RPC_TIMEOUT_MS, POOL_ORCHESTRATORS, KAFKA_BOOTSTRAP_SERVERS,
                SCHEMA_REGISTRY_URL, WATCHER_ID, RETRY_BACKOFF_MIN_MS, RETRY_BACKOFF_MAX_MS, HEALTH_STALE_MS,
                KAFKA_TIMEOUT_MS);
    }

    /** What the gateway's {@code GET /status} needs (declare these in its configuration). */
    public static List<ConfigKey<?>> statusKeys() {
        return List.of(PRESET, RPC_URL, TICKET_BROKER, ROUNDS_MANAGER, BONDING_MANAGER, CONFIRMATIONS,
                KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, WATCHER_ID);
    }

    /** Loads and validates every key and the cross-key rules; {@link ConfigException} lists all problems. */
    public static Config load(ConfigSource source) {
        Config config = Config.load(source, keys());
        settings(config);
        return config;
    }

    /** The resolved settings of a configuration loaded with {@link #keys()}. */
    public static WatcherSettings settings(Config config) {
        ContractAddresses contracts = contracts(config);
        long backoffMin = config.get(RETRY_BACKOFF_MIN_MS);
        long backoffMax = config.get(RETRY_BACKOFF_MAX_MS);
        if (backoffMax < backoffMin) {
            throw new ConfigException(List.of("chainWatcher.retryBackoffMaxMs: must be >= chainWatcher.retryBackoffMinMs ("
                    + backoffMin + ")"));
        }
        if (config.get(POOL_ORCHESTRATORS).acceptsAll() && config.get(PRESET).chainId().isPresent()) {
            throw new ConfigException(List.of(POOL_ORCHESTRATORS.name() + ": required on " + config.get(PRESET).configName()
                    + " (only the dev chain may leave it out): the pool's orchestrator addresses, comma-separated"));
        }
        return new WatcherSettings(config.get(WATCHER_ID), config.get(RPC_URL), contracts,
                config.get(PRESET).chainId(), config.get(START_BLOCK), config.get(CONFIRMATIONS),
                Duration.ofMillis(config.get(POLL_INTERVAL_MS)), config.get(BLOCK_RANGE_MAX),
                Duration.ofMillis(config.get(RPC_TIMEOUT_MS)), config.get(POOL_ORCHESTRATORS),
                config.get(KAFKA_BOOTSTRAP_SERVERS), config.get(SCHEMA_REGISTRY_URL),
                Duration.ofMillis(backoffMin), Duration.ofMillis(backoffMax),
                Duration.ofMillis(config.get(HEALTH_STALE_MS)), Duration.ofMillis(config.get(KAFKA_TIMEOUT_MS)));
    }

    /** The three addresses: each explicit key, else the preset's; every missing one reported at once. */
    public static ContractAddresses contracts(Config config) {
        ChainPreset preset = config.get(PRESET);
        Map<ContractRole, String> explicit = new EnumMap<>(ContractRole.class);
        explicit.put(ContractRole.TICKET_BROKER, config.get(TICKET_BROKER));
        explicit.put(ContractRole.ROUNDS_MANAGER, config.get(ROUNDS_MANAGER));
        explicit.put(ContractRole.BONDING_MANAGER, config.get(BONDING_MANAGER));
        Map<ContractRole, Address> resolved = new EnumMap<>(ContractRole.class);
        List<String> problems = new ArrayList<>();
        for (ContractRole role : ContractRole.values()) {
            String text = explicit.get(role);
            Address address = text.isBlank() ? preset.address(role) : Address.parse(text);
            if (address == null) {
                problems.add(role.configKey() + ": required (set it, or chain.preset=arbitrum-one)");
            }
            resolved.put(role, address);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            return new ContractAddresses(resolved.get(ContractRole.TICKET_BROKER),
                    resolved.get(ContractRole.ROUNDS_MANAGER), resolved.get(ContractRole.BONDING_MANAGER));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("chain.ticketBroker, chain.roundsManager, chain.bondingManager: "
                    + e.getMessage()));
        }
    }

    private static ConfigKey<String> address(ContractRole role, String contract) {
        return new ConfigKey<>(role.configKey(), ChainWatcherConfig::optionalAddress, "",
                contract + " address; empty: the preset's", false);
    }

    /** Validated at load (EIP-55 when mixed case), kept as text so that empty can mean "from the preset". */
    private static String optionalAddress(String text) {
        String t = text.trim();
        return t.isEmpty() ? "" : Address.parse(t).hex();
    }

    private static String watcherId(String text) {
        String id = text.trim();
        if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("1 to 100 of A-Z a-z 0-9 . _ -");
        }
        return id;
    }
}
