package io.livepeerpool.launcher.ledger;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pool ledger ...}: the ledger's commands. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "The ledger: weights, settlement, balances and payout requests.",
        subcommands = {LedgerReplayCommand.class})
public final class LedgerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
