package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production jar ({@code launcher/target/pool.jar}, what the image ships) as built: none of the development
 * infrastructure, and still a working launcher. The reactor packages launcher before this module's tests run.
 */
class ProductionJarTest {
    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void listTheJar() throws IOException {
        jar = Path.of(System.getProperty("pool.productionJar", "../launcher/target/pool.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("build the launcher module first (mvn -pl launcher-dev -am verify)").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }
        System.out.printf("production jar %s: %d entries, %d MiB%n", jar, entries.size(), Files.size(jar) >> 20);
    }

    @Test
    void carriesNoDevelopmentInfrastructure() {
        assertThat(entries).noneMatch(e -> e.startsWith("io/zonky/")) // embedded PostgreSQL and its binaries
                .noneMatch(e -> e.startsWith("postgres-") && e.endsWith(".txz"))
                .noneMatch(e -> e.startsWith("kafka/server/")) // the embedded broker
                .noneMatch(e -> e.startsWith("org/apache/kafka/metadata/"))
                .noneMatch(e -> e.startsWith("io/livepeerpool/devstack/"))
                .noneMatch(e -> e.startsWith("io/livepeerpool/chain/dev/")) // anvil node, deployer, dev accounts
                .noneMatch(e -> e.startsWith("io/livepeerpool/launcher/dev/"))
                .noneMatch(e -> e.startsWith("io/livepeerpool/launcher/bench/"))
                .noneMatch(e -> e.toLowerCase(Locale.ROOT).contains("anvil"))
                .noneMatch(e -> e.contains("node_modules"));
    }

    @Test
    void stillCarriesWhatTheServicesNeed() {
        assertThat(entries).contains("io/livepeerpool/launcher/Pool.class",
                "io/livepeerpool/gateway/GatewayServer.class",
                "io/livepeerpool/chainwatcher/ChainWatcher.class",
                "io/livepeerpool/chain/contracts/TicketBrokerClient.class",
                "org/apache/kafka/clients/producer/KafkaProducer.class",
                "org/apache/kafka/streams/KafkaStreams.class",
                "org/postgresql/Driver.class");
    }

    @Test
    void runsAndListsOnlyProductionCommands() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("gateway", "projector", "ledger", "chain-watcher")
                .doesNotContainPattern("(?m)^\\s+dev\\s").doesNotContainPattern("(?m)^\\s+bench\\s");
    }
}
