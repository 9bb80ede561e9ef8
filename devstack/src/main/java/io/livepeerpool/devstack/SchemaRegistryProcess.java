package io.livepeerpool.devstack;

import io.livepeerpool.platform.process.ChildProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 3 as a child process of this JVM, serving the Confluent-compatible API at
 * {@code /apis/ccompat/v7}. Storage is H2 in a file under {@code <dataDir>/registry}, so schemas survive a restart;
 * output goes to {@code <dataDir>/registry.log}. The child is killed on {@link #close()} and, failing that, by a JVM
 * shutdown hook; a child left behind by a JVM that was killed outright is stopped by the next start on the same data
 * directory (see {@link ChildProcesses}).
 */
final class SchemaRegistryProcess implements AutoCloseable {

    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String RUNNER_MARKER = "apicurio-registry-app-";

    private final Process process;
    private final int port;
    private final Path pidFile;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryProcess(Process process, int port, Path pidFile) {
        this.process = process;
        this.port = port;
        this.pidFile = pidFile;
        this.shutdownHook = new Thread(() -> ChildProcesses.stop(process.toHandle(), STOP_GRACE),
                "devstack-registry-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the registry on 127.0.0.1:{@code port} and waits until its ccompat API answers. */
    static SchemaRegistryProcess start(Path dataDir, int port) throws Exception {
        Path runnerJar = ApicurioArchive.runnerJar();
        Path home = dataDir.resolve("registry");
        Files.createDirectories(home);
        Path pidFile = dataDir.resolve("registry.pid");
        ChildProcesses.stopIfAlive(pidFile, info -> ChildProcesses.executableName(info).startsWith("java")
                && ChildProcesses.commandLine(info).contains(RUNNER_MARKER), STOP_GRACE);
        Path logFile = dataDir.resolve("registry.log");

        ProcessBuilder builder = new ProcessBuilder(command(runnerJar, home, port))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        SchemaRegistryProcess registry = new SchemaRegistryProcess(builder.start(), port, pidFile);
        try {
            Files.writeString(pidFile, registry.process.pid() + "\n");
            registry.awaitReady(logFile);
            registry.requireBackwardCompatibility();
            return registry;
        } catch (Exception e) {
            registry.close();
            throw e;
        }
    }

    private static List<String> command(Path runnerJar, Path home, int port) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // faster start-up; the registry's load is tiny
        // Application class-data sharing: the first run writes the archive when it exits, later runs start in about
        // half the time. Per JVM version, next to the unpacked registry; an unusable archive is simply rewritten.
        String javaVersion = Runtime.version().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        command.add("-XX:SharedArchiveFile=" + runnerJar.resolveSibling("registry-java-" + javaVersion + ".jsa"));
        command.add("-XX:+AutoCreateSharedArchive");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        // H2 in a file: schemas survive a restart
        command.add("-Dapicurio.datasource.url=jdbc:h2:file:" + home.resolve("registry").toAbsolutePath());
        command.add("-Dapicurio.datasource.jdbc.initial-size=2");
        command.add("-Dapicurio.datasource.jdbc.min-size=2");
        command.add("-Dapicurio.datasource.jdbc.max-size=20");
        command.add("-Dapicurio.storage.snapshot.location=" + home.toAbsolutePath());
        // dev and tests may delete subjects / versions through the ccompat API
        command.add("-Dapicurio.rest.deletion.group.enabled=true");
        command.add("-Dapicurio.rest.deletion.artifact.enabled=true");
        command.add("-Dapicurio.rest.deletion.artifact-version.enabled=true");
        command.add("-jar");
        command.add(runnerJar.toAbsolutePath().toString());
        return command;
    }

    /** The {@code java} running this JVM, so the child uses the same runtime. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Apicurio's default compatibility level is NONE; the pool evolves its schemas BACKWARD (readers of a new version
     * read every old record), so the registry refuses anything else, as a Confluent registry configured for the pool
     * would. The schemas module's compatibility test is the first guard; this one holds at run time.
     */
    private void requireBackwardCompatibility() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest put = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/config"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
                    .build();
            HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("schema registry refused global compatibility BACKWARD: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        }
    }

    private void awaitReady(Path logFile) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            Await.until("schema registry at " + baseUrl(), START_TIMEOUT, Duration.ofMillis(250), () -> {
                if (!process.isAlive()) {
                    throw new Await.GaveUp("schema registry exited with code " + process.exitValue()
                            + "; last lines of " + logFile + ":\n" + tail(logFile, 30));
                }
                return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
        } catch (Await.GaveUp exited) {
            throw new IllegalStateException(exited.getMessage());
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "; last lines of " + logFile + ":\n" + tail(logFile, 30));
        } finally {
            http.close();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** e.g. {@code http://127.0.0.1:40124} */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Confluent-compatible API, e.g. {@code http://127.0.0.1:40124/apis/ccompat/v7}. */
    String ccompatUrl() {
        return baseUrl() + CCOMPAT_PATH;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the child (SIGTERM, then SIGKILL after a grace period) and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // only the stdin pipe
        }
        ChildProcesses.stop(process.toHandle(), STOP_GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the process is already gone
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.debug("could not delete {}", pidFile, e);
        }
    }
}
