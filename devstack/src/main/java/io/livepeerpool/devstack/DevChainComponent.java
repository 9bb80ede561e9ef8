package io.livepeerpool.devstack;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevChainOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dev Ethereum chain: a Hardhat node with the Livepeer-compatible contracts deployed and the dev accounts
 * funded. Hardhat keeps its state in memory, so every start is a fresh chain (same contract addresses, since the
 * deployer's nonces start again at 0); what the pool recorded about the previous chain stays in Kafka.
 */
record DevChainComponent(DevChain chain, DevNetwork network) implements AutoCloseable {

    static DevChainComponent start(Path workDir, int port) throws Exception {
        Files.createDirectories(workDir);
        DevChainOptions options = DevChainOptions.defaults().withWorkDir(workDir);
        if (port > 0) {
            options = options.withPort(port);
        }
        DevChain chain = DevChain.start(options);
        try {
            return new DevChainComponent(chain, DevNetwork.deploy(chain, DeployOptions.defaults()));
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
