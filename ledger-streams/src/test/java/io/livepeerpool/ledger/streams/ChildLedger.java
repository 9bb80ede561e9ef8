package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LedgerInstanceMain} process, started from the test JVM's classpath; {@link #kill} is SIGKILL. */
final class ChildLedger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildLedger.class);
    static final long READY_TIMEOUT_SECONDS = 90;

    private final Process process;
    private volatile String activeTasks = "[]";

    private ChildLedger(Process process) {
        this.process = process;
    }

    /** The tasks the instance last reported running, e.g. {@code [0_1, 2_0]}. */
    String activeTasks() {
        return activeTasks;
    }

    static ChildLedger start(String bootstrap, String registryUrl, String applicationId, Path stateDir,
                             String topicSuffix, int partitions, LedgerPolicy policy) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath, LedgerInstanceMain.class.getName(), bootstrap,
                registryUrl, applicationId, stateDir.toString(), topicSuffix, Integer.toString(partitions)));
        LedgerInstanceMain.settings(policy).forEach((k, v) -> command.add(k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        ChildLedger child = new ChildLedger(process);
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.info("[child {}] {}", process.pid(), line);
                    if (line.equals("READY")) {
                        ready.complete(null);
                    } else if (line.startsWith("TASKS ")) {
                        child.activeTasks = line.substring("TASKS ".length());
                    }
                }
            } catch (IOException e) {
                log.debug("child output closed", e);
            }
            ready.completeExceptionally(new IllegalStateException("child ledger exited before it was ready"));
        }, "child-ledger-output");
        output.setDaemon(true);
        output.start();
        try {
            ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            child.kill();
            throw e;
        }
        return child;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the instance gets no chance to abort its transaction, leave the group or flush its stores. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
