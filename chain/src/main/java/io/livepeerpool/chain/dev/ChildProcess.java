package io.livepeerpool.chain.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping child processes: gracefully, then forcibly, with their descendants; and the pid-file check for leftovers. */
final class ChildProcess {
    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    private ChildProcess() {
    }

    /** SIGTERM to the process and its descendants, SIGKILL after {@code grace}; waits until they are gone. */
    static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        awaitOrKill(process, grace);
        descendants.forEach(d -> awaitOrKill(d, Duration.ofSeconds(1)));
    }

    private static void awaitOrKill(ProcessHandle process, Duration grace) {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by whoever needs the port next
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // gone
        }
    }

    /** Stops the process named in {@code pidFile} if it is alive and its command line contains {@code marker}. */
    static void stopLeftover(Path pidFile, String marker, Duration grace) {
        readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().or(() -> p.info().command()).orElse("").contains(marker))
                .ifPresent(p -> {
                    log.warn("Stopping dev chain process {} left behind by an earlier run ({})", p.pid(), pidFile);
                    stop(p, grace);
                });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
