package io.livepeerpool.redeemer.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.Topics;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-livepeer's {@code net.TicketRedeemer} over gRPC with TLS, so an unmodified orchestrator started with
 * {@code -redeemerAddr host:port} queues its winning tickets in the pool and reads max floats from it. No
 * authentication, as in go-livepeer: a ticket is accepted only if the chain would pay it to one of the pool's
 * recipients, so a stranger can only give the pool money.
 */
public final class TicketRedeemerServer implements Service {
    private static final Logger log = LoggerFactory.getLogger(TicketRedeemerServer.class);
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final Settings settings;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private volatile Server server;
    private volatile MaxFloatFeed feed;
    private volatile GrpcTls tls;

    /** What the server needs, read from {@link GrpcRedeemerConfig}. */
    public record Settings(String host, int port, GrpcTlsChoice tls, Set<Address> recipients, Duration ackTimeout,
                           Duration catchUpTimeout, String bootstrapServers, String schemaRegistryUrl) {
    }

    /** A self-signed certificate for {@code dnsName}, or the PEM files when both are set. */
    public record GrpcTlsChoice(String dnsName, Optional<Path> certFile, Optional<Path> keyFile) {
        GrpcTls load() {
            return certFile.isPresent() ? GrpcTls.pem(certFile.get(), keyFile.orElseThrow()) : GrpcTls.selfSigned(dnsName);
        }
    }

    public TicketRedeemerServer(Settings settings) {
        this.settings = settings;
    }

    public static TicketRedeemerServer fromConfig(Config config) {
        String cert = config.get(GrpcRedeemerConfig.TLS_CERT_FILE);
        String key = config.get(GrpcRedeemerConfig.TLS_KEY_FILE);
        GrpcTlsChoice tls = new GrpcTlsChoice(config.get(GrpcRedeemerConfig.DNS_NAME),
                cert.isBlank() ? Optional.empty() : Optional.of(Path.of(cert)),
                key.isBlank() ? Optional.empty() : Optional.of(Path.of(key)));
        return new TicketRedeemerServer(new Settings(config.get(GrpcRedeemerConfig.HOST), config.get(GrpcRedeemerConfig.PORT),
                tls, config.get(GrpcRedeemerConfig.RECIPIENTS), Duration.ofMillis(config.get(GrpcRedeemerConfig.ACK_TIMEOUT_MS)),
                Duration.ofMillis(config.get(GrpcRedeemerConfig.CATCH_UP_TIMEOUT_MS)),
                config.get(GrpcRedeemerConfig.KAFKA_BOOTSTRAP_SERVERS), config.get(GrpcRedeemerConfig.SCHEMA_REGISTRY_URL)));
    }

    @Override
    public String name() {
        return "grpc-ticket-redeemer";
    }

    @Override
    public void start() throws Exception {
        try {
            tls = settings.tls().load();
            SchemaRegistryClient registry = own(SchemaRegistryClient.connect(settings.schemaRegistryUrl(), REGISTRY_TIMEOUT,
                    settings.ackTimeout(), 1));
            WinningTicketWriter writer = own(WinningTicketWriter.connect(settings.bootstrapServers(),
                    AvroSerde.forTopic(Topics.WINNING_TICKETS, registry).serializer(), settings.ackTimeout()));
            feed = own(new MaxFloatFeed(settings.bootstrapServers(), AvroSerde.forTopic(Topics.MAX_FLOAT, registry).deserializer()));
            feed.start(settings.catchUpTimeout());
            server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()), tls.credentials())
                    .addService(new TicketRedeemerEndpoint(settings.recipients(), writer, feed))
                    .build()
                    .start();
            log.info("gRPC TicketRedeemer listening on {} (TLS {}), recipients {}", address(), tls.origin(),
                    settings.recipients());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code host:port} for an orchestrator's {@code -redeemerAddr}; 127.0.0.1 when bound to every interface. */
    public String address() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        return host + ":" + port();
    }

    /** The per-start self-signed certificate; empty when PEM files are configured. */
    public Optional<X509Certificate> certificate() {
        return tls.certificate();
    }

    MaxFloatFeed maxFloatFeed() {
        return feed;
    }

    @Override
    public boolean healthy() {
        Server s = server;
        MaxFloatFeed f = feed;
        return s != null && !s.isShutdown() && f != null && f.healthy();
    }

    @Override
    public void close() {
        Server s = server;
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    s.shutdownNow(); // open MonitorMaxFloat streams never end by themselves
                    s.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                log.warn("closing {}: {}", name(), e.toString());
            }
        }
    }
}
