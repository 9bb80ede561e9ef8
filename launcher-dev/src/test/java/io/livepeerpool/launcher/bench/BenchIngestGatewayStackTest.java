package io.livepeerpool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pool bench ingest --stack gateway} starts its own broker, registry and gateway and drives it with wrk: every
 * phase's requests answered 2xx (exit 0), the acked write, signed single and batch posts and a short sustained phase
 * included, with the server's CPU per request, the client's cores, the gateway's own threads' CPU per request and the
 * nonce store at the end measured.
 */
class BenchIngestGatewayStackTest {
    @Test
    void theGatewayOnlyStackRunsEveryPhaseWithoutAFailure() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new BenchIngestCommand()).execute("--stack", "gateway", "--connections", "4",
                    "--seconds", "2", "--warmup-seconds", "1", "--rounds", "2", "--batch-size", "10",
                    "--phases", "baseline,acked,single,batch,sustained", "--sustained-seconds", "2",
                    "--set", "gateway.kafka.lingerMs=1");
        } finally {
            System.setOut(out);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(exit).isZero();
        assertThat(report).contains("gateway only").contains("signed single job, 4 connections, round 2/2")
                .contains("signed batch x10, 4 connections").contains("bare + acked write, 4 connections, round 2/2");
        assertThat(report).as("the replay window's store after the sustained phase, against its cap")
                .containsPattern("at the end of the sustained phase, nonce store: [1-9][0-9,]* nonces in [0-9.]+ MiB"
                        + " of its 256 MiB cap");
        if (Files.exists(Path.of("/proc/stat"))) {
            String baseline = report.lines().filter(l -> l.startsWith("baseline (bare https)")).findFirst().orElseThrow();
            assertThat(baseline).as("the server's CPU per request, its ratio 1 and the client's cores, measured")
                    .matches(".* [1-9][0-9]* +1\\.000 +[0-9]\\.[0-9][0-9] .*");
        }
        String single = report.lines().filter(l -> l.startsWith("signed single job")).findFirst().orElseThrow();
        assertThat(single).as("the gateway's own threads' CPU per request and its ratio to the baseline's, measured")
                .matches(".* [1-9][0-9]* +[0-9]\\.[0-9]{3}$");
    }
}
