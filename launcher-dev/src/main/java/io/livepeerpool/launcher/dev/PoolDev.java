package io.livepeerpool.launcher.dev;

import io.livepeerpool.launcher.Pool;
import io.livepeerpool.launcher.bench.BenchCommand;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code pool} for development ({@code launcher-dev/target/pool-dev.jar}): every production command of {@link Pool}
 * plus the ones that need the embedded dev stack (Kafka broker, PostgreSQL binaries, Apicurio, anvil chain) or the
 * source tree. Kept out of the production jar so that images carry none of it; {@code ./pool} runs this jar for
 * {@code dev}, {@code bench}, {@code test} and help, the production jar for everything else.
 */
public final class PoolDev {
    /** Development commands: add new ones here (production commands go in {@link Pool}). */
    static final List<Class<?>> DEV_COMMANDS = List.of(DevCommand.class, BenchCommand.class, TestCommand.class);

    private PoolDev() {
    }

    public static void main(String[] args) {
        System.exit(io.livepeerpool.platform.lifecycle.ServiceRunner.exitStatus(commandLine().execute(args)));
    }

    static CommandLine commandLine() {
        CommandLine cli = Pool.commandLine();
        cli.getCommandSpec().usageMessage()
                .description("Livepeer transcoder pool: gateway, ledger, workers and the embedded dev stack.");
        DEV_COMMANDS.forEach(cli::addSubcommand);
        return cli;
    }
}
