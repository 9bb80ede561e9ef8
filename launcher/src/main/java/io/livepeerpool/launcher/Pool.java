package io.livepeerpool.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pool}: the one launcher. Every deployable of the pool is a subcommand, so operators scale each alone. */
@Command(name = "pool", mixinStandardHelpOptions = true, version = "livepeer-pool 0.1.0",
        description = "Livepeer transcoder pool: gateway, ledger, workers and the embedded dev stack.",
        subcommands = {
            io.livepeerpool.launcher.dev.DevCommand.class,
            GatewayCommand.class,
            ProjectorCommand.class,
            io.livepeerpool.launcher.ledger.LedgerCommand.class,
            ChainWatcherCommand.class,
            RedeemerCommand.class,
            TestCommand.class,
            io.livepeerpool.launcher.bench.BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Pool implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Pool());
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
