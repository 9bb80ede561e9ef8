package io.livepeerpool.redeemer.grpc;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.tls.SelfSignedCertificate;
import io.livepeerpool.protocol.address.Address;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every configuration key of the gRPC TicketRedeemer, declared once. */
public final class GrpcRedeemerConfig {
    public static final ConfigKey<String> HOST = ConfigKey.string("redeemer.grpc.host", "0.0.0.0",
            "interface the gRPC TicketRedeemer binds");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("redeemer.grpc.port", 8935, 0, 65_535,
            "gRPC port (go-livepeer's redeemer default, 8935); 0 picks a free port (see the start log)");
    public static final ConfigKey<String> DNS_NAME = ConfigKey.string("redeemer.grpc.dnsName",
            SelfSignedCertificate.localHostName(), "name in the self-signed certificate's SAN (with localhost and 127.0.0.1)");
    public static final ConfigKey<String> TLS_CERT_FILE = ConfigKey.string("redeemer.grpc.tls.certFile", "",
            "PEM certificate chain (leaf first); with redeemer.grpc.tls.keyFile replaces the per-start self-signed certificate");
    public static final ConfigKey<String> TLS_KEY_FILE = ConfigKey.string("redeemer.grpc.tls.keyFile", "",
            "PEM private key of redeemer.grpc.tls.certFile (PKCS#8 'PRIVATE KEY', unencrypted)");
    public static final ConfigKey<Set<Address>> RECIPIENTS = new ConfigKey<>("redeemer.grpc.recipients",
            GrpcRedeemerConfig::addresses, null,
            "comma-separated ticket recipients (the pool's orchestrators) whose tickets QueueTicket accepts", false);
    public static final ConfigKey<Long> ACK_TIMEOUT_MS = ConfigKey.longValue("redeemer.grpc.kafka.ackTimeoutMs", 5_000, 500, 60_000,
            "longest wait for Kafka's acknowledgement of a queued ticket before UNAVAILABLE; below go-livepeer's 8 s call deadline");
    public static final ConfigKey<Long> CATCH_UP_TIMEOUT_MS = ConfigKey.longValue("redeemer.grpc.maxFloat.catchUpTimeoutMs", 60_000, 1_000, 3_600_000,
            "how long start waits to read pool.max-float up to its end before serving MaxFloat");
    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string("schemaRegistry.url", null,
            "Confluent-compatible Schema Registry base URL");

    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, DNS_NAME, TLS_CERT_FILE, TLS_KEY_FILE, RECIPIENTS,
            ACK_TIMEOUT_MS, CATCH_UP_TIMEOUT_MS, KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL);

    private GrpcRedeemerConfig() {
    }

    /** Loads and validates every key, then the rule that spans two (TLS files come in pairs). */
    public static Config load(ConfigSource source) {
        Config config = Config.load(source, KEYS);
        if (config.get(TLS_CERT_FILE).isBlank() != config.get(TLS_KEY_FILE).isBlank()) {
            throw new ConfigException(List.of("redeemer.grpc.tls.certFile and redeemer.grpc.tls.keyFile: set both"
                    + " (your certificate) or neither (a self-signed certificate at each start)"));
        }
        return config;
    }

    private static Set<Address> addresses(String text) {
        Set<Address> parsed = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Address::parse).collect(Collectors.toUnmodifiableSet());
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("at least one 0x address");
        }
        return parsed;
    }
}
