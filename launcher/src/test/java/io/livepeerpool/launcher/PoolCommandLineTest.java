package io.livepeerpool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The launcher as a user meets it: exit codes, messages on stderr, output on stdout. */
class PoolCommandLineTest {
    /** The orchestrator of the replay fixtures. */
    private static final String POOL = "ledger.orchestrators=0x1111111111111111111111111111111111111111";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Pool.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        cli.setOut(new PrintWriter(captured, true));
        try {
            int code = cli.execute(args);
            cli.getOut().flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(PoolCommandLineTest.class.getResource("/" + name).toURI());
    }

    @Test
    void helpListsEveryDeployable() {
        assertThat(run("--help").exitCode()).isZero();
        assertThat(Pool.commandLine().getUsageMessage()).contains("gateway", "projector", "ledger", "chain-watcher");
    }

    @Test
    void theProductionLauncherHasNoDevelopmentCommands() {
        assertThat(Pool.commandLine().getSubcommands()).doesNotContainKeys("dev", "bench", "test");
        Run dev = run("dev");
        assertThat(dev.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(dev.err()).contains("Unmatched argument").contains("dev");
    }

    @Test
    void replayPrintsTheExpectedLedger() throws Exception {
        Run run = run("ledger", "replay", "--input", resource("small-pool.jsonl").toString(), "--set", "ledger.poolFeePpm=50000", "--set", POOL);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(resource("small-pool.expected.jsonl")));
    }

    @Test
    void malformedInputNamesLineAndFieldWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.jsonl");
        Files.writeString(input, "{\"type\":\"newRound\",\"round\":1}\n{\"type\":\"ticketTransfer\",\"txHash\":\"0x12\"}\n");
        Run run = run("ledger", "replay", "--input", input.toString(), "--set", POOL);
        assertThat(run.exitCode()).isEqualTo(FailureHandler.INPUT_ERROR);
        assertThat(run.err()).contains("line 2").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).contains("\"round\":1");
    }

    @Test
    void badSettingNamesTheKey() throws Exception {
        Run run = run("ledger", "replay", "--input", resource("small-pool.jsonl").toString(), "--set", "ledger.poolFeePpm=5%", "--set", POOL);
        assertThat(run.exitCode()).isEqualTo(FailureHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("ledger.poolFeePpm");
    }

    @Test
    void missingInputFileIsAnInputError() {
        Run run = run("ledger", "replay", "--input", "/nonexistent/events.jsonl", "--set", POOL);
        assertThat(run.exitCode()).isEqualTo(FailureHandler.INPUT_ERROR);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void gatewayWithoutRequiredKeysListsThemAll() {
        Run run = run("gateway");
        assertThat(run.exitCode()).isEqualTo(FailureHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("gateway.keysFile", "kafka.bootstrapServers", "schemaRegistry.url", "db.jdbcUrl", "db.password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "projector", "ledger", "chain-watcher", "redeemer", "max-float", "performance", "payouts"})
    void everyServiceRefusesAnUnknownKeyNamingIt(String command) {
        Run run = run(command, "--set", "kafka.bootstrapServer=k:9092", "--set", "no.such.key=1");

        assertThat(run.exitCode()).isEqualTo(FailureHandler.CONFIG_ERROR);
        assertThat(run.err())
                .contains("kafka.bootstrapServer: unknown key (in --set) (did you mean kafka.bootstrapServers?)")
                .contains("no.such.key: unknown key (in --set)")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void theReplayRequiresThePoolsOrchestrators() throws Exception {
        Run run = run("ledger", "replay", "--input", resource("small-pool.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(FailureHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("ledger.orchestrators").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theReplayRefusesAnUnknownLedgerKey() throws Exception {
        Run run = run("ledger", "replay", "--input", resource("small-pool.jsonl").toString(), "--set", "ledger.poolFee=5");
        assertThat(run.exitCode()).isEqualTo(FailureHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("ledger.poolFee: unknown ledger setting");
    }
}
