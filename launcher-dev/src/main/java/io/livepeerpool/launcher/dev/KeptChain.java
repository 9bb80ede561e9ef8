package io.livepeerpool.launcher.dev;

import io.livepeerpool.launcher.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pool's data (topics, rows, the watcher's cursor, settled rounds) refers to one chain: the one kept in the data
 * dir's {@code chain/}. A data dir that {@code pool dev} ran on before, but without that chain (made before the dev
 * chain was kept, when every start was a fresh chain, or with {@code chain/} deleted), would pair old pool data with
 * a new chain whose rounds start again at the beginning. That is refused here, rather than fast-forwarding the new
 * chain to look like the old one.
 */
final class KeptChain {
    /** Written by the devstack next to anvil's state when it deploys the dev contracts. */
    static final String CONTRACTS_FILE = "chain/contracts.json";

    private KeptChain() {
    }

    static void requireChainOf(Path dataDir) {
        boolean ranBefore = Files.exists(dataDir.resolve(DevCredentials.FILE_NAME));
        if (ranBefore && !Files.exists(dataDir.resolve(CONTRACTS_FILE))) {
            throw new UserInputException(dataDir + " holds pool data from an earlier `pool dev` but not the dev chain it"
                    + " refers to (no " + CONTRACTS_FILE + ": made before the dev chain was kept across restarts, or that"
                    + " directory was deleted). Start with a new --data-dir, or delete " + dataDir + " to start over.");
        }
    }
}
