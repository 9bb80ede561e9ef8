package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool dev} in a child JVM, stopped with SIGTERM as an operator (or ./pool on Ctrl-C) stops it: every service
 * stops before the infrastructure it uses, each within its bound, and a stop soon after a restart on the same data
 * does not hang in a rebalance nor leave a stream thread logging.
 */
class PoolDevShutdownTest {
    private static final Pattern STOPPED = Pattern.compile("stopped (.+) in (\\d+) ms");
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);

    @Test
    @Timeout(600)
    void servicesStopBeforeTheirInfrastructureEachWithinItsBoundAlsoRightAfterARestart(@TempDir Path dir) throws Exception {
        List<String> first = runAndStop(dir);
        assertOrderedAndBounded(first);

        // the same data dir again, stopped as soon as it is up: the ledger left its group on the first stop
        long started = System.nanoTime();
        List<String> second = runAndStop(dir);
        assertOrderedAndBounded(second);
        assertThat(stopMillis(second, "ledger")).as("no 30 s rebalance on a stop right after a start").isLessThan(10_000);
        int ledgerStopped = indexOf(second, "stopped ledger");
        assertThat(second.subList(ledgerStopped, second.size()))
                .as("no stream thread logs after the ledger stopped")
                .noneMatch(line -> line.contains("StreamThread") || line.contains("stream-thread"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(5));
    }

    private static void assertOrderedAndBounded(List<String> lines) {
        int gateway = indexOf(lines, "stopped ingest gateway");
        int watcher = indexOf(lines, "stopped chain-watcher");
        int ledger = indexOf(lines, "stopped ledger");
        int projector = indexOf(lines, "stopped projector");
        int kafka = indexOf(lines, "Kafka broker stopped");
        int postgres = indexOf(lines, "PostgreSQL stopped");
        int devstack = indexOf(lines, "stopped devstack");
        assertThat(List.of(gateway, watcher, ledger, projector, devstack)).as(String.join("\n", lines)).isSorted();
        assertThat(projector).as("the projector stops before PostgreSQL").isLessThan(postgres);
        assertThat(ledger).as("the ledger stops before Kafka").isLessThan(kafka);
        assertThat(lines).noneMatch(line -> line.contains("did not stop within"));
        for (String line : lines) {
            Matcher m = STOPPED.matcher(line);
            if (m.find()) {
                assertThat(Long.parseLong(m.group(2))).as(line).isLessThan(STOP_BOUND.toMillis());
            }
        }
    }

    private static long stopMillis(List<String> lines, String service) {
        for (String line : lines) {
            Matcher m = STOPPED.matcher(line);
            if (m.find() && m.group(1).startsWith(service)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no stop line for " + service);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in:\n" + String.join("\n", lines));
    }

    /** Starts pool dev on {@code dir}, waits until it is up, sends SIGTERM; every line it printed after the signal. */
    private static List<String> runAndStop(Path dir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-XX:+UseSerialGC", "-cp", classpath, PoolDev.class.getName(), "dev", "--data-dir", dir.toString(),
                "--gateway-port", "0").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[pool dev] " + line);
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.contains("pool dev is up")) {
                        up.complete(null);
                    }
                }
            } catch (Exception e) {
                up.completeExceptionally(e);
            }
            up.completeExceptionally(new IllegalStateException("pool dev exited before it was up"));
        });
        try {
            up.get(4, TimeUnit.MINUTES);
            int from;
            synchronized (lines) {
                from = lines.size();
            }
            long signalled = System.nanoTime();
            process.toHandle().destroy(); // SIGTERM (Process.destroy would also close the pipe we read the log from)
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("pool dev exits after SIGTERM").isTrue();
            reader.join(10_000);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("the whole stop is bounded")
                    .isLessThan(Duration.ofSeconds(90));
            assertThat(process.exitValue()).isEqualTo(128 + 15);
            synchronized (lines) {
                return List.copyOf(lines.subList(from, lines.size()));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
