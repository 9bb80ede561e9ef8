package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.protocol.address.Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The max float service's configuration, every key declared once. The Kafka, registry and chain keys have the names
 * the ledger and the chain watcher use, so one file can configure them all.
 */
public record MaxFloatConfig(String bootstrapServers, String schemaRegistryUrl, String rpcUrl, Address ticketBroker,
                             Address roundsManager, Address bondingManager, Address recipient, String applicationId,
                             Path stateDir, int partitions) {

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Confluent-compatible Schema Registry base URL");
    public static final ConfigKey<String> RPC_URL = ConfigKey.string("chain.rpcUrl", null,
            "Ethereum JSON-RPC endpoint (HTTP): reads a new sender's funds from the TicketBroker's views");
    public static final ConfigKey<Address> TICKET_BROKER = address("chain.ticketBroker", "TicketBroker");
    public static final ConfigKey<Address> ROUNDS_MANAGER = address("chain.roundsManager", "RoundsManager");
    public static final ConfigKey<Address> BONDING_MANAGER = address("chain.bondingManager", "BondingManager");
    public static final ConfigKey<Address> RECIPIENT = new ConfigKey<>("maxFloat.recipient", Address::parse, null,
            "the orchestrator whose max float this is (ticket recipient; the address the redeemer serves): its own "
                    + "reserve claims count against its share", false);
    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.string("maxFloat.applicationId", "pool-max-float",
            "Kafka Streams application id of max float (consumer group, changelog and repartition topic prefix)");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.path("maxFloat.stateDir", "data/max-float",
            "directory of this instance's state stores (RocksDB); kept across restarts");
    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.integer("maxFloat.partitions", 3, 1, 1_000,
            "partitions of the max-float inputs topic (by sender); never change it under existing state");

    public static final List<ConfigKey<?>> KEYS = List.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, RPC_URL,
            TICKET_BROKER, ROUNDS_MANAGER, BONDING_MANAGER, RECIPIENT, APPLICATION_ID, STATE_DIR, PARTITIONS);

    public MaxFloatConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(ticketBroker, "ticketBroker");
        Objects.requireNonNull(roundsManager, "roundsManager");
        Objects.requireNonNull(bondingManager, "bondingManager");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(stateDir, "stateDir");
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("applicationId must be 1-100 of [A-Za-z0-9._-], got " + applicationId);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }

    public static MaxFloatConfig from(Config config) {
        return new MaxFloatConfig(config.get(BOOTSTRAP_SERVERS), config.get(SCHEMA_REGISTRY_URL), config.get(RPC_URL),
                config.get(TICKET_BROKER), config.get(ROUNDS_MANAGER), config.get(BONDING_MANAGER),
                config.get(RECIPIENT), config.get(APPLICATION_ID), config.get(STATE_DIR), config.get(PARTITIONS));
    }

    private static ConfigKey<Address> address(String name, String contract) {
        return new ConfigKey<>(name, Address::parse, null, contract + " contract address", false);
    }
}
