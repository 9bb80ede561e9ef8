package io.livepeerpool.devstack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the devstack keeps its data and which ports it listens on (all on 127.0.0.1).
 *
 * @param dataDir      root of all persistent state: {@code kafka/}, {@code postgres/}, {@code registry/} and the logs
 *                     of the child processes; starting again on the same directory keeps topics, rows and schemas
 * @param kafkaPort    PLAINTEXT listener of the broker; 0 picks a free port
 * @param registryPort HTTP port of the schema registry; 0 picks a free port
 * @param postgresPort PostgreSQL port; 0 picks a free port
 * @param chain        also start the dev Ethereum chain (anvil, kept in {@code chain/} like the rest) with the
 *                     Livepeer-compatible contracts (deployed by the first start); off for tests that do not need it,
 *                     since it is one more child process
 * @param chainPort    JSON-RPC port of the dev chain; 0 picks a free port
 */
public record DevstackOptions(Path dataDir, int kafkaPort, int registryPort, int postgresPort, boolean chain, int chainPort) {

    public DevstackOptions(Path dataDir, int kafkaPort, int registryPort, int postgresPort) {
        this(dataDir, kafkaPort, registryPort, postgresPort, false, 0);
    }

    public DevstackOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        checkPort("kafkaPort", kafkaPort);
        checkPort("registryPort", registryPort);
        checkPort("postgresPort", postgresPort);
        checkPort("chainPort", chainPort);
    }

    /** The same, plus the dev chain with the contracts deployed. */
    public DevstackOptions withChain(int port) {
        return new DevstackOptions(dataDir, kafkaPort, registryPort, postgresPort, true, port);
    }

    /** All ports picked freely at start. */
    public static DevstackOptions defaults(Path dataDir) {
        return new DevstackOptions(dataDir, 0, 0, 0);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (pick a free port) or 1..65535, was " + port);
        }
    }
}
