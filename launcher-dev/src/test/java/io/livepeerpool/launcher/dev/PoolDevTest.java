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
}
