package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The development launcher: every production command plus dev, bench and test. */
class PoolDevTest {

    @Test
    void addsTheDevelopmentCommandsToTheProductionOnes() {
        assertThat(PoolDev.commandLine().getSubcommands())
                .containsKeys("gateway", "projector", "ledger", "chain-watcher", "dev", "bench", "test");
    }

    @Test
    void devHelpWorks() {
        CommandLine cli = PoolDev.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("dev", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: pool dev").contains("advance-round").contains("--data-dir");
    }

    @Test
    void theNonceBenchHoldsARateAboveTheOldLimitForLongerThanTheWindow() {
        // 1,000 requests/s for 3 windows of 10 s: the old 200,000-nonce rule allows 20,000/s here, so scale its share
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(PoolDev.commandLine().execute("bench", "nonces", "--rate", "1000", "--seconds", "30",
                    "--skew-seconds", "10")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("time/memory-bounded store:            0 of 30,000 refused");
    }

    @Test
    void benchListsTheMaxFloatBench() {
        assertThat(PoolDev.commandLine().getSubcommands().get("bench").getSubcommands())
                .containsKeys("ingest", "ledger", "redeem", "max-float", "nonces");
    }
}
