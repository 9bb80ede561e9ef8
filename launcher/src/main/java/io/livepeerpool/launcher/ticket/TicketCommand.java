package io.livepeerpool.launcher.ticket;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pool ticket}: operator tools for winning tickets. */
@Command(name = "ticket", mixinStandardHelpOptions = true,
        description = "Operator tools for winning tickets.",
        subcommands = {TicketInspectCommand.class})
public final class TicketCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
