package io.livepeerpool.launcher.dev;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.gateway.GatewayConfig;
import io.livepeerpool.gateway.GatewayServer;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.lifecycle.ServiceRunner;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool dev}: the whole pool in one process on the embedded devstack. Everything persistent lives in the data
 * dir, so a restart keeps topics, rows and the dev orchestrator's key.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run the whole pool on this machine: embedded Kafka, Schema Registry, PostgreSQL and every service.")
public final class DevCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DevCommand.class);
    /** A transcoder address for the printed example: any address works, jobs name the transcoder that did them. */
    private static final String EXAMPLE_TRANSCODER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".pool-dev",
            description = "Where all state lives (default: ${DEFAULT-VALUE}); reuse it to keep data across restarts.")
    Path dataDir;

    @Option(names = "--gateway-port", paramLabel = "N", defaultValue = "8443",
            description = "HTTPS port of the gateway (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int gatewayPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a service configuration key (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.toAbsolutePath().normalize();
        try (ServiceRunner runner = new ServiceRunner()) {
            DevstackService devstack = new DevstackService(DevstackOptions.defaults(dir));
            runner.start(List.of(devstack));
            Devstack infra = devstack.devstack();
            infra.createTopics(Topics.newTopics(0, (short) 1));

            DevKeys.DevKey key = DevKeys.loadOrCreate(dir.resolve("orchestrator-keys.json"), DevAccounts.ORCHESTRATOR);
            ConfigSource source = ConfigSource.of(serviceSettings(infra, dir)).withOverrides(overrides);
            var registry = Metrics.newRegistry();
            Projector projector = Projector.fromConfig(Config.load(source, ProjectorConfig.KEYS), registry);
            GatewayServer gateway = GatewayServer.fromConfig(GatewayConfig.load(source), registry);
            runner.start(List.of(projector, gateway));

            DevCredentials credentials = credentials(infra, gateway, key, writeCertificate(dir, gateway.certificate()), dir);
            credentials.write(dir);
            printWelcome(credentials, dir);
            runner.awaitShutdown();
        }
        return 0;
    }

    private Map<String, String> serviceSettings(Devstack infra, Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrapServers", infra.bootstrapServers());
        settings.put("schemaRegistry.url", infra.schemaRegistryUrl());
        settings.put("db.jdbcUrl", infra.jdbcUrl());
        settings.put("db.user", infra.jdbcUser());
        settings.put("db.password", infra.jdbcPassword());
        settings.put("gateway.host", "127.0.0.1");
        settings.put("gateway.dnsName", "localhost");
        settings.put("gateway.port", Integer.toString(gatewayPort));
        settings.put("gateway.keysFile", dir.resolve("orchestrator-keys.json").toString());
        settings.put("gateway.kafka.transactionalIdPrefix", "dev-gateway");
        settings.put("gateway.benchBaseline", "true");
        return settings;
    }

    private static Path writeCertificate(Path dir, X509Certificate certificate) throws Exception {
        Path file = dir.resolve("gateway-cert.pem");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(file, pem);
        return file;
    }

    private static DevCredentials credentials(Devstack infra, GatewayServer gateway, DevKeys.DevKey key, Path cert, Path dir) {
        return new DevCredentials(gateway.url(), key.keyId(), key.secretHex(), key.orchestrator(),
                gateway.certificateFingerprint(), cert.toString(), infra.bootstrapServers(), infra.schemaRegistryUrl(),
                infra.jdbcUrl());
    }

    private static void printWelcome(DevCredentials c, Path dir) {
        log.info("pool dev is up (Ctrl-C stops everything; data in {})", dir);
        System.out.println();
        System.out.println("  Gateway        " + c.gatewayUrl() + "   (certificate SHA-256 " + c.certificateFingerprint() + ")");
        System.out.println("  Certificate    " + c.certificateFile());
        System.out.println("  Orchestrator   " + c.orchestrator() + "   key id " + c.keyId());
        System.out.println("  Credentials    " + dir.resolve(DevCredentials.FILE_NAME));
        System.out.println("  Kafka          " + c.kafkaBootstrapServers());
        System.out.println("  Registry       " + c.schemaRegistryUrl());
        System.out.println("  PostgreSQL     " + c.jdbcUrl());
        System.out.println();
        System.out.println("  Post a signed job and read it back (paste into a shell):");
        System.out.println();
        System.out.println(SignedCurlExample.forJob(c, EXAMPLE_TRANSCODER).indent(4));
    }
}
