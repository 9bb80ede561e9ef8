package io.livepeerpool.devstack;

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
 * Stops a child process left behind by an earlier devstack on the same data directory whose JVM was killed before
 * it could clean up (kill -9, IDE "stop"): it would hold the port, the file locks or the database files.
 * Only a live process (never this JVM) that {@code isOurs} recognises is touched.
 */
final class StaleProcess {

    private static final Logger log = LoggerFactory.getLogger(StaleProcess.class);

    private StaleProcess() {
    }

    /**
     * Reads the pid from the first line of {@code pidFile} and stops that process if it is alive and
     * {@code isOurs} accepts its {@link ProcessHandle.Info} (a pid file can outlive its process, and pids are reused).
     */
    static void stopIfAlive(Path pidFile, Predicate<ProcessHandle.Info> isOurs, Duration gracePeriod) {
        pid(pidFile).filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isOurs.test(process.info()))
                .ifPresent(process -> stop(process, pidFile, gracePeriod));
    }

    /** The executable's file name, e.g. {@code java} or {@code postgres}; empty if the OS does not tell. */
    static String executableName(ProcessHandle.Info info) {
        return info.command().map(command -> Path.of(command).getFileName().toString()).orElse("");
    }

    /** The full command line, or just the executable if the OS does not tell more. */
    static String commandLine(ProcessHandle.Info info) {
        return info.commandLine().or(info::command).orElse("");
    }

    /** Graceful stop (SIGTERM), then SIGKILL after {@code gracePeriod}; waits until it is gone. */
    static void stop(ProcessHandle process, Duration gracePeriod) {
        process.destroy();
        try {
            process.onExit().get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's next step (port or lock still taken)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // the process is gone
        }
    }

    private static void stop(ProcessHandle process, Path pidFile, Duration gracePeriod) {
        log.warn("Stopping process {} left behind by an earlier devstack ({})", process.pid(), pidFile);
        stop(process, gracePeriod);
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
