package io.livepeerpool.launcher.bench;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.launcher.dev.DevCredentials;
import io.livepeerpool.ledger.streams.bench.LedgerBench;
import io.livepeerpool.platform.files.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench ledger}: job events/s through the ledger topology on a real broker, against a pass-through
 * topology over the same topic (same serdes, exactly-once) as the baseline in the same run; then the time from a
 * NewRound to the published settlement for the epoch just loaded.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Benchmark the ledger topology vs a pass-through topology, and NewRound -> Settlement latency.")
public final class BenchLedgerCommand implements Callable<Integer> {

    @Option(names = "--jobs", defaultValue = "1000000", description = "Jobs in the epoch (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--transcoders", defaultValue = "10000", description = "Transcoders (default: ${DEFAULT-VALUE}).")
    int transcoders;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the job topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Use the broker and registry of a running `pool dev` (its dev-credentials.json); "
                    + "default: start a temporary devstack for the run.")
    Path credentials;

    @Override
    public Integer call() throws Exception {
        LedgerBench.Options options = new LedgerBench.Options(jobs, transcoders, partitions);
        if (credentials != null) {
            DevCredentials dev = DevCredentials.read(credentials);
            print(LedgerBench.run(dev.kafkaBootstrapServers(), dev.schemaRegistryUrl(), options));
            return 0;
        }
        Path dir = Files.createTempDirectory("pool-bench-ledger-");
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dir))) {
            print(LedgerBench.run(devstack.bootstrapServers(), devstack.schemaRegistryUrl(), options));
        } finally {
            Directories.deleteQuietly(dir);
        }
        return 0;
    }

    private static void print(LedgerBench.Result result) {
        result.lines().forEach(System.out::println);
    }
}
