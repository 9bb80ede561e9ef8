package io.livepeerpool.payout.fees;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link FeeWithdrawerInstanceMain} process from the test JVM's classpath; {@link #kill} is SIGKILL. */
final class ChildWithdrawer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildWithdrawer.class);

    private final Process process;
    private final CompletableFuture<String> parked = new CompletableFuture<>();

    private ChildWithdrawer(Process process) {
        this.process = process;
    }

    static ChildWithdrawer start(String topicSuffix, Map<String, String> settings, String park) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                FeeWithdrawerInstanceMain.class.getName(), topicSuffix, "park=" + park));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildWithdrawer child = new ChildWithdrawer(process);
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.info("[child {}] {}", process.pid(), line);
                    if (line.startsWith("PARKED ")) {
                        child.parked.complete(line.substring("PARKED ".length()));
                    }
                }
            } catch (IOException e) {
                log.debug("child output closed", e);
            }
            child.parked.completeExceptionally(new IllegalStateException("child withdrawer exited before parking"));
        }, "child-withdrawer-output");
        output.setDaemon(true);
        output.start();
        return child;
    }

    String awaitParked(Duration timeout) throws Exception {
        return parked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: no transaction aborted, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
