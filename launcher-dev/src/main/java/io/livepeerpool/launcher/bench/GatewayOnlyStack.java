package io.livepeerpool.launcher.bench;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.gateway.GatewayConfig;
import io.livepeerpool.gateway.GatewayServer;
import io.livepeerpool.gateway.http.BenchAckedWrite;
import io.livepeerpool.launcher.dev.DevKeys;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What {@code pool bench ingest --stack gateway} measures against: the broker, the registry and PostgreSQL of an
 * embedded devstack (no chain) and a gateway in this JVM, with nothing consuming the topics: no ledger, projector,
 * performance topology or workers sharing the cores, as when the gateway runs on machines of its own. Its data dir
 * is a fresh temporary directory (a batch phase writes hundreds of megabytes of Kafka log), deleted at close.
 */
final class GatewayOnlyStack implements AutoCloseable {
    /** A fixed dev address: the keys file needs an orchestrator, and nothing on a chain is involved. */
    private static final String ORCHESTRATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private final Path dir;
    private final Devstack devstack;
    private final GatewayServer gateway;
    private final MeterRegistry registry;
    private final WrkLoad.Target target;

    private GatewayOnlyStack(Path dir, Devstack devstack, GatewayServer gateway, MeterRegistry registry,
                             WrkLoad.Target target) {
        this.dir = dir;
        this.devstack = devstack;
        this.gateway = gateway;
        this.registry = registry;
        this.target = target;
    }

    static GatewayOnlyStack start(Map<String, String> overrides) throws Exception {
        Path dir = Files.createTempDirectory("pool-bench-gateway-");
        Devstack devstack = Devstack.start(DevstackOptions.defaults(dir));
        try {
            List<NewTopic> topics = new ArrayList<>(Topics.newTopics(0, (short) 1));
            // the acked phase's topic, partitioned as the jobs' topic is
            topics.add(new NewTopic(BenchAckedWrite.TOPIC, Topics.TRANSCODER_JOBS.partitions(), (short) 1));
            devstack.createTopics(topics);
            DevKeys.DevKey key = DevKeys.loadOrCreate(dir.resolve("orchestrator-keys.json"), ORCHESTRATOR);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kafka.bootstrapServers", devstack.bootstrapServers());
            settings.put("schemaRegistry.url", devstack.schemaRegistryUrl());
            settings.put("db.jdbcUrl", devstack.jdbcUrl());
            settings.put("db.user", devstack.jdbcUser());
            settings.put("db.password", devstack.jdbcPassword());
            settings.put("gateway.host", "127.0.0.1");
            settings.put("gateway.dnsName", "localhost");
            settings.put("gateway.port", "0");
            settings.put("gateway.keysFile", dir.resolve("orchestrator-keys.json").toString());
            settings.put("gateway.kafka.transactionalIdPrefix", "bench-gateway");
            settings.put("gateway.benchBaseline", "true");
            settings.put("dashboard.enabled", "false");
            settings.put("ops.port", "0");
            settings.putAll(overrides);
            PrometheusMeterRegistry registry = Metrics.newRegistry();
            GatewayServer gateway = GatewayServer.fromConfig(GatewayConfig.load(ConfigSource.of(settings)), registry);
            gateway.start();
            return new GatewayOnlyStack(dir, devstack, gateway, registry,
                    new WrkLoad.Target(gateway.url(), key.keyId(), key.secretHex()));
        } catch (Exception | Error e) {
            devstack.close();
            Directories.deleteQuietly(dir);
            throw e;
        }
    }

    WrkLoad.Target target() {
        return target;
    }

    /** The replay window's store now, from the gateway's gauges: whether a sustained rate stays under its cap. */
    String nonceStore() {
        double nonces = registry.get("gateway.nonces.remembered").gauge().value();
        double bytes = registry.get("gateway.nonce.memory.bytes").gauge().value();
        double cap = registry.get("gateway.nonce.memory.max.bytes").gauge().value();
        return String.format(Locale.ROOT, "nonce store: %,.0f nonces in %.1f MiB of its %.0f MiB cap (%.1f bytes a nonce)",
                nonces, bytes / (1 << 20), cap / (1 << 20), nonces == 0 ? 0.0 : bytes / nonces);
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            devstack.close();
            Directories.deleteQuietly(dir);
        }
    }
}
