package io.livepeerpool.devstack;

import io.livepeerpool.platform.net.FreePort;
import io.livepeerpool.platform.process.ChildProcesses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FreePort, DevstackOptions, ChildProcesses and Await. */
class SmallPartsTest {

    @TempDir
    Path dir;

    @Test
    void freePortsAreDistinctAndFixedPortsAreKept() {
        int[] ports = FreePort.resolve(0, 0, 0, 12345);
        assertThat(ports[3]).isEqualTo(12345);
        assertThat(Arrays.stream(ports, 0, 3).distinct().count()).isEqualTo(3);
        assertThat(Arrays.stream(ports, 0, 3)).allSatisfy(port -> assertThat(port).isBetween(1, 65535));
    }

    @Test
    void optionsDefaultToFreePortsAndRejectBadOnes() {
        DevstackOptions options = DevstackOptions.defaults(Path.of("rel/dir"));
        assertThat(options.dataDir()).isAbsolute().endsWithRaw(Path.of("rel/dir"));
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.registryPort()).isZero();
        assertThat(options.postgresPort()).isZero();
        assertThatThrownBy(() -> new DevstackOptions(dir, -1, 0, 0)).hasMessageContaining("kafkaPort");
        assertThatThrownBy(() -> new DevstackOptions(dir, 0, 70000, 0)).hasMessageContaining("registryPort");
        assertThatThrownBy(() -> new DevstackOptions(null, 0, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void awaitRetriesAFailingProbeButStopsAtOnceWhenItGivesUp() throws Exception {
        int[] calls = {0};
        Await.until("flaky", Duration.ofSeconds(5), Duration.ofMillis(1), () -> {
            if (++calls[0] < 3) {
                throw new IllegalStateException("not yet");
            }
            return true;
        });
        assertThat(calls[0]).isEqualTo(3);

        // A child that has exited will not become ready: the wait ends on the first probe, not at the timeout.
        int[] deadCalls = {0};
        assertThatThrownBy(() -> Await.until("dead child", Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
            deadCalls[0]++;
            throw new Await.GaveUp("exited with code 1");
        })).isInstanceOf(Await.GaveUp.class).hasMessage("exited with code 1");
        assertThat(deadCalls[0]).isEqualTo(1);
    }

    @Test
    void staleProcessIsStoppedOnlyWhenRecognised() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Path pidFile = Files.writeString(dir.resolve("x.pid"), sleeper.pid() + "\n");

            ChildProcesses.stopIfAlive(pidFile, info -> false, Duration.ofSeconds(5));
            assertThat(sleeper.isAlive()).isTrue();

            ChildProcesses.stopIfAlive(pidFile, info -> ChildProcesses.executableName(info).equals("sleep"),
                    Duration.ofSeconds(5));
            assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void missingOrGarbledPidFilesAreIgnored() throws Exception {
        ChildProcesses.stopIfAlive(dir.resolve("none.pid"), info -> true, Duration.ofSeconds(1));
        ChildProcesses.stopIfAlive(Files.writeString(dir.resolve("bad.pid"), "not a pid"), info -> true,
                Duration.ofSeconds(1));
        // and never this JVM, whatever the predicate says
        ChildProcesses.stopIfAlive(Files.writeString(dir.resolve("self.pid"), ProcessHandle.current().pid() + "\n"),
                info -> true, Duration.ofSeconds(1));
    }
}
