package io.livepeerpool.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pool}: the one launcher. Every deployable of the pool is a subcommand, so operators scale each alone.
 * This is the production jar ({@code launcher/target/pool.jar}, the image's): production commands only, registered
 * here. The development commands ({@code dev}, {@code bench}, {@code test}) and the embedded dev stack they need are
 * added by {@code launcher-dev}'s {@code PoolDev}, a separate jar that {@code ./pool} runs for them.
 */
@Command(name = "pool", mixinStandardHelpOptions = true, version = "livepeer-pool 0.1.0",
        description = "Livepeer transcoder pool: gateway, ledger and workers.",
        subcommands = {
            // Production commands: add new deployables here (launcher-dev picks them up as well).
            GatewayCommand.class,
            ProjectorCommand.class,
            io.livepeerpool.launcher.ledger.LedgerCommand.class,
            ChainWatcherCommand.class,
            RedeemerCommand.class,
            PayoutsCommand.class,
            MaxFloatCommand.class,
            io.livepeerpool.launcher.topics.TopicsCommand.class,
            PerformanceCommand.class,
            io.livepeerpool.launcher.ticket.TicketCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Pool implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(io.livepeerpool.platform.lifecycle.ServiceRunner.exitStatus(commandLine().execute(args)));
    }

    /** The production command line; {@code PoolDev} adds the development commands to it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Pool());
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
