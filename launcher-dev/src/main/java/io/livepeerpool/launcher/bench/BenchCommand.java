package io.livepeerpool.launcher.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pool bench ...}: benchmarks; each measures its own baseline in the same run and reports ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (each reports ratios against a baseline measured in the same run).",
        subcommands = {BenchIngestCommand.class, BenchLedgerCommand.class, BenchRedeemCommand.class, BenchMaxFloatCommand.class, BenchNoncesCommand.class,
            BenchPayoutsCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
