package io.livepeerpool.platform.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child processes the dev infrastructure starts (schema registry, PostgreSQL, anvil): stopping them gracefully,
 * then forcibly, with their descendants; and stopping one left behind by an earlier run whose JVM was killed before
 * it could clean up (kill -9, an IDE's stop), which would hold the port, the file locks or the data files.
 */
public final class ChildProcesses {
    private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration DESCENDANT_GRACE = Duration.ofSeconds(1);

    private ChildProcesses() {
    }

    /** SIGTERM to the process and its descendants, SIGKILL after {@code grace}; waits until they are gone. */
    public static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        awaitOrKill(process, grace);
        descendants.forEach(d -> awaitOrKill(d, DESCENDANT_GRACE));
    }

    /**
     * Reads the pid from the first line of {@code pidFile} and stops that process if it is alive, is not this JVM,
     * and {@code isOurs} recognises it (a pid file can outlive its process, and pids are reused).
     */
    public static void stopIfAlive(Path pidFile, Predicate<ProcessHandle.Info> isOurs, Duration grace) {
        pid(pidFile).filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isOurs.test(process.info()))
                .ifPresent(process -> {
                    log.warn("stopping process {} left behind by an earlier run ({})", process.pid(), pidFile);
                    stop(process, grace);
                });
    }

    /** The executable's file name, e.g. {@code java} or {@code postgres}; empty if the OS does not tell. */
    public static String executableName(ProcessHandle.Info info) {
        return info.command().map(command -> Path.of(command).getFileName().toString()).orElse("");
    }

    /** The full command line, or just the executable if the OS does not tell more. */
    public static String commandLine(ProcessHandle.Info info) {
        return info.commandLine().or(info::command).orElse("");
    }

    private static void awaitOrKill(ProcessHandle process, Duration grace) {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // reported by whoever needs the port or the lock next
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // gone
        }
    }

    private static Optional<Long> pid(Path pidFile) {
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
