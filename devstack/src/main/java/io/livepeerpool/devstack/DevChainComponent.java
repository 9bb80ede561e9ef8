package io.livepeerpool.devstack;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevChainOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dev Ethereum chain: an anvil node with the Livepeer-compatible contracts and the dev accounts funded, kept in
 * the data dir like the rest of the devstack: {@code chain/state.json} (anvil's state: blocks, logs, balances,
 * contract storage; written on stop and every {@link DevChainOptions#DEFAULT_STATE_INTERVAL}) and
 * {@code chain/contracts.json} (where the contracts are). The first start deploys the contracts; later ones find
 * them in the state, checked against the recorded code, and the chain goes on from its last block and round.
 */
record DevChainComponent(DevChain chain, DevNetwork network) implements AutoCloseable {
    static final String STATE_FILE = "state.json";
    static final String CONTRACTS_FILE = "contracts.json";

    static DevChainComponent start(Path workDir, int port) throws Exception {
        Files.createDirectories(workDir);
        DevChainOptions options = DevChainOptions.defaults().withWorkDir(workDir).withStateFile(workDir.resolve(STATE_FILE));
        if (port > 0) {
            options = options.withPort(port);
        }
        DevChain chain = DevChain.start(options);
        try {
            return new DevChainComponent(chain,
                    DevNetwork.openOrDeploy(chain, workDir.resolve(CONTRACTS_FILE), DeployOptions.defaults()));
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    String rpcUrl() {
        return chain.rpcUrl();
    }

    @Override
    public void close() {
        chain.close();
    }
}
